//! The live relay: a session's feed, batched into a `tauri::ipc::Channel`, and the registry
//! that ties each watch to the window that asked for it.
//!
//! The feed (in `managed-agents`) already delivers every event once and in order across
//! reconnects. The relay only
//! - batches: at most one message per [`FRAME`], so a burst of typing deltas costs the web
//!   view one update per animation frame, not one per delta;
//! - bounds: a batch holds at most [`MAX_BATCH_BYTES`]; reading pauses while a full batch
//!   waits, and a single event larger than [`MAX_INLINE_EVENT_BYTES`] is sent with its long
//!   strings cut, its original kept here for `session_event_full`;
//! - reports status changes app-wide through `on_status`, for badges and notifications.
//!
//! Dropping a [`Watch`] aborts its task, which drops the feed, which closes the connection.

mod batch;
#[cfg(feature = "bench")]
mod bench;
mod status;

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::StreamExt;
use managed_agents::types::{ListEventsQuery, SessionEvent};
use managed_agents::{Client, ConnectionState, FeedConfig, FeedItem};
use serde::Serialize;
use tokio::time::Instant;

use batch::Batch;
pub use status::{LiveStatus, SessionStatusChanged, StatusTracker, near_budget};

use crate::locks::lock;

/// The shortest time between two messages of one watch: one frame at 60 Hz.
pub const FRAME: Duration = Duration::from_millis(16);

/// How many cut-down events keep their original for `session_event_full`, per watch.
const ORIGINALS_KEPT: usize = 64;

/// How many of the newest events a watch reads ahead of the history: more than a screen holds.
const TAIL_EVENTS: u32 = 100;

/// One message of a watch's channel.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RelayBatch {
    /// 0 for the first message of a watch, then +1: a gap means a lost message.
    pub seq: u32,
    /// New events in order. A user event may come again once processed: upsert by id.
    /// After a `reconnecting` state, drop half-built previews; they are never replayed.
    pub events: Vec<SessionEvent>,
    /// `None` until the first connection is live and the history caught up.
    pub connection: Option<ConnectionState>,
    /// Problems that did not stop the feed (an event that did not decode, an error frame).
    pub notices: Vec<String>,
    /// Ids of events in this batch whose long strings were cut; `session_event_full` has them.
    pub elided: Vec<String>,
    /// The session's newest events (oldest first), read beside the history so that a long
    /// session shows its latest screen before its whole history has come. Sent at most once,
    /// only before the first `connected`; every one of them comes again in `events`. Show them
    /// until the first `connected`, then show the state built from `events` alone.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[specta(optional)]
    pub tail: Option<Vec<SessionEvent>>,
    /// Bench builds only (`--features bench`): when the oldest event of this message reached the
    /// relay, in ms since the Unix epoch, so the web view can echo when it drew it. Never in the
    /// shipped build or its bindings.
    #[cfg(feature = "bench")]
    #[serde(rename = "benchReceivedAt", skip_serializing_if = "Option::is_none")]
    pub bench_received_at: Option<f64>,
}

/// Where a watch's messages go: the window's channel in the app, a collector in tests.
pub type Outlet = Box<dyn Fn(RelayBatch) -> Result<(), String> + Send + Sync>;

/// Where status changes go: `emit` in the app.
pub type StatusOutlet = Arc<dyn Fn(SessionStatusChanged) + Send + Sync>;

/// A running watch. Dropping it stops the relay task.
pub struct Watch {
    pub owner: String,
    originals: Arc<Mutex<Originals>>,
    task: tokio::task::AbortHandle,
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Every live watch, by id.
#[derive(Default)]
pub struct Registry {
    watches: Mutex<HashMap<u32, Watch>>,
    next_id: AtomicU32,
    /// Relay tasks whose future has not been dropped yet: 0 once every watch has ended.
    running: Arc<AtomicUsize>,
}

impl Registry {
    /// Starts relaying `session_id` to `outlet` for the window `owner`. Returns at once.
    /// Must be called inside a Tokio runtime. The app passes `FeedConfig::default().with_deltas()`.
    pub fn watch(
        &self,
        owner: &str,
        session_id: &str,
        client: &Client,
        feed: FeedConfig,
        outlet: Outlet,
        on_status: StatusOutlet,
    ) -> u32 {
        let tail = Box::pin(newest_events(client.clone(), session_id.to_owned()));
        let feed = client.feed(session_id, feed);
        self.start(owner, session_id, feed, tail, outlet, on_status)
    }

    /// Starts relaying one thread of a multi-agent session (its own transcript) to `outlet`;
    /// returns the watch id. No tail (a thread's events cannot be listed newest first), and no
    /// status reports: a thread's status events are not the session's.
    pub fn watch_thread(
        &self,
        owner: &str,
        session_id: &str,
        thread_id: &str,
        client: &Client,
        feed: FeedConfig,
        outlet: Outlet,
    ) -> u32 {
        let feed = client.thread_feed(session_id, thread_id, feed);
        let tail: Tail = Box::pin(std::future::ready(Vec::new()));
        self.start(owner, session_id, feed, tail, outlet, Arc::new(|_| {}))
    }

