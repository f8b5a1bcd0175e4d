//! Reading and writing [`Settings`] through `tauri-plugin-store`.

use std::path::Path;

use tauri::{AppHandle, Runtime};
use tauri_plugin_store::StoreExt;

use crate::error::IpcError;
use crate::settings::{STORE_KEY, Settings};

pub fn load<R: Runtime>(app: &AppHandle<R>, file: &Path) -> Result<Settings, IpcError> {
    let store = app.store(file)?;
    Ok(Settings::from_stored(store.get(STORE_KEY).as_ref()))
}

pub fn save<R: Runtime>(
    app: &AppHandle<R>,
    file: &Path,
    settings: &Settings,
) -> Result<(), IpcError> {
    let store = app.store(file)?;
    let value = serde_json::to_value(settings)
        .map_err(|e| IpcError::internal(format!("The settings could not be encoded: {e}")))?;
    store.set(STORE_KEY, value);
    store.save()?;
    Ok(())
}
