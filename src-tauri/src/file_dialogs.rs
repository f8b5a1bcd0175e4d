//! Native open and save dialogs for importing and exporting agents and environments as files.
//!
//! The dialogs need the app handle, which is generic over the runtime; commands are not (see
//! `commands::caller`). So setup hands `AppState` these runtime-free closures.

use std::path::PathBuf;

use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;
use tokio::sync::oneshot;

/// The largest file an import reads: agent and environment definitions are a few KiB.
pub const IMPORT_MAX_BYTES: u64 = 1024 * 1024;

type Answer = oneshot::Sender<Option<PathBuf>>;

pub struct FileDialogs {
    save: Box<dyn Fn(String, Answer) + Send + Sync>,
    open: Box<dyn Fn(Answer) + Send + Sync>,
}

impl FileDialogs {
    pub fn new<R: Runtime>(app: &AppHandle<R>) -> Self {
        let (for_save, for_open) = (app.clone(), app.clone());
        Self {
            save: Box::new(move |name, answer| {
                for_save
                    .dialog()
                    .file()
                    .set_file_name(name)
                    .add_filter("JSON or YAML", &["json", "yaml", "yml"])
                    .save_file(move |path| {
                        let _ = answer.send(path.and_then(|p| p.into_path().ok()));
                    });
            }),
            open: Box::new(move |answer| {
                for_open
                    .dialog()
                    .file()
                    .add_filter("JSON or YAML", &["json", "yaml", "yml"])
                    .pick_file(move |path| {
                        let _ = answer.send(path.and_then(|p| p.into_path().ok()));
                    });
            }),
        }
    }

    /// Asks where to save `suggested_name`; `None` if the person cancelled.
    pub async fn choose_save(&self, suggested_name: String) -> Option<PathBuf> {
        let (answer, chosen) = oneshot::channel();
        (self.save)(suggested_name, answer);
        chosen.await.ok().flatten()
    }

    /// Asks which file to open; `None` if the person cancelled.
    pub async fn choose_open(&self) -> Option<PathBuf> {
        let (answer, chosen) = oneshot::channel();
        (self.open)(answer);
        chosen.await.ok().flatten()
    }
}
