//! Resources in memory. One `Mutex<Store>` guards everything: requests are short, and a single
//! lock keeps cross-resource rules (an archived environment, a session's agent snapshot) simple.
//! The guard is never held across an `.await`.

use std::collections::{BTreeMap, VecDeque};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use tokio::sync::{Notify, mpsc};

use crate::config::SimConfig;
use crate::faults::Faults;

/// A frame for one open stream.
#[derive(Debug, Clone)]
pub enum Frame {
    /// A JSON event (persisted event or `event_start`/`event_delta` preview).
    Event(Arc<Value>),
}

/// One open SSE connection.
#[derive(Debug)]
pub struct Subscriber {
    pub tx: mpsc::UnboundedSender<Frame>,
    /// Wants `event_start`/`event_delta` for `agent.message`.
    pub message_deltas: bool,
    /// Wants `event_start` for `agent.thinking`.
    pub thinking_deltas: bool,
    /// `None` for the session stream, or the thread id for `/threads/{id}/stream`.
    pub thread: Option<String>,
}

/// A stored event with its ordering keys.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredEvent {
    /// Emission order, used as the tie-breaker after `processed_at`.
    pub seq: u64,
    /// `processed_at` in µs; `None` while a sent event waits in the queue.
    pub at: Option<i64>,
    /// Child thread that produced it; `None` for the primary thread.
    pub thread: Option<String>,
    /// Also shown on the primary stream and list (thread creation, blocking calls).
    pub primary: bool,
    pub event: Value,
}

/// Token and runtime counters behind `usage`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Usage {
    pub input_tokens: u64,
    pub output_tokens: u64,
    pub cache_read_input_tokens: u64,
    pub cache_5m_tokens: u64,
    pub cache_1h_tokens: u64,
    pub web_search_requests: u64,
    pub web_fetch_requests: u64,
    /// Time spent `running`, in µs.
    pub active_micros: i64,
    /// List cost in millionths of a dollar, kept exact and rounded to cents when shown.
    pub cost_micro_usd: u64,
}

/// What the demo turn needs to finish a tool call once the client answered it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Resolution {
    pub allow: bool,
    pub deny_message: Option<String>,
}

/// Session state that is not persisted (it belongs to this process).
#[derive(Debug, Default)]
pub struct Live {
    pub subscribers: Vec<Subscriber>,
    /// A worker task is driving this session.
    pub worker: bool,
    /// Ids of `user.interrupt` events waiting for the worker to act on them.
    pub interrupts: Vec<String>,
    pub wake: Arc<Notify>,
    /// The worker is paused at the budget cap, waiting for a budget update.
    pub at_budget: bool,
}

/// A session with its history.
#[derive(Debug, Serialize, Deserialize)]
pub struct SessionRecord {
    /// The static part of the session object; status, usage and stats are filled in on render.
    pub object: Value,
    pub status: String,
    pub events: Vec<StoredEvent>,
    pub threads: Vec<Value>,
    pub resources: Vec<Value>,
    /// Ids of sent events (`user.message`, `user.define_outcome`) waiting to be processed.
    pub queue: VecDeque<String>,
    /// Event ids the session is blocked on (`requires_action`).
    pub pending: Vec<String>,
    /// Answers to pending ids, read by the worker.
    pub resolutions: BTreeMap<String, Resolution>,
    pub usage: Usage,
    /// When the current `running` stretch started (µs), for runtime billing.
    pub running_since: Option<i64>,
    /// Emission counter for [`StoredEvent::seq`].
    pub next_seq: u64,
    #[serde(skip)]
    pub live: Live,
}

/// A file's metadata as the snapshot keeps it. Its bytes are in [`crate::blobs::Blobs`]; a
/// snapshot from before that kept them inline (`{meta, content}`) loads with the content gone.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(untagged)]
pub enum FileRecord {
    // First: a bare metadata object has no `meta` field, so it falls through to `Meta`.
    Inline { meta: Value },
    Meta(Value),
}

impl FileRecord {
    pub fn meta(&self) -> &Value {
        match self {
            Self::Meta(meta) | Self::Inline { meta } => meta,
        }
    }
}

/// Every resource of one simulator.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Store {
    /// Id counter at save time, so restored ids keep sorting before new ones.
    pub id_counter: u64,
    /// Agent id → versions, oldest first.
    pub agents: BTreeMap<String, Vec<Value>>,
    pub environments: BTreeMap<String, Value>,
    pub sessions: BTreeMap<String, SessionRecord>,
    pub vaults: BTreeMap<String, Value>,
    pub credentials: BTreeMap<String, Value>,
    pub memory_stores: BTreeMap<String, Value>,
    pub memories: BTreeMap<String, Value>,
    pub memory_versions: BTreeMap<String, Value>,
    pub files: BTreeMap<String, FileRecord>,
    pub skills: BTreeMap<String, Value>,
    pub skill_versions: BTreeMap<String, Value>,
}

/// What handlers and workers share.
#[derive(Debug)]
pub struct Shared {
    store: Mutex<Store>,
    faults: Mutex<Faults>,
    pub config: SimConfig,
    /// File contents, on disk.
    pub blobs: crate::blobs::Blobs,
    dirty: AtomicBool,
    pub shutting_down: AtomicBool,
    /// Event streams opened since start (reconnects included), for tests of reconnecting clients.
    pub streams_opened: std::sync::atomic::AtomicUsize,
    /// Requests received since start, streams included, for benchmarks of a client's traffic.
    pub requests: std::sync::atomic::AtomicUsize,
    /// The same, by route (`GET /v1/sessions/{id}/events?limit&order&types[]`), to tell what
    /// the traffic is made of.
    pub routes: Mutex<std::collections::BTreeMap<String, usize>>,
    /// The stand-in OAuth server's clients, codes and token digests (never persisted).
    oauth: Mutex<crate::server::OAuthDemo>,
}

impl Shared {
    pub fn new(store: Store, config: SimConfig, blobs: crate::blobs::Blobs) -> Self {
        let faults = config.faults.clone();
        Self {
            store: Mutex::new(store),
            faults: Mutex::new(faults),
            config,
            blobs,
            dirty: AtomicBool::new(false),
            shutting_down: AtomicBool::new(false),
            streams_opened: std::sync::atomic::AtomicUsize::new(0),
            requests: std::sync::atomic::AtomicUsize::new(0),
            routes: Mutex::new(std::collections::BTreeMap::new()),
            oauth: Mutex::default(),
        }
    }

    /// Locks the store and marks it dirty for the snapshot writer. Never hold it across `.await`.
    pub fn lock(&self) -> MutexGuard<'_, Store> {
        self.dirty.store(true, Ordering::Relaxed);
        self.store.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Takes the dirty flag: true if something may have changed since the last call.
    pub fn take_dirty(&self) -> bool {
        self.dirty.swap(false, Ordering::Relaxed)
    }

    pub fn oauth(&self) -> MutexGuard<'_, crate::server::OAuthDemo> {
        self.oauth.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn faults(&self) -> MutexGuard<'_, Faults> {
        self.faults.lock().unwrap_or_else(|e| e.into_inner())
    }
}
