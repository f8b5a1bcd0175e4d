//! A local implementation of the Claude Managed Agents API.
//!
//! Agent Desk's Demo profile runs it in-process on a loopback port, so the app works with no key
//! and no network; the client, relay and end-to-end tests run against it. It has no dependency on
//! Tauri, GTK or WebKit.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! use managed_agents_sim::{Faults, SimConfig, TypingSpeed};
//!
//! let sim = managed_agents_sim::start(SimConfig {
//!     snapshot: Some("demo-state.json".into()), // survives restarts; None = memory only
//!     typing: TypingSpeed::CharsPerSecond(300),  // TypingSpeed::Instant for tests
//!     ..SimConfig::default()                     // binds 127.0.0.1:0
//! })
//! .await?;
//! println!("serving at {}", sim.base_url());     // http://127.0.0.1:PORT
//! sim.set_faults(Faults { fail_next_requests: 2, fail_status: 529, ..Faults::default() });
//! sim.shutdown().await;                          // or just drop the handle
//! # Ok(()) }
//! ```
//!
//! Clients send any non-empty key (`x-api-key` or `Authorization: Bearer`) and the usual
//! `anthropic-beta` header; the simulator checks presence, not value.
//!
//! The binary: `managed-agents-sim [--port N] [--state FILE] [--typing-speed CHARS_PER_SEC]`
//! prints its URL on the first line of stdout and serves until Ctrl-C (`--typing-speed 0` is
//! instant).
//!
//! Anatomy: `server` (HTTP surface, one file per resource), `state` (resources in memory),
//! `session` (the state machine rules), `turn` (plays a turn), `demo` (the scripted agent),
//! `faults` (fault injection), `persistence` (snapshot file), `blobs` (file contents),
//! `pricing` (list prices).
#![warn(missing_docs)]

mod blobs;
mod config;
mod demo;
mod error;
mod faults;
mod ids;
mod inbox;
mod mcp_auth;
mod persistence;
mod pricing;
mod server;
mod session;
mod state;
mod turn;

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use config::{SimConfig, TypingSpeed};
pub use demo::{DEMO_SCRIPTS, DemoScript, demo_script_for};
pub use faults::{Drip, Faults};
/// The path of the stand-in MCP server that requires OAuth (see the Connect flow).
pub use server::MCP_DEMO_PATH;

/// The API's timestamp form of the moment `seconds` from now (tests set token expiries with it).
pub fn rfc3339_in(seconds: i64) -> String {
    ids::rfc3339(ids::now_micros() + seconds * 1_000_000)
}

use state::Shared;

/// The loopback address the simulator binds to by default; port 0 lets the OS choose.
pub const DEFAULT_BIND: &str = "127.0.0.1:0";

/// A running simulator. Dropping it stops the server (and writes a last snapshot).
#[derive(Debug)]
pub struct SimHandle {
    addr: SocketAddr,
    shared: Arc<Shared>,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

/// Starts a simulator: loads the snapshot (if any), binds, and serves in the background.
///
/// # Errors
/// The snapshot cannot be read or parsed, or the address cannot be bound.
pub async fn start(config: SimConfig) -> std::io::Result<SimHandle> {
    let store = match &config.snapshot {
        Some(path) => persistence::load(path)?,
        None => state::Store::default(),
    };
    let blobs = blobs::Blobs::for_snapshot(config.snapshot.as_deref())?;
    let listener = tokio::net::TcpListener::bind(config.bind).await?;
    let addr = listener.local_addr()?;
    let shared = Arc::new(Shared::new(store, config, blobs));
    let (stop, stopped) = oneshot::channel::<()>();
    let app = server::router(Arc::clone(&shared));
    let serving = Arc::clone(&shared);
    let task = tokio::spawn(async move {
        let saver = tokio::spawn(save_loop(Arc::clone(&serving)));
        let closer = Arc::clone(&serving);
        let shutdown = async move {
            let _ = stopped.await;
            closer.shutting_down.store(true, Ordering::Relaxed);
            // Ending every stream lets the graceful shutdown finish instead of waiting forever.
            for rec in closer.lock().sessions.values_mut() {
                rec.live.subscribers.clear();
                rec.live.wake.notify_one();
            }
        };
        if let Err(e) = axum::serve(listener, app).with_graceful_shutdown(shutdown).await {
            eprintln!("managed-agents-sim: server error: {e}");
        }
        saver.abort();
        save_now(&serving);
    });
    Ok(SimHandle { addr, shared, stop: Some(stop), task: Some(task) })
}

async fn save_loop(shared: Arc<Shared>) {
    let mut tick = tokio::time::interval(Duration::from_millis(500));
    loop {
        tick.tick().await;
        if shared.take_dirty() {
            let shared = Arc::clone(&shared);
            let _ = tokio::task::spawn_blocking(move || save_now(&shared)).await;
        }
    }
}

fn save_now(shared: &Shared) {
    let Some(path) = &shared.config.snapshot else {
        return;
    };
    let bytes = persistence::serialize(&mut shared.lock());
    shared.take_dirty();
    if let Err(e) = persistence::write_atomic(path, &bytes) {
        eprintln!("managed-agents-sim: cannot write snapshot {}: {e}", path.display());
    }
}

impl SimHandle {
    /// `http://127.0.0.1:PORT`, to use as the API base URL.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// How many event streams were opened since start, reconnects included.
    pub fn streams_opened(&self) -> usize {
        self.shared.streams_opened.load(Ordering::Relaxed)
    }

    /// How many requests were received since start, streams included.
    pub fn requests(&self) -> usize {
        self.shared.requests.load(Ordering::Relaxed)
    }

    /// Requests received since start by route (`GET /v1/sessions/{id}/events?limit&types%5B%5D`):
    /// method, path with ids as `{id}`, and the query's keys.
    pub fn requests_by_route(&self) -> std::collections::BTreeMap<String, usize> {
        self.shared.routes.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    /// The faults currently injected.
    pub fn faults(&self) -> Faults {
        self.shared.faults().clone()
    }

    /// Replaces the injected faults. Stream faults apply to streams opened from now on.
    pub fn set_faults(&self, faults: Faults) {
        *self.shared.faults() = faults;
    }

    /// Adds `event` to a session as if its agent had produced it (stamped with an id and a time,
    /// stored, and sent to open streams). For tests that need content no demo script writes,
    /// such as hostile markup; returns the event id, or `None` if there is no such session.
    pub fn emit_event(&self, session_id: &str, event: serde_json::Value) -> Option<String> {
        // `lock` marks the store dirty, so the snapshot keeps the event.
        let mut store = self.shared.lock();
        let record = store.sessions.get_mut(session_id)?;
        Some(session::emit(record, event))
    }

    /// Stops serving, ends open streams, and writes the snapshot; waits until done.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for SimHandle {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}
