use tauri::State;

use crate::error::IpcError;
use crate::settings::{Settings, ThemePreference};
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub fn settings_get(state: State<'_, AppState>) -> Settings {
    state.settings()
}

#[tauri::command]
#[specta::specta]
pub fn settings_set_theme(
    state: State<'_, AppState>,
    theme: ThemePreference,
) -> Result<Settings, IpcError> {
    state.update_settings(|settings| settings.theme = theme)
}
