//! What a new session can mount: memory stores and uploaded files, listed for the session
//! dialog's pickers.

use managed_agents::Page;
use managed_agents::types::{FileMetadata, ListFilesQuery, ListMemoryStoresQuery, MemoryStore};
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn memory_stores_list(
    state: State<'_, AppState>,
    query: ListMemoryStoresQuery,
) -> Result<Page<MemoryStore>, IpcError> {
    Ok(state.client().await?.memory_stores().list(&query).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn files_list(
    state: State<'_, AppState>,
    query: ListFilesQuery,
) -> Result<Page<FileMetadata>, IpcError> {
    Ok(state.client().await?.files().list(&query).await?)
}
