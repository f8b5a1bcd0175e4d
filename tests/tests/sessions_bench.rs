//! A benchmark, not a test (skipped by `scripts/test`; prints figures, asserts none): a
//! 10,000-event session opened in the real window, then a reply streamed into it.

use std::time::Instant;

use agent_desk_e2e::live::Api;
use agent_desk_e2e::stats::spread;
use agent_desk_e2e::{Key, Launch, Result};
use managed_agents::types::CreateSessionRequest;
use managed_agents_sim::SimConfig;
use serde_json::{Value, json};

/// Not a test but a benchmark (skipped by `scripts/test`; prints figures, asserts none):
/// a 10,000-event session opened in the real window, then a reply streamed into it.
/// `xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- scripts/with-keyring \
///   cargo test -p agent-desk-e2e --test sessions_bench -- --ignored bench_a_long --nocapture`
#[tokio::test]
#[ignore = "a benchmark: run by hand, see BENCHMARKS.md"]
async fn bench_a_long_session_opens_and_streams() -> Result<()> {
    let api = Api::start(SimConfig::default()).await?;
    let api_client = &api.client;
    let agent = api.runner_agent().await?;
    let request = CreateSessionRequest {
        title: Some("Ten thousand events".into()),
        ..CreateSessionRequest::new(&agent, &api.environment)
    };
    let session = api_client.sessions().create(&request).await?.id;
    let seeded = Instant::now();
    for i in 0..3333 {
        let text = format!(
            "Step {i}: updated `module_{i}.rs`.\n\n- renamed the **old** API\n- ran the tests"
        );
        api.sim.emit_event(
            &session,
            json!({ "type": "agent.message", "content": [{ "type": "text", "text": text }] }),
        );
        let use_id = api
            .sim.emit_event(&session, json!({ "type": "agent.tool_use", "name": "bash", "input": { "command": format!("pytest tests/test_{i}.py") } }))
            .ok_or("no session")?;
        api.sim.emit_event(&session, json!({ "type": "agent.tool_result", "tool_use_id": use_id, "content": [{ "type": "text", "text": "3 passed" }] }));
    }
    api.sim.emit_event(
        &session,
        json!({ "type": "session.status_idle", "stop_reason": { "type": "end_turn" } }),
    );
    let expected = api.listed_events(&session).await?;
    println!("seeded {expected} events in {:?}", seeded.elapsed());

    let mut app = Launch::new("sessions-bench").start().await?;
    app.use_profile(&api.sim).await?;
    app.click("nav [data-section='sessions']").await?;
    app.expect_text("Ten thousand events").await?;
    // Let the app settle first: its monitor reads the long session's whole history once for
    // the list's status badge, and on two cores that read delays the page's first frame by
    // about half a second (BENCHMARKS.md). A frame loop runs from before the click, so the
    // first frame that draws a message is seen as soon as it is drawn.
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    // Bench builds: what each relay message of the history costs the page, and how long after
    // the relay had it the page drew it.
    app.eval(
        "window.__agentDeskBench = { latencies: [], script: [], drawn: [] }; window.__warm = true; \
         const warm = () => { if (window.__warm) requestAnimationFrame(warm); }; requestAnimationFrame(warm);",
    )
    .await?;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let clicked_epoch_ms = epoch_ms();
    let clicked = Instant::now();
    app.click(&format!("[data-session-id='{session}'] button")).await?;
    app.wait_until("the first rows", async |app| {
        Ok(app.eval("return document.querySelectorAll('[aria-label=\"Conversation\"] [data-item-id]').length").await?.as_u64().unwrap_or(0) > 0)
    })
    .await?;
    let first_rows_polled = clicked.elapsed();
    app.wait_until("every event", async |app| {
        Ok(app.page_attr("data-event-count").await? == expected.to_string())
    })
    .await?;
    let all_in = clicked.elapsed();
    let nodes = app.eval("return [document.querySelectorAll('*').length, document.querySelectorAll('[aria-label=\"Conversation\"] [data-item-id]').length]").await?;
    let probe = app
        .eval("window.__warm = false; const p = window.__agentDeskBench; delete window.__agentDeskBench; return p")
        .await?;
    // The first frame that drew a message (the page and this test share the clock); polling
    // over WebDriver sees the rows only up to a few hundred ms later.
    let first_rows = probe["drawn"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| m.get(1)?.as_f64())
        .fold(f64::INFINITY, f64::min)
        - clicked_epoch_ms;
    println!(
        "open: first rows drawn {first_rows:.0} ms after the click (seen over WebDriver after {first_rows_polled:?}), all {expected} events in after {all_in:?}; DOM nodes, mounted rows: {nodes}"
    );
    let list = |key: &str| -> Vec<String> {
        probe[key]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_f64)
            .map(|ms| format!("{ms:.0}"))
            .collect()
    };
    println!(
        "open, per relay message: script ms [{}], relay → frame ms [{}]",
        list("script").join(", "),
        list("latencies").join(", ")
    );
    // When each message was drawn, from the click (the page and this test share the clock).
    let drawn: Vec<String> = probe["drawn"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| {
            let arrived = m.get(0)?.as_f64()? - clicked_epoch_ms;
            let at = m.get(1)?.as_f64()? - clicked_epoch_ms;
            let (tail, events) = (m.get(2)?.as_u64()?, m.get(3)?.as_u64()?);
            Some(format!("{arrived:.0} → {at:.0} ms ({tail} tail, {events} events)"))
        })
        .collect();
    println!(
        "open, each message reached the page → was drawn, after the click: {}",
        drawn.join(", ")
    );
    app.screenshot("bench-opened").await?;

    // The floor: frames while nothing changes (the display is a software-rendered Xvfb).
    app.eval(
        "window.__idle = []; let last = performance.now(); \
         const tick = (now) => { window.__idle.push(now - last); last = now; if (window.__idle.length < 180) requestAnimationFrame(tick); }; \
         requestAnimationFrame(tick);",
    )
    .await?;
    tokio::time::sleep(std::time::Duration::from_secs(4)).await;
    let idle = app.eval("return window.__idle").await?;
    let idle: Vec<f64> = idle.as_array().into_iter().flatten().filter_map(Value::as_f64).collect();
    if let Some(spread) = spread(&idle) {
        println!("idle: {} frames, {spread}", idle.len());
    }

    // Stream a reply at the simulator's 300 characters per second; record every frame from the
    // first streamed text until the API says the session is idle again. Nothing talks to the
    // page meanwhile (WebDriver commands run script in it): the end is read from the API.
    // A bench build (`--features bench`) also stamps each relay message; the page echoes the
    // frame that draws it into `__agentDeskBench` (ui/src/lib/conversation/benchProbe.ts).
    app.fill("Message", "Please fix the failing test in the parser.").await?;
    app.press(Key::Enter).await?;
    app.wait_status("running").await?;
    app.eval(
        "window.__frames = []; window.__agentDeskBench = { latencies: [], script: [] }; let last = performance.now(); \
         const tick = (now) => { window.__frames.push([now - last, now]); last = now; if (!window.__stopFrames) requestAnimationFrame(tick); }; \
         requestAnimationFrame(tick);",
    )
    .await?;
    let streaming = Instant::now();
    loop {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        let now = api_client.sessions().retrieve(&session).await?;
        if serde_json::to_value(&now.status)? == json!("idle") {
            break;
        }
    }
    // The last events are on their way to the page.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    println!("reply streamed for {:?}", streaming.elapsed());
    let frames = app.eval("window.__stopFrames = true; return window.__frames").await?;
    let timed: Vec<(f64, f64)> = frames
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| Some((f.get(0)?.as_f64()?, f.get(1)?.as_f64()?)))
        .collect();
    let frames: Vec<f64> = timed.iter().map(|(gap, _)| *gap).collect();
    let long = frames.iter().filter(|&&f| f > 50.0).count();
    println!(
        "streaming: {} frames, {}, {long} over 50 ms",
        frames.len(),
        spread(&frames).unwrap_or_default()
    );
    let start = timed.first().map_or(0.0, |(_, at)| *at);
    let slow: Vec<String> = timed
        .iter()
        .filter(|(gap, _)| *gap > 50.0)
        .map(|(gap, at)| format!("{gap:.0} ms at +{:.0} ms", at - start))
        .collect();
    println!("frames over 50 ms: {}", slow.join(", "));
    let probe = app
        .eval("const p = window.__agentDeskBench; delete window.__agentDeskBench; return p")
        .await?;
    for (key, what) in [
        ("latencies", "relay → frame latency"),
        ("script", "script per message (reducer + Svelte)"),
    ] {
        let values: Vec<f64> =
            probe[key].as_array().into_iter().flatten().filter_map(Value::as_f64).collect();
        match spread(&values) {
            Some(spread) => println!("{what} over {} messages: {spread}", values.len()),
            None => println!("{what}: not measured (build the app with --features bench)"),
        }
    }
    let nodes = app.eval("return [document.querySelectorAll('*').length, document.querySelectorAll('[aria-label=\"Conversation\"] [data-item-id]').length]").await?;
    println!("after the reply: DOM nodes, mounted rows: {nodes}");
    let below = app
        .eval("const s = document.querySelector('.conversation .scroller'); return s ? s.scrollHeight - s.scrollTop - s.clientHeight : -1")
        .await?;
    println!("after the reply: pixels of the conversation below the view: {below}");
    app.screenshot("bench-streamed").await?;
    app.close().await
}

