//! Typed async client for the Claude Managed Agents API.
//!
//! This crate is the only code in Agent Desk that talks HTTP to the API. It has no dependency on
//! Tauri, GTK or WebKit, so a command-line tool or a test can use it on its own.
//!
//! ```no_run
//! # async fn demo() -> Result<(), managed_agents::Error> {
//! use managed_agents::{Client, Config, types::ListAgentsQuery};
//! let client = Client::new(Config::new("sk-ant-…"))?;
//! let page = client.agents().list(&ListAgentsQuery::default()).await?;
//! # Ok(()) }
//! ```
//!
//! Anatomy:
//! - [`config`]: base URL, API key held as a secret, auth header mode, API version, timeouts.
//! - [`client`]: one `reqwest::Client` per config, retries ([`retry`]), request plumbing.
//! - [`error`]: one error type separating API, transport, decode and stream failures.
//! - [`sse`]: a linear-time Server-Sent Events decoder that stops reading when dropped.
//! - one module per resource: [`agents`], [`environments`], [`sessions`], [`events`],
//!   [`vaults`], [`memory_stores`], [`files`] (files and skills); wire types in [`types`].
//! - [`feed`]: the session feed that never loses or repeats an event across reconnects.
//! - [`pricing`]: a session's list cost, the server's figure or the price table's estimate.
#![warn(missing_docs)]

pub mod agents;
pub mod client;
pub mod config;
pub mod environments;
pub mod error;
pub mod events;
pub mod feed;
pub mod files;
pub mod memory_stores;
pub mod pagination;
pub mod pricing;
pub mod query;
pub mod retry;
pub mod sessions;
pub mod sse;
pub mod transfer;
pub mod types;
pub mod vaults;

pub use client::Client;
pub use config::{ApiKey, AuthMode, Config, DEFAULT_API_VERSION, DEFAULT_BASE_URL};
pub use error::{ApiError, Error, StreamError};
pub use feed::{ConnectionState, Feed, FeedConfig, FeedItem, FeedStopReason};

pub use pagination::{Page, Undecoded};
pub use retry::RetryPolicy;
pub use sse::EventStream;
pub use transfer::{Progress, UploadFile};
