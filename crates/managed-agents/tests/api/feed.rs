//! The session feed against a scripted loopback server: 50 cuts at random byte offsets, a
//! silent stall, a failing history read, and a 401 that must stop without a retry loop.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::StreamExt;
use managed_agents::types::SessionEvent;
use managed_agents::{Client, ConnectionState, FeedConfig, FeedItem, FeedStopReason, RetryPolicy};
use serde_json::json;
use tokio::io::AsyncWriteExt;

use crate::scripted::{self, Handler, Req};
use crate::support::config;

/// The whole life of a session: `n` events; pairs share a `processed_at` (ties are allowed),
/// and the text has multi-byte characters so cuts land inside UTF-8 sequences.
fn timeline(n: usize) -> Vec<String> {
    let mut events: Vec<String> = (0..n)
        .map(|i| {
            json!({"type":"agent.message","id":format!("ev{i:05}"),
                "processed_at":format!("2026-01-01T00:00:00.{:06}Z", i / 2),
                "content":[{"type":"text","text":format!("h\u{e9}llo \u{2713} number {i} \u{1F600}")}]})
            .to_string()
        })
        .collect();
    events.push(
        json!({"type":"session.deleted","id":"ev99999","processed_at":"2026-01-01T00:00:01.000000Z"})
            .to_string(),
    );
    events
}

fn processed_at(json: &str) -> String {
    serde_json::from_str::<serde_json::Value>(json).unwrap()["processed_at"]
        .as_str()
        .unwrap()
        .to_owned()
}

struct Session {
    events: Vec<String>,
    /// How many events exist so far.
    emitted: usize,
    stream_connections: usize,
    list_calls: usize,
    rng: fastrand::Rng,
}

/// Answers a history page: events emitted so far with `processed_at >= created_at[gte]`, seven
/// per page, cursor = offset. Every fifth read fails on its second page (a partial read).
async fn list(session: &Arc<Mutex<Session>>, req: &Req, socket: &mut tokio::net::TcpStream) {
    let (status, body) = {
        let mut s = session.lock().unwrap();
        s.list_calls += 1;
        let gte = req.param("created_at[gte]");
        let matching: Vec<&String> = s.events[..s.emitted]
            .iter()
            .filter(|e| gte.as_deref().is_none_or(|g| processed_at(e).as_str() >= g))
            .collect();
        let offset: usize = req.param("page").map_or(0, |p| p.parse().unwrap());
        if offset > 0 && s.list_calls.is_multiple_of(5) {
            (500, "{}".to_owned())
        } else {
            let end = (offset + 7).min(matching.len());
            let data: Vec<serde_json::Value> =
                matching[offset..end].iter().map(|e| serde_json::from_str(e).unwrap()).collect();
            let next = (end < matching.len()).then(|| end.to_string());
            (200, json!({"data":data,"next_page":next}).to_string())
        }
    };
    scripted::respond(socket, status, "application/json", body.as_bytes()).await;
}

fn feed_client(base: &str) -> Client {
    // History reads are not retried inside the client: the feed's own reconnect handles them.
    Client::new(config(base).with_retry(RetryPolicy::none())).unwrap()
}

fn fast() -> FeedConfig {
    FeedConfig {
        initial_backoff: Duration::from_millis(1),
        max_backoff: Duration::from_millis(5),
        stall_timeout: Duration::from_secs(30),
        ..FeedConfig::default()
    }
}

/// Collects the feed until it stops (with a guard against hanging forever).
async fn run(feed: managed_agents::Feed) -> Vec<FeedItem> {
    tokio::time::timeout(Duration::from_secs(120), feed.collect::<Vec<_>>())
        .await
        .expect("the feed never stopped")
}

