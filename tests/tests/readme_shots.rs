//! The README's pictures of many sessions at once, taken from the real window
//! (`scripts/update-screenshots` copies them into docs/): tabs with a team session's threads
//! panel and timeline, in the light theme; the approvals inbox with three sessions' calls, dark.

use agent_desk_e2e::live::{Api, PAGE};
use agent_desk_e2e::{Launch, Result};
use managed_agents_sim::{SimConfig, TypingSpeed};

#[tokio::test]
#[ignore = "needs a display: run through scripts/test"]
async fn readme_screenshots_show_tabs_threads_and_the_inbox() -> Result<()> {
    let api =
        Api::start(SimConfig { typing: TypingSpeed::CharsPerSecond(400), ..SimConfig::default() })
            .await?;
    let deploy = api.session("Deploy to staging", Some("Deploy to staging")).await?;
    let release = api.session("Cut the release", Some("Deploy the release")).await?;
    let ticket = api.session("Triage APP-1234", Some("Look up the custom ticket")).await?;
    let team = api.session("Date parsing, as a team", Some("Get the team on it")).await?;

    let mut app = Launch::new("readme-tabs-light").env("GTK_THEME", "Adwaita").start().await?;
    app.use_profile(&api.sim).await?;
    for session in [&deploy, &ticket, &team] {
        app.open_session(session).await?;
    }
    // The team's turn over: every lane of the timeline drawn, the threads idle.
    app.wait_until("the team's turn is over", async |app| {
        Ok(app.page_attr("data-status").await? == "idle"
            && app.count(&format!("{PAGE} [aria-label='Timeline'] [data-lane]")).await? == 3)
    })
    .await?;
    app.screenshot("tabs-threads").await?;
    app.close().await?;

    let mut app = Launch::new("readme-inbox-dark").env("GTK_THEME", "Adwaita:dark").start().await?;
    app.use_profile(&api.sim).await?;
    for session in [&deploy, &release, &ticket] {
        app.wait_until("the session waits", async |_| {
            Ok(api.waiting_calls(session).await?.is_some())
        })
        .await?;
    }
    app.click("nav [data-section='inbox']").await?;
    app.wait_until("the three sessions' calls are listed", async |app| {
        Ok(app.count("[data-inbox-item]").await? >= 5)
    })
    .await?;
    app.chord(&[], 'j').await?;
    app.screenshot("inbox").await?;
    app.close().await
}
