//! Opening a journal, appending events, reading them back by window, and the sessions' objects.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension, params};
use serde::Deserialize;
use serde_json::Value;

use crate::{JournalError, Result, schema, text};

/// One profile's journal.
pub struct Journal {
    pub(crate) conn: Connection,
}

impl std::fmt::Debug for Journal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Journal").field("path", &self.conn.path()).finish()
    }
}

/// An event as stored: its place in the journal and its JSON as the API sent it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEvent {
    /// Insertion order across the journal.
    pub seq: i64,
    pub event_id: String,
    pub kind: String,
    pub processed_at: Option<String>,
    /// Verbatim.
    pub json: String,
}

/// A session the journal knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRow {
    pub id: String,
    /// Its last-known object (title, agent, status, usage), verbatim.
    pub object: String,
    /// Deleted elsewhere: kept until the person clears it.
    pub deleted: bool,
    pub events: i64,
}

/// What an append did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Appended {
    /// New events.
    pub inserted: usize,
    /// Events stored before without `processed_at` that now have one.
    pub processed: usize,
    /// Copies of events already stored, and previews without an id.
    pub ignored: usize,
}

/// The fields of an event the journal files it by.
#[derive(Deserialize)]
struct Head<'a> {
    #[serde(rename = "type", borrow)]
    kind: std::borrow::Cow<'a, str>,
    #[serde(default, borrow)]
    id: Option<std::borrow::Cow<'a, str>>,
    #[serde(default, borrow)]
    processed_at: Option<std::borrow::Cow<'a, str>>,
}

/// Stream-only previews: no id, replaced by the final event.
fn is_preview(kind: &str) -> bool {
    kind == "event_start" || kind == "event_delta"
}

impl Journal {
    /// Opens (or makes) the journal at `path`.
    ///
    /// # Errors
    /// The file cannot be opened, is not a database, or was made by a newer version.
    pub fn open(path: &Path) -> Result<Self> {
        let conn = Connection::open(path)?;
        schema::prepare(&conn)?;
        Ok(Self { conn })
    }

    /// A journal in memory, for tests and benchmarks.
    ///
    /// # Errors
    /// SQLite could not start.
    pub fn in_memory() -> Result<Self> {
        let conn = Connection::open_in_memory()?;
        schema::prepare(&conn)?;
        Ok(Self { conn })
    }

    /// Appends `events` (each one event's JSON) of `session_id` in one transaction. A second
    /// copy of a stored event replaces it only when it adds `processed_at` (a user event comes
    /// back processed); otherwise it is ignored. Previews (`event_start`, `event_delta`) are
    /// ignored.
    ///
    /// # Errors
    /// An item is not an event (nothing of the batch is stored), or SQLite failed.
    pub fn append<S: AsRef<str>>(&mut self, session_id: &str, events: &[S]) -> Result<Appended> {
        let tx = self.conn.transaction()?;
        let mut done = Appended::default();
        {
            let mut insert = tx.prepare_cached(
                "INSERT OR IGNORE INTO events (session_id, event_id, type, processed_at, json)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            let mut process = tx.prepare_cached(
                "UPDATE events SET processed_at = ?3, json = ?4
                 WHERE session_id = ?1 AND event_id = ?2 AND processed_at IS NULL",
            )?;
            let mut index = tx.prepare_cached(
                "INSERT INTO event_text (rowid, body, session_id, type) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for json in events {
                let json = json.as_ref();
                let head: Head<'_> = serde_json::from_str(json)
                    .map_err(|e| JournalError::NotAnEvent(e.to_string()))?;
                let Some(id) = head.id.as_deref().filter(|_| !is_preview(&head.kind)) else {
                    done.ignored += 1;
                    continue;
                };
                let processed = head.processed_at.as_deref();
                if insert.execute(params![session_id, id, head.kind, processed, json])? == 1 {
                    done.inserted += 1;
                    let value: Value = serde_json::from_str(json)
                        .map_err(|e| JournalError::NotAnEvent(e.to_string()))?;
                    if let Some(body) = text::searchable(&value) {
                        let seq = tx.last_insert_rowid();
                        index.execute(params![seq, body, session_id, head.kind])?;
                    }
                } else if processed.is_some()
                    && process.execute(params![session_id, id, processed, json])? == 1
                {
                    done.processed += 1;
                } else {
                    done.ignored += 1;
                }
            }
        }
        tx.commit()?;
        Ok(done)
    }