fn event_ids(items: &[FeedItem]) -> Vec<String> {
    items
        .iter()
        .filter_map(|i| match i {
            FeedItem::Event(e) => Some(e.id().unwrap().to_owned()),
            _ => None,
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_cuts_at_random_offsets_lose_and_repeat_nothing() {
    const CUTS: usize = 50;
    const BATCH: usize = 5;
    let events = timeline(CUTS * BATCH + 12);
    let total = events.len();
    let session = Arc::new(Mutex::new(Session {
        events,
        emitted: 3,
        stream_connections: 0,
        list_calls: 0,
        rng: fastrand::Rng::with_seed(20261124),
    }));
    let s2 = session.clone();
    let handler: Handler = Arc::new(move |req, mut socket| {
        let session = s2.clone();
        Box::pin(async move {
            if req.path.ends_with("/events/stream") {
                // New events happen while this connection is open; it is cut at a random byte
                // (0 = right after the headers) for the first CUTS connections.
                let (bytes, cut) = {
                    let mut s = session.lock().unwrap();
                    s.stream_connections += 1;
                    let last = s.stream_connections > CUTS;
                    let start = s.emitted;
                    s.emitted =
                        if last { s.events.len() } else { (start + BATCH).min(s.events.len()) };
                    let mut body = String::from(": hello\n\n");
                    for (i, e) in s.events[start..s.emitted].iter().enumerate() {
                        body.push_str(&scripted::frame(e));
                        if i.is_multiple_of(2) {
                            body.push_str("event: ping\ndata: {}\n\n");
                        }
                    }
                    let cut = if last { body.len() } else { s.rng.usize(0..body.len()) };
                    (body.into_bytes(), cut)
                };
                scripted::stream_head(&mut socket).await;
                let _ = socket.write_all(&bytes[..cut]).await;
                let _ = socket.flush().await;
            } else {
                list(&session, &req, &mut socket).await;
            }
        })
    });
    let base = scripted::serve(handler).await;
    let items = run(feed_client(&base).feed("sesn_1", fast())).await;

    let ids = event_ids(&items);
    let expected: Vec<String> = session
        .lock()
        .unwrap()
        .events
        .iter()
        .map(|e| {
            serde_json::from_str::<serde_json::Value>(e).unwrap()["id"].as_str().unwrap().to_owned()
        })
        .collect();
    assert_eq!(ids.len(), total, "every event exactly once");
    assert_eq!(ids, expected, "in order");
    let reconnects = items
        .iter()
        .filter(|i| matches!(i, FeedItem::State(ConnectionState::Reconnecting { .. })))
        .count();
    assert!(reconnects >= CUTS, "{reconnects} reconnects");
    // `Connected` means caught up: the history (the three events there before the feed, and
    // what the first stream added before the history was read) comes before it.
    let first_connected = items
        .iter()
        .position(|i| matches!(i, FeedItem::State(ConnectionState::Connected)))
        .expect("connected");
    let before = event_ids(&items[..first_connected]);
    assert!(before.len() >= 3 && before[..3] == expected[..3], "{before:?}");
    assert_eq!(
        items.last(),
        Some(&FeedItem::State(ConnectionState::Stopped { reason: FeedStopReason::SessionDeleted }))
    );
    assert!(session.lock().unwrap().stream_connections > CUTS);
}

#[tokio::test]
async fn a_silent_stall_is_detected_and_recovered() {
    let events = timeline(4);
    let connections = Arc::new(AtomicUsize::new(0));
    let session = Arc::new(Mutex::new(Session {
        events: events.clone(),
        emitted: 0,
        stream_connections: 0,
        list_calls: 0,
        rng: fastrand::Rng::with_seed(1),
    }));
    let (c2, s2) = (connections.clone(), session.clone());
    let handler: Handler = Arc::new(move |req, mut socket| {
        let (connections, session) = (c2.clone(), s2.clone());
        Box::pin(async move {
            if !req.path.ends_with("/events/stream") {
                return list(&session, &req, &mut socket).await;
            }
            scripted::stream_head(&mut socket).await;
            if connections.fetch_add(1, Ordering::SeqCst) == 0 {
                // First connection: two events, then silence with the socket open.
                let body = {
                    let mut s = session.lock().unwrap();
                    s.emitted = 2;
                    format!("{}{}", scripted::frame(&s.events[0]), scripted::frame(&s.events[1]))
                };
                let _ = socket.write_all(body.as_bytes()).await;
                tokio::time::sleep(Duration::from_secs(3600)).await;
            } else {
                let body: String = {
                    let mut s = session.lock().unwrap();
                    s.emitted = s.events.len();
                    s.events[2..].iter().map(|e| scripted::frame(e)).collect()
                };
                let _ = socket.write_all(body.as_bytes()).await;
            }
        })
    });
    let base = scripted::serve(handler).await;
    let config = FeedConfig { stall_timeout: Duration::from_millis(300), ..fast() };
    let items = run(feed_client(&base).feed("sesn_1", config)).await;
    assert_eq!(event_ids(&items).len(), events.len());
    let stalled = items.iter().any(|i| matches!(
        i,
        FeedItem::State(ConnectionState::Reconnecting { reason, .. }) if reason.contains("no data")
    ));
    assert!(stalled, "{items:?}");
}

#[tokio::test]
async fn unauthorized_stops_at_once_without_retrying() {
    let requests = Arc::new(AtomicUsize::new(0));
    let r2 = requests.clone();
    let handler: Handler = Arc::new(move |_req, mut socket| {
        let requests = r2.clone();
        Box::pin(async move {
            requests.fetch_add(1, Ordering::SeqCst);
            let body = r#"{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}"#;
            scripted::respond(&mut socket, 401, "application/json", body.as_bytes()).await;
        })
    });
    let base = scripted::serve(handler).await;
    let items = run(feed_client(&base).feed("sesn_1", fast())).await;
    assert_eq!(
        items,
        [FeedItem::State(ConnectionState::Stopped {
            reason: FeedStopReason::Unauthorized { message: "invalid x-api-key".into() }
        })]
    );
    assert_eq!(requests.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn not_found_on_history_stops_too() {
    let handler: Handler = Arc::new(move |req, mut socket| {
        Box::pin(async move {
            if req.path.ends_with("/events/stream") {
                scripted::stream_head(&mut socket).await;
                tokio::time::sleep(Duration::from_secs(3600)).await;
            } else {
                scripted::respond(&mut socket, 404, "application/json", b"{}").await;
            }
        })
    });
    let base = scripted::serve(handler).await;
    let items = run(feed_client(&base).feed("sesn_1", fast())).await;
    assert!(matches!(
        items.as_slice(),
        [FeedItem::State(ConnectionState::Stopped { reason: FeedStopReason::NotFound { .. } })]
    ));
}

#[tokio::test]
async fn previews_pass_through_and_processed_echo_is_an_update() {
    let queued = json!({"type":"user.message","id":"u1","processed_at":null,"content":[{"type":"text","text":"hi"}]});
    let done = json!({"type":"user.message","id":"u1","processed_at":"2026-01-01T00:00:00Z","content":[{"type":"text","text":"hi"}]});
    let start = json!({"type":"event_start","event":{"type":"agent.message","id":"a1"}});
    let deleted = json!({"type":"session.deleted","id":"d","processed_at":"2026-01-01T00:00:02Z"});
    let body: String = [&queued, &queued, &start, &done, &done, &deleted]
        .iter()
        .map(|v| scripted::frame(&v.to_string()))
        .collect();
    let handler: Handler = Arc::new(move |req, mut socket| {
        let body = body.clone();
        Box::pin(async move {
            if req.path.ends_with("/events/stream") {
                scripted::stream_head(&mut socket).await;
                let _ = socket.write_all(body.as_bytes()).await;
            } else {
                scripted::respond(
                    &mut socket,
                    200,
                    "application/json",
                    br#"{"data":[],"next_page":null}"#,
                )
                .await;
            }
        })
    });
    let base = scripted::serve(handler).await;
    let items = run(feed_client(&base).feed("sesn_1", fast())).await;
    let events: Vec<&SessionEvent> = items
        .iter()
        .filter_map(|i| if let FeedItem::Event(e) = i { Some(e) } else { None })
        .collect();
    let summary: Vec<(String, Option<&str>)> =
        events.iter().map(|e| (e.event_type().to_owned(), e.processed_at())).collect();
    assert_eq!(
        summary,
        [
            ("user.message".to_owned(), None),
            ("event_start".to_owned(), None),
            ("user.message".to_owned(), Some("2026-01-01T00:00:00Z")),
            ("session.deleted".to_owned(), Some("2026-01-01T00:00:02Z")),
        ]
    );
}

#[test]
fn backoff_starts_under_a_second_doubles_and_caps() {
    let c = FeedConfig::default();
    assert!(c.backoff(1) <= Duration::from_secs(1));
    for attempt in 1..20 {
        let d = c.backoff(attempt);
        let base = Duration::from_millis(500)
            .saturating_mul(1 << (attempt - 1).min(10))
            .min(Duration::from_secs(10));
        assert!(d <= base && d >= base.mul_f64(0.75), "{attempt}: {d:?}");
    }
    assert!(c.backoff(30) <= Duration::from_secs(10));
}
