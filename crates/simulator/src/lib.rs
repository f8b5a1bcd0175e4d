//! A local implementation of the Claude Managed Agents API.
//!
//! Agent Desk's Demo profile runs it in-process on a loopback port, so the app works with no key
//! and no network; the client, relay and end-to-end tests run against it. It has no dependency on
//! Tauri, GTK or WebKit.
//!
//! The planned anatomy (filled in by the simulator's own issue):
//!
//! - `server`: the HTTP surface (same paths, headers, query encoding and JSON as the real API).
//! - `state`: resources in memory with optional persistence to a snapshot file.
//! - `session`: the session state machine (idle, running, requires action, terminated).
//! - `demo`: the scripted demo agent that answers messages with realistic event sequences.
//! - `faults`: fault injection for tests (cut streams, stalls, 429/529, dropped responses).
#![warn(missing_docs)]

/// The loopback address the simulator binds to by default; port 0 lets the OS choose.
pub const DEFAULT_BIND: &str = "127.0.0.1:0";
