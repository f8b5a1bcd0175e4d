//! Vaults and their credentials. A credential's secrets come in once with its create or rotate
//! request and go straight to the API; what comes back (and so what reaches the web view) is
//! the API's credential, which never holds a secret.

use managed_agents::Page;
use managed_agents::types::{
    CreateCredentialRequest, CreateVaultRequest, Credential, CredentialValidation, Deleted,
    ListArchivableQuery, UpdateCredentialRequest, UpdateVaultRequest, Vault,
};
use tauri::State;

use crate::desktop::Desktop;
use crate::error::IpcError;
use crate::mcp_connect::{SIGN_IN_LIMIT, SignIns, connect_and_store};
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
pub async fn vault_get(state: State<'_, AppState>, vault_id: String) -> Result<Vault, IpcError> {
    Ok(state.client().await?.vaults().retrieve(&vault_id).await?)
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

/// "Connect": signs in to the MCP server at `mcp_server_url` in the browser and stores the
/// tokens as an MCP OAuth credential in the vault. Resolves once the person has signed in (or
/// refused, or the time ran out, or [`credential_connect_cancel`] stopped it).
#[tauri::command]
#[specta::specta]
pub async fn credential_connect(
    state: State<'_, AppState>,
    desktop: State<'_, Desktop>,
    sign_ins: State<'_, SignIns>,
    vault_id: String,
    mcp_server_url: String,
    display_name: Option<String>,
) -> Result<Credential, IpcError> {
    let client = state.client().await?;
    let desktop = desktop.inner().clone();
    let flow = tauri::async_runtime::spawn(async move {
        let open = |url: &url::Url| desktop.open_sign_in(url.as_str());
        connect_and_store(&client, &vault_id, &mcp_server_url, display_name, open, SIGN_IN_LIMIT)
            .await
    });
    sign_ins.start(flow.inner().abort_handle());
    match flow.await {
        Ok(result) => result,
        Err(_) => Err(IpcError::invalid_input("Signing in was cancelled; nothing was stored.")),
    }
}

/// Stops the sign-in under way; nothing is stored.
#[tauri::command]
#[specta::specta]
pub fn credential_connect_cancel(sign_ins: State<'_, SignIns>) -> bool {
    sign_ins.cancel()
}
