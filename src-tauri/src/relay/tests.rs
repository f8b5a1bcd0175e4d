//! The relay against the simulator with injected faults, as the web view would receive it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use managed_agents::types::{
    ContentBlock, EventParams, ListEventsQuery, SendEventsRequest, SessionEvent,
};
use managed_agents::{Client, Config, ConnectionState, FeedConfig, FeedStopReason};
use managed_agents_sim::{Faults, SimConfig, SimHandle, TypingSpeed};

use super::{LiveStatus, Registry, RelayBatch, SessionStatusChanged};
use crate::test_sim::{agent_with_policy, session};

type Received = Arc<Mutex<Vec<RelayBatch>>>;

/// Reconnects at once: the test makes 50 cuts and must not wait out production backoff.
fn quick_feed() -> FeedConfig {
    FeedConfig {
        initial_backoff: Duration::from_millis(2),
        max_backoff: Duration::from_millis(20),
        healthy_after: Duration::from_millis(50),
        stall_timeout: Duration::from_millis(400),
        ..FeedConfig::default().with_deltas()
    }
}

async fn demo_session(client: &Client) -> String {
    let seeded = agent_with_policy(client, "Coder", "always_allow").await;
    session(client, &seeded, None).await
}

async fn say(client: &Client, session: &str, text: &str) {
    let message = EventParams::UserMessage { content: vec![ContentBlock::text(text)] };
    client.events(session).send(&SendEventsRequest { events: vec![message] }).await.unwrap();
}

fn watch(
    registry: &Registry,
    client: &Client,
    session: &str,
) -> (u32, Received, Arc<Mutex<Vec<SessionStatusChanged>>>) {
    let received = Received::default();
    let statuses = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&received);
    let status_sink = Arc::clone(&statuses);
    let id = registry.watch(
        "main",
        session,
        client,
        quick_feed(),
        Box::new(move |batch| {
            sink.lock().unwrap().push(batch);
            Ok(())
        }),
        Arc::new(move |change| status_sink.lock().unwrap().push(change)),
    );
    (id, received, statuses)
}

fn last_connection(received: &Received) -> Option<ConnectionState> {
    received.lock().unwrap().last().and_then(|b| b.connection.clone())
}

