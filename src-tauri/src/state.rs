//! `AppState`: what the commands share, managed once.

mod profiles;

pub use profiles::ProfilesView;

use std::collections::HashMap;
use std::sync::atomic::AtomicU32;
use std::sync::{Arc, Mutex};

use managed_agents::Client;
use managed_agents_sim::SimHandle;

use crate::error::IpcError;
use crate::file_dialogs::FileDialogs;
use crate::keychain::Keychain;
pub(crate) use crate::locks::lock;
use crate::monitor::{LiveSnapshot, Monitor};
use crate::relay::Registry;
use crate::settings::Settings;

/// Writes settings to disk. Type-erased so that neither the state nor the commands need to be
/// generic over the Tauri runtime (which generated bindings cannot express).
pub type SettingsWriter = Box<dyn Fn(&Settings) -> Result<(), IpcError> + Send + Sync>;

/// The Demo profile's simulator, or why it could not start.
pub struct Demo {
    pub url: Result<String, String>,
    /// Kept so the simulator runs as long as the app; taken at exit.
    pub sim: Mutex<Option<SimHandle>>,
}

pub struct AppState {
    settings: Mutex<Settings>,
    write_settings: SettingsWriter,
    keychain: Keychain,
    /// Keys read from or written to the keychain this run, by profile id (`None`: no key), so
    /// that the keychain, which may prompt, is asked once per profile.
    keys: Mutex<HashMap<String, Option<String>>>,
    demo: Demo,
    /// The client of the active profile, built on first use and dropped when the profile, its
    /// key or the choice of active profile changes.
    client: Mutex<Option<(String, Arc<Client>)>>,
    /// The live session watches of every window.
    pub watches: Registry,
    /// Every session's status, live; `None` until started (and in tests that do not need it).
    monitor: Mutex<Option<Monitor>>,
    /// Counts main-window moves and resizes, so only the last of a burst is written.
    pub geometry_changes: AtomicU32,
    file_dialogs: FileDialogs,
}

impl AppState {
    pub fn new(
        settings: Settings,
        write_settings: SettingsWriter,
        keychain: Keychain,
        demo: Demo,
        file_dialogs: FileDialogs,
    ) -> Self {
        Self {
            settings: Mutex::new(settings),
            write_settings,
            keychain,
            keys: Mutex::default(),
            demo,
            client: Mutex::default(),
            watches: Registry::default(),
            monitor: Mutex::default(),
            geometry_changes: AtomicU32::new(0),
            file_dialogs,
        }
    }

    /// Stops the Demo simulator, which writes its state to disk.
    pub async fn stop_demo(&self) {
        // The monitor reads the simulator: stop it first.
        lock(&self.monitor).take();
        let sim = lock(&self.demo.sim).take();
        if let Some(sim) = sim {
            sim.shutdown().await;
        }
    }

    pub fn set_monitor(&self, monitor: Monitor) {
        monitor.set_daily_caps(lock(&self.settings).daily_caps());
        *lock(&self.monitor) = Some(monitor);
    }

    /// What the monitor knows now; empty when it is not running.
    pub fn live_snapshot(&self) -> LiveSnapshot {
        lock(&self.monitor).as_ref().map(Monitor::snapshot).unwrap_or_default()
    }

    pub fn file_dialogs(&self) -> &FileDialogs {
        &self.file_dialogs
    }

    pub fn settings(&self) -> Settings {
        lock(&self.settings).clone()
    }

    /// Applies `change`, writes the result to disk, and only then makes it current: what the UI
    /// is told is always what a restart will find.
    pub fn update_settings(
        &self,
        change: impl FnOnce(&mut Settings) -> Result<(), IpcError>,
    ) -> Result<Settings, IpcError> {
        let mut settings = lock(&self.settings);
        let mut updated = settings.clone();
        change(&mut updated)?;
        (self.write_settings)(&updated)?;
        *settings = updated.clone();
        drop(settings);
        // The monitor keeps each profile's daily cap as the settings say now.
        if let Some(monitor) = lock(&self.monitor).as_ref() {
            monitor.set_daily_caps(updated.daily_caps());
        }
        Ok(updated)
    }
}
