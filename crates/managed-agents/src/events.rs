//! Session events: send, list, stream; and the events and stream of one thread.
//!
//! **Sending never duplicates.** The API has no idempotency key, and the SDK simply retries a
//! failed POST, so a `user.message` whose response was lost can be posted twice. Here a send
//! whose outcome is ambiguous (timeout, connection lost after the request went out, 5xx) is
//! not resent blindly: the event list is searched for the echo first. To tell an echo of this
//! send from an identical earlier message, the ids of the newest events of the same types are
//! read once before the first attempt (one extra GET per send).

use std::collections::HashSet;

use reqwest::Method;
use serde_json::Value;

use crate::client::{Client, Request, seg};
use crate::config::Beta;
use crate::error::Error;
use crate::pagination::{Page, PageRequest};
use crate::query::ToQuery;
use crate::retry::{next_delay, should_retry, should_retry_transport};
use crate::sse::EventStream;
use crate::types::{
    ListEventsQuery, PageQuery, SendEventsRequest, SendEventsResponse, SessionEvent,
    StreamEventsQuery,
};

/// How many recent events of the sent types are compared when looking for an echo.
const ECHO_WINDOW: u32 = 100;

/// The events of one session. Get it with [`Client::events`].
#[derive(Debug, Clone, Copy)]
pub struct Events<'c> {
    client: &'c Client,
    session_id: &'c str,
}

/// The events of one thread of a session. Get it with [`Client::thread_events`].
#[derive(Debug, Clone, Copy)]
pub struct ThreadEvents<'c> {
    client: &'c Client,
    session_id: &'c str,
    thread_id: &'c str,
}

impl Client {
    /// The events of session `session_id`.
    pub fn events<'c>(&'c self, session_id: &'c str) -> Events<'c> {
        Events { client: self, session_id }
    }

    /// The events of thread `thread_id` of session `session_id`.
    pub fn thread_events<'c>(
        &'c self,
        session_id: &'c str,
        thread_id: &'c str,
    ) -> ThreadEvents<'c> {
        ThreadEvents { client: self, session_id, thread_id }
    }
}

/// What one attempt at a send came to.
enum Attempt {
    Done(SendEventsResponse),
    /// Definitely not applied (connect error, 408/409/429, …): resending is safe.
    NotApplied(Error),
    /// Maybe applied: look for the echo before resending.
    Ambiguous(Error),
    /// Final error.
    Fatal(Error),
}

