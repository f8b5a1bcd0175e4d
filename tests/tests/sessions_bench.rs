//! A benchmark, not a test (skipped by `scripts/test`; prints figures, asserts none): a
//! 10,000-event session opened in the real window, then a reply streamed into it.

use std::time::Instant;

use agent_desk_e2e::live::Api;
use agent_desk_e2e::{Key, Launch, Result};
use managed_agents::types::{CreateAgentRequest, CreateSessionRequest, Tool};
use managed_agents_sim::SimConfig;
use serde_json::{Value, json};

/// Not a test but a benchmark (skipped by `scripts/test`; prints figures, asserts none):
/// a 10,000-event session opened in the real window, then a reply streamed into it.
/// `xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- scripts/with-keyring \
///   cargo test -p agent-desk-e2e --test sessions -- --ignored bench_ --nocapture`
#[tokio::test]
#[ignore = "a benchmark: run by hand, see BENCHMARKS.md"]
async fn bench_a_long_session_opens_and_streams() -> Result<()> {
    let api = Api::start(SimConfig::default()).await?;
    let api_client = &api.client;
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
    let request = CreateSessionRequest {
        title: Some("Ten thousand events".into()),
        ..CreateSessionRequest::new(&agent.id, &api.environment)
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
    let clicked = Instant::now();
    app.click(&format!("[data-session-id='{session}'] button")).await?;
    app.wait_until("the first rows", async |app| {
        Ok(app.eval("return document.querySelectorAll('[aria-label=\"Conversation\"] [data-item-id]').length").await?.as_u64().unwrap_or(0) > 0)
    })
    .await?;
    let first_rows = clicked.elapsed();
    app.wait_until("every event", async |app| {
        Ok(app.page_attr("data-event-count").await? == expected.to_string())
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
    app.press(Key::Enter).await?;
    app.wait_status("running").await?;
    app.wait_status("idle").await?;
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
