//! The session feed: one `Stream` of a session's events that never loses and never repeats
//! one, across dropped connections, and that says how its connection is doing.
//!
//! The stream has no replay and no `Last-Event-ID`, so every (re)connect follows the recipe
//! of the API reference §5: open the live stream **first** (the server buffers for it from
//! then on), then read the history (following every page, from the last `processed_at` seen,
//! with `gte` because timestamps can tie), emit the history events not seen yet in
//! `(processed_at, id)` order, then [`ConnectionState::Connected`], then the live events,
//! skipping ids already seen. A failed history read is thrown away whole and redone on the next
//! connect.
//!
//! Reconnects back off (first ≤ 1 s, doubling with jitter, capped at 10 s) and the backoff is
//! reset only after a healthy connection (one that delivered an event and stayed up for
//! `healthy_after`), so a server that accepts and hangs up at once cannot cause a hot loop.
//! A connection that sends no byte for `stall_timeout` is treated as dropped. 401, 403 and 404
//! stop the feed: retrying cannot fix a key, a permission or a missing session.
//!
//! The work runs in a spawned task that owns the HTTP connection; dropping the [`Feed`] aborts
//! it, so nothing keeps reading for a view that is gone.

use std::collections::HashMap;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use futures_util::{Stream, StreamExt};
use serde::{Deserialize, Serialize};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio::time::Instant;

use crate::client::{Client, seg};
use crate::config::Beta;
use crate::error::{Error, StreamError};
use crate::pagination::PageRequest;
use crate::query::ToQuery;
use crate::types::{ListEventsQuery, PageQuery, SessionEvent, StreamEventsQuery};

/// Tuning of a [`Feed`]. The defaults follow the API reference and the SDK's runner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedConfig {
    /// `event_deltas[]` of the stream (`agent.message`, `agent.thinking`) for live previews.
    pub event_deltas: Vec<String>,
    /// First reconnect delay before jitter (0.5 s).
    pub initial_backoff: Duration,
    /// Largest reconnect delay (10 s).
    pub max_backoff: Duration,
    /// A connection that delivered an event and stayed up this long resets the backoff (10 s).
    pub healthy_after: Duration,
    /// No byte for this long means the connection is dead (60 s).
    pub stall_timeout: Duration,
    /// `limit` of each history page (1000, as the SDK's runner).
    pub history_page_size: u32,
}

impl Default for FeedConfig {
    fn default() -> Self {
        Self {
            event_deltas: Vec::new(),
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(10),
            healthy_after: Duration::from_secs(10),
            stall_timeout: Duration::from_secs(60),
            history_page_size: 1000,
        }
    }
}

impl FeedConfig {
    /// Live previews of agent messages and thinking.
    pub fn with_deltas(mut self) -> Self {
        self.event_deltas = vec!["agent.message".into(), "agent.thinking".into()];
        self
    }

    /// The delay before reconnect number `attempt` (1-based): `initial · 2^(attempt-1)`, capped,
    /// times a jitter factor in `[0.75, 1]` so that many clients do not reconnect in step.
    pub fn backoff(&self, attempt: u32) -> Duration {
        let exp = attempt.saturating_sub(1).min(16);
        let base =
            self.initial_backoff.saturating_mul(2u32.saturating_pow(exp)).min(self.max_backoff);
        base.mul_f64(1.0 - 0.25 * fastrand::f64())
    }
}

/// One item of a [`Feed`].
#[derive(Debug, Clone, PartialEq)]
#[allow(
    clippy::large_enum_variant,
    reason = "nearly every item is an event; boxing would add an allocation to each"
)]
pub enum FeedItem {
    /// An event, delivered once, in order. Previews (`event_start`/`event_delta`) pass through
    /// too. A user event first seen with `processed_at` unset is delivered again once when it
    /// is seen processed, so the UI can mark it acknowledged (upsert by id).
    Event(SessionEvent),
    /// The connection changed state. After `Reconnecting`, drop any half-built preview:
    /// previews are never replayed.
    State(ConnectionState),
    /// Something went wrong that does not stop the feed: an event that did not decode, or an
    /// `event: error` frame. Show it in a raw/log view.
    Error(String),
}

