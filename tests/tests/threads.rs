//! A multi-agent session in the real window: the simulator's "team" demo shown by thread (each
//! subagent with its status), one thread's own transcript opened while it runs and that thread
//! interrupted alone, the timeline's lanes, and the primary thread one click away.

use agent_desk_e2e::live::{Api, PAGE};
use agent_desk_e2e::{App, Launch, Result};
use managed_agents_sim::{SimConfig, TypingSpeed};

const THREADS: &str = "[role='tablist'][aria-label='Threads']";

async fn app_on(test: &str, api: &Api) -> Result<App> {
    let mut app = Launch::new(test).start().await?;
    app.use_profile(&api.sim).await?;
    Ok(app)
}

#[tokio::test]
#[ignore = "needs a display: run through scripts/test"]
async fn a_team_session_is_shown_by_thread_and_one_thread_is_opened_and_interrupted() -> Result<()>
{
    // Slow enough that the first subagent still types its reply when the test interrupts it.
    let api =
        Api::start(SimConfig { typing: TypingSpeed::CharsPerSecond(5), ..SimConfig::default() })
            .await?;
    let session = api.session("Date parsing", Some("Get the team on it")).await?;
    let mut app = app_on("threads", &api).await?;
    app.open_session(&session).await?;

    // The Researcher's chip appears once its thread is created, running.
    let researcher = format!("{THREADS} button[data-thread]:not([aria-selected='true'])");
    app.wait_until("the Researcher's thread runs", async |app| {
        let state = app
            .eval(&format!(
                "const b = [...document.querySelectorAll(\"{researcher}\")] \
                 .find((b) => b.textContent.includes('Researcher')); \
                 return b ? b.dataset.threadState : ''"
            ))
            .await?;
        Ok(state.as_str() == Some("running"))
    })
    .await?;
    assert_eq!(app.count(&format!("{PAGE} [aria-label='Timeline'] [data-lane]")).await?, 2);
    app.screenshot("team").await?;

    // Its lane has its own model requests, read from its thread's stream (the session's has
    // only its status), and a click on one opens its transcript there.
    let thread_id = app
        .eval(&format!(
            "return [...document.querySelectorAll(\"{researcher}\")] \
             .find((b) => b.textContent.includes('Researcher')).dataset.thread"
        ))
        .await?
        .as_str()
        .ok_or("the Researcher's chip names its thread")?
        .to_owned();
    let own_request =
        format!("{PAGE} [aria-label='Timeline'] [data-lane='{thread_id}'] .span.model");
    app.wait_until("the Researcher's lane shows its model request", async |app| {
        Ok(app.count(&own_request).await? > 0)
    })
    .await?;
    app.click(&own_request).await?;
    let transcript = format!("{PAGE} [data-thread-id='{thread_id}']");
    app.wait_until("the thread's transcript shows that request", async |app| {
        let there = app
            .eval(&format!(
                "const t = document.querySelector(\"{transcript}\"); \
                 return !!t && Number(t.dataset.itemCount) > 0 && t.contains(document.activeElement) \
                 && document.activeElement.closest('[data-kind]')?.dataset.kind === 'model_request'"
            ))
            .await?;
        Ok(there.as_bool() == Some(true))
    })
    .await?;
    app.screenshot("researcher-thread").await?;

    // Interrupted alone: the interrupt names its thread.
    app.press_button(THREADS, "Interrupt Researcher").await?;
    app.wait_until("the API has the thread's interrupt", async |_| {
        let interrupts = api.events_of_type(&session, "user.interrupt").await?;
        Ok(interrupts.to_string().contains(&thread_id))
    })
    .await?;

    // The primary thread is one click away.
    app.click(&format!("{THREADS} button[data-thread]:first-child")).await?;
    app.wait_until("the session's own transcript is back", async |app| {
        Ok(app.count(&transcript).await? == 0)
    })
    .await?;
    app.screenshot("primary-again").await?;

    // And the chip opens the thread's transcript too.
    app.eval(&format!(
        "[...document.querySelectorAll(\"{researcher}\")].find((b) => b.textContent.includes('Researcher')).click()"
    ))
    .await?;
    app.wait_until("the chip shows the transcript", async |app| {
        Ok(app.count(&transcript).await? == 1)
    })
    .await?;
    app.close().await
}