/// Not a test but a benchmark (prints figures, asserts none): fifty sessions running the long
/// task, none of them open, with the sessions list open. What the app costs (requests per
/// second, CPU, memory) and how far behind a badge is (an interrupt sent elsewhere until the
/// badge says idle; a session started elsewhere until its badge says running).
/// `cargo build --release -p agent-desk && AGENT_DESK_BIN=target/release/agent-desk \
///  xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- scripts/with-keyring \
///  cargo test -p agent-desk-e2e --test sessions_bench -- --ignored bench_fifty --nocapture`
#[tokio::test]
#[ignore = "a benchmark: run by hand, see BENCHMARKS.md"]
async fn bench_fifty_active_sessions_with_the_list_open() -> Result<()> {
    use managed_agents::types::{EventParams, SendEventsRequest};
    let api = Api::start(SimConfig::default()).await?;
    let runner = api.runner_agent().await?;
    let mut sessions = Vec::new();
    for i in 0..51 {
        let request = CreateSessionRequest {
            title: Some(format!("Migration {i}")),
            ..CreateSessionRequest::new(&runner, &api.environment)
        };
        sessions.push(api.client.sessions().create(&request).await?.id);
    }
    // The newest is kept idle, to be started elsewhere later.
    let (spare, busy) = sessions.split_last().ok_or("no sessions")?;
    for session in busy {
        api.say(session, "Run the long marathon migration.").await?;
    }

    let mut app = Launch::new("sessions-bench-fifty").start().await?;
    app.use_profile(&api.sim).await?;
    app.click("nav [data-section='sessions']").await?;
    let badge = |session: &str| {
        format!(
            "const b = document.querySelector(\"[data-session-id='{session}'] [data-status]\"); return b ? b.dataset.status : ''"
        )
    };
    let shown: Vec<String> = busy.iter().rev().take(5).cloned().collect();
    for session in &shown {
        let script = badge(session);
        app.wait_until("the badge says running", async |app| {
            Ok(app.eval(&script).await?.as_str() == Some("running"))
        })
        .await?;
    }
    // A badge can say running from the list alone: wait until the monitor watches all fifty.
    app.wait_until("fifty streams are open", async |_| Ok(api.sim.streams_opened() >= 50)).await?;
    // Each new watch reads its session's history once, after opening the stream; fifty reads
    // of long histories from this (debug-built) simulator trail the stream opens by up to a
    // minute. Wait until they are done: the figure is the steady traffic, not the start.
    let history = "GET /v1/sessions/{id}/events?limit&order";
    let mut last = usize::MAX;
    loop {
        let reads = api.sim.requests_by_route().get(history).copied().unwrap_or(0);
        if reads >= 50 && reads == last {
            break;
        }
        last = reads;
        tokio::time::sleep(std::time::Duration::from_secs(5)).await;
    }
    // Settled: measure a quiet minute of fifty sessions at work.
    let (requests, streams, ticks) =
        (api.sim.requests(), api.sim.streams_opened(), app.cpu_ticks()?);
    let routes = api.sim.requests_by_route();
    let started = Instant::now();
    tokio::time::sleep(std::time::Duration::from_secs(60)).await;
    let seconds = started.elapsed().as_secs_f64();
    let requests = (api.sim.requests() - requests) as f64 / seconds;
    for (route, count) in api.sim.requests_by_route() {
        let made = count - routes.get(&route).copied().unwrap_or(0);
        if made > 0 {
            println!("  {:.2}/s {route}", made as f64 / seconds);
        }
    }
    let streams = api.sim.streams_opened() - streams;
    let cpu = (app.cpu_ticks()? - ticks) as f64 / seconds;
    let memory: u64 = app.memory()?.iter().map(|(_, kib)| kib).sum();
    println!(
        "50 running: {requests:.2} requests/s (streams opened in the minute: {streams}), CPU {cpu:.1}% of one core, memory {} MiB",
        memory / 1024
    );

    // Badge lag: interrupted elsewhere (a watched session), started elsewhere (a listed one).
    let mut worst = std::time::Duration::ZERO;
    for session in &shown {
        let script = badge(session);
        let sent = Instant::now();
        let interrupt = EventParams::UserInterrupt { session_thread_id: None };
        api.client.events(session).send(&SendEventsRequest { events: vec![interrupt] }).await?;
        app.wait_until("the badge says idle", async |app| {
            Ok(app.eval(&script).await?.as_str() == Some("idle"))
        })
        .await?;
        worst = worst.max(sent.elapsed());
    }
    let script = badge(spare);
    let sent = Instant::now();
    api.say(spare, "Run the long marathon migration.").await?;
    app.wait_until("the spare's badge says running", async |app| {
        Ok(app.eval(&script).await?.as_str() == Some("running"))
    })
    .await?;
    println!(
        "badge lag: interrupted elsewhere, worst of 5: {worst:?}; started elsewhere: {:?}",
        sent.elapsed()
    );
    app.screenshot("fifty").await?;
    app.close().await
}

fn epoch_ms() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}