/// How the feed's connection is doing, for a status line in the UI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ConnectionState {
    /// The stream is open and the history is caught up: events are live.
    Connected,
    /// The connection dropped; the next attempt starts after `delay_ms`.
    Reconnecting {
        /// 1 for the first retry after a drop.
        attempt: u32,
        /// Wait before this attempt, in milliseconds.
        delay_ms: u32,
        /// Why the last connection ended.
        reason: String,
    },
    /// The feed ended for good; the stream ends after this item.
    Stopped {
        /// Why.
        reason: FeedStopReason,
    },
}

/// Why a feed stopped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FeedStopReason {
    /// 401: the API key was not accepted.
    Unauthorized {
        /// The API's message.
        message: String,
    },
    /// 403: this key may not read the session.
    Forbidden {
        /// The API's message.
        message: String,
    },
    /// 404: no such session.
    NotFound {
        /// The API's message.
        message: String,
    },
    /// The session was deleted (`session.deleted`).
    SessionDeleted,
}

/// A session's events as one resilient stream of [`FeedItem`]s. Create it with
/// [`Client::feed`]; drop it to stop.
pub struct Feed {
    rx: mpsc::Receiver<FeedItem>,
    task: JoinHandle<()>,
}

impl std::fmt::Debug for Feed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Feed")
    }
}

impl Drop for Feed {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Stream for Feed {
    type Item = FeedItem;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<FeedItem>> {
        self.rx.poll_recv(cx)
    }
}

impl Client {
    /// The resilient feed of session `session_id`. Must be called inside a Tokio runtime (it
    /// spawns the task that owns the connection).
    pub fn feed(&self, session_id: impl Into<String>, config: FeedConfig) -> Feed {
        self.start_feed(session_id.into(), None, config)
    }

    /// The resilient feed of one thread of a multi-agent session: its own stream
    /// (`/threads/{id}/stream`) and history (`/threads/{id}/events`), with the same guarantees.
    /// That history takes no time filter, so each reconnect reads it whole and drops what was
    /// seen.
    pub fn thread_feed(
        &self,
        session_id: impl Into<String>,
        thread_id: impl Into<String>,
        config: FeedConfig,
    ) -> Feed {
        self.start_feed(session_id.into(), Some(thread_id.into()), config)
    }

    fn start_feed(
        &self,
        session_id: String,
        thread_id: Option<String>,
        config: FeedConfig,
    ) -> Feed {
        // Small buffer: a slow consumer slows the reader instead of growing memory.
        let (tx, rx) = mpsc::channel(256);
        let runner = Runner {
            client: self.clone(),
            session_id,
            thread_id,
            config,
            tx,
            seen: HashMap::new(),
            last_processed_at: None,
            last_instant: (false, i128::MIN),
        };
        Feed { rx, task: tokio::spawn(runner.run()) }
    }
}

/// The consumer is gone; stop.
struct Closed;

struct Runner {
    client: Client,
    session_id: String,
    /// A thread of the session, or `None` for the session's own (primary) feed.
    thread_id: Option<String>,
    config: FeedConfig,
    tx: mpsc::Sender<FeedItem>,
    /// Event id → whether it was seen with `processed_at` set.
    seen: HashMap<String, bool>,
    last_processed_at: Option<String>,
    /// `last_processed_at` parsed once, so each delivered event costs one parse, not two.
    last_instant: (bool, i128),
}

/// How one connection ended.
enum End {
    Dropped { reason: String, healthy: bool },
    Stop(FeedStopReason),
}

fn stop_reason(error: &Error) -> Option<FeedStopReason> {
    let api = error.api()?;
    let message = api.message.clone();
    match api.status {
        401 => Some(FeedStopReason::Unauthorized { message }),
        403 => Some(FeedStopReason::Forbidden { message }),
        404 => Some(FeedStopReason::NotFound { message }),
        _ => None,
    }
}

impl Runner {
    async fn run(mut self) {
        let mut attempt = 0u32;
        loop {
            let end = match self.connect_once().await {
                Ok(end) => end,
                Err(Closed) => return,
            };
            match end {
                End::Stop(reason) => {
                    let _ = self.send(FeedItem::State(ConnectionState::Stopped { reason })).await;
                    return;
                }
                End::Dropped { reason, healthy } => {
                    attempt = if healthy { 1 } else { attempt + 1 };
                    let delay = self.config.backoff(attempt);
                    let state = ConnectionState::Reconnecting {
                        attempt,
                        delay_ms: u32::try_from(delay.as_millis()).unwrap_or(u32::MAX),
                        reason,
                    };
                    if self.send(FeedItem::State(state)).await.is_err() {
                        return;
                    }
                    tokio::time::sleep(delay).await;
                }
            }
        }
    }

