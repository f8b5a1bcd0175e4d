use managed_agents::Page;
use managed_agents::types::{
    CreateEnvironmentRequest, Deleted, Environment, ListEnvironmentsQuery, UpdateEnvironmentRequest,
};
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn environments_list(
    state: State<'_, AppState>,
    query: ListEnvironmentsQuery,
) -> Result<Page<Environment>, IpcError> {
    Ok(state.client().await?.environments().list(&query).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn environment_get(
    state: State<'_, AppState>,
    environment_id: String,
) -> Result<Environment, IpcError> {
    Ok(state.client().await?.environments().retrieve(&environment_id).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn environment_create(
    state: State<'_, AppState>,
    request: CreateEnvironmentRequest,
) -> Result<Environment, IpcError> {
    Ok(state.client().await?.environments().create(&request).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn environment_update(
    state: State<'_, AppState>,
    environment_id: String,
    request: UpdateEnvironmentRequest,
) -> Result<Environment, IpcError> {
    Ok(state.client().await?.environments().update(&environment_id, &request).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn environment_archive(
    state: State<'_, AppState>,
    environment_id: String,
) -> Result<Environment, IpcError> {
    Ok(state.client().await?.environments().archive(&environment_id).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn environment_delete(
    state: State<'_, AppState>,
    environment_id: String,
) -> Result<Deleted, IpcError> {
    Ok(state.client().await?.environments().delete(&environment_id).await?)
}
