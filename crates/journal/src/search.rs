//! Search across every journaled session: FTS5 over the text of messages, tool calls, results
//! and errors, ranked by bm25, with a snippet whose matches are marked.

use rusqlite::params_from_iter;
use rusqlite::types::Value as Sql;

use crate::{Journal, Result};

/// Marks the start of a match in [`Hit::snippet`]. Control characters rather than markup: the
/// text is the agent's (untrusted), so the view splits on these and never parses HTML.
pub const MARK_START: char = '\u{2}';
/// Marks the end of a match in [`Hit::snippet`].
pub const MARK_END: char = '\u{3}';

/// How many of the newest matches are ranked: a word found in half a million events is ranked
/// among its newest matches, which is also where a person looks first.
const RECENT: i64 = 2_000;

/// What to look for, and where.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchQuery {
    /// Words as a person types them; every word must match, the last one as a prefix.
    pub text: String,
    pub session_id: Option<String>,
    /// The session's agent (`agent.id` of its last-known object).
    pub agent_id: Option<String>,
    /// Event types (`agent.message`, `agent.tool_use`, …); empty: all.
    pub kinds: Vec<String>,
    /// `processed_at` bounds (RFC 3339, compared as text), inclusive.
    pub from: Option<String>,
    pub until: Option<String>,
    pub limit: usize,
}

/// One event that matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub seq: i64,
    pub session_id: String,
    pub event_id: String,
    pub kind: String,
    pub processed_at: Option<String>,
    /// The session's title, when its object is journaled and has one.
    pub title: Option<String>,
    /// A few words around the match, the matches between [`MARK_START`] and [`MARK_END`].
    pub snippet: String,
}

/// The person's words as an FTS5 query: each a quoted phrase (so no word is read as syntax),
/// the last one a prefix. `None` when there is no word.
fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> =
        text.split_whitespace().map(|w| format!("\"{}\"", w.replace('"', "\"\""))).collect();
    let (last, rest) = words.split_last()?;
    let mut query = rest.join(" ");
    if !query.is_empty() {
        query.push(' ');
    }
    query.push_str(last);
    query.push('*');
    Some(query)
}

