//! The SSE streams: `/v1/sessions/{id}/events/stream`, the launch-era alias
//! `/v1/sessions/{id}/stream`, and `/v1/sessions/{id}/threads/{tid}/stream`.
//!
//! Frames are written by hand (`event: <type>` + `data: <json>`) rather than through axum's `Sse`
//! so that injected faults can cut a stream at an exact byte, drip it, or send malformed frames.
//! A stream is live-only: it is registered before the response is returned, and sees only events
//! emitted after that.

use std::collections::VecDeque;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::Response;
use axum::routing::get;
use bytes::Bytes;
use serde_json::json;
use tokio::sync::mpsc;

use super::{AppState, Params};
use crate::error::{ApiError, ApiResult};
use crate::faults::Faults;
use crate::state::{Frame, Subscriber};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/sessions/{id}/events/stream", get(session_stream))
        .route("/v1/sessions/{id}/stream", get(session_stream))
        .route("/v1/sessions/{id}/threads/{tid}/stream", get(thread_stream))
}

async fn session_stream(
    State(shared): State<AppState>,
    Path(id): Path<String>,
    Query(params): Query<Params>,
) -> ApiResult<Response> {
    open(&shared, &id, None, &params)
}

async fn thread_stream(
    State(shared): State<AppState>,
    Path((id, tid)): Path<(String, String)>,
    Query(params): Query<Params>,
) -> ApiResult<Response> {
    open(&shared, &id, Some(tid), &params)
}

fn open(
    shared: &AppState,
    id: &str,
    thread: Option<String>,
    params: &Params,
) -> ApiResult<Response> {
    let deltas = params.all("event_deltas");
    if deltas.len() > 100 || deltas.iter().any(|d| d != "agent.message" && d != "agent.thinking") {
        return Err(ApiError::invalid(
            "event_deltas: only 'agent.message' and 'agent.thinking' are supported",
        ));
    }
    let (tx, rx) = mpsc::unbounded_channel();
    {
        let mut store = shared.lock();
        let rec = store.sessions.get_mut(id).ok_or_else(|| ApiError::not_found("session", id))?;
        if let Some(tid) = &thread
            && !rec.threads.iter().any(|t| t["id"] == tid.as_str())
        {
            return Err(ApiError::not_found("thread", tid));
        }
        rec.live.subscribers.push(Subscriber {
            tx,
            message_deltas: deltas.iter().any(|d| d == "agent.message"),
            thinking_deltas: deltas.iter().any(|d| d == "agent.thinking"),
            thread,
        });
    }
    shared.streams_opened.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let faults = shared.faults().clone();
    let body = Body::from_stream(frames(rx, faults, shared.config.ping_interval));
    Response::builder()
        .header(header::CONTENT_TYPE, "text/event-stream")
        .header(header::CACHE_CONTROL, "no-cache")
        .body(body)
        .map_err(|e| ApiError::invalid(e.to_string()))
}

struct Writer {
    rx: mpsc::UnboundedReceiver<Frame>,
    faults: Faults,
    ping: tokio::time::Interval,
    out: VecDeque<Bytes>,
    events: usize,
    bytes: usize,
    stalled: bool,
}

fn encode(frame: &Frame) -> Bytes {
    let Frame::Event(event) = frame;
    let kind = event["type"].as_str().unwrap_or("message");
    Bytes::from(format!("event: {kind}\ndata: {event}\n\n"))
}

/// The stream body: frames from the session, pings, and any injected faults.
fn frames(
    rx: mpsc::UnboundedReceiver<Frame>,
    faults: Faults,
    ping_every: Duration,
) -> impl futures_util::Stream<Item = Result<Bytes, std::io::Error>> {
    let mut ping = tokio::time::interval_at(tokio::time::Instant::now() + ping_every, ping_every);
    ping.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut out = VecDeque::new();
    if faults.malformed_frames {
        out.push_back(Bytes::from_static(Faults::malformed_prelude().as_bytes()));
    }
    if let Some(size) = faults.oversized_event_bytes {
        let text = "x".repeat(size);
        let event = json!({"type": "agent.message", "id": crate::ids::new_id("sevt"), "processed_at": crate::ids::now(),
            "content": [{"type": "text", "text": text}]});
        out.push_back(encode(&Frame::Event(std::sync::Arc::new(event))));
    }
    let writer = Writer { rx, faults, ping, out, events: 0, bytes: 0, stalled: false };
    futures_util::stream::unfold(writer, |mut w| async move {
        loop {
            if w.stalled {
                // Silent with the connection open: the client must notice on its own.
                std::future::pending::<()>().await;
            }
            if let Some(mut chunk) = w.out.pop_front() {
                if let Some(drip) = w.faults.drip {
                    let n = drip.chunk_bytes.max(1);
                    if chunk.len() > n {
                        w.out.push_front(chunk.split_off(n));
                    }
                    tokio::time::sleep(drip.delay).await;
                }
                if let Some(limit) = w.faults.cut_stream_at_byte
                    && w.bytes + chunk.len() >= limit
                {
                    let keep = limit.saturating_sub(w.bytes);
                    w.bytes = limit;
                    w.faults.cut_stream_at_byte = Some(0);
                    w.out.clear();
                    w.rx.close();
                    if keep == 0 {
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        return Some((Err(std::io::Error::other("injected: stream cut")), w));
                    }
                    w.out.push_back(Bytes::new());
                    return Some((Ok(chunk.split_to(keep)), w));
                }
                if chunk.is_empty() {
                    // Let the bytes already written reach the socket before the reset.
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    return Some((Err(std::io::Error::other("injected: stream cut")), w));
                }
                w.bytes += chunk.len();
                return Some((Ok(chunk), w));
            }
            if w.faults.cut_stream_at_byte == Some(0) {
                return None;
            }
            tokio::select! {
                frame = w.rx.recv() => {
                    let frame = frame?;
                    w.events += 1;
                    w.out.push_back(encode(&frame));
                    if w.faults.cut_stream_after_events.is_some_and(|n| w.events >= n) {
                        // Deliver this event, then reset the connection instead of ending cleanly.
                        w.out.push_back(Bytes::new());
                    }
                    if w.faults.stall_stream_after_events.is_some_and(|n| w.events > n) {
                        w.out.clear();
                        w.stalled = true;
                    }
                }
                _ = w.ping.tick() => w.out.push_back(Bytes::from_static(b"event: ping\ndata: {\"type\":\"ping\"}\n\n")),
            }
        }
    })
}
