use managed_agents::types::{
    ConfirmationResult, ContentBlock, CreateSessionRequest, Deleted, EventParams,
    ListSessionsQuery, ListThreadsQuery, SendEventsRequest, Session, SessionEvent, SessionThread,
    UpdateSessionRequest,
};
use managed_agents::{FeedConfig, Page};
use tauri::State;
use tauri::ipc::Channel;

use super::caller::Caller;

use crate::error::{ErrorCode, IpcError};
use crate::monitor::LiveSnapshot;
use crate::pending::{PendingCalls, pending_calls};
use crate::relay::RelayBatch;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn sessions_list(
    state: State<'_, AppState>,
    query: ListSessionsQuery,
) -> Result<Page<Session>, IpcError> {
    Ok(state.client().await?.sessions().list(&query).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn session_get(
    state: State<'_, AppState>,
    session_id: String,
) -> Result<Session, IpcError> {
    Ok(state.client().await?.sessions().retrieve(&session_id).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn session_create(
    state: State<'_, AppState>,
    request: CreateSessionRequest,
) -> Result<Session, IpcError> {
    Ok(state.client().await?.sessions().create(&request).await?)
}

/// Title, metadata, budget; tools and MCP servers only while the session is idle.
#[tauri::command]
#[specta::specta]
pub async fn session_update(
    state: State<'_, AppState>,
    session_id: String,
    request: UpdateSessionRequest,
) -> Result<Session, IpcError> {
    Ok(state.client().await?.sessions().update(&session_id, &request).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn session_archive(
    state: State<'_, AppState>,
    session_id: String,
) -> Result<Session, IpcError> {
    Ok(state.client().await?.sessions().archive(&session_id).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn session_delete(
    state: State<'_, AppState>,
    session_id: String,
) -> Result<Deleted, IpcError> {
    Ok(state.client().await?.sessions().delete(&session_id).await?)
}

/// The statuses the monitor of every session knows now, for a list just loaded.
#[tauri::command]
#[specta::specta]
pub fn sessions_live(state: State<'_, AppState>) -> LiveSnapshot {
    state.live_snapshot()
}

/// The calls a session waits on, for the approvals inbox.
#[tauri::command]
#[specta::specta]
pub async fn session_pending_calls(
    state: State<'_, AppState>,
    session_id: String,
) -> Result<PendingCalls, IpcError> {
    Ok(pending_calls(&*state.client().await?, &session_id).await?)
}

/// Starts relaying a session's events to `channel`; returns the watch id at once.
#[tauri::command]
#[specta::specta]
pub async fn session_watch(
    caller: Caller,
    state: State<'_, AppState>,
    session_id: String,
    channel: Channel<RelayBatch>,
) -> Result<u32, IpcError> {
    let client = state.client().await?;
    let outlet = Box::new(move |batch| channel.send(batch).map_err(|e| e.to_string()));
    let feed = FeedConfig::default().with_deltas();
    Ok(state.watches.watch(&caller.label, &session_id, &client, feed, outlet, caller.on_status))
}

/// Starts relaying one thread's own transcript (a multi-agent session's subagent) to `channel`.
#[tauri::command]
#[specta::specta]
pub async fn session_watch_thread(
    caller: Caller,
    state: State<'_, AppState>,
    session_id: String,
    thread_id: String,
    channel: Channel<RelayBatch>,
) -> Result<u32, IpcError> {
    let client = state.client().await?;
    let outlet = Box::new(move |batch| channel.send(batch).map_err(|e| e.to_string()));
    let feed = FeedConfig::default().with_deltas();
    Ok(state.watches.watch_thread(&caller.label, &session_id, &thread_id, &client, feed, outlet))
}

/// Every thread of a session, the primary one first: agent, status, usage where known.
#[tauri::command]
#[specta::specta]
pub async fn session_threads(
    state: State<'_, AppState>,
    session_id: String,
) -> Result<Vec<SessionThread>, IpcError> {
    let client = state.client().await?;
    let threads = client.sessions().threads(&session_id);
    let mut query = ListThreadsQuery { limit: Some(1000), ..Default::default() };
    let mut all = Vec::new();
    // A session has a handful of threads; the bound only guards against a cursor that loops.
    for _ in 0..20 {
        let page = threads.list(&query).await?;
        all.extend(page.data);
        match page.next_page.filter(|next| !next.is_empty()) {
            Some(next) => query.page = Some(next),
            None => break,
        }
    }
    Ok(all)
}

#[tauri::command]
#[specta::specta]
pub fn session_unwatch(state: State<'_, AppState>, watch_id: u32) -> bool {
    state.watches.unwatch(watch_id)
}

/// The whole of an event a watch sent cut down (see `RelayBatch::elided`).
#[tauri::command]
#[specta::specta]
pub fn session_event_full(
    state: State<'_, AppState>,
    watch_id: u32,
    event_id: String,
) -> Result<SessionEvent, IpcError> {
    state.watches.original(watch_id, &event_id).ok_or_else(|| {
        IpcError::new(ErrorCode::NotFound, "That output is no longer held; reopen the session.")
    })
}

#[tauri::command]
#[specta::specta]
pub async fn session_send_message(
    state: State<'_, AppState>,
    session_id: String,
    text: String,
) -> Result<Vec<SessionEvent>, IpcError> {
    if text.trim().is_empty() {
        return Err(IpcError::invalid_input("The message is empty."));
    }
    let event = EventParams::UserMessage { content: vec![ContentBlock::text(text)] };
    send(&state, &session_id, event).await
}

/// Allows or denies a tool call that waits for confirmation; `reason` is shown to the agent.
#[tauri::command]
#[specta::specta]
pub async fn session_confirm_tool(
    state: State<'_, AppState>,
    session_id: String,
    tool_use_id: String,
    allow: bool,
    reason: Option<String>,
) -> Result<Vec<SessionEvent>, IpcError> {
    let (result, deny_message) = match allow {
        true => (ConfirmationResult::Allow, None),
        false => (ConfirmationResult::Deny, reason.filter(|r| !r.trim().is_empty())),
    };
    let event = EventParams::UserToolConfirmation { tool_use_id, result, deny_message };
    send(&state, &session_id, event).await
}

#[tauri::command]
#[specta::specta]
pub async fn session_answer_custom_tool(
    state: State<'_, AppState>,
    session_id: String,
    custom_tool_use_id: String,
    text: String,
    is_error: bool,
) -> Result<Vec<SessionEvent>, IpcError> {
    let content = Some(vec![ContentBlock::text(text)]);
    let event =
        EventParams::UserCustomToolResult { custom_tool_use_id, content, is_error: Some(is_error) };
    send(&state, &session_id, event).await
}

/// Interrupts the session, or only thread `thread_id` of a multi-agent session.
#[tauri::command]
#[specta::specta]
pub async fn session_interrupt(
    state: State<'_, AppState>,
    session_id: String,
    thread_id: Option<String>,
) -> Result<Vec<SessionEvent>, IpcError> {
    let event = EventParams::UserInterrupt { session_thread_id: thread_id };
    send(&state, &session_id, event).await
}

/// Sends one event with the client's no-duplicate send and returns the server's echo.
async fn send(
    state: &AppState,
    session_id: &str,
    event: EventParams,
) -> Result<Vec<SessionEvent>, IpcError> {
    let client = state.client().await?;
    let request = SendEventsRequest { events: vec![event] };
    Ok(client.events(session_id).send(&request).await?.data)
}
