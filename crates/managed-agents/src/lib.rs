//! Typed async client for the Claude Managed Agents API.
//!
//! This crate is the only code in Agent Desk that talks HTTP to the API. It has no dependency on
//! Tauri, GTK or WebKit, so a command-line tool or a test can use it on its own.
//!
//! The planned anatomy (filled in by the client's own issue):
//!
//! - `config`: base URL, API key held as a secret, auth header mode, API version, beta headers.
//! - `client`: one `reqwest::Client` per config, retries, request plumbing.
//! - `error`: one error type separating API, transport, decode and stream failures.
//! - `sse`: a linear-time Server-Sent Events decoder that stops reading when dropped.
//! - one module per resource (`agents`, `environments`, `sessions`, `events`, …).
//! - `feed`: the session feed that never loses or repeats an event across reconnects.
#![warn(missing_docs)]

/// The API version sent in `anthropic-version` unless a profile overrides it.
pub const DEFAULT_API_VERSION: &str = "2023-06-01";

/// The default base URL of the Managed Agents API.
pub const DEFAULT_BASE_URL: &str = "https://api.anthropic.com";
