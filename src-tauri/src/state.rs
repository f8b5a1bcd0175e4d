//! `AppState`: what the commands share, managed once.

use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::error::IpcError;
use crate::settings::Settings;

/// Writes settings to disk. Type-erased so that neither the state nor the commands need to be
/// generic over the Tauri runtime (which generated bindings cannot express).
pub type SettingsWriter = Box<dyn Fn(&Settings) -> Result<(), IpcError> + Send + Sync>;

pub struct AppState {
    settings: Mutex<Settings>,
    write_settings: SettingsWriter,
}

impl AppState {
    pub fn new(settings: Settings, write_settings: SettingsWriter) -> Self {
        Self { settings: Mutex::new(settings), write_settings }
    }

    pub fn settings(&self) -> Settings {
        self.lock_settings().clone()
    }

    /// Applies `change`, writes the result to disk, and only then makes it current: what the UI
    /// is told is always what a restart will find.
    pub fn update_settings(
        &self,
        change: impl FnOnce(&mut Settings),
    ) -> Result<Settings, IpcError> {
        let mut settings = self.lock_settings();
        let mut updated = settings.clone();
        change(&mut updated);
        (self.write_settings)(&updated)?;
        *settings = updated.clone();
        Ok(updated)
    }

    fn lock_settings(&self) -> MutexGuard<'_, Settings> {
        // Settings stay valid even if a panic interrupted an update: the value is replaced whole.
        self.settings.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
