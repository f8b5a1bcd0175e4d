//! The tables, made or checked when a journal opens. `user_version` is the schema version.

use rusqlite::Connection;

use crate::{JournalError, Result};

pub const VERSION: i64 = 1;

const V1: &str = "
CREATE TABLE events (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id   TEXT NOT NULL,
    event_id     TEXT NOT NULL,
    type         TEXT NOT NULL,
    processed_at TEXT,
    json         TEXT NOT NULL,
    UNIQUE (session_id, event_id)
);
CREATE INDEX events_by_session ON events (session_id, seq);
CREATE TABLE sessions (
    id         TEXT PRIMARY KEY,
    object     TEXT NOT NULL,
    deleted    INTEGER NOT NULL DEFAULT 0
);
-- The searchable text of each event, by the event's seq (rowid).
CREATE VIRTUAL TABLE event_text USING fts5(
    body,
    session_id UNINDEXED,
    type UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);
";

/// Sets the connection up (WAL, synchronous=NORMAL) and makes or checks the tables.
pub fn prepare(conn: &Connection) -> Result<()> {
    // WAL: readers never wait for the writer, and a crash loses at most the last
    // uncommitted batch; NORMAL is durable at each checkpoint, the usual pairing with WAL.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    match version {
        0 => {
            conn.execute_batch(V1)?;
            conn.pragma_update(None, "user_version", VERSION)?;
            Ok(())
        }
        VERSION => Ok(()),
        found => Err(JournalError::NewerSchema { found, known: VERSION }),
    }
}