impl Events<'_> {
    fn path(&self, rest: &str) -> Result<String, Error> {
        Ok(format!("/v1/sessions/{}/events{rest}", seg(self.session_id)?))
    }

    /// `POST /v1/sessions/{session_id}/events`: send events (processed in order). Returns the
    /// echoes with their server ids; the same events arrive again on the stream.
    ///
    /// Retries follow the REST policy, except that an attempt that may have been applied is
    /// never repeated until the event list shows it was not (see the module docs).
    pub async fn send(&self, request: &SendEventsRequest) -> Result<SendEventsResponse, Error> {
        let sent: Vec<Value> = request
            .events
            .iter()
            .map(serde_json::to_value)
            .collect::<Result<_, _>>()
            .map_err(|e| Error::InvalidArgument(format!("cannot encode an event: {e}")))?;
        let mut types: Vec<String> = sent
            .iter()
            .filter_map(|v| v.get("type").and_then(Value::as_str).map(str::to_owned))
            .collect();
        types.sort();
        types.dedup();
        // Without a baseline an echo cannot be told from an identical older event, so an
        // ambiguous failure is then returned instead of risking a duplicate.
        let baseline = self.recent_ids(&types).await.ok();

        let req = Request::new(Method::POST, self.path("")?, Beta::ManagedAgents).json(request)?;
        let policy = self.client.config().retry;
        let mut retries = 0;
        loop {
            let error = match self.attempt(&req).await {
                Attempt::Done(r) => return Ok(r),
                Attempt::Fatal(e) => return Err(e),
                Attempt::NotApplied(e) => e,
                Attempt::Ambiguous(e) => {
                    let Some(baseline) = &baseline else {
                        return Err(e);
                    };
                    match self.find_echo(&types, baseline, &sent).await {
                        Ok(Some(echo)) => return Ok(SendEventsResponse { data: echo }),
                        Ok(None) => e,
                        // Cannot check: do not risk a duplicate.
                        Err(_) => return Err(e),
                    }
                }
            };
            let advice = error.api().and_then(|api| api.retry_after);
            match next_delay(&policy, retries, advice) {
                Some(d) if retries < policy.max_retries => {
                    tokio::time::sleep(d).await;
                    retries += 1;
                }
                _ => return Err(error),
            }
        }
    }

    async fn attempt(&self, req: &Request) -> Attempt {
        match self.client.send_once(req, true).await {
            Ok(response) => {
                let body = match response.bytes().await {
                    Ok(b) => b,
                    // The server answered 2xx, so the events were accepted; only the echo is
                    // lost. Report it as an ambiguous failure so the list supplies the ids.
                    Err(e) => return Attempt::Ambiguous(Error::Transport(e)),
                };
                match serde_json::from_slice(&body) {
                    Ok(r) => Attempt::Done(r),
                    Err(e) => Attempt::Fatal(Error::decode(e, &body)),
                }
            }
            Err(Error::Transport(e)) if e.is_connect() => Attempt::NotApplied(Error::Transport(e)),
            Err(Error::Transport(e)) if should_retry_transport(&e) || e.is_body() => {
                Attempt::Ambiguous(Error::Transport(e))
            }
            Err(Error::Api(api)) => {
                let status = reqwest::StatusCode::from_u16(api.status)
                    .unwrap_or(reqwest::StatusCode::INTERNAL_SERVER_ERROR);
                if !should_retry(status, &reqwest::header::HeaderMap::new()) {
                    Attempt::Fatal(Error::Api(api))
                } else if status.is_server_error() {
                    Attempt::Ambiguous(Error::Api(api))
                } else {
                    Attempt::NotApplied(Error::Api(api))
                }
            }
            Err(e) => Attempt::Fatal(e),
        }
    }

    /// Ids of the newest events of `types` (one page, newest first).
    async fn recent_ids(&self, types: &[String]) -> Result<HashSet<String>, Error> {
        Ok(self.recent(types).await?.iter().filter_map(|e| e.id().map(str::to_owned)).collect())
    }

    async fn recent(&self, types: &[String]) -> Result<Vec<SessionEvent>, Error> {
        let q = ListEventsQuery {
            limit: Some(ECHO_WINDOW),
            order: Some("desc".into()),
            types: types.to_vec(),
            ..ListEventsQuery::default()
        };
        Ok(self.list(&q).await?.data)
    }

    /// Looks for the echoes of `sent` among events that were not there before the send.
    async fn find_echo(
        &self,
        types: &[String],
        baseline: &HashSet<String>,
        sent: &[Value],
    ) -> Result<Option<Vec<SessionEvent>>, Error> {
        let mut candidates: Vec<SessionEvent> = self
            .recent(types)
            .await?
            .into_iter()
            .filter(|e| e.id().is_some_and(|id| !baseline.contains(id)))
            .collect();
        // Oldest first, so that repeated identical events match in order.
        candidates.reverse();
        let mut found = Vec::new();
        for want in sent {
            let pos = candidates
                .iter()
                .position(|c| serde_json::to_value(c).is_ok_and(|have| contains(&have, want)));
            if let Some(pos) = pos {
                found.push(candidates.remove(pos));
            }
        }
        // A POST is applied as a whole; any echo means it went through.
        Ok((!found.is_empty()).then_some(found))
    }

    /// `GET /v1/sessions/{session_id}/events`: one page of history, ordered by `processed_at`
    /// (never contains `event_start`/`event_delta`).
    pub async fn list(&self, query: &ListEventsQuery) -> Result<Page<SessionEvent>, Error> {
        PageRequest::first(self.client, self.path("")?, query.to_query(), Beta::ManagedAgents).await
    }

    /// `GET /v1/sessions/{session_id}/events/stream`: the live stream (no replay; events from
    /// before it opens are only in [`Events::list`]). For a stream that survives drops, use
    /// [`crate::feed::Feed`].
    pub async fn stream(&self, query: &StreamEventsQuery) -> Result<EventStream, Error> {
        let response = self.client.open_stream(self.path("/stream")?, query.to_query()).await?;
        Ok(EventStream::from_response(response, self.client.config().max_event_bytes))
    }
}

impl ThreadEvents<'_> {
    fn path(&self, rest: &str) -> Result<String, Error> {
        Ok(format!("/v1/sessions/{}/threads/{}{rest}", seg(self.session_id)?, seg(self.thread_id)?))
    }

    /// `GET /v1/sessions/{session_id}/threads/{thread_id}/events`: one page (no filters, no
    /// order).
    pub async fn list(&self, query: &PageQuery) -> Result<Page<SessionEvent>, Error> {
        PageRequest::first(
            self.client,
            self.path("/events")?,
            query.to_query(),
            Beta::ManagedAgents,
        )
        .await
    }

    /// `GET /v1/sessions/{session_id}/threads/{thread_id}/stream` (note: not `/events/stream`).
    pub async fn stream(&self, query: &StreamEventsQuery) -> Result<EventStream, Error> {
        let response = self.client.open_stream(self.path("/stream")?, query.to_query()).await?;
        Ok(EventStream::from_response(response, self.client.config().max_event_bytes))
    }
}

/// Whether `have` contains everything of `want`: objects by key (extra keys in `have`, such as
/// `id` and `processed_at`, are fine), arrays element by element, other values by equality.
fn contains(have: &Value, want: &Value) -> bool {
    match (have, want) {
        (Value::Object(h), Value::Object(w)) => {
            w.iter().all(|(k, wv)| h.get(k).is_some_and(|hv| contains(hv, wv)))
        }
        (Value::Array(h), Value::Array(w)) => {
            h.len() == w.len() && h.iter().zip(w).all(|(a, b)| contains(a, b))
        }
        _ => have == want,
    }
}

#[cfg(test)]
mod tests {
    use super::contains;
    use serde_json::json;

    #[test]
    fn echo_contains_what_was_sent() {
        let sent = json!({"type":"user.message","content":[{"type":"text","text":"hi"}]});
        let echo = json!({"type":"user.message","id":"e1","processed_at":null,"content":[{"type":"text","text":"hi"}]});
        let other =
            json!({"type":"user.message","id":"e2","content":[{"type":"text","text":"hi!"}]});
        assert!(contains(&echo, &sent));
        assert!(!contains(&other, &sent));
    }
}
