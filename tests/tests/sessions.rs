//! Sessions as a person drives them, against a simulator the test controls: start one from the
//! dialog, watch the text grow, approve and deny tool calls, answer a custom tool, interrupt,
//! survive a cut stream with nothing missing or doubled, archive and delete. And agent output
//! full of hostile markup, rendered in the real window: no script runs, no command is called.

use std::time::{Duration, Instant};

use agent_desk_e2e::{App, Launch, Result};
use managed_agents::types::{
    CreateAgentRequest, CreateEnvironmentRequest, CreateSessionRequest, ListEventsQuery, Tool,
};
use managed_agents::{ApiKey, Client, Config};
use managed_agents_sim::{Faults, SimConfig, SimHandle, TypingSpeed};
use serde_json::{Value, json};

const KEY: &str = "fake-e2e-sessions-key-S3s5";
const PAGE: &str = "[aria-label='Session']";

/// Adds a profile for `api` by clicking, and makes it the active one.
async fn use_profile(app: &mut App, api: &SimHandle) -> Result<()> {
    app.click("nav [data-section='settings']").await?;
    app.press_button("[data-page='settings']", "Add profile").await?;
    app.fill("Name", "Test API").await?;
    app.fill("Base URL", &api.base_url()).await?;
    app.fill("API key", KEY).await?;
    app.press_button("[data-page='settings']", "Save profile").await?;
    app.expect_text("••••S3s5").await?;
    app.press_button("nav, aside, body", "Switch profile").await?;
    app.press_button("[role='menu']", "Test API").await?;
    wait_until(app, "the profile is active", async |app| {
        let text = app.find("[data-testid='active-profile']").await?.text().await?;
        Ok(text.starts_with("Test API"))
    })
    .await
}

fn client(api: &SimHandle) -> Result<Client> {
    let config = Config { base_url: api.base_url(), ..Config::new(ApiKey::new(KEY)) };
    Ok(Client::new(config)?)
}

/// An agent whose bash and edit calls ask first, with one custom tool; and an environment.
async fn seed(client: &Client) -> Result<(String, String)> {
    let toolset = Tool::AgentToolset20260401 {
        default_config: Some(
            json!({ "enabled": true, "permission_policy": { "type": "always_allow" } }),
        ),
        configs: Some(vec![
            json!({ "name": "bash", "permission_policy": { "type": "always_ask" } }),
            json!({ "name": "edit", "permission_policy": { "type": "always_ask" } }),
        ]),
        extra: Default::default(),
    };
    let ticket = Tool::Custom {
        name: "lookup_ticket".into(),
        description: "Reads a ticket from the tracker".into(),
        input_schema: json!({ "type": "object", "properties": { "ticket_id": { "type": "string" } } }),
        extra: Default::default(),
    };
    let agent = CreateAgentRequest {
        tools: Some(vec![toolset, ticket]),
        ..CreateAgentRequest::new("Coder", "claude-sonnet-4-6")
    };
    let agent = client.agents().create(&agent).await?;
    let environment = CreateEnvironmentRequest { name: "box".into(), ..Default::default() };
    let environment = client.environments().create(&environment).await?;
    Ok((agent.id, environment.id))
}

