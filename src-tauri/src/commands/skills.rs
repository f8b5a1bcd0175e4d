//! Skills: list (the workspace's and Anthropic's), create from a folder or a `.zip` checked in
//! Rust before anything is sent, versions (list, add, delete), and delete.

use std::path::PathBuf;

use managed_agents::Page;
use managed_agents::types::{ListSkillsQuery, PageQuery, Skill, SkillVersion};
use serde::Deserialize;
use tauri::State;
use tauri::ipc::Channel;

use crate::commands::api_files::progress_to;
use crate::error::IpcError;
use crate::skill_source::{self, SkillCheck};
use crate::state::AppState;
use crate::transfers::{TransferProgress, Transfers};

#[tauri::command]
#[specta::specta]
pub async fn skills_list(
    state: State<'_, AppState>,
    query: ListSkillsQuery,
) -> Result<Page<Skill>, IpcError> {
    Ok(state.client().await?.skills().list(&query).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn skill_versions_list(
    state: State<'_, AppState>,
    skill_id: String,
    page: Option<String>,
) -> Result<Page<SkillVersion>, IpcError> {
    let query = PageQuery { limit: Some(100), page };
    Ok(state.client().await?.skills().list_versions(&skill_id, &query).await?)
}

/// Where a skill comes from.
#[derive(Debug, Clone, Copy, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum SkillSourceKind {
    Folder,
    Zip,
}

/// Lets the person choose a skill's folder or `.zip`, and checks it; `None` if cancelled.
#[tauri::command]
#[specta::specta]
pub async fn skill_choose_source(
    state: State<'_, AppState>,
    transfers: State<'_, Transfers>,
    kind: SkillSourceKind,
) -> Result<Option<SkillCheck>, IpcError> {
    let dialogs = state.file_dialogs();
    let chosen = match kind {
        SkillSourceKind::Folder => dialogs.choose_folder().await,
        SkillSourceKind::Zip => dialogs.choose_archive().await,
    };
    let Some(path) = chosen else { return Ok(None) };
    transfers.allow(std::slice::from_ref(&path));
    Ok(Some(read(path).await?.check))
}

/// Reads a skill off the async runtime: a folder walk or a zip is blocking file work.
async fn read(path: PathBuf) -> Result<skill_source::SkillSource, IpcError> {
    tokio::task::spawn_blocking(move || skill_source::read(&path))
        .await
        .map_err(|e| IpcError::internal(e.to_string()))?
        .map_err(IpcError::invalid_input)
}

/// Reads and checks `path` again (it may have changed since it was chosen), refusing it with
/// every problem found.
async fn checked_files(
    transfers: &Transfers,
    path: String,
) -> Result<(SkillCheck, Vec<managed_agents::types::FileUpload>), IpcError> {
    let path = PathBuf::from(path);
    if !transfers.is_allowed(&path) {
        return Err(IpcError::invalid_input(
            "Only a folder or .zip chosen in the dialog can be uploaded as a skill.",
        ));
    }
    let source = read(path).await?;
    if !source.check.problems.is_empty() {
        return Err(IpcError::invalid_input(source.check.problems.join(" ")));
    }
    Ok((source.check, source.files))
}

/// Creates a skill from a chosen folder or `.zip`; `None` if the upload was cancelled.
#[tauri::command]
#[specta::specta]
pub async fn skill_create(
    state: State<'_, AppState>,
    transfers: State<'_, Transfers>,
    path: String,
    display_name: Option<String>,
    transfer_id: String,
    progress: Channel<TransferProgress>,
) -> Result<Option<Skill>, IpcError> {
    let (check, files) = checked_files(&transfers, path).await?;
    let display_name = display_name.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty());
    let client = state.client().await?;
    let report = progress_to(progress, check.total_bytes);
    let skills = client.skills();
    let upload = skills.create_with_progress(files, display_name.as_deref(), report);
    transfers.run_cancellable(&transfer_id, upload).await
}

/// Adds a version to a skill from a chosen folder or `.zip`; `None` if cancelled.
#[tauri::command]
#[specta::specta]
pub async fn skill_version_create(
    state: State<'_, AppState>,
    transfers: State<'_, Transfers>,
    skill_id: String,
    path: String,
    transfer_id: String,
    progress: Channel<TransferProgress>,
) -> Result<Option<SkillVersion>, IpcError> {
    let (check, files) = checked_files(&transfers, path).await?;
    let client = state.client().await?;
    let report = progress_to(progress, check.total_bytes);
    let skills = client.skills();
    let upload = skills.create_version_with_progress(&skill_id, files, report);
    transfers.run_cancellable(&transfer_id, upload).await
}

#[tauri::command]
#[specta::specta]
pub async fn skill_version_delete(
    state: State<'_, AppState>,
    skill_id: String,
    version: String,
) -> Result<(), IpcError> {
    state.client().await?.skills().delete_version(&skill_id, &version).await?;
    Ok(())
}

/// Deletes a skill: its versions first, as the API requires, then the skill itself.
#[tauri::command]
#[specta::specta]
pub async fn skill_delete(state: State<'_, AppState>, skill_id: String) -> Result<(), IpcError> {
    let client = state.client().await?;
    let skills = client.skills();
    loop {
        let versions = skills.list_versions(&skill_id, &PageQuery::default()).await?.data;
        if versions.is_empty() {
            break;
        }
        for version in versions {
            skills.delete_version(&skill_id, &version.id).await?;
        }
    }
    skills.delete(&skill_id).await?;
    Ok(())
}