async fn until(what: &str, mut done: impl FnMut() -> bool) {
    let waited = tokio::time::timeout(Duration::from_secs(90), async {
        while !done() {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await;
    assert!(waited.is_ok(), "timed out waiting for {what}");
}

async fn server_history(client: &Client, session: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut query = ListEventsQuery { limit: Some(100), ..ListEventsQuery::default() };
    loop {
        let page = client.events(session).list(&query).await.unwrap();
        ids.extend(page.data.iter().filter_map(|e| e.id().map(str::to_owned)));
        match page.next_page {
            Some(cursor) => query.page = Some(cursor),
            None => return ids,
        }
    }
}

fn idle_count(received: &Received) -> usize {
    let batches = received.lock().unwrap();
    let mut seen = std::collections::HashSet::new();
    batches
        .iter()
        .flat_map(|b| &b.events)
        .filter(|e| e.event_type() == "session.status_idle")
        .filter(|e| seen.insert(e.id().map(str::to_owned)))
        .count()
}

async fn start_sim() -> (SimHandle, Client) {
    let sim = managed_agents_sim::start(SimConfig {
        typing: TypingSpeed::CharsPerSecond(20_000),
        ..SimConfig::default()
    })
    .await
    .unwrap();
    let client = Client::new(Config::new("test-key").with_base_url(sim.base_url())).unwrap();
    (sim, client)
}

/// The fault run: 50 cuts at random offsets, a stall, then a revoked key.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_web_view_gets_every_event_once_in_order_through_cuts_a_stall_and_a_revoked_key() {
    let (sim, client) = start_sim().await;
    let session = demo_session(&client).await;
    let registry = Registry::default();
    // Cuts at random byte offsets of each new stream (a stream takes the faults set when it
    // opens), until the relay has reconnected 50 times.
    let cut_somewhere =
        || Faults { cut_stream_at_byte: Some(fastrand::usize(150..4000)), ..Faults::default() };
    sim.set_faults(cut_somewhere());
    let (id, received, statuses) = watch(&registry, &client, &session);
    until("the first live state", || last_connection(&received).is_some()).await;
    let mut turns = 0;
    while sim.streams_opened() < 51 {
        sim.set_faults(cut_somewhere());
        turns += 1;
        say(&client, &session, "please fix the bug").await;
        until("the turn to end", || idle_count(&received) >= turns).await;
        assert!(turns < 200, "50 cuts should not need {turns} turns");
    }

    // A stream that goes silent with the connection open is given up and reopened.
    sim.set_faults(Faults { stall_stream_after_events: Some(2), ..Faults::default() });
    turns += 1;
    say(&client, &session, "please fix the bug").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    sim.set_faults(Faults::default());
    until("the turn after the stall", || idle_count(&received) >= turns).await;
    until("connected again", || last_connection(&received) == Some(ConnectionState::Connected))
        .await;

    // Every event of the server, exactly once and in order; user events may come a second
    // time once processed (the view upserts by id), and nothing else repeats.
    let history = server_history(&client, &session).await;
    let batches = received.lock().unwrap().clone();
    let seqs: Vec<u32> = batches.iter().map(|b| b.seq).collect();
    assert_eq!(seqs, (0..batches.len() as u32).collect::<Vec<_>>(), "no message lost");
    let mut order: Vec<String> = Vec::new();
    let mut seen: HashMap<String, Vec<&SessionEvent>> = HashMap::new();
    for event in batches.iter().flat_map(|b| &b.events).filter(|e| !e.is_preview()) {
        let id = event.id().expect("a stored event has an id").to_owned();
        let copies = seen.entry(id.clone()).or_default();
        if copies.is_empty() {
            order.push(id);
        }
        copies.push(event);
    }
    for (id, copies) in &seen {
        let upsert = copies.len() == 2 && copies[0].processed_at().is_none();
        assert!(copies.len() == 1 || upsert, "{id} came {} times", copies.len());
    }
    assert_eq!(order, history, "the relay delivers the server's history exactly");
    assert!(turns >= 2 && history.len() > 100, "{turns} turns, {} events", history.len());
    let live: Vec<LiveStatus> = statuses.lock().unwrap().iter().map(|s| s.status).collect();
    assert!(live.contains(&LiveStatus::Running) && live.ends_with(&[LiveStatus::Idle]), "{live:?}");

    // A revoked key: the feed stops with a clear state and does not retry.
    sim.set_faults(Faults { revoke_keys: true, cut_stream_at_byte: Some(1), ..Faults::default() });
    say_ignoring_errors(&client, &session).await;
    until("the stop", || {
        matches!(last_connection(&received), Some(ConnectionState::Stopped { .. }))
    })
    .await;
    let Some(ConnectionState::Stopped { reason: FeedStopReason::Unauthorized { .. } }) =
        last_connection(&received)
    else {
        panic!("stopped for the key: {:?}", last_connection(&received));
    };
    until("the relay task to end", || registry.running_tasks() == 0).await;
    let count = received.lock().unwrap().len();
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(received.lock().unwrap().len(), count, "nothing after the stop");
    assert!(registry.unwatch(id));
    sim.shutdown().await;
}

/// The key is revoked while the stream is open: closing the stream makes the feed reconnect,
/// which meets the 401. The send itself may fail with 401 too, which is fine here.
async fn say_ignoring_errors(client: &Client, session: &str) {
    let message = EventParams::UserMessage { content: vec![ContentBlock::text("hello")] };
    let _ = client.events(session).send(&SendEventsRequest { events: vec![message] }).await;
}

#[tokio::test]
async fn unwatching_ends_the_task_and_two_watches_of_one_session_are_independent() {
    let (sim, client) = start_sim().await;
    let session = demo_session(&client).await;
    let registry = Registry::default();
    let (first, a, _) = watch(&registry, &client, &session);
    let (second, b, _) = watch(&registry, &client, &session);
    assert_ne!(first, second);
    until("both live", || last_connection(&a).is_some() && last_connection(&b).is_some()).await;
    assert_eq!((registry.count(), registry.running_tasks()), (2, 2));

    assert!(registry.unwatch(first));
    assert!(!registry.unwatch(first), "a second unwatch is harmless");
    until("the first task to end", || registry.running_tasks() == 1).await;
    say(&client, &session, "please fix the bug").await;
    until("the second watch to see the turn", || idle_count(&b) == 1).await;
    assert_eq!(idle_count(&a), 0, "an ended watch receives nothing");

    registry.stop_owner("main");
    until("every task to end", || registry.running_tasks() == 0).await;
    assert_eq!(registry.count(), 0);
    sim.shutdown().await;
}

/// A long history read slowly: the view first gets the newest events as a tail, then the whole
/// history in order, and the tail never comes again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_history_is_preceded_by_the_newest_events() {
    let (sim, client) = start_sim().await;
    let session = demo_session(&client).await;
    let mut history = Vec::new();
    for turn in 1..=4 {
        say(&client, &session, "please fix the bug").await;
        // The turn has ended when the server's history holds its idle event.
        let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
        loop {
            let events = client
                .events(&session)
                .list(&ListEventsQuery {
                    types: vec!["session.status_idle".into()],
                    ..ListEventsQuery::default()
                })
                .await
                .unwrap();
            if events.data.len() >= turn {
                break;
            }
            assert!(tokio::time::Instant::now() < deadline, "turn {turn} did not end");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        history = server_history(&client, &session).await;
    }
    assert!(history.len() > 100, "{} events: more than a tail holds", history.len());

    // The history takes 2 s a page; the tail is read at once.
    sim.set_faults(Faults {
        slow_history_pages: Some(Duration::from_secs(2)),
        ..Faults::default()
    });
    let registry = Registry::default();
    let (_id, received, _) = watch(&registry, &client, &session);
    until("caught up", || last_connection(&received) == Some(ConnectionState::Connected)).await;

    let batches = received.lock().unwrap().clone();
    let first = &batches[0];
    let tail: Vec<&str> = first.tail.iter().flatten().filter_map(SessionEvent::id).collect();
    let newest: Vec<&str> = history[history.len() - 100..].iter().map(String::as_str).collect();
    assert_eq!(tail, newest, "the first message holds the newest 100 events, oldest first");
    assert!(first.events.is_empty() && first.connection.is_none(), "and nothing else yet");
    assert!(batches[1..].iter().all(|b| b.tail.is_none()), "the tail comes once");
    let delivered: Vec<&str> =
        batches.iter().flat_map(|b| &b.events).filter_map(SessionEvent::id).collect();
    assert_eq!(delivered, history, "then the whole history, in order, once");
    sim.shutdown().await;
}
