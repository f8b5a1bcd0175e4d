use tauri::State;

use crate::error::IpcError;
use crate::settings::{NotificationPrefs, RecentItem, SessionTabs, Settings, ThemePreference};
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
    state.update_settings(|settings| {
        settings.theme = theme;
        Ok(())
    })
}

#[tauri::command]
#[specta::specta]
pub fn settings_set_notifications(
    state: State<'_, AppState>,
    notifications: NotificationPrefs,
) -> Result<Settings, IpcError> {
    state.update_settings(|settings| {
        settings.notifications = notifications;
        Ok(())
    })
}

#[tauri::command]
#[specta::specta]
pub fn recent_remember(state: State<'_, AppState>, item: RecentItem) -> Result<Settings, IpcError> {
    state.update_settings(|settings| {
        settings.remember(item);
        Ok(())
    })
}

/// Remembers a profile's open session tabs, for the next start.
#[tauri::command]
#[specta::specta]
pub fn settings_set_tabs(
    state: State<'_, AppState>,
    profile_id: String,
    tabs: SessionTabs,
) -> Result<(), IpcError> {
    state.update_settings(|settings| {
        settings.set_tabs(&profile_id, tabs);
        Ok(())
    })?;
    Ok(())
}
