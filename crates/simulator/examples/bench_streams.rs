//! 50 concurrent streaming sessions on loopback, each running the demo's long task (thousands
//! of events) at instant typing speed. Prints events per second, errors and memory.
//!
//! `cargo run --release -p managed-agents-sim --example bench_streams [SESSIONS]`

use std::time::Instant;

use eventsource_stream::Eventsource;
use futures_util::StreamExt;
use managed_agents_sim::{SimConfig, TypingSpeed};
use serde_json::{Value, json};

fn rss_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

async fn post(http: &reqwest::Client, url: String, body: Value) -> Result<Value, reqwest::Error> {
    http.post(url)
        .header("x-api-key", "bench")
        .header("anthropic-beta", "managed-agents-2026-04-01")
        .json(&body)
        .send()
        .await?
        .json()
        .await
}

/// Runs one session to its final idle; returns the number of stream events read.
async fn one(
    http: reqwest::Client,
    base: String,
    agent: Value,
    env: Value,
) -> Result<usize, String> {
    let session =
        post(&http, format!("{base}/v1/sessions"), json!({"agent": agent, "environment_id": env}))
            .await
            .map_err(|e| e.to_string())?;
    let sid = session["id"].as_str().ok_or("no session id")?.to_owned();
    let res = http
        .get(format!("{base}/v1/sessions/{sid}/events/stream?event_deltas[]=agent.message"))
        .header("x-api-key", "bench")
        .header("anthropic-beta", "managed-agents-2026-04-01")
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let message = json!({"events": [{"type": "user.message", "content": [{"type": "text", "text": "run the long job"}]}]});
    post(&http, format!("{base}/v1/sessions/{sid}/events"), message)
        .await
        .map_err(|e| e.to_string())?;
    let mut events = res.bytes_stream().eventsource();
    let mut count = 0;
    while let Some(frame) = events.next().await {
        let frame = frame.map_err(|e| e.to_string())?;
        count += 1;
        if frame.event == "session.status_idle" {
            return Ok(count);
        }
    }
    Err(format!("stream of {sid} ended early after {count} events"))
}

#[tokio::main]
async fn main() {
    let sessions: usize = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(50);
    let sim = managed_agents_sim::start(SimConfig {
        typing: TypingSpeed::Instant,
        ..SimConfig::default()
    })
    .await
    .expect("start simulator");
    let base = sim.base_url();
    let http =
        reqwest::Client::builder().pool_max_idle_per_host(sessions * 2).build().expect("client");
    let agent = post(&http, format!("{base}/v1/agents"), json!({"name": "bench", "model": "claude-sonnet-4-6", "tools": [{"type": "agent_toolset_20260401"}]}))
        .await
        .expect("agent");
    let env = post(&http, format!("{base}/v1/environments"), json!({"name": "bench"}))
        .await
        .expect("env");
    let rss_before = rss_kib("VmRSS:");
    let started = Instant::now();
    let tasks: Vec<_> = (0..sessions)
        .map(|_| {
            tokio::spawn(one(http.clone(), base.clone(), agent["id"].clone(), env["id"].clone()))
        })
        .collect();
    let mut total = 0;
    let mut errors = Vec::new();
    for task in tasks {
        match task.await {
            Ok(Ok(n)) => total += n,
            Ok(Err(e)) => errors.push(e),
            Err(e) => errors.push(e.to_string()),
        }
    }
    let secs = started.elapsed().as_secs_f64();
    println!("sessions: {sessions}, streamed events: {total}, errors: {}", errors.len());
    println!("wall time: {secs:.2} s, events/s: {:.0}", total as f64 / secs);
    println!(
        "RSS: {} MiB before, {} MiB after, peak {} MiB (client and server in one process)",
        rss_before / 1024,
        rss_kib("VmRSS:") / 1024,
        rss_kib("VmHWM:") / 1024
    );
    for e in errors.iter().take(5) {
        println!("error: {e}");
    }
    sim.shutdown().await;
    if !errors.is_empty() {
        std::process::exit(1);
    }
}