    /// Up to `limit` events of `session_id` after `after_seq` (0: from the start), in order.
    ///
    /// # Errors
    /// SQLite failed.
    pub fn events(
        &self,
        session_id: &str,
        after_seq: i64,
        limit: usize,
    ) -> Result<Vec<StoredEvent>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT seq, event_id, type, processed_at, json FROM events
             WHERE session_id = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3",
        )?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = stmt.query_map(params![session_id, after_seq, limit], |row| {
            Ok(StoredEvent {
                seq: row.get(0)?,
                event_id: row.get(1)?,
                kind: row.get(2)?,
                processed_at: row.get(3)?,
                json: row.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How many events of `session_id` are journaled.
    ///
    /// # Errors
    /// SQLite failed.
    pub fn count(&self, session_id: &str) -> Result<i64> {
        let sql = "SELECT count(*) FROM events WHERE session_id = ?1";
        Ok(self.conn.query_row(sql, [session_id], |row| row.get(0))?)
    }

    /// The newest `processed_at` journaled for `session_id`: where a catch-up read starts
    /// (`created_at[gte]`).
    ///
    /// # Errors
    /// SQLite failed.
    pub fn newest_processed_at(&self, session_id: &str) -> Result<Option<String>> {
        let sql = "SELECT max(processed_at) FROM events WHERE session_id = ?1";
        Ok(self.conn.query_row(sql, [session_id], |row| row.get(0))?)
    }

    /// Keeps `object` (a session as the API last sent it) as the session's last-known object.
    ///
    /// # Errors
    /// SQLite failed.
    pub fn put_session(&mut self, session_id: &str, object: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO sessions (id, object) VALUES (?1, ?2)
             ON CONFLICT (id) DO UPDATE SET object = excluded.object",
            params![session_id, object],
        )?;
        Ok(())
    }

    /// Marks a session deleted elsewhere; its events stay until the person clears them.
    ///
    /// # Errors
    /// SQLite failed.
    pub fn mark_deleted(&mut self, session_id: &str) -> Result<()> {
        self.conn.execute("UPDATE sessions SET deleted = 1 WHERE id = ?1", [session_id])?;
        Ok(())
    }

    /// The sessions the journal knows, newest first by their last event.
    ///
    /// # Errors
    /// SQLite failed.
    pub fn sessions(&self) -> Result<Vec<SessionRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.id, s.object, s.deleted, count(e.seq), max(e.seq) AS newest
             FROM sessions s LEFT JOIN events e ON e.session_id = s.id
             GROUP BY s.id ORDER BY newest DESC",
        )?;
        let rows = stmt.query_map([], |row| {
            Ok(SessionRow {
                id: row.get(0)?,
                object: row.get(1)?,
                deleted: row.get(2)?,
                events: row.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The last-known object of `session_id`.
    ///
    /// # Errors
    /// SQLite failed.
    pub fn session(&self, session_id: &str) -> Result<Option<String>> {
        let sql = "SELECT object FROM sessions WHERE id = ?1";
        Ok(self.conn.query_row(sql, [session_id], |row| row.get(0)).optional()?)
    }

    /// Removes a session and its events (the person deleted it in the app).
    ///
    /// # Errors
    /// SQLite failed.
    pub fn delete_session(&mut self, session_id: &str) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM event_text WHERE session_id = ?1", [session_id])?;
        tx.execute("DELETE FROM events WHERE session_id = ?1", [session_id])?;
        tx.execute("DELETE FROM sessions WHERE id = ?1", [session_id])?;
        tx.commit()?;
        Ok(())
    }

    /// Removes everything ("Clear journal") and gives the space back to the disk.
    ///
    /// # Errors
    /// SQLite failed.
    pub fn clear(&mut self) -> Result<()> {
        self.conn.execute_batch(
            "DELETE FROM event_text; DELETE FROM events; DELETE FROM sessions; VACUUM;",
        )?;
        Ok(())
    }

    /// The database's size in bytes (pages in use and free).
    ///
    /// # Errors
    /// SQLite failed.
    pub fn size_bytes(&self) -> Result<u64> {
        let pages: i64 = self.conn.pragma_query_value(None, "page_count", |r| r.get(0))?;
        let size: i64 = self.conn.pragma_query_value(None, "page_size", |r| r.get(0))?;
        Ok(u64::try_from(pages * size).unwrap_or(0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(id: &str, processed: Option<&str>, text: &str) -> String {
        let processed = processed.map_or("null".to_owned(), |p| format!("\"{p}\""));
        format!(
            r#"{{"type":"user.message","id":"{id}","processed_at":{processed},"content":[{{"type":"text","text":"{text}"}}]}}"#
        )
    }

    #[test]
    fn a_copy_is_ignored_unless_it_adds_processed_at() {
        let mut journal = Journal::in_memory().unwrap();
        let first = journal.append("sesn_1", &[user("e1", None, "hi")]).unwrap();
        assert_eq!(first, Appended { inserted: 1, processed: 0, ignored: 0 });
        let again = journal.append("sesn_1", &[user("e1", None, "hi")]).unwrap();
        assert_eq!(again.ignored, 1);
        let done = journal.append("sesn_1", &[user("e1", Some("2026-12-08T00:00:01Z"), "hi")]);
        assert_eq!(done.unwrap().processed, 1);
        let stale = journal.append("sesn_1", &[user("e1", None, "hi")]).unwrap();
        assert_eq!(stale.ignored, 1, "an unprocessed copy never replaces a processed one");
        let stored = journal.events("sesn_1", 0, 10).unwrap();
        assert_eq!(stored.len(), 1);
        assert_eq!(stored[0].processed_at.as_deref(), Some("2026-12-08T00:00:01Z"));
        assert!(stored[0].json.contains("2026-12-08T00:00:01Z"));
    }

    #[test]
    fn events_are_kept_verbatim_in_order_and_previews_are_not_kept() {
        let mut journal = Journal::in_memory().unwrap();
        let odd = r#"{"type":"vendor.new_thing","id":"x1","nested":{"n":1.50},"z":true}"#;
        let preview = r#"{"type":"event_delta","event_id":"e9","delta":{}}"#;
        let got =
            journal.append("sesn_1", &[user("e1", None, "a"), odd.to_owned(), preview.to_owned()]);
        assert_eq!(got.unwrap(), Appended { inserted: 2, processed: 0, ignored: 1 });
        let stored = journal.events("sesn_1", 0, 10).unwrap();
        assert_eq!(stored[1].json, odd, "unknown types and fields, byte for byte");
        let window = journal.events("sesn_1", stored[0].seq, 1).unwrap();
        assert_eq!(window.len(), 1);
        assert_eq!(window[0].event_id, "x1");
        assert_eq!(journal.count("sesn_1").unwrap(), 2);
        assert_eq!(journal.count("sesn_2").unwrap(), 0);
    }

    #[test]
    fn a_batch_with_a_broken_item_stores_nothing() {
        let mut journal = Journal::in_memory().unwrap();
        let result = journal.append("sesn_1", &[user("e1", None, "a"), "not json".to_owned()]);
        assert!(matches!(result, Err(JournalError::NotAnEvent(_))));
        assert_eq!(journal.count("sesn_1").unwrap(), 0);
    }

    #[test]
    fn sessions_keep_their_last_object_and_go_with_their_events() {
        let mut journal = Journal::in_memory().unwrap();
        journal.put_session("sesn_1", r#"{"id":"sesn_1","title":"Old"}"#).unwrap();
        journal.put_session("sesn_1", r#"{"id":"sesn_1","title":"New"}"#).unwrap();
        journal.append("sesn_1", &[user("e1", Some("2026-12-08T00:00:01Z"), "a")]).unwrap();
        journal.append("sesn_1", &[user("e2", Some("2026-12-08T00:00:03Z"), "b")]).unwrap();
        assert_eq!(
            journal.newest_processed_at("sesn_1").unwrap().as_deref(),
            Some("2026-12-08T00:00:03Z")
        );
        let rows = journal.sessions().unwrap();
        assert_eq!(
            (rows[0].object.contains("New"), rows[0].events, rows[0].deleted),
            (true, 2, false)
        );
        journal.mark_deleted("sesn_1").unwrap();
        assert!(journal.sessions().unwrap()[0].deleted);
        journal.delete_session("sesn_1").unwrap();
        assert!(journal.sessions().unwrap().is_empty());
        assert_eq!(journal.count("sesn_1").unwrap(), 0);
        assert_eq!(journal.session("sesn_1").unwrap(), None);
    }

    #[test]
    fn a_journal_file_opens_again_with_what_it_held() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("profile.journal");
        {
            let mut journal = Journal::open(&path).unwrap();
            journal.append("sesn_1", &[user("e1", None, "kept")]).unwrap();
        }
        let journal = Journal::open(&path).unwrap();
        assert_eq!(journal.count("sesn_1").unwrap(), 1);
        assert!(journal.size_bytes().unwrap() > 0);
        let mode: String =
            journal.conn.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
    }

    #[test]
    fn a_file_that_is_not_a_journal_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("profile.journal");
        std::fs::write(&path, b"this is not a database, just text long enough to be read").unwrap();
        assert!(Journal::open(&path).is_err());
    }
}
