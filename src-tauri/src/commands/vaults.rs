//! Vaults and their credentials. A credential's secrets come in once with its create or rotate
//! request and go straight to the API; what comes back (and so what reaches the web view) is
//! the API's credential, which never holds a secret.

use managed_agents::Page;
use managed_agents::types::{
    CreateCredentialRequest, CreateVaultRequest, Credential, CredentialValidation, Deleted,
    ListArchivableQuery, UpdateCredentialRequest, UpdateVaultRequest, Vault,
};
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;
use crate::vault_coverage::{VaultCoverage, vault_coverage};

#[tauri::command]
#[specta::specta]
pub async fn vaults_list(
    state: State<'_, AppState>,
    query: ListArchivableQuery,
) -> Result<Page<Vault>, IpcError> {
    Ok(state.client().await?.vaults().list(&query).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn vault_create(
    state: State<'_, AppState>,
    request: CreateVaultRequest,
) -> Result<Vault, IpcError> {
    Ok(state.client().await?.vaults().create(&request).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn vault_update(
    state: State<'_, AppState>,
    vault_id: String,
    request: UpdateVaultRequest,
) -> Result<Vault, IpcError> {
    Ok(state.client().await?.vaults().update(&vault_id, &request).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn vault_archive(
    state: State<'_, AppState>,
    vault_id: String,
) -> Result<Vault, IpcError> {
    Ok(state.client().await?.vaults().archive(&vault_id).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn vault_delete(
    state: State<'_, AppState>,
    vault_id: String,
) -> Result<Deleted, IpcError> {
    Ok(state.client().await?.vaults().delete(&vault_id).await?)
}

/// Every active vault with the MCP server URLs it has credentials for.
#[tauri::command]
#[specta::specta]
pub async fn vaults_coverage(state: State<'_, AppState>) -> Result<Vec<VaultCoverage>, IpcError> {
    Ok(vault_coverage(&*state.client().await?).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn credentials_list(
    state: State<'_, AppState>,
    vault_id: String,
    query: ListArchivableQuery,
) -> Result<Page<Credential>, IpcError> {
    Ok(state.client().await?.vaults().credentials(&vault_id).list(&query).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn credential_create(
    state: State<'_, AppState>,
    vault_id: String,
    request: CreateCredentialRequest,
) -> Result<Credential, IpcError> {
    Ok(state.client().await?.vaults().credentials(&vault_id).create(&request).await?)
}

/// Rotates secrets or renames; the API keeps the type and key (URL or secret name).
#[tauri::command]
#[specta::specta]
pub async fn credential_update(
    state: State<'_, AppState>,
    vault_id: String,
    credential_id: String,
    request: UpdateCredentialRequest,
) -> Result<Credential, IpcError> {
    let client = state.client().await?;
    Ok(client.vaults().credentials(&vault_id).update(&credential_id, &request).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn credential_archive(
    state: State<'_, AppState>,
    vault_id: String,
    credential_id: String,
) -> Result<Credential, IpcError> {
    Ok(state.client().await?.vaults().credentials(&vault_id).archive(&credential_id).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn credential_delete(
    state: State<'_, AppState>,
    vault_id: String,
    credential_id: String,
) -> Result<Deleted, IpcError> {
    Ok(state.client().await?.vaults().credentials(&vault_id).delete(&credential_id).await?)
}

/// The API's verdict on an MCP OAuth credential (it probes the server, refreshing if it can).
#[tauri::command]
#[specta::specta]
pub async fn credential_validate(
    state: State<'_, AppState>,
    vault_id: String,
    credential_id: String,
) -> Result<CredentialValidation, IpcError> {
    let client = state.client().await?;
    Ok(client.vaults().credentials(&vault_id).mcp_oauth_validate(&credential_id).await?)
}
