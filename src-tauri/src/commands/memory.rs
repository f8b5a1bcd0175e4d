//! Memory stores, their memories and the memories' versions.

use managed_agents::Page;
use managed_agents::types::{
    CreateMemoryRequest, CreateMemoryStoreRequest, Deleted, ListMemoriesQuery,
    ListMemoryStoresQuery, ListMemoryVersionsQuery, Memory, MemoryListItem, MemoryStore,
    MemoryVersion, UpdateMemoryRequest,
};
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
pub async fn memory_store_create(
    state: State<'_, AppState>,
    request: CreateMemoryStoreRequest,
) -> Result<MemoryStore, IpcError> {
    Ok(state.client().await?.memory_stores().create(&request).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn memory_store_archive(
    state: State<'_, AppState>,
    store_id: String,
) -> Result<MemoryStore, IpcError> {
    Ok(state.client().await?.memory_stores().archive(&store_id).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn memory_store_delete(
    state: State<'_, AppState>,
    store_id: String,
) -> Result<Deleted, IpcError> {
    Ok(state.client().await?.memory_stores().delete(&store_id).await?)
}

/// One page of a store's memories and path prefixes (without content).
#[tauri::command]
#[specta::specta]
pub async fn memories_list(
    state: State<'_, AppState>,
    store_id: String,
    query: ListMemoriesQuery,
) -> Result<Page<MemoryListItem>, IpcError> {
    Ok(state.client().await?.memory_stores().memories(&store_id).list(&query).await?)
}

/// One memory with its content.
#[tauri::command]
#[specta::specta]
pub async fn memory_get(
    state: State<'_, AppState>,
    store_id: String,
    memory_id: String,
) -> Result<Memory, IpcError> {
    let client = state.client().await?;
    Ok(client.memory_stores().memories(&store_id).retrieve(&memory_id, Some("full")).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn memory_create(
    state: State<'_, AppState>,
    store_id: String,
    request: CreateMemoryRequest,
) -> Result<Memory, IpcError> {
    let client = state.client().await?;
    Ok(client.memory_stores().memories(&store_id).create(&request, Some("full")).await?)
}

/// Content and/or path; with a `content_sha256` precondition the API answers 409 when the memory
/// changed since it was read.
#[tauri::command]
#[specta::specta]
pub async fn memory_update(
    state: State<'_, AppState>,
    store_id: String,
    memory_id: String,
    request: UpdateMemoryRequest,
) -> Result<Memory, IpcError> {
    let memories = state.client().await?;
    let memories = memories.memory_stores();
    Ok(memories.memories(&store_id).update(&memory_id, &request, Some("full")).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn memory_delete(
    state: State<'_, AppState>,
    store_id: String,
    memory_id: String,
    expected_content_sha256: Option<String>,
) -> Result<Deleted, IpcError> {
    let client = state.client().await?;
    let memories = client.memory_stores();
    let memories = memories.memories(&store_id);
    Ok(memories.delete(&memory_id, expected_content_sha256.as_deref()).await?)
}

/// One page of versions (with their content: `view=full`).
#[tauri::command]
#[specta::specta]
pub async fn memory_versions_list(
    state: State<'_, AppState>,
    store_id: String,
    query: ListMemoryVersionsQuery,
) -> Result<Page<MemoryVersion>, IpcError> {
    Ok(state.client().await?.memory_stores().memory_versions(&store_id).list(&query).await?)
}

/// Clears a version's content and path for good (not the current one: the API refuses).
#[tauri::command]
#[specta::specta]
pub async fn memory_version_redact(
    state: State<'_, AppState>,
    store_id: String,
    version_id: String,
) -> Result<MemoryVersion, IpcError> {
    let client = state.client().await?;
    Ok(client.memory_stores().memory_versions(&store_id).redact(&version_id).await?)
}