async fn wait_until(
    app: &App,
    what: &str,
    check: impl AsyncFn(&App) -> Result<bool>,
) -> Result<()> {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if check(app).await.unwrap_or(false) {
            return Ok(());
        }
        if Instant::now() > deadline {
            let page = app.eval("return document.querySelector('main').innerText").await?;
            let page = page.as_str().unwrap_or_default().to_owned();
            return Err(format!("timed out waiting until {what}; the page shows:\n{page}").into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn attr(app: &App, name: &str) -> Result<String> {
    let value = app
        .eval(&format!(
            "const el = document.querySelector({PAGE:?}); return el ? el.getAttribute({name:?}) : null"
        ))
        .await?;
    Ok(value.as_str().unwrap_or_default().to_owned())
}

async fn wait_status(app: &App, status: &str) -> Result<()> {
    wait_until(app, &format!("the session is {status}"), async |app| {
        Ok(attr(app, "data-status").await? == status)
    })
    .await
}

async fn wait_awaiting(app: &App, count: usize) -> Result<()> {
    wait_until(app, &format!("{count} calls wait"), async |app| {
        Ok(attr(app, "data-awaiting").await? == count.to_string())
    })
    .await
}

/// Brings the first call that waits for the person on screen, as the pending bar does.
async fn show_first_pending(app: &App) -> Result<()> {
    app.press_button(PAGE, "Show first").await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    Ok(())
}

async fn text_length(app: &App) -> Result<usize> {
    let value = app
        .eval(
            "return [...document.querySelectorAll(\"[data-kind='agent']\")] \
             .reduce((n, el) => n + el.textContent.length, 0)",
        )
        .await?;
    Ok(value.as_u64().unwrap_or(0) as usize)
}

/// The events the API lists for the session: what the view must hold, each once.
async fn listed_events(client: &Client, session: &str) -> Result<usize> {
    let mut count = 0;
    let mut query = ListEventsQuery { limit: Some(1000), ..Default::default() };
    loop {
        let page = client.events(session).list(&query).await?;
        count += page.data.len();
        match page.next_page {
            Some(next) => query.page = Some(next),
            None => return Ok(count),
        }
    }
}

#[tokio::test]
#[ignore = "needs a display: run through scripts/test"]
async fn a_session_is_started_watched_steered_and_removed() -> Result<()> {
    // Typed slowly enough for screenshots to catch a reply half-way.
    let config = SimConfig { typing: TypingSpeed::CharsPerSecond(60), ..SimConfig::default() };
    let api = managed_agents_sim::start(config).await?;
    let api_client = client(&api)?;
    let (agent, environment) = seed(&api_client).await?;
    let mut app = Launch::new("sessions-live").start().await?;
    use_profile(&mut app, &api).await?;

    app.click("nav [data-section='sessions']").await?;
    app.expect_section("sessions").await?;
    app.screenshot("01-sessions-empty").await?;
    app.press_button("[data-page='sessions']", "New session").await?;
    // The list's filter is labelled Agent too: pick inside the dialog.
    app.click(&format!("[role='dialog'] option[value='{agent}']")).await?;
    app.click(&format!("[role='dialog'] option[value='{environment}']")).await?;
    app.fill("Title", "Fix the tests").await?;
    app.fill("First message", "Please fix the failing test in the parser.").await?;
    app.screenshot("02-new-session-dialog").await?;
    app.press_button("[role='dialog']", "Create session").await?;
    app.find(PAGE).await?;

    // The reply grows as it is typed: three screenshots, each with more text than the last.
    let mut lengths: Vec<usize> = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(30);
    while lengths.len() < 3 && Instant::now() < deadline {
        let length = text_length(&app).await?;
        if length > lengths.last().copied().unwrap_or(0) {
            lengths.push(length);
            app.screenshot(&format!("03-typing-{}", lengths.len())).await?;
        }
        tokio::time::sleep(Duration::from_millis(80)).await;
    }
    assert_eq!(lengths.len(), 3, "the text grew in steps: {lengths:?}");
    assert!(lengths.windows(2).all(|w| w[0] < w[1]), "the text grew: {lengths:?}");

    // Allow the first call that asks, deny the second with a reason, allow any after.
    wait_awaiting(&app, 1).await?;
    show_first_pending(&app).await?;
    app.screenshot("04-approval").await?;
    let before: usize = attr(&app, "data-awaiting").await?.parse()?;
    app.chord(&[], 'a').await?;
    // The session answers with a new wait (the calls left) or runs on and asks again.
    wait_until(&app, "the allowed call is done", async |app| {
        let done = app
            .eval("return document.querySelectorAll(\"[data-tool-status='done']\").length")
            .await?;
        let awaiting: usize = attr(app, "data-awaiting").await?.parse()?;
        Ok(awaiting < before || done.as_u64().unwrap_or(0) > 2)
    })
    .await?;
    wait_until(&app, "another call asks", async |app| Ok(attr(app, "data-awaiting").await? != "0"))
        .await?;
    show_first_pending(&app).await?;
    // Keyboard-first: the focused card takes `d` for Deny, which asks for a reason.
    app.chord(&[], 'd').await?;
    app.fill("Reason (optional, shown to the agent)", "Do not touch the lockfile.").await?;
    app.screenshot("05-deny-reason").await?;
    app.press(fantoccini::key::Key::Enter).await?;
    wait_until(&app, "a denied card", async |app| {
        Ok(app
            .eval("return document.querySelectorAll(\"[data-tool-status='denied']\").length")
            .await?
            .as_u64()
            .unwrap_or(0)
            > 0)
    })
    .await?;
    loop {
        let status = attr(&app, "data-status").await?;
        if status == "idle" && attr(&app, "data-awaiting").await? == "0" {
            break;
        }
        if attr(&app, "data-awaiting").await? != "0" {
            show_first_pending(&app).await?;
            app.chord(&[], 'a').await?;
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    app.screenshot("06-turn-done").await?;
    let denied = api_client
        .events(&session_id(&app).await?)
        .list(&ListEventsQuery {
            types: vec!["user.tool_confirmation".into()],
            ..Default::default()
        })
        .await?
        .data;
    let denial = serde_json::to_value(&denied)?;
    assert!(denial.to_string().contains("Do not touch the lockfile."), "{denial}");

    // A custom tool: the person sends its result.
    app.fill("Message", "Look up the custom ticket for me.").await?;
    app.press(fantoccini::key::Key::Enter).await?;
    wait_awaiting(&app, 1).await?;
    show_first_pending(&app).await?;
    app.fill("Result", "APP-1234: the parser drops trailing commas.").await?;
    app.screenshot("07-custom-tool").await?;
    // Ctrl+Enter sends the result from its field.
    app.chord(&[fantoccini::key::Key::Control], char::from(fantoccini::key::Key::Enter)).await?;
    wait_status(&app, "idle").await?;
    app.expect_text("Thanks, I have the ticket details now.").await?;

    // The long task, interrupted with Esc.
    app.fill("Message", "Run the long marathon migration.").await?;
    app.press(fantoccini::key::Key::Enter).await?;
    wait_status(&app, "running").await?;
    tokio::time::sleep(Duration::from_secs(2)).await;
    app.click("[aria-label='Conversation']").await?;
    app.press(fantoccini::key::Key::Escape).await?;
    wait_status(&app, "idle").await?;
    app.screenshot("08-interrupted").await?;
    let session = session_id(&app).await?;
    let interrupts = api_client
        .events(&session)
        .list(&ListEventsQuery { types: vec!["user.interrupt".into()], ..Default::default() })
        .await?;
    assert_eq!(interrupts.data.len(), 1, "one interrupt was sent");

    // The stream is cut again and again mid-reply; the view recovers with every event once.
    api.set_faults(Faults { cut_stream_after_events: Some(25), ..Faults::default() });
    let opened = api.streams_opened();
    app.fill("Message", "Please fix the bug in the tokenizer.").await?;
    app.press(fantoccini::key::Key::Enter).await?;
    // Faults apply to streams opened from now on: leave and come back mid-reply.
    wait_status(&app, "running").await?;
    app.press_button(PAGE, "Back").await?;
    app.click(&format!("[data-session-id='{session}'] button")).await?;
    app.find(PAGE).await?;
    let deadline = Instant::now() + Duration::from_secs(180);
    let mut cut = false;
    loop {
        if Instant::now() > deadline {
            let page = app.eval("return document.querySelector('main').innerText").await?;
            let opened_now = api.streams_opened() - opened;
            return Err(
                format!("the reply did not finish; {opened_now} streams; page:\n{page}").into()
            );
        }
        if !cut && api.streams_opened() >= opened + 3 {
            // Cut three times at least; from here on the stream stays up.
            cut = true;
            app.screenshot("09-stream-cut").await?;
            api.set_faults(Faults::default());
        }
        let idle = attr(&app, "data-status").await? == "idle";
        let awaiting = attr(&app, "data-awaiting").await? != "0";
        if cut && idle && !awaiting {
            break;
        }
        if awaiting {
            show_first_pending(&app).await?;
            app.chord(&[], 'a').await?;
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    let listed = listed_events(&api_client, &session).await?;
    wait_until(&app, "every listed event is shown", async |app| {
        Ok(attr(app, "data-event-count").await? == listed.to_string())
    })
    .await?;
    assert!(
        !app.eval("return document.body.innerText")
            .await?
            .as_str()
            .unwrap_or("")
            .contains("Reload conversation"),
        "no gap was flagged"
    );
    app.screenshot("10-recovered").await?;

    // Back to the list: archive, then delete.
    app.press_button(PAGE, "Back").await?;
    app.expect_text("Fix the tests").await?;
    app.screenshot("11-list").await?;
    let row = format!("[data-session-id='{session}']");
    // Each asks first, in the row.
    app.press_button(&row, "Archive").await?;
    app.press_button(&format!("{row} .panel"), "Archive").await?;
    wait_until(&app, "archived", async |_| {
        Ok(api_client.sessions().retrieve(&session).await?.archived_at.flatten().is_some())
    })
    .await?;
    app.click("[data-page='sessions'] input[type='checkbox']").await?;
    app.press_button(&row, "Delete").await?;
    app.screenshot("12-delete-asks").await?;
    app.press_button(&format!("{row} .panel"), "Delete").await?;
    wait_until(&app, "deleted", async |_| {
        Ok(api_client.sessions().retrieve(&session).await.is_err())
    })
    .await?;
    app.screenshot("13-deleted").await?;
    app.close().await
}

async fn session_id(app: &App) -> Result<String> {
    attr(app, "data-session-id").await
}

/// Every payload of `ui/src/lib/markdown/hostile-payloads.json` as agent text, as tool input
/// and as tool output, shown in the real window and scrolled through so each row is mounted.
#[tokio::test]
#[ignore = "needs a display: run through scripts/test"]
async fn hostile_agent_output_runs_no_script_and_calls_no_command() -> Result<()> {
    let payloads: Vec<String> =
        serde_json::from_str(include_str!("../../ui/src/lib/markdown/hostile-payloads.json"))?;
    assert!(payloads.len() >= 100);
    let api = managed_agents_sim::start(SimConfig::default()).await?;
    let api_client = client(&api)?;
    let (agent, environment) = seed(&api_client).await?;
    let request = CreateSessionRequest {
        title: Some("Hostile output".into()),
        ..CreateSessionRequest::new(&agent, &environment)
    };
    let session = api_client.sessions().create(&request).await?.id;
    for (i, payload) in payloads.iter().enumerate() {
        let text = json!([{ "type": "text", "text": payload }]);
        api.emit_event(&session, json!({ "type": "agent.message", "content": text }));
        let use_id = api
            .emit_event(
                &session,
                json!({ "type": "agent.tool_use", "name": "bash", "input": { "command": payload } }),
            )
            .ok_or("no session")?;
        api.emit_event(
            &session,
            json!({ "type": "agent.tool_result", "tool_use_id": use_id, "content": text, "is_error": i % 7 == 0 }),
        );
    }
    api.emit_event(
        &session,
        json!({ "type": "session.status_idle", "stop_reason": { "type": "end_turn" } }),
    );

    let mut app = Launch::new("sessions-hostile").start().await?;
    use_profile(&mut app, &api).await?;
    // Instrument: anything that runs records itself; every command the page calls is logged.
    app.eval(
        "window.__hostileCalls = []; \
         window.__hostile = (n) => window.__hostileCalls.push(String(n)); \
         window.__commands = []; \
         const internals = window.__TAURI_INTERNALS__; \
         const invoke = internals.invoke; \
         internals.invoke = (cmd, args, options) => { window.__commands.push(cmd); return invoke(cmd, args, options); }; \
         window.__violations = 0; \
         document.addEventListener('securitypolicyviolation', () => window.__violations++);",
    )
    .await?;
    app.click("nav [data-section='sessions']").await?;
    app.expect_text("Hostile output").await?;
    app.click(&format!("[data-session-id='{session}'] button")).await?;
    app.find(PAGE).await?;
    let expected = listed_events(&api_client, &session).await?;
    wait_until(&app, "every event is shown", async |app| {
        Ok(attr(app, "data-event-count").await? == expected.to_string())
    })
    .await?;
    // Open every tool card so its input and output are rendered too, screen by screen.
    let scroller = "[aria-label='Conversation']";
    // Leave follow mode and start at the top; the list may still settle, so insist.
    for _ in 0..20 {
        let top = app
            .eval(&format!(
                "const s = document.querySelector({scroller:?}); s.scrollTop = 0; return s.scrollTop"
            ))
            .await?;
        tokio::time::sleep(Duration::from_millis(150)).await;
        if top.as_f64() == Some(0.0) {
            break;
        }
    }
    let mut seen_rows = std::collections::HashSet::new();
    for screen in 0..2000 {
        let ids = app
            .eval(&format!(
                "for (const b of document.querySelectorAll(\"[data-kind='tool'] button[aria-expanded='false']\")) b.click(); \
                 return [...document.querySelectorAll({scroller:?} + ' [data-item-id]')].map(e => e.dataset.itemId)"
            ))
            .await?;
        for id in ids.as_array().into_iter().flatten() {
            seen_rows.insert(id.as_str().unwrap_or_default().to_owned());
        }
        if screen == 3 {
            app.screenshot("hostile-rendered").await?;
        }
        let at_end = app
            .eval(&format!(
                "const s = document.querySelector({scroller:?}); \
                 const end = s.scrollTop + s.clientHeight >= s.scrollHeight - 2; \
                 s.scrollTop += s.clientHeight * 0.8; return end"
            ))
            .await?;
        tokio::time::sleep(Duration::from_millis(60)).await;
        if at_end.as_bool() == Some(true) {
            break;
        }
    }
    let items: usize = attr(&app, "data-item-count").await?.parse()?;
    assert!(seen_rows.len() >= items * 9 / 10, "{} of {items} rows were rendered", seen_rows.len());

    let calls = app.eval("return window.__hostileCalls").await?;
    assert_eq!(calls, json!([]), "no payload ran");
    let commands = app.eval("return window.__commands").await?;
    let allowed = ["session_get", "session_watch", "session_unwatch", "session_event_full"];
    for command in commands.as_array().into_iter().flatten() {
        let name = command.as_str().unwrap_or_default();
        assert!(allowed.contains(&name), "unexpected command {name} while rendering: {commands}");
    }
    let links = app
        .eval(&format!(
            "return document.querySelectorAll({scroller:?} + ' [href], ' + {scroller:?} + ' [src]:not(img[src^=\"blob:\"]), ' + {scroller:?} + ' script, ' + {scroller:?} + ' iframe').length"
        ))
        .await?;
    assert_eq!(links, json!(0), "no live link, remote source, script or frame");
    let violations = app.eval("return window.__violations").await?;
    println!(
        "hostile payloads: {} rendered rows, CSP violations reported: {violations}",
        seen_rows.len()
    );
    let _: Value = violations;
    app.close().await
}

/// Not a test but a benchmark (skipped by `scripts/test`; prints figures, asserts none):
/// a 10,000-event session opened in the real window, then a reply streamed into it.
/// `xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- scripts/with-keyring \
///   cargo test -p agent-desk-e2e --test sessions -- --ignored bench_ --nocapture`
#[tokio::test]
#[ignore = "a benchmark: run by hand, see BENCHMARKS.md"]
async fn bench_a_long_session_opens_and_streams() -> Result<()> {
    let api = managed_agents_sim::start(SimConfig::default()).await?;
    let api_client = client(&api)?;
    let agent = api_client
        .agents()
        .create(&CreateAgentRequest {
            tools: Some(vec![Tool::AgentToolset20260401 {
                default_config: Some(json!({ "enabled": true })),
                configs: None,
                extra: Default::default(),
            }]),
            ..CreateAgentRequest::new("Coder", "claude-sonnet-4-6")
        })
        .await?;
    let environment = CreateEnvironmentRequest { name: "box".into(), ..Default::default() };
    let environment = api_client.environments().create(&environment).await?;
    let request = CreateSessionRequest {
        title: Some("Ten thousand events".into()),
        ..CreateSessionRequest::new(&agent.id, &environment.id)
    };
    let session = api_client.sessions().create(&request).await?.id;
    let seeded = Instant::now();
    for i in 0..3333 {
        let text = format!(
            "Step {i}: updated `module_{i}.rs`.\n\n- renamed the **old** API\n- ran the tests"
        );
        api.emit_event(
            &session,
            json!({ "type": "agent.message", "content": [{ "type": "text", "text": text }] }),
        );
        let use_id = api
            .emit_event(&session, json!({ "type": "agent.tool_use", "name": "bash", "input": { "command": format!("pytest tests/test_{i}.py") } }))
            .ok_or("no session")?;
        api.emit_event(&session, json!({ "type": "agent.tool_result", "tool_use_id": use_id, "content": [{ "type": "text", "text": "3 passed" }] }));
    }
    api.emit_event(
        &session,
        json!({ "type": "session.status_idle", "stop_reason": { "type": "end_turn" } }),
    );
    let expected = listed_events(&api_client, &session).await?;
    println!("seeded {expected} events in {:?}", seeded.elapsed());

    let mut app = Launch::new("sessions-bench").start().await?;
    use_profile(&mut app, &api).await?;
    app.click("nav [data-section='sessions']").await?;
    app.expect_text("Ten thousand events").await?;
    let clicked = Instant::now();
    app.click(&format!("[data-session-id='{session}'] button")).await?;
    wait_until(&app, "the first rows", async |app| {
        Ok(app.eval("return document.querySelectorAll('[aria-label=\"Conversation\"] [data-item-id]').length").await?.as_u64().unwrap_or(0) > 0)
    })
    .await?;
    let first_rows = clicked.elapsed();
    wait_until(&app, "every event", async |app| {
        Ok(attr(app, "data-event-count").await? == expected.to_string())
    })
    .await?;
    let all_in = clicked.elapsed();
    let nodes = app.eval("return [document.querySelectorAll('*').length, document.querySelectorAll('[aria-label=\"Conversation\"] [data-item-id]').length]").await?;
    println!(
        "open: first rows after {first_rows:?}, all {expected} events in after {all_in:?}; DOM nodes, mounted rows: {nodes}"
    );
    app.screenshot("bench-opened").await?;

    // Stream a reply at the simulator's 300 characters per second; record every frame.
    app.eval(
        "window.__frames = []; let last = performance.now(); \
         const tick = (now) => { window.__frames.push(now - last); last = now; if (!window.__stopFrames) requestAnimationFrame(tick); }; \
         requestAnimationFrame(tick);",
    )
    .await?;
    app.fill("Message", "Please fix the failing test in the parser.").await?;
    app.press(fantoccini::key::Key::Enter).await?;
    wait_status(&app, "running").await?;
    wait_status(&app, "idle").await?;
    let frames = app.eval("window.__stopFrames = true; return window.__frames").await?;
    let mut frames: Vec<f64> =
        frames.as_array().into_iter().flatten().filter_map(Value::as_f64).collect();
    frames.sort_by(f64::total_cmp);
    let at = |q: f64| frames[((frames.len() - 1) as f64 * q) as usize];
    let long = frames.iter().filter(|&&f| f > 50.0).count();
    println!(
        "streaming: {} frames, p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, max {:.1} ms, {long} over 50 ms",
        frames.len(),
        at(0.5),
        at(0.95),
        at(0.99),
        at(1.0)
    );
    let nodes = app.eval("return [document.querySelectorAll('*').length, document.querySelectorAll('[aria-label=\"Conversation\"] [data-item-id]').length]").await?;
    println!("after the reply: DOM nodes, mounted rows: {nodes}");
    app.screenshot("bench-streamed").await?;
    app.close().await
}
