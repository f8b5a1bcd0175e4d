//! Every session's status, live, in the real window: the backend's broadcasts reach the web
//! view (its capability grants `listen`), the list's badges follow sessions nobody opened, and a
//! notification about one of them opens it.

use agent_desk_e2e::live::{Api, PAGE};
use agent_desk_e2e::odd_api::OddApi;
use agent_desk_e2e::{App, Launch, Result};
use managed_agents_sim::SimConfig;

async fn badge(app: &App, session: &str) -> Result<(String, String)> {
    let value = app
        .eval(&format!(
            "const b = document.querySelector(\"[data-session-id='{session}'] [data-status]\"); \
             return b ? [b.dataset.status, b.dataset.pending] : ['', '']"
        ))
        .await?;
    let text = |i: usize| value[i].as_str().unwrap_or_default().to_owned();
    Ok((text(0), text(1)))
}

#[tokio::test]
#[ignore = "needs a display: run through scripts/test"]
async fn sessions_nobody_opened_show_needs_approval_with_their_count_in_the_list() -> Result<()> {
    let api = Api::start(SimConfig::default()).await?;
    let mut sessions = Vec::new();
    for title in ["Deploy web", "Deploy api", "Deploy docs"] {
        sessions.push(api.session(title, None).await?);
    }
    let mut app = Launch::new("sessions-list-live").start().await?;
    app.use_profile(&api.sim).await?;
    app.click("nav [data-section='sessions']").await?;
    for session in &sessions {
        app.find(&format!("[data-session-id='{session}'] [data-status='idle']")).await?;
    }
    app.screenshot("all-idle").await?;

    // Started elsewhere (here: straight through the API), none of them open in the app.
    for session in &sessions {
        api.say(session, "Please deploy to staging.").await?;
    }
    let mut total = 0;
    for session in &sessions {
        app.wait_until(&format!("{session} needs approval in the list"), async |app| {
            Ok(badge(app, session).await?.0 == "requiresAction")
        })
        .await?;
        let expected = api.waiting_calls(session).await?.ok_or("the API says it waits")?;
        total += expected;
        let what = format!("the badge counts the {expected} calls the API lists");
        app.wait_until(&what, async |app| Ok(badge(app, session).await?.1 == expected.to_string()))
            .await?;
    }
    app.expect_text("Needs approval (2)").await?;
    // The sidebar counts every waiting call, over the three sessions.
    app.wait_until("the sidebar counts every waiting call", async |app| {
        let shown = app
            .eval("return document.querySelector('[data-testid=waiting-calls]')?.textContent ?? ''")
            .await?;
        Ok(shown.as_str() == Some(total.to_string().as_str()))
    })
    .await?;
    app.screenshot("all-need-approval").await?;
    assert_eq!(app.count("[aria-label='Session']").await?, 0, "no session was opened");
    let log = app.log()?;
    assert!(!log.contains("not allowed"), "no command or listen was refused:\n{log}");
    app.close().await
}

#[tokio::test]
#[ignore = "needs a display: run through scripts/test"]
async fn a_notification_about_a_session_opens_it() -> Result<()> {
    let api = Api::start(SimConfig::default()).await?;
    let session = api.session("Release notes", None).await?;
    let desktop = tempfile::tempdir()?;
    let mut app = Launch::new("sessions-notification")
        .env("AGENT_DESK_TEST_DESKTOP", &desktop.path().display().to_string())
        .start()
        .await?;
    app.use_profile(&api.sim).await?;
    app.click("nav [data-section='sessions']").await?;
    app.find(&format!("[data-session-id='{session}'] [data-status='idle']")).await?;
    // A notification is about a change: the app must have read the session before it changes
    // (otherwise it first sees it already waiting, which it does not announce).
    app.wait_monitored(&[&session]).await?;

    // The window is in the background (the test desktop says so); the session asks for approval.
    api.say(&session, "Please deploy the release.").await?;
    app.wait_until("the notified session is open", async |app| {
        Ok(app.session_id().await? == session)
    })
    .await?;
    app.expect_text("Release notes").await?;
    app.screenshot("opened-from-notification").await?;
    let shown = std::fs::read_to_string(desktop.path().join("notifications.jsonl"))?;
    let first: serde_json::Value =
        serde_json::from_str(shown.lines().next().ok_or("no notification was shown")?)?;
    assert_eq!(first["title"], "Release notes", "{shown}");
    assert!(first["body"].as_str().unwrap_or("").starts_with("Needs approval"), "{shown}");
    app.close().await
}

