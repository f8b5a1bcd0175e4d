use serde::Serialize;
use tauri::State;

use crate::error::IpcError;
use crate::file_dialogs::IMPORT_MAX_BYTES;
use crate::state::AppState;

/// A file the person picked to import: its name (for the format) and its text.
#[derive(Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct PickedFile {
    pub name: String,
    pub text: String,
}

/// Saves `contents` where the person chooses; returns the path, or `None` if cancelled.
#[tauri::command]
#[specta::specta]
pub async fn file_export(
    state: State<'_, AppState>,
    file_name: String,
    contents: String,
) -> Result<Option<String>, IpcError> {
    let Some(path) = state.file_dialogs().choose_save(file_name).await else { return Ok(None) };
    std::fs::write(&path, contents)
        .map_err(|e| IpcError::internal(format!("{} could not be written: {e}", path.display())))?;
    Ok(Some(path.display().to_string()))
}

/// Lets the person pick a JSON or YAML file and returns its text, or `None` if cancelled.
#[tauri::command]
#[specta::specta]
pub async fn file_import(state: State<'_, AppState>) -> Result<Option<PickedFile>, IpcError> {
    let Some(path) = state.file_dialogs().choose_open().await else { return Ok(None) };
    let unreadable = |e: std::io::Error| {
        IpcError::invalid_input(format!("{} could not be read: {e}", path.display()))
    };
    let size = std::fs::metadata(&path).map_err(unreadable)?.len();
    if size > IMPORT_MAX_BYTES {
        return Err(IpcError::invalid_input(format!(
            "{} is {size} bytes; an agent or environment file is at most 1 MiB.",
            path.display()
        )));
    }
    let text = std::fs::read_to_string(&path).map_err(unreadable)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Ok(Some(PickedFile { name, text }))
}
