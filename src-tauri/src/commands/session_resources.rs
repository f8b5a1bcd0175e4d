//! A session's resources after creation: list them, mount an uploaded file, remove a file or a
//! repository, and rotate a repository's token (sent once to the API, never returned).

use managed_agents::Page;
use managed_agents::types::{
    AddSessionResourceRequest, PageQuery, SessionResource, UpdateSessionResourceRequest,
};
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

/// One page of a session's resources (the API allows up to 1000 per page).
#[tauri::command]
#[specta::specta]
pub async fn session_resources_list(
    state: State<'_, AppState>,
    session_id: String,
    page: Option<String>,
) -> Result<Page<SessionResource>, IpcError> {
    let query = PageQuery { limit: Some(1000), page };
    Ok(state.client().await?.sessions().resources(&session_id).list(&query).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn session_resource_add(
    state: State<'_, AppState>,
    session_id: String,
    file_id: String,
    mount_path: Option<String>,
) -> Result<SessionResource, IpcError> {
    let mount_path = mount_path.map(|p| p.trim().to_owned()).filter(|p| !p.is_empty());
    if let Some(path) = &mount_path
        && (!path.starts_with('/') || path.split('/').any(|s| s == ".."))
    {
        return Err(IpcError::invalid_input(
            "Mount path: an absolute path such as /mnt/session/uploads/data.csv, without '..'.",
        ));
    }
    let request =
        AddSessionResourceRequest { mount_path, ..AddSessionResourceRequest::file(file_id) };
    Ok(state.client().await?.sessions().resources(&session_id).add(&request).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn session_resource_delete(
    state: State<'_, AppState>,
    session_id: String,
    resource_id: String,
) -> Result<(), IpcError> {
    state.client().await?.sessions().resources(&session_id).delete(&resource_id).await?;
    Ok(())
}

/// Gives a mounted repository a new token. The token is not kept anywhere by the app.
#[tauri::command]
#[specta::specta]
pub async fn session_resource_rotate_token(
    state: State<'_, AppState>,
    session_id: String,
    resource_id: String,
    token: String,
) -> Result<SessionResource, IpcError> {
    if token.trim().is_empty() {
        return Err(IpcError::invalid_input("Token: paste the repository's new access token."));
    }
    let request = UpdateSessionResourceRequest { authorization_token: token };
    let resources = state.client().await?;
    Ok(resources.sessions().resources(&session_id).update(&resource_id, &request).await?)
}