    async fn send(&self, item: FeedItem) -> Result<(), Closed> {
        self.tx.send(item).await.map_err(|_| Closed)
    }

    /// Delivers `event` unless it was delivered before (see [`FeedItem::Event`]).
    async fn deliver(&mut self, event: SessionEvent) -> Result<(), Closed> {
        if let Some(id) = event.id() {
            let processed = event.processed_at().is_some();
            match self.seen.get(id) {
                Some(true) => return Ok(()),
                Some(false) if !processed => return Ok(()),
                _ => {}
            }
            self.seen.insert(id.to_owned(), processed);
            if let Some(at) = event.processed_at()
                && let parsed = instant(at)
                && parsed > self.last_instant
            {
                self.last_instant = parsed;
                self.last_processed_at = Some(at.to_owned());
            }
        }
        self.send(FeedItem::Event(event)).await
    }

    /// Where the stream and the history are, for the session or one of its threads.
    fn paths(&self) -> Result<(String, String), Error> {
        let session = seg(&self.session_id)?;
        Ok(match &self.thread_id {
            None => (
                format!("/v1/sessions/{session}/events/stream"),
                format!("/v1/sessions/{session}/events"),
            ),
            Some(thread) => {
                let thread = seg(thread)?;
                (
                    format!("/v1/sessions/{session}/threads/{thread}/stream"),
                    format!("/v1/sessions/{session}/threads/{thread}/events"),
                )
            }
        })
    }

    /// Every history event from the last `processed_at` seen (all pages), sorted. A thread's
    /// history takes no filter or order: it is read whole, and `deliver` drops what was seen.
    async fn history(&self) -> Result<Vec<SessionEvent>, Error> {
        let query = match self.thread_id {
            None => {
                let mut query = ListEventsQuery {
                    limit: Some(self.config.history_page_size),
                    order: Some("asc".into()),
                    ..ListEventsQuery::default()
                };
                query.created_at.gte = self.last_processed_at.clone();
                query.to_query()
            }
            Some(_) => {
                PageQuery { limit: Some(self.config.history_page_size), page: None }.to_query()
            }
        };
        let request = PageRequest { path: self.paths()?.1, query, beta: Beta::ManagedAgents };
        let mut events = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let page = request.fetch::<SessionEvent>(&self.client, cursor.as_deref()).await?;
            events.extend(page.data);
            match page.next_page.filter(|c| !c.is_empty()) {
                Some(next) if cursor.as_deref() != Some(next.as_str()) => cursor = Some(next),
                _ => break,
            }
        }
        // One order for everything: processed_at, then id. Unprocessed ones go last.
        events.sort_by_cached_key(|e| {
            (e.processed_at().is_none(), e.processed_at().map(instant), e.id().map(str::to_owned))
        });
        Ok(events)
    }

