//! The uploaded files a new session can mount, listed for the session dialog's picker.

use managed_agents::Page;
use managed_agents::types::{FileMetadata, ListFilesQuery};
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn files_list(
    state: State<'_, AppState>,
    query: ListFilesQuery,
) -> Result<Page<FileMetadata>, IpcError> {
    Ok(state.client().await?.files().list(&query).await?)
}
