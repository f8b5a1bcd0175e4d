//! The calls one session waits on, for the approvals inbox: the tool-use events its latest
//! `session.status_idle` names, each with the agent of the thread that made it.
//!
//! The monitor says which sessions wait and how many calls; this reads what they are. The API
//! has no "get event by id", so the calls are found by reading the session's tool-use events
//! newest first until every named id is found (they are among the newest: a session stops at
//! its first call that waits).
//!
//! Plain Rust, no Tauri: the command is a thin adapter, the tests use the simulator.

use std::collections::HashMap;

use managed_agents::types::{
    ListEventsQuery, ListThreadsQuery, Session, SessionEvent, SessionStatus, StopReason,
};
use managed_agents::{Client, Error};
use serde::Serialize;

/// How many pages of tool-use events are read before giving up on an id the idle event named.
const MAX_PAGES: usize = 10;

/// One session and the calls it waits on, oldest first (the idle event's order).
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PendingCalls {
    pub session: Session,
    pub calls: Vec<PendingCall>,
}

/// A tool call that waits for the person.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PendingCall {
    /// The `agent.tool_use`, `agent.mcp_tool_use` or `agent.custom_tool_use` event.
    pub event: SessionEvent,
    /// The agent of the child thread that made the call; `None` for the primary thread.
    pub thread_agent: Option<String>,
}

/// What session `session_id` waits on now: nothing unless it is idle and its latest idle
/// event asks for action.
pub async fn pending_calls(client: &Client, session_id: &str) -> Result<PendingCalls, Error> {
    let session = client.sessions().retrieve(session_id).await?;
    if session.status != SessionStatus::Idle {
        return Ok(PendingCalls { session, calls: Vec::new() });
    }
    let ids = waited_on(client, session_id).await?;
    let mut found = find_events(client, session_id, &ids).await?;
    let threads = if found.values().any(|e| thread_of(e).is_some()) {
        thread_agents(client, session_id).await
    } else {
        HashMap::new()
    };
    let calls = ids
        .iter()
        .filter_map(|id| found.remove(id))
        .map(|event| {
            let thread_agent = thread_of(&event).and_then(|t| threads.get(t).cloned());
            PendingCall { event, thread_agent }
        })
        .collect();
    Ok(PendingCalls { session, calls })
}

/// The event ids the latest idle event waits on (none when it does not ask for action).
pub(crate) async fn waited_on(client: &Client, session_id: &str) -> Result<Vec<String>, Error> {
    let query = ListEventsQuery {
        types: vec!["session.status_idle".into()],
        order: Some("desc".into()),
        limit: Some(1),
        ..Default::default()
    };
    let page = client.events(session_id).list(&query).await?;
    Ok(match page.data.into_iter().next() {
        Some(SessionEvent::SessionStatusIdle(idle)) => match idle.stop_reason {
            StopReason::RequiresAction { event_ids, .. } => event_ids,
            _ => Vec::new(),
        },
        _ => Vec::new(),
    })
}

/// The tool-use events with these ids, read newest first until all are found.
async fn find_events(
    client: &Client,
    session_id: &str,
    ids: &[String],
) -> Result<HashMap<String, SessionEvent>, Error> {
    let mut found = HashMap::new();
    if ids.is_empty() {
        return Ok(found);
    }
    let mut query = ListEventsQuery {
        types: ["agent.tool_use", "agent.mcp_tool_use", "agent.custom_tool_use"]
            .map(str::to_owned)
            .to_vec(),
        order: Some("desc".into()),
        limit: Some(100),
        ..Default::default()
    };
    for _ in 0..MAX_PAGES {
        let page = client.events(session_id).list(&query).await?;
        for event in page.data {
            if let Some(id) = event.id().filter(|id| ids.iter().any(|w| w == id)) {
                found.insert(id.to_owned(), event);
            }
        }
        if found.len() == ids.len() {
            break;
        }
        match page.next_page {
            Some(next) if !next.is_empty() => query.page = Some(next),
            _ => break,
        }
    }
    Ok(found)
}

/// The child thread a cross-posted call came from.
fn thread_of(event: &SessionEvent) -> Option<&str> {
    match event {
        SessionEvent::AgentToolUse(e) => e.session_thread_id.as_deref(),
        SessionEvent::AgentMcpToolUse(e) => e.session_thread_id.as_deref(),
        SessionEvent::AgentCustomToolUse(e) => e.session_thread_id.as_deref(),
        _ => None,
    }
}

/// Each thread's agent name. A failure only loses the names: the calls still show.
async fn thread_agents(client: &Client, session_id: &str) -> HashMap<String, String> {
    let query = ListThreadsQuery { limit: Some(100), ..Default::default() };
    let Ok(page) = client.sessions().threads(session_id).list(&query).await else {
        return HashMap::new();
    };
    page.data
        .into_iter()
        .filter_map(|t| {
            let agent = &t.agent;
            let name = agent["name"].as_str().or_else(|| agent["model"].as_str())?.to_owned();
            Some((t.id, name))
        })
        .collect()
}

#[cfg(test)]
mod tests;
