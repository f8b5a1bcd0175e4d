use tauri::State;

use crate::connection_check::ConnectionReport;
use crate::error::IpcError;
use crate::profiles::ProfileDraft;
use crate::state::AppState;
use crate::state::ProfilesView;

#[tauri::command]
#[specta::specta]
pub async fn profiles_list(state: State<'_, AppState>) -> Result<ProfilesView, IpcError> {
    Ok(state.profiles().await)
}

/// `api_key` goes to the keychain; no command ever returns it.
#[tauri::command]
#[specta::specta]
pub async fn profile_create(
    state: State<'_, AppState>,
    draft: ProfileDraft,
    api_key: Option<String>,
) -> Result<String, IpcError> {
    state.create_profile(draft, api_key).await
}

#[tauri::command]
#[specta::specta]
pub fn profile_update(
    state: State<'_, AppState>,
    id: String,
    draft: ProfileDraft,
) -> Result<(), IpcError> {
    state.update_profile(&id, draft)
}

#[tauri::command]
#[specta::specta]
pub async fn profile_set_key(
    state: State<'_, AppState>,
    id: String,
    api_key: String,
) -> Result<(), IpcError> {
    state.set_key(&id, &api_key).await
}

#[tauri::command]
#[specta::specta]
pub async fn profile_remove_key(state: State<'_, AppState>, id: String) -> Result<(), IpcError> {
    state.remove_key(&id).await
}

#[tauri::command]
#[specta::specta]
pub async fn profile_delete(state: State<'_, AppState>, id: String) -> Result<(), IpcError> {
    state.delete_profile(&id).await
}

#[tauri::command]
#[specta::specta]
pub fn profile_activate(state: State<'_, AppState>, id: String) -> Result<(), IpcError> {
    state.activate_profile(&id)
}

/// Tests `draft` with `api_key`, or with the stored key of `profile_id` if no key is typed.
#[tauri::command]
#[specta::specta]
pub async fn profile_test(
    state: State<'_, AppState>,
    draft: ProfileDraft,
    api_key: Option<String>,
    profile_id: Option<String>,
) -> Result<ConnectionReport, IpcError> {
    state.test_connection(draft, api_key, profile_id).await
}
