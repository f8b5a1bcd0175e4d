//! Relay benchmark: the simulator's socket → the session feed → the relay → JSON channel
//! payloads, as the web view receives them. Prints figures; asserts nothing.
//!
//! `cargo run --release -p agent-desk --example relay_bench -- [history_turns] [live_turns]`
//!
//! 1. History: a session with many events is opened; how fast does all of it reach the channel,
//!    in how many messages, of what size?
//! 2. Latency: during live turns typed at a person's reading speed, each event is stamped when
//!    a bare feed (no relay) yields it and when it reaches the relay's channel; the difference
//!    is what the relay adds (batching to one message per frame, and serialization).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use agent_desk_lib::relay::{Registry, RelayBatch};
use futures_util::StreamExt;
use managed_agents::types::{
    ContentBlock, CreateAgentRequest, CreateEnvironmentRequest, CreateSessionRequest, EventParams,
    SendEventsRequest, Tool,
};
use managed_agents::{Client, Config, FeedConfig, FeedItem};
use managed_agents_sim::{SimConfig, TypingSpeed};
use serde_json::json;
use tauri::ipc::{Channel, InvokeResponseBody};

type Error = Box<dyn std::error::Error + Send + Sync>;

#[derive(Default)]
struct Arrivals {
    messages: usize,
    bytes: usize,
    largest: usize,
    events: usize,
    at: HashMap<String, Instant>,
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    let mut args = std::env::args().skip(1).map(|a| a.parse::<usize>());
    let history_turns = args.next().transpose()?.unwrap_or(150);
    let live_turns = args.next().transpose()?.unwrap_or(3);

    let sim = managed_agents_sim::start(SimConfig {
        typing: TypingSpeed::Instant,
        ..SimConfig::default()
    })
    .await?;
    let client = Client::new(Config::new("bench-key").with_base_url(sim.base_url()))?;
    let session = demo_session(&client).await?;

