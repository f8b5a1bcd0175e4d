//! Sessions as a person drives them, one flow per test and each with its own app, against a
//! simulator the test controls: start one from the dialog and watch the text grow; approve and
//! deny tool calls; answer a custom tool; interrupt with Esc; survive a stream cut again and
//! again with nothing missing or doubled; open a long session whose history is slow to come;
//! interrupt every running session at once; raise a budget the session stopped at; stop at a
//! profile's daily cap; archive and delete.

use std::time::{Duration, Instant};

use agent_desk_e2e::live::{Api, PAGE, slow_typing};
use agent_desk_e2e::{App, Key, Launch, Result};
use managed_agents::types::CreateSessionRequest;
use managed_agents_sim::{Faults, SimConfig};
use serde_json::json;

/// Starts the app on `api` with the test profile active.
async fn app_on(test: &str, api: &Api) -> Result<App> {
    let mut app = Launch::new(test).start().await?;
    app.use_profile(&api.sim).await?;
    Ok(app)
}

async fn agent_text_length(app: &App) -> Result<usize> {
    let value = app
        .eval(
            "return [...document.querySelectorAll(\"[data-kind='agent']\")] \
             .reduce((n, el) => n + el.textContent.length, 0)",
        )
        .await?;
    Ok(value.as_u64().unwrap_or(0) as usize)
}

#[tokio::test]
#[ignore = "needs a display: run through scripts/test"]
async fn a_session_started_from_the_dialog_shows_its_text_as_it_is_typed() -> Result<()> {
    let api = Api::start(slow_typing()).await?;
    let mut app = app_on("sessions-start", &api).await?;

    app.click("nav [data-section='sessions']").await?;
    app.expect_section("sessions").await?;
    app.screenshot("sessions-empty").await?;
    app.press_button("[data-page='sessions']", "New session").await?;
    // The list's filter is labelled Agent too: pick inside the dialog.
    app.click(&format!("[role='dialog'] option[value='{}']", api.agent)).await?;
    app.click(&format!("[role='dialog'] option[value='{}']", api.environment)).await?;
    app.fill("Title", "Fix the tests").await?;
    app.fill("First message", "Please fix the failing test in the parser.").await?;
    app.screenshot("new-session-dialog").await?;
    app.press_button("[role='dialog']", "Create session").await?;
    app.find(PAGE).await?;

    // The reply grows as it is typed: three screenshots, each with more text than the last.
    let mut lengths: Vec<usize> = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(30);
    while lengths.len() < 3 && Instant::now() < deadline {
        let length = agent_text_length(&app).await?;
        if length > lengths.last().copied().unwrap_or(0) {
            lengths.push(length);
            app.screenshot(&format!("typing-{}", lengths.len())).await?;
        }
        tokio::time::sleep(Duration::from_millis(80)).await;
    }
    assert_eq!(lengths.len(), 3, "the text grew in three steps: {lengths:?}");
    assert!(lengths.windows(2).all(|w| w[0] < w[1]), "the text grew: {lengths:?}");

    // The session the dialog made is the one shown, with the title typed.
    let session = app.session_id().await?;
    let stored = api.client.sessions().retrieve(&session).await?;
    assert_eq!(stored.title.flatten().as_deref(), Some("Fix the tests"));
    app.expect_text("Fix the tests").await?;
    app.close().await
}