    fn start(
        &self,
        owner: &str,
        session_id: &str,
        feed: managed_agents::Feed,
        tail: Tail,
        outlet: Outlet,
        on_status: StatusOutlet,
    ) -> u32 {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let originals = Arc::new(Mutex::new(Originals::default()));
        let running = Running::enter(&self.running);
        let relay =
            relay(feed, tail, session_id.to_owned(), outlet, on_status, Arc::clone(&originals));
        let task = tokio::spawn(async move {
            let _running = running;
            relay.await;
        });
        let watch = Watch { owner: owner.to_owned(), originals, task: task.abort_handle() };
        lock(&self.watches).insert(id, watch);
        id
    }

    /// Ends watch `id`; `false` if there was none (already ended: not an error).
    pub fn unwatch(&self, id: u32) -> bool {
        let watch = lock(&self.watches).remove(&id);
        watch.is_some()
    }

    /// Ends every watch of window `owner`: it closed, or its page is loading anew.
    pub fn stop_owner(&self, owner: &str) {
        let ended: Vec<Watch> = {
            let mut watches = lock(&self.watches);
            let ids: Vec<u32> =
                watches.iter().filter(|(_, w)| w.owner == owner).map(|(id, _)| *id).collect();
            ids.into_iter().filter_map(|id| watches.remove(&id)).collect()
        };
        drop(ended);
    }

    pub fn stop_all(&self) {
        let ended: Vec<Watch> = lock(&self.watches).drain().map(|(_, w)| w).collect();
        drop(ended);
    }

    /// The original of a cut-down event of watch `id`.
    pub fn original(&self, id: u32, event_id: &str) -> Option<SessionEvent> {
        let watches = lock(&self.watches);
        let originals = Arc::clone(&watches.get(&id)?.originals);
        drop(watches);
        lock(&originals).get(event_id)
    }

    /// How many watches are registered.
    pub fn count(&self) -> usize {
        lock(&self.watches).len()
    }

    /// How many relay tasks still exist (a task ends a little after its watch is dropped).
    pub fn running_tasks(&self) -> usize {
        self.running.load(Ordering::SeqCst)
    }
}

/// Counts a relay task from its start until its future is dropped, however it ends.
struct Running(Arc<AtomicUsize>);

impl Running {
    fn enter(count: &Arc<AtomicUsize>) -> Self {
        count.fetch_add(1, Ordering::SeqCst);
        Self(Arc::clone(count))
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// The last few cut-down events, whole.
#[derive(Default)]
struct Originals(Vec<SessionEvent>);

impl Originals {
    fn keep(&mut self, event: SessionEvent) {
        if self.0.len() == ORIGINALS_KEPT {
            self.0.remove(0);
        }
        self.0.push(event);
    }

    fn get(&self, event_id: &str) -> Option<SessionEvent> {
        self.0.iter().find(|e| e.id() == Some(event_id)).cloned()
    }
}

/// The session's newest events, newest first; none if the read failed (the history brings them).
async fn newest_events(client: Client, session_id: String) -> Vec<SessionEvent> {
    let query = ListEventsQuery {
        limit: Some(TAIL_EVENTS),
        order: Some("desc".into()),
        ..ListEventsQuery::default()
    };
    client.events(&session_id).list(&query).await.map(|page| page.data).unwrap_or_default()
}

type Tail = Pin<Box<dyn Future<Output = Vec<SessionEvent>> + Send>>;

async fn relay(
    mut feed: managed_agents::Feed,
    tail: Tail,
    session_id: String,
    outlet: Outlet,
    on_status: StatusOutlet,
    originals: Arc<Mutex<Originals>>,
) {
    let mut batch = Batch::default();
    let mut status = StatusTracker::new(session_id);
    let mut seq = 0u32;
    let mut next_send = Instant::now();
    let mut ended = false;
    // Wanted until the feed has caught up; dropped then, with its request if still running.
    let mut tail = Some(tail);
    while !ended || !batch.is_empty() {
        tokio::select! {
            // The timer first: a feed that is always ready (a history burst) must not starve
            // the sending of what has been gathered.
            biased;
            () = tokio::time::sleep_until(next_send), if !batch.is_empty() => {
                let message = batch.take(seq);
                seq = seq.wrapping_add(1);
                if outlet(message).is_err() {
                    // The web view is gone; its window's cleanup will drop this watch.
                    return;
                }
                next_send = Instant::now() + FRAME;
            }
            newest = async { tail.as_mut().expect("polled only while wanted").await },
                if tail.is_some() =>
            {
                tail = None;
                if !newest.is_empty() {
                    batch.set_tail(newest);
                }
            }
            item = feed.next(), if !ended && !batch.is_full() => match item {
                Some(FeedItem::Event(event)) => {
                    if let Some(change) = status.see(&event) {
                        on_status(change);
                    }
                    if let Some(original) = batch.push_event(event) {
                        lock(&originals).keep(original);
                    }
                }
                Some(FeedItem::State(state)) => {
                    if let Some(change) = status.connection(&state) {
                        on_status(change);
                    }
                    if state == ConnectionState::Connected {
                        // Caught up: the history has brought everything the tail would show.
                        tail = None;
                    }
                    ended = matches!(state, ConnectionState::Stopped { .. });
                    batch.set_connection(state);
                }
                Some(FeedItem::Error(notice)) => batch.push_notice(notice),
                None => ended = true,
            },
        }
    }
}

#[cfg(test)]
mod tests;