    // 1. History.
    for _ in 0..history_turns {
        turn(&client, &session).await?;
    }
    let total = count_events(&client, &session).await?;
    // The same history through a bare feed, for comparison: what the relay costs on top.
    let started = Instant::now();
    let mut feed = client.feed(session.clone(), FeedConfig::default().with_deltas());
    let mut seen = 0;
    while seen < total {
        if let Some(FeedItem::Event(_)) = feed.next().await {
            seen += 1;
        }
    }
    drop(feed);
    let bare = started.elapsed();
    let registry = Registry::default();
    let (arrivals, outlet) = channel_outlet();
    let started = Instant::now();
    registry.watch("bench", &session, &client, FeedConfig::default().with_deltas(), outlet, noop());
    while lock(&arrivals).events < total {
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    let elapsed = started.elapsed();
    registry.stop_all();
    let (messages, bytes, largest) = {
        let a = lock(&arrivals);
        (a.messages, a.bytes, a.largest)
    };
    println!(
        "history: {total} events in {:.0} ms = {:.0} events/s (a bare feed without the relay: {:.0} ms)",
        ms(elapsed),
        total as f64 / elapsed.as_secs_f64(),
        ms(bare)
    );
    println!(
        "         {} messages, {:.1} MiB of JSON ({:.1} MiB/s), largest message {:.0} KiB",
        messages,
        bytes as f64 / 1048576.0,
        bytes as f64 / 1048576.0 / elapsed.as_secs_f64(),
        largest as f64 / 1024.0
    );

    // 2. Added latency, at reading speed (300 characters per second, the demo's default).
    sim.shutdown().await;
    let sim = managed_agents_sim::start(SimConfig::default()).await?;
    let client = Client::new(Config::new("bench-key").with_base_url(sim.base_url()))?;
    let session = demo_session(&client).await?;
    let (arrivals, outlet) = channel_outlet();
    registry.watch("bench", &session, &client, FeedConfig::default().with_deltas(), outlet, noop());
    let bare = Arc::new(Mutex::new(HashMap::<String, Instant>::new()));
    let mut feed = client.feed(session.clone(), FeedConfig::default().with_deltas());
    let stamps = Arc::clone(&bare);
    let reader = tokio::spawn(async move {
        while let Some(item) = feed.next().await {
            if let FeedItem::Event(event) = item {
                lock(&stamps).insert(key(&event), Instant::now());
            }
        }
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    for _ in 0..live_turns {
        turn(&client, &session).await?;
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    reader.abort();
    let relayed = lock(&arrivals).at.clone();
    let mut added: Vec<f64> = lock(&bare)
        .iter()
        .filter_map(|(id, seen)| relayed.get(id).map(|r| ms(r.saturating_duration_since(*seen))))
        .collect();
    added.sort_by(f64::total_cmp);
    let pick = |q: f64| added[((added.len() - 1) as f64 * q) as usize];
    println!(
        "latency: {} events over {live_turns} live turns; added by the relay: p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms; {} messages",
        added.len(),
        pick(0.5),
        pick(0.95),
        pick(1.0),
        lock(&arrivals).messages
    );
    registry.stop_all();
    sim.shutdown().await;
    Ok(())
}

/// An outlet that serializes each batch through a real `Channel`, as the app does, and records
/// what arrives.
fn channel_outlet() -> (Arc<Mutex<Arrivals>>, agent_desk_lib::relay::Outlet) {
    let arrivals = Arc::new(Mutex::new(Arrivals::default()));
    let sink = Arc::clone(&arrivals);
    let channel: Channel<RelayBatch> = Channel::new(move |body| {
        let now = Instant::now();
        let InvokeResponseBody::Json(text) = body else { return Ok(()) };
        let batch: serde_json::Value = serde_json::from_str(&text)?;
        let mut a = lock(&sink);
        a.messages += 1;
        a.bytes += text.len();
        a.largest = a.largest.max(text.len());
        for event in batch["events"].as_array().into_iter().flatten() {
            a.events += usize::from(event["id"].is_string());
            let id = event["id"].as_str().map(str::to_owned).unwrap_or_else(|| preview_key(event));
            a.at.entry(id).or_insert(now);
        }
        Ok(())
    });
    (arrivals, Box::new(move |batch| channel.send(batch).map_err(|e| e.to_string())))
}

fn key(event: &managed_agents::types::SessionEvent) -> String {
    match event.id() {
        Some(id) => id.to_owned(),
        None => preview_key(&serde_json::to_value(event).unwrap_or_default()),
    }
}

/// Previews have no id; the text they carry (and their type) tells them apart well enough.
fn preview_key(event: &serde_json::Value) -> String {
    format!("{}:{}", event["type"], event)
}

fn noop() -> agent_desk_lib::relay::StatusOutlet {
    Arc::new(|_| {})
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

async fn demo_session(client: &Client) -> Result<String, Error> {
    let toolset = Tool::AgentToolset20260401 {
        default_config: Some(
            json!({ "enabled": true, "permission_policy": { "type": "always_allow" } }),
        ),
        configs: None,
        extra: Default::default(),
    };
    let agent = CreateAgentRequest {
        tools: Some(vec![toolset]),
        ..CreateAgentRequest::new("Coder", "claude-sonnet-4-6")
    };
    let agent = client.agents().create(&agent).await?;
    let environment = client
        .environments()
        .create(&CreateEnvironmentRequest { name: "bench".into(), ..Default::default() })
        .await?;
    Ok(client.sessions().create(&CreateSessionRequest::new(&agent.id, &environment.id)).await?.id)
}

async fn say(client: &Client, session: &str) -> Result<(), Error> {
    let message =
        EventParams::UserMessage { content: vec![ContentBlock::text("please fix the bug")] };
    client.events(session).send(&SendEventsRequest { events: vec![message] }).await?;
    Ok(())
}

/// Sends the demo's coding task and waits for the turn's `session.status_idle`.
async fn turn(client: &Client, session: &str) -> Result<(), Error> {
    let before = last_idle(client, session).await?;
    say(client, session).await?;
    while last_idle(client, session).await? == before {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    Ok(())
}

async fn last_idle(client: &Client, session: &str) -> Result<Option<String>, Error> {
    let query = managed_agents::types::ListEventsQuery {
        limit: Some(1),
        order: Some("desc".into()),
        types: vec!["session.status_idle".into()],
        ..Default::default()
    };
    let page = client.events(session).list(&query).await?;
    Ok(page.data.first().and_then(|e| e.id()).map(str::to_owned))
}

async fn count_events(client: &Client, session: &str) -> Result<usize, Error> {
    let mut count = 0;
    let mut query =
        managed_agents::types::ListEventsQuery { limit: Some(1000), ..Default::default() };
    loop {
        let page = client.events(session).list(&query).await?;
        count += page.data.len();
        match page.next_page {
            Some(cursor) => query.page = Some(cursor),
            None => return Ok(count),
        }
    }
}