    async fn connect_once(&mut self) -> Result<End, Closed> {
        let dropped = |reason: String| End::Dropped { reason, healthy: false };
        // 1. The live stream first, so nothing emitted from now on can be missed.
        let path = match self.paths() {
            Ok((stream, _)) => stream,
            Err(e) => return Ok(dropped(e.to_string())),
        };
        let query = StreamEventsQuery { event_deltas: self.config.event_deltas.clone() };
        let response = match self.client.open_stream(path, query.to_query()).await {
            Ok(r) => r,
            Err(e) => return Ok(stop_reason(&e).map_or_else(|| dropped(e.to_string()), End::Stop)),
        };
        // 2. The history, whole or not at all.
        let history = match self.history().await {
            Ok(h) => h,
            Err(e) => return Ok(stop_reason(&e).map_or_else(|| dropped(e.to_string()), End::Stop)),
        };
        for event in history {
            let deleted = matches!(event, SessionEvent::SessionDeleted(_));
            self.deliver(event).await?;
            if deleted {
                return Ok(End::Stop(FeedStopReason::SessionDeleted));
            }
        }
        // After the history: `Connected` says the consumer has caught up, so a status tracker
        // reports the session's state once instead of every change it replays.
        self.send(FeedItem::State(ConnectionState::Connected)).await?;
        // 3. Live events, skipping what the history already gave.
        let connected_at = Instant::now();
        let mut got_event = false;
        let bytes = stall_guard(response.bytes_stream(), self.config.stall_timeout);
        let mut events = Box::pin(crate::sse::decode(bytes, self.client.config().max_event_bytes));
        let reason = loop {
            match events.next().await {
                Some(Ok(event)) => {
                    got_event = true;
                    let deleted = matches!(event, SessionEvent::SessionDeleted(_));
                    if event.is_preview() {
                        self.send(FeedItem::Event(event)).await?;
                    } else {
                        self.deliver(event).await?;
                    }
                    if deleted {
                        return Ok(End::Stop(FeedStopReason::SessionDeleted));
                    }
                }
                Some(Err(e @ (Error::Decode { .. } | Error::Api(_)))) => {
                    self.send(FeedItem::Error(e.to_string())).await?;
                }
                Some(Err(e)) => break e.to_string(),
                None => break "the server closed the stream".to_owned(),
            }
        };
        Ok(End::Dropped {
            reason,
            healthy: got_event && connected_at.elapsed() >= self.config.healthy_after,
        })
    }
}

/// A `processed_at` as something that orders by time. Timestamps are never compared as text:
/// servers trim trailing zeros or vary the precision, and `…:38.5Z` is earlier than
/// `…:38.500001Z` but sorts after it. Unparsable ones go after all others.
fn instant(at: &str) -> (bool, i128) {
    use time::format_description::well_known::Rfc3339;
    let nanos = time::OffsetDateTime::parse(at, &Rfc3339).ok().map(|t| t.unix_timestamp_nanos());
    (nanos.is_none(), nanos.unwrap_or(0))
}

/// Passes chunks through, but ends with [`StreamError::Stalled`] when none arrives for
/// `timeout` (pings count: they are bytes).
fn stall_guard<S>(
    stream: S,
    timeout: Duration,
) -> impl Stream<Item = Result<bytes::Bytes, Error>> + Send + 'static
where
    S: Stream<Item = Result<bytes::Bytes, reqwest::Error>> + Send + 'static,
{
    futures_util::stream::unfold(Some(Box::pin(stream)), move |state| async move {
        let mut stream = state?;
        match tokio::time::timeout(timeout, stream.next()).await {
            Ok(Some(Ok(bytes))) => Some((Ok(bytes), Some(stream))),
            Ok(Some(Err(e))) => Some((Err(Error::Transport(e)), None)),
            Ok(None) => None,
            Err(_) => Some((Err(StreamError::Stalled(timeout).into()), None)),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::instant;

    #[test]
    fn timestamps_order_by_time_not_by_text() {
        // As text, the first sorts after the second; in time it is 1 µs earlier.
        assert!(instant("2026-11-24T13:44:38.5Z") < instant("2026-11-24T13:44:38.500001Z"));
        assert!(instant("2026-11-24T13:44:38.137Z") < instant("2026-11-24T13:44:39Z"));
        assert_eq!(instant("2026-11-24T13:44:38Z"), instant("2026-11-24T13:44:38.000Z"));
        assert!(instant("2026-11-24T13:44:38+01:00") < instant("2026-11-24T13:44:37Z"));
        // Something unreadable goes after every readable time instead of breaking the order.
        assert!(instant("2099-01-01T00:00:00Z") < instant("not a time"));
    }
}