#[tokio::test]
#[ignore = "needs a display: run through scripts/test"]
async fn a_session_the_app_cannot_read_is_shown_raw_and_the_rest_of_the_list_loads() -> Result<()> {
    let api = Api::start(SimConfig::default()).await?;
    let readable = api.session("Readable one", None).await?;
    let odd = api.session("Odd one", None).await?;
    // Both sessions count more input tokens than a u32 holds; "Odd one" more than a u64.
    let proxy = OddApi::start(&api.sim.base_url(), "Odd one").await?;
    let mut app = Launch::new("sessions-undecodable").start().await?;
    app.use_profile_at(&proxy.base_url).await?;
    app.click("nav [data-section='sessions']").await?;
    app.find(&format!("[data-session-id='{readable}'] [data-status]")).await?;
    let kept = app.find("[data-testid='undecoded-item']").await?.text().await?;
    assert!(kept.contains("This session could not be read"), "{kept}");
    assert!(kept.contains(&odd), "the unreadable row names its id: {kept}");
    assert_eq!(app.count(&format!("[data-session-id='{odd}']")).await?, 0);
    app.click("[data-testid='undecoded-item'] summary").await?;
    let raw = app.find("[data-testid='undecoded-item'] pre").await?.text().await?;
    assert!(raw.contains("\"Odd one\""), "the raw object is shown: {raw}");
    app.screenshot("one-unreadable-session").await?;

    // The readable session opens, and its usage shows the count past u32 in full.
    app.open_session(&readable).await?;
    let wide = agent_desk_e2e::odd_api::WIDE_TOKENS;
    app.press_button(PAGE, "Usage").await?;
    let usage = app.find("[aria-label='Usage and cost']").await?.text().await?;
    assert!(usage.contains("5,000,000,000"), "input tokens {wide} shown in full: {usage}");
    app.screenshot("wide-token-count").await?;
    app.close().await
}

#[tokio::test]
#[ignore = "needs a display: run through scripts/test"]
async fn sessions_archived_or_deleted_elsewhere_say_so_in_their_row_and_page() -> Result<()> {
    let api = Api::start(SimConfig::default()).await?;
    let archived = api.session("Archived elsewhere", None).await?;
    let deleted = api.session("Deleted elsewhere", None).await?;
    let open = api.session("Archived while open", None).await?;
    let mut app = Launch::new("sessions-elsewhere").start().await?;
    app.use_profile(&api.sim).await?;
    app.click("nav [data-section='sessions']").await?;
    for session in [&archived, &deleted, &open] {
        app.find(&format!("[data-session-id='{session}'] [data-status='idle']")).await?;
    }
    // The list shows what it read itself; what changes later comes from the app's monitor of
    // every session, which must have read them too (it does every 1.5 s).
    app.wait_monitored(&[&archived, &deleted, &open]).await?;

    api.client.sessions().archive(&archived).await?;
    api.client.sessions().delete(&deleted).await?;
    app.wait_until("the archived row says so", async |app| {
        Ok(badge(app, &archived).await?.0 == "archived")
    })
    .await?;
    app.wait_until("the deleted row is gone", async |app| {
        Ok(app.count(&format!("[data-session-id='{deleted}']")).await? == 0)
    })
    .await?;
    let row = app.find(&format!("[data-session-id='{archived}']")).await?.text().await?;
    assert!(row.contains("Archived"), "{row}");
    app.screenshot("archived-and-deleted-elsewhere").await?;

    app.open_session(&open).await?;
    api.client.sessions().archive(&open).await?;
    app.expect_text("This session is archived").await?;
    app.screenshot("page-archived-while-open").await?;
    app.close().await
}
