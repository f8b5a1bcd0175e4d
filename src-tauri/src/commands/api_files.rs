//! The Files API: list, upload, preview, download and delete. Uploads and downloads stream
//! between the file on disk and the socket in Rust; the web view gets only progress and the
//! result, never the bytes (a preview, bounded, is the exception).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use managed_agents::types::{FileMetadata, ListFilesQuery};
use managed_agents::{Client, Page, UploadFile};
use serde::{Deserialize, Serialize};
use tauri::State;
use tauri::ipc::Channel;

use crate::error::IpcError;
use crate::file_preview::{self, FilePreview};
use crate::state::AppState;
use crate::transfers::{self, LocalFile, TransferProgress, Transfers};

#[tauri::command]
#[specta::specta]
pub async fn files_list(
    state: State<'_, AppState>,
    query: ListFilesQuery,
) -> Result<Page<FileMetadata>, IpcError> {
    Ok(state.client().await?.files().list(&query).await?)
}

#[tauri::command]
#[specta::specta]
pub async fn file_delete(state: State<'_, AppState>, file_id: String) -> Result<(), IpcError> {
    state.client().await?.files().delete(&file_id).await?;
    Ok(())
}

/// Lets the person choose files to upload; empty if they cancelled.
#[tauri::command]
#[specta::specta]
pub async fn files_choose_uploads(
    state: State<'_, AppState>,
    transfers: State<'_, Transfers>,
) -> Result<Vec<LocalFile>, IpcError> {
    Ok(transfers.allow_and_describe(&state.file_dialogs().choose_uploads().await))
}

/// Uploads a file the person chose or dropped, reporting progress; `None` if cancelled
/// ([`transfer_cancel`] with the same `transfer_id`).
#[tauri::command]
#[specta::specta]
pub async fn file_upload(
    state: State<'_, AppState>,
    transfers: State<'_, Transfers>,
    path: String,
    transfer_id: String,
    progress: Channel<TransferProgress>,
) -> Result<Option<FileMetadata>, IpcError> {
    let path = PathBuf::from(path);
    if !transfers.is_allowed(&path) {
        return Err(IpcError::invalid_input(
            "Only files chosen in the dialog or dropped on the window can be uploaded.",
        ));
    }
    let file = transfers::describe(&path);
    if let Some(problem) = file.problem {
        return Err(IpcError::invalid_input(format!("{} {problem}.", file.name)));
    }
    let client = state.client().await?;
    let upload = UploadFile {
        path,
        filename: file.name,
        mime_type: file.mime_type,
        progress: Some(progress_to(progress, file.size_bytes)),
    };
    transfers.run_cancellable(&transfer_id, client.files().upload_file(upload, None)).await
}

/// A progress callback that reports to the web view's `channel`, spaced for IPC.
pub(crate) fn progress_to(
    channel: Channel<TransferProgress>,
    total: u64,
) -> std::sync::Arc<dyn Fn(u64) + Send + Sync> {
    transfers::spaced(total, move |p| {
        let _ = channel.send(p);
    })
}

/// Stops an upload or download; the API keeps nothing of a cut-off upload, and a cut-off
/// download leaves no file.
#[tauri::command]
#[specta::specta]
pub fn transfer_cancel(transfers: State<'_, Transfers>, transfer_id: String) -> bool {
    transfers.cancel(&transfer_id)
}

#[tauri::command]
#[specta::specta]
pub async fn file_preview(
    state: State<'_, AppState>,
    file_id: String,
) -> Result<FilePreview, IpcError> {
    let client = state.client().await?;
    let meta = client.files().retrieve_metadata(&file_id).await?;
    if meta.downloadable == Some(false) {
        let reason = "The API does not let this file be downloaded.".to_owned();
        return Ok(FilePreview::Unavailable { reason });
    }
    if let Some(unavailable) = file_preview::too_large(meta.size_bytes, &meta.mime_type) {
        return Ok(unavailable);
    }
    let mut bytes = Vec::new();
    client.files().download_to(&file_id, &mut bytes, None).await?;
    Ok(file_preview::classify(&bytes))
}

/// A file to download, as the list knows it (the size is for the progress bar).
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct FileToSave {
    pub id: String,
    pub filename: String,
    pub size_bytes: u64,
}

/// Downloads one file where the person chooses; the path, or `None` if they cancelled the
/// dialog or the download.
#[tauri::command]
#[specta::specta]
pub async fn file_download(
    state: State<'_, AppState>,
    transfers: State<'_, Transfers>,
    file: FileToSave,
    transfer_id: String,
    progress: Channel<TransferProgress>,
) -> Result<Option<String>, IpcError> {
    let name = transfers::safe_file_name(&file.filename);
    let Some(dest) = state.file_dialogs().choose_download(name).await else { return Ok(None) };
    let client = state.client().await?;
    let report = progress_to(progress, file.size_bytes);
    let work = save(&client, &file.id, &dest, report.as_ref());
    let saved = transfers.run_cancellable(&transfer_id, work).await?;
    Ok(saved.map(|()| dest.display().to_string()))
}

#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SavedAll {
    pub folder: String,
    pub count: u32,
}

/// Downloads several files into a folder the person chooses, each under its own name (a
/// number added where one is taken); `None` if they cancelled. Files saved before a failure
/// or a cancel stay.
#[tauri::command]
#[specta::specta]
pub async fn files_download_all(
    state: State<'_, AppState>,
    transfers: State<'_, Transfers>,
    files: Vec<FileToSave>,
    transfer_id: String,
    progress: Channel<TransferProgress>,
) -> Result<Option<SavedAll>, IpcError> {
    let Some(folder) = state.file_dialogs().choose_folder().await else { return Ok(None) };
    let client = state.client().await?;
    let total = files.iter().map(|f| f.size_bytes).sum();
    let report = progress_to(progress, total);
    let work = async {
        let mut taken = HashSet::new();
        let mut before = 0;
        for file in &files {
            let dest = transfers::free_path(&folder, &file.filename, &taken);
            let offset = before;
            let per_file = |done: u64| report(offset + done);
            save(&client, &file.id, &dest, &per_file).await?;
            taken.insert(dest);
            before += file.size_bytes;
        }
        let count = u32::try_from(files.len()).unwrap_or(u32::MAX);
        Ok::<_, IpcError>(SavedAll { folder: folder.display().to_string(), count })
    };
    transfers.run_cancellable(&transfer_id, work).await
}

/// Streams file `id` into `dest` through a `.part` file renamed when complete; on an error or
/// a cancel (the future dropped) the part file is removed.
async fn save(
    client: &Client,
    id: &str,
    dest: &Path,
    report: &(dyn Fn(u64) + Send + Sync),
) -> Result<(), IpcError> {
    let partial = PartFile(transfers::partial_path(dest));
    let written = |e: std::io::Error| {
        IpcError::internal(format!("{} could not be written: {e}", dest.display()))
    };
    let mut out = tokio::fs::File::create(&partial.0).await.map_err(written)?;
    client.files().download_to(id, &mut out, Some(report)).await?;
    out.sync_all().await.map_err(written)?;
    drop(out);
    tokio::fs::rename(&partial.0, dest).await.map_err(written)?;
    Ok(())
}

/// A download's part file, removed when dropped unless it was renamed into place.
struct PartFile(PathBuf);

impl Drop for PartFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}
