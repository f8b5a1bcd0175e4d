//! Agent Desk's session journal: every event the app watches, kept on disk.
//!
//! One SQLite database per profile (WAL, `synchronous=NORMAL`). Each event is stored **verbatim**
//! (unknown types and fields too) with its session, id, type, `processed_at` and an insertion
//! sequence; appends are idempotent by `(session, event id)`; the text a person would look for
//! (messages, tool names and inputs, results, errors) goes into an FTS5 index. Sessions' last-known
//! objects are kept beside them. No Tauri: the app owns a [`Journal`] per profile.

pub mod redact;
mod schema;
mod search;
mod store;
mod text;

pub use search::{Hit, SearchQuery};
pub use store::{Appended, Journal, SessionRow, StoredEvent};

/// What can go wrong with a journal.
#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    /// SQLite failed: the file is not a database, the disk is full, …
    #[error("journal: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// An event that is not a JSON object with a `type`.
    #[error("journal: not an event: {0}")]
    NotAnEvent(String),
    /// The file was written by a newer version of the app.
    #[error("journal: made by a newer version (schema {found}, this one knows {known})")]
    NewerSchema {
        /// The file's schema version.
        found: i64,
        /// The newest this version knows.
        known: i64,
    },
}

/// Result of every journal call.
pub type Result<T> = std::result::Result<T, JournalError>;