impl Journal {
    /// The events that match `query`, best first.
    ///
    /// # Errors
    /// SQLite failed.
    pub fn search(&self, query: &SearchQuery) -> Result<Vec<Hit>> {
        let Some(fts) = fts_query(&query.text) else { return Ok(Vec::new()) };
        // Two steps, so that a common word does not cost a sort of every match: the newest
        // RECENT matches (FTS5 walks its index newest first and stops), then those ranked by
        // bm25 with a snippet for the LIMIT kept.
        let mut filters = String::new();
        let mut args: Vec<Sql> = vec![Sql::Text(fts.clone())];
        if let Some(session) = &query.session_id {
            filters.push_str(" AND e.session_id = ?");
            args.push(Sql::Text(session.clone()));
        }
        if let Some(agent) = &query.agent_id {
            filters.push_str(" AND json_extract(s.object, '$.agent.id') = ?");
            args.push(Sql::Text(agent.clone()));
        }
        if !query.kinds.is_empty() {
            let marks = vec!["?"; query.kinds.len()].join(", ");
            filters.push_str(&format!(" AND e.type IN ({marks})"));
            args.extend(query.kinds.iter().cloned().map(Sql::Text));
        }
        if let Some(from) = &query.from {
            filters.push_str(" AND e.processed_at >= ?");
            args.push(Sql::Text(from.clone()));
        }
        if let Some(until) = &query.until {
            filters.push_str(" AND e.processed_at <= ?");
            args.push(Sql::Text(until.clone()));
        }
        args.push(Sql::Integer(RECENT));
        args.push(Sql::Text(fts));
        args.push(Sql::Integer(i64::try_from(query.limit.max(1)).unwrap_or(i64::MAX)));
        let sql = format!(
            "WITH recent AS (
                SELECT event_text.rowid AS seq FROM event_text
                JOIN events e ON e.seq = event_text.rowid
                LEFT JOIN sessions s ON s.id = e.session_id
                WHERE event_text MATCH ?{filters}
                ORDER BY event_text.rowid DESC LIMIT ?
             )
             SELECT e.seq, e.session_id, e.event_id, e.type, e.processed_at,
                    json_extract(s.object, '$.title'),
                    snippet(event_text, 0, '{MARK_START}', '{MARK_END}', '…', 16)
             FROM event_text
             JOIN recent ON recent.seq = event_text.rowid
             JOIN events e ON e.seq = event_text.rowid
             LEFT JOIN sessions s ON s.id = e.session_id
             WHERE event_text MATCH ?
             ORDER BY bm25(event_text) LIMIT ?"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(args), |row| {
            Ok(Hit {
                seq: row.get(0)?,
                session_id: row.get(1)?,
                event_id: row.get(2)?,
                kind: row.get(3)?,
                processed_at: row.get(4)?,
                title: row.get(5)?,
                snippet: row.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(id: &str, at: &str, text: &str) -> String {
        serde_json::json!({"type": "agent.message", "id": id, "processed_at": at,
            "content": [{"type": "text", "text": text}]})
        .to_string()
    }

    fn journal() -> Journal {
        let mut j = Journal::in_memory().unwrap();
        j.put_session(
            "sesn_1",
            r#"{"id":"sesn_1","title":"Fix the parser","agent":{"id":"agent_a"}}"#,
        )
        .unwrap();
        j.put_session("sesn_2", r#"{"id":"sesn_2","title":"Research","agent":{"id":"agent_b"}}"#)
            .unwrap();
        j.append("sesn_1", &[
            message("e1", "2026-12-01T10:00:00Z", "The parser rejects every leap day."),
            serde_json::json!({"type": "agent.tool_use", "id": "e2", "processed_at": "2026-12-01T10:00:01Z",
                "name": "bash", "input": {"command": "cargo test --package parser"}}).to_string(),
            serde_json::json!({"type": "agent.thinking", "id": "e3", "processed_at": "2026-12-01T10:00:02Z"}).to_string(),
        ]).unwrap();
        j.append(
            "sesn_2",
            &[message(
                "e4",
                "2026-12-05T09:00:00Z",
                "Axum and Actix both parse requests quickly; parser speed is similar.",
            )],
        )
        .unwrap();
        j
    }

    fn search(j: &Journal, text: &str) -> Vec<Hit> {
        j.search(&SearchQuery { text: text.into(), limit: 10, ..SearchQuery::default() }).unwrap()
    }

    #[test]
    fn words_match_across_sessions_with_a_marked_snippet_and_the_title() {
        let j = journal();
        let hits = search(&j, "parser");
        assert_eq!(hits.len(), 3, "{hits:?}");
        let first = hits.iter().find(|h| h.event_id == "e1").unwrap();
        assert_eq!(first.title.as_deref(), Some("Fix the parser"));
        assert!(first.snippet.contains("\u{2}parser\u{3}"), "{}", first.snippet);
        assert_eq!(
            search(&j, "cargo test").iter().map(|h| h.event_id.as_str()).collect::<Vec<_>>(),
            ["e2"]
        );
        assert_eq!(search(&j, "lea").len(), 1, "the last word is a prefix");
        assert!(search(&j, "   ").is_empty());
    }

    #[test]
    fn odd_input_is_words_not_syntax() {
        let j = journal();
        for text in ["\"", "parser AND", "NEAR(", "e*", "-parser", "a:b"] {
            let _ = j
                .search(&SearchQuery { text: text.into(), limit: 5, ..SearchQuery::default() })
                .unwrap();
        }
    }

    #[test]
    fn filters_narrow_by_session_agent_kind_and_date() {
        let j = journal();
        let base = SearchQuery { text: "parser".into(), limit: 10, ..SearchQuery::default() };
        let ids = |q: SearchQuery| {
            let mut ids: Vec<String> =
                j.search(&q).unwrap().into_iter().map(|h| h.event_id).collect();
            ids.sort();
            ids
        };
        assert_eq!(ids(SearchQuery { session_id: Some("sesn_2".into()), ..base.clone() }), ["e4"]);
        assert_eq!(
            ids(SearchQuery { agent_id: Some("agent_a".into()), ..base.clone() }),
            ["e1", "e2"]
        );
        assert_eq!(
            ids(SearchQuery { kinds: vec!["agent.tool_use".into()], ..base.clone() }),
            ["e2"]
        );
        assert_eq!(
            ids(SearchQuery { from: Some("2026-12-02T00:00:00Z".into()), ..base.clone() }),
            ["e4"]
        );
        assert_eq!(
            ids(SearchQuery { until: Some("2026-12-01T23:59:59Z".into()), ..base }),
            ["e1", "e2"]
        );
    }

    #[test]
    fn a_deleted_session_is_no_longer_found() {
        let mut j = journal();
        j.delete_session("sesn_1").unwrap();
        assert_eq!(search(&j, "parser").len(), 1);
    }
}