#[tokio::test]
#[ignore = "needs a display: run through scripts/test"]
async fn tool_calls_are_allowed_and_denied_with_a_reason_by_keyboard() -> Result<()> {
    let api = Api::start(SimConfig::default()).await?;
    let session = api.session("Fix the parser", Some("Please fix the failing test.")).await?;
    let mut app = app_on("sessions-approvals", &api).await?;
    app.open_session(&session).await?;

    // Allow the first call that asks, with `a` on its focused card.
    app.wait_awaiting(1).await?;
    app.show_first_pending().await?;
    app.screenshot("approval").await?;
    let done = app.count("[data-tool-status='done']").await?;
    app.chord(&[], 'a').await?;
    app.wait_until("the allowed call ran", async |app| {
        Ok(app.count("[data-tool-status='done']").await? > done)
    })
    .await?;
    let allowed = api.events_of_type(&session, "user.tool_confirmation").await?;
    assert!(allowed.to_string().contains("\"allow\""), "{allowed}");

    // Deny the next with `d`, which asks for a reason; Enter sends it.
    app.wait_until("another call asks", async |app| {
        Ok(!matches!(app.page_attr("data-awaiting").await?.as_str(), "0" | ""))
    })
    .await?;
    app.show_first_pending().await?;
    app.chord(&[], 'd').await?;
    let reason = app.field("Reason (optional, shown to the agent)").await?;
    app.wait_until("the reason field has the focus", async |app| {
        let focused = app.eval("return !!document.activeElement?.matches('input, textarea')");
        Ok(focused.await?.as_bool() == Some(true))
    })
    .await?;
    reason.send_keys("Do not touch the lockfile.").await?;
    app.screenshot("deny-reason").await?;
    app.press(Key::Enter).await?;
    app.wait_until("a denied card", async |app| {
        Ok(app.count("[data-tool-status='denied']").await? > 0)
    })
    .await?;
    let answers = api.events_of_type(&session, "user.tool_confirmation").await?;
    assert!(answers.to_string().contains("Do not touch the lockfile."), "{answers}");

    app.allow_until_idle().await?;
    app.screenshot("turn-done").await?;
    app.close().await
}

#[tokio::test]
#[ignore = "needs a display: run through scripts/test"]
async fn a_custom_tool_is_answered_from_its_card() -> Result<()> {
    let api = Api::start(SimConfig::default()).await?;
    let session = api.session("Ticket", None).await?;
    let mut app = app_on("sessions-custom-tool", &api).await?;
    app.open_session(&session).await?;

    app.fill("Message", "Look up the custom ticket for me.").await?;
    app.press(Key::Enter).await?;
    app.wait_awaiting(1).await?;
    app.show_first_pending().await?;
    app.fill("Result", "APP-1234: the parser drops trailing commas.").await?;
    app.screenshot("custom-tool").await?;
    // Ctrl+Enter sends the result from its field.
    app.chord(&[Key::Control], char::from(Key::Enter)).await?;
    app.wait_status("idle").await?;
    app.expect_text("Thanks, I have the ticket details now.").await?;
    let results = api.events_of_type(&session, "user.custom_tool_result").await?;
    assert!(results.to_string().contains("APP-1234"), "{results}");
    app.screenshot("custom-tool-answered").await?;
    app.close().await
}

#[tokio::test]
#[ignore = "needs a display: run through scripts/test"]
async fn the_long_task_is_interrupted_with_esc() -> Result<()> {
    let api = Api::start(SimConfig::default()).await?;
    let session = api.session_allowing_all("Migration").await?;
    let mut app = app_on("sessions-interrupt", &api).await?;
    app.open_session(&session).await?;

    app.fill("Message", "Run the long marathon migration.").await?;
    app.press(Key::Enter).await?;
    app.wait_status("running").await?;
    // Some of the long task is on screen before the interrupt.
    app.wait_until("the task has made progress", async |app| {
        Ok(app.page_attr("data-event-count").await?.parse::<u32>().unwrap_or(0) > 20)
    })
    .await?;
    app.click("[aria-label='Conversation']").await?;
    app.press(Key::Escape).await?;
    app.wait_status("idle").await?;
    app.screenshot("interrupted").await?;
    let interrupts = api.events_of_type(&session, "user.interrupt").await?;
    assert_eq!(interrupts.as_array().map(Vec::len), Some(1), "one interrupt was sent");
    app.close().await
}

