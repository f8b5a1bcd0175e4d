use managed_agents::Page;
use managed_agents::types::{
    Agent, CreateAgentRequest, ListAgentsQuery, PageQuery, UpdateAgentRequest,
};
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn agents_list(
    state: State<'_, AppState>,
    query: ListAgentsQuery,
) -> Result<Page<Agent>, IpcError> {
    Ok(state.client().await?.agents().list(&query).await?)
}

/// One agent, at `version` or the latest.
#[tauri::command]
#[specta::specta]
pub async fn agent_get(
    state: State<'_, AppState>,
    agent_id: String,
    version: Option<u32>,
) -> Result<Agent, IpcError> {
    Ok(state.client().await?.agents().retrieve(&agent_id, version).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn agent_create(
    state: State<'_, AppState>,
    request: CreateAgentRequest,
) -> Result<Agent, IpcError> {
    Ok(state.client().await?.agents().create(&request).await?)
}

/// Saves a new version; with `request.version` set, a change made elsewhere is a `Conflict`.
#[tauri::command]
#[specta::specta]
pub async fn agent_update(
    state: State<'_, AppState>,
    agent_id: String,
    request: UpdateAgentRequest,
) -> Result<Agent, IpcError> {
    Ok(state.client().await?.agents().update(&agent_id, &request).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn agent_archive(
    state: State<'_, AppState>,
    agent_id: String,
) -> Result<Agent, IpcError> {
    Ok(state.client().await?.agents().archive(&agent_id).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn agent_versions(
    state: State<'_, AppState>,
    agent_id: String,
    query: PageQuery,
) -> Result<Page<Agent>, IpcError> {
    Ok(state.client().await?.agents().list_versions(&agent_id, &query).await?)
}