#[tokio::test]
#[ignore = "needs a display: run through scripts/test"]
async fn a_stream_cut_again_and_again_mid_reply_shows_every_event_once() -> Result<()> {
    let api = Api::start(SimConfig::default()).await?;
    let session = api.session("Tokenizer", None).await?;
    let mut app = app_on("sessions-stream-cuts", &api).await?;
    app.open_session(&session).await?;

    // Faults apply to streams opened from now on: the open one stays up until the reply starts,
    // then the session's tab is closed and the session opened again mid-reply.
    api.sim.set_faults(Faults { cut_stream_after_events: Some(25), ..Faults::default() });
    let opened = api.sim.streams_opened();
    app.fill("Message", "Please fix the bug in the tokenizer.").await?;
    app.press(Key::Enter).await?;
    app.wait_status("running").await?;
    // Its tab closed (which ends its watch) and the session opened again: a new stream.
    app.click(&format!(
        "[role='tablist'][aria-label='Open sessions'] [data-tab='{session}'] button[title='Close tab']"
    ))
    .await?;
    app.open_session(&session).await?;
    // A call that waits for approval holds the stream still: answer it so events keep coming.
    let deadline = Instant::now() + Duration::from_secs(120);
    while api.sim.streams_opened() < opened + 4 {
        assert!(Instant::now() < deadline, "the stream was not cut three times");
        if !matches!(app.page_attr("data-awaiting").await?.as_str(), "0" | "") {
            app.show_first_pending().await?;
            app.chord(&[], 'a').await?;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    app.screenshot("stream-cut").await?;
    // From here on the stream stays up; the reply finishes.
    api.sim.set_faults(Faults::default());
    app.allow_until_idle().await?;

    let listed = api.listed_events(&session).await?;
    app.wait_until("every listed event is shown once", async |app| {
        Ok(app.page_attr("data-event-count").await? == listed.to_string())
    })
    .await?;
    let page = app.eval("return document.body.innerText").await?;
    assert!(!page.as_str().unwrap_or("").contains("Reload conversation"), "no gap was flagged");
    app.screenshot("recovered").await?;
    app.close().await
}

#[tokio::test]
#[ignore = "needs a display: run through scripts/test"]
async fn a_long_session_shows_its_newest_events_while_its_history_loads() -> Result<()> {
    let api = Api::start(SimConfig::default()).await?;
    let session = api.session("Long history", None).await?;
    // More than the 100 newest events the app reads ahead of the history.
    for i in 1..=150 {
        let text = format!("Step {i} of 150 is done.");
        api.sim.emit_event(
            &session,
            json!({ "type": "agent.message", "content": [{ "type": "text", "text": text }] }),
        );
    }
    let mut app = app_on("sessions-long-history", &api).await?;
    // Each history page (read oldest first) takes 3 s; the newest events are one quick read.
    api.sim.set_faults(Faults {
        slow_history_pages: Some(Duration::from_secs(3)),
        ..Faults::default()
    });
    app.open_session(&session).await?;
    app.expect_text("Step 150 of 150 is done.").await?;
    let page = app.eval("return document.body.innerText").await?;
    let page = page.as_str().unwrap_or_default();
    assert!(page.contains("the earlier ones are loading"), "says the view is partial: {page}");
    assert_eq!(app.page_attr("data-event-count").await?, "100", "only the newest 100 so far");
    app.screenshot("newest-first").await?;

    let listed = api.listed_events(&session).await?;
    app.wait_until("the whole history", async |app| {
        Ok(app.page_attr("data-event-count").await? == listed.to_string())
    })
    .await?;
    let page = app.eval("return document.body.innerText").await?;
    assert!(!page.as_str().unwrap_or_default().contains("the earlier ones are loading"));
    app.expect_text("Step 150 of 150 is done.").await?;
    app.close().await
}

#[tokio::test]
#[ignore = "needs a display: run through scripts/test"]
async fn interrupt_all_names_how_many_run_and_stops_each_of_them() -> Result<()> {
    let api = Api::start(SimConfig::default()).await?;
    let mut running = Vec::new();
    for title in ["Migration A", "Migration B"] {
        let session = api.session_allowing_all(title).await?;
        api.say(&session, "Run the long marathon migration.").await?;
        running.push(session);
    }
    let quiet = api.session("Quiet one", None).await?;
    let status = async |id: &str| -> Result<serde_json::Value> {
        Ok(serde_json::to_value(api.client.sessions().retrieve(id).await?.status)?)
    };
    let mut app = app_on("sessions-interrupt-all", &api).await?;
    app.click("nav [data-section='sessions']").await?;
    for id in &running {
        app.wait_until("the long task runs", async |_| Ok(status(id).await? == "running")).await?;
    }

    app.press_button("main", "Interrupt all…").await?;
    app.expect_text("Interrupt 2 running sessions?").await?;
    app.screenshot("asks").await?;
    assert_eq!(api.events_of_type(&running[0], "user.interrupt").await?, json!([]));
    app.press_button("[role='dialog']", "Interrupt 2 sessions").await?;
    app.expect_text("Interrupted 2 sessions.").await?;
    app.screenshot("interrupted").await?;
    for id in &running {
        app.wait_until("the session stops", async |_| Ok(status(id).await? == "idle")).await?;
        let interrupts = api.events_of_type(id, "user.interrupt").await?;
        assert_eq!(interrupts.as_array().map(Vec::len), Some(1), "{id}: one interrupt");
    }
    assert_eq!(api.events_of_type(&quiet, "user.interrupt").await?, json!([]), "idle: untouched");
    app.press_button("[role='dialog']", "Close").await?;
    app.close().await
}

#[tokio::test]
#[ignore = "needs a display: run through scripts/test"]
async fn a_session_stopped_at_its_budget_goes_on_once_the_budget_is_raised() -> Result<()> {
    let api = Api::start(SimConfig::default()).await?;
    let agent = api.runner_agent().await?;
    let request = CreateSessionRequest {
        title: Some("On a budget".into()),
        budget: Some(serde_json::from_value(
            json!({ "type": "limit", "max_list_cost": { "amount": "1", "currency": "USD" } }),
        )?),
        ..CreateSessionRequest::new(&agent, &api.environment)
    };
    let session = api.client.sessions().create(&request).await?.id;
    api.say(&session, "Run the long marathon migration.").await?;
    let mut app = app_on("sessions-budget", &api).await?;
    app.open_session(&session).await?;
    app.expect_text("The session stopped at its budget").await?;
    app.wait_status("idle").await?;
    app.screenshot("stopped").await?;

    app.fill("New budget (US dollars)", "5").await?;
    app.press_button(PAGE, "Raise and continue").await?;
    // The API resumes the session by itself once the budget is above what was spent.
    app.wait_status("running").await?;
    let stored = api.client.sessions().retrieve(&session).await?;
    let budget = stored.budget.flatten().ok_or("the session has a budget")?;
    assert_eq!(budget.max_list_cost.amount, "500");
    let page = app.eval("return document.body.innerText").await?;
    assert!(!page.as_str().unwrap_or_default().contains("stopped at its budget"));
    app.screenshot("going-on").await?;
    app.close().await
}

#[tokio::test]
#[ignore = "needs a display: run through scripts/test"]
async fn a_profile_at_its_daily_cap_interrupts_its_running_session_and_says_why() -> Result<()> {
    let api = Api::start(SimConfig::default()).await?;
    let session = api.session_allowing_all("Nightly migration").await?;
    let desktop = tempfile::tempdir()?;
    let mut app = Launch::new("sessions-daily-cap")
        .env("AGENT_DESK_TEST_DESKTOP", &desktop.path().display().to_string())
        .start()
        .await?;
    app.use_profile(&api.sim).await?;
    // The smallest cap there is, interrupting: the long task reaches it within a few requests.
    app.click("nav [data-section='settings']").await?;
    let row = "[data-page='settings'] li[data-profile-id]:not([data-profile-id='demo'])";
    app.press_button(row, "Edit").await?;
    app.fill("Daily cap (US dollars)", "0.001").await?;
    app.expect_text("at most 2 decimals").await?;
    app.fill("Daily cap (US dollars)", "0.01").await?;
    app.field("Interrupt this profile's running sessions").await?.click().await?;
    app.screenshot("cap-set").await?;
    app.press_button("[data-page='settings']", "Save profile").await?;
    // Money is shown in the system's locale, which may put a space after the sign.
    app.expect_text("0.01 a day, then interrupts").await?;

    api.say(&session, "Run the long job").await?;
    app.open_session(&session).await?;
    app.expect_text("Stopped: this profile reached its daily cap of").await?;
    app.wait_status("idle").await?;
    app.screenshot("stopped").await?;
    let interrupts = api.events_of_type(&session, "user.interrupt").await?;
    assert_eq!(interrupts.as_array().map(Vec::len), Some(1), "one interrupt, from the app");
    // A desktop notification says so, once.
    let shown = std::fs::read_to_string(desktop.path().join("notifications.jsonl"))?;
    let capped: Vec<serde_json::Value> = shown
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|note| note["title"] == "Daily cap of Test API")
        .collect();
    assert_eq!(capped.len(), 1, "{shown}");
    let body = capped[0]["body"].as_str().unwrap_or_default();
    assert!(body.starts_with("Today's spend $0.0"), "{body}");
    assert!(body.ends_with("reached the $0.01 daily cap: 1 running session was interrupted."));

    // The window is brought to the front first: it then opens the session its notification was
    // about (the one shown already), and that must not race the click on Back below.
    app.click(&format!("{PAGE} h1")).await?;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    app.press_button(PAGE, "Back").await?;
    app.expect_text("0.01 daily cap").await?;
    app.expect_text("1 running session was interrupted.").await?;
    let reason =
        app.find(&format!("[data-session-id='{session}'] [data-testid='cap-stop']")).await?;
    // The system's locale may put a (no-break) space after the sign.
    let reason = reason.text().await?.replace('\u{a0}', " ").replace("$ ", "$");
    assert_eq!(reason, "Stopped: this profile reached its daily cap of $0.01");
    app.screenshot("list").await?;
    app.close().await
}

#[tokio::test]
#[ignore = "needs a display: run through scripts/test"]
async fn a_session_is_archived_then_deleted_from_the_list_each_asking_first() -> Result<()> {
    let api = Api::start(SimConfig::default()).await?;
    let session = api.session("Fix the tests", Some("hello")).await?;
    let mut app = app_on("sessions-archive-delete", &api).await?;
    app.wait_until("the demo reply is over", async |_| {
        let stored = api.client.sessions().retrieve(&session).await?;
        Ok(serde_json::to_value(stored.status)? == "idle")
    })
    .await?;
    app.click("nav [data-section='sessions']").await?;
    app.expect_text("Fix the tests").await?;
    let row = format!("[data-session-id='{session}']");
    app.screenshot("list").await?;

    // Each asks first, in the row.
    app.press_button(&row, "Archive").await?;
    app.screenshot("archive-asks").await?;
    app.press_button(&format!("{row} .panel"), "Archive").await?;
    app.wait_until("archived", async |_| {
        Ok(api.client.sessions().retrieve(&session).await?.archived_at.flatten().is_some())
    })
    .await?;
    app.expect_text("Archived “Fix the tests”.").await?;
    app.click("[data-page='sessions'] input[type='checkbox']").await?;
    app.press_button(&row, "Delete").await?;
    app.screenshot("delete-asks").await?;
    app.press_button(&format!("{row} .panel"), "Delete").await?;
    app.wait_until("deleted", async |_| {
        Ok(api.client.sessions().retrieve(&session).await.is_err())
    })
    .await?;
    app.expect_text("Deleted “Fix the tests”.").await?;
    app.wait_until("the row is gone", async |app| Ok(app.count(&row).await? == 0)).await?;
    app.screenshot("deleted").await?;
    app.close().await
}

/// The README's screenshots: a session waiting for an approval, in the light and the dark
/// theme. `scripts/update-screenshots` copies them into `docs/`.
#[tokio::test]
#[ignore = "needs a display: run through scripts/test"]
async fn readme_screenshots_show_a_session_waiting_for_approval_in_both_themes() -> Result<()> {
    let api = Api::start(SimConfig::default()).await?;
    let session = api
        .session("Fix the date parser", Some("Please fix the failing test in the parser."))
        .await?;
    for (theme, gtk) in [("light", "Adwaita"), ("dark", "Adwaita:dark")] {
        let mut app = Launch::new(&format!("readme-{theme}")).env("GTK_THEME", gtk).start().await?;
        app.use_profile(&api.sim).await?;
        assert_eq!(app.expect_theme(theme).await?.0, theme);
        app.open_session(&session).await?;
        app.wait_awaiting(1).await?;
        app.show_first_pending().await?;
        app.screenshot(theme).await?;
        app.close().await?;
    }
    Ok(())
}
