//! Native open, save and folder dialogs: importing and exporting agents and environments, and
//! choosing files to upload and where downloads go.
//!
//! The dialogs need the app handle, which is generic over the runtime; commands are not (see
//! `commands::caller`). So setup hands `AppState` a runtime-free closure. In a debug build with
//! `AGENT_DESK_TEST_DIALOGS=<dir>` set, the window tests answer instead: WebDriver cannot drive
//! a native dialog (see [`FileDialogs::scripted`]).

use std::path::PathBuf;

use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::{DialogExt, FileDialogBuilder};
use tokio::sync::oneshot;

/// The largest file an import reads: agent and environment definitions are a few KiB.
pub const IMPORT_MAX_BYTES: u64 = 1024 * 1024;

/// What to ask the person.
#[derive(Debug, Clone)]
pub enum Ask {
    /// Where to save an agent or environment definition (JSON or YAML).
    SaveDefinition(String),
    /// Which definition to import (JSON or YAML).
    OpenDefinition,
    /// Where to save a downloaded file of any type.
    SaveFile(String),
    /// Which files to upload (several at once).
    OpenFiles,
    /// Which folder to download several files into, or a skill's folder.
    Folder,
    /// Which `.zip` holds a skill.
    OpenArchive,
}

impl Ask {
    /// The answer file of the window tests' double.
    #[cfg(debug_assertions)]
    fn answer_file(&self) -> &'static str {
        match self {
            Self::SaveDefinition(_) | Self::SaveFile(_) => "save",
            Self::OpenDefinition | Self::OpenFiles | Self::OpenArchive => "open",
            Self::Folder => "folder",
        }
    }
}

type Answer = oneshot::Sender<Vec<PathBuf>>;

pub struct FileDialogs {
    ask: Box<dyn Fn(Ask, Answer) + Send + Sync>,
}

const DEFINITIONS: (&str, &[&str]) = ("JSON or YAML", &["json", "yaml", "yml"]);

impl FileDialogs {
    pub fn new<R: Runtime>(app: &AppHandle<R>) -> Self {
        #[cfg(debug_assertions)]
        if let Some(dir) = std::env::var_os("AGENT_DESK_TEST_DIALOGS") {
            return Self::scripted(PathBuf::from(dir));
        }
        let app = app.clone();
        Self { ask: Box::new(move |ask, answer| native(app.dialog().file(), ask, answer)) }
    }

    /// The window tests' double: each question is answered by the paths listed one per line in
    /// `dir/save`, `dir/open` or `dir/folder`, which the test writes before it clicks; no file,
    /// or an empty one, is a cancelled dialog.
    #[cfg(debug_assertions)]
    pub fn scripted(dir: PathBuf) -> Self {
        Self {
            ask: Box::new(move |ask, answer| {
                let text = std::fs::read_to_string(dir.join(ask.answer_file())).unwrap_or_default();
                let paths = text.lines().filter(|l| !l.trim().is_empty()).map(PathBuf::from);
                let _ = answer.send(paths.collect());
            }),
        }
    }

    async fn ask(&self, ask: Ask) -> Vec<PathBuf> {
        let (answer, chosen) = oneshot::channel();
        (self.ask)(ask, answer);
        chosen.await.unwrap_or_default()
    }

    /// Asks where to save `suggested_name` (a definition); `None` if the person cancelled.
    pub async fn choose_save(&self, suggested_name: String) -> Option<PathBuf> {
        self.ask(Ask::SaveDefinition(suggested_name)).await.into_iter().next()
    }

    /// Asks which definition to open; `None` if the person cancelled.
    pub async fn choose_open(&self) -> Option<PathBuf> {
        self.ask(Ask::OpenDefinition).await.into_iter().next()
    }

    /// Asks where to save a download named `suggested_name`; `None` if cancelled.
    pub async fn choose_download(&self, suggested_name: String) -> Option<PathBuf> {
        self.ask(Ask::SaveFile(suggested_name)).await.into_iter().next()
    }

    /// Asks which files to upload; empty if cancelled.
    pub async fn choose_uploads(&self) -> Vec<PathBuf> {
        self.ask(Ask::OpenFiles).await
    }

    /// Asks for a `.zip` (a skill); `None` if cancelled.
    pub async fn choose_archive(&self) -> Option<PathBuf> {
        self.ask(Ask::OpenArchive).await.into_iter().next()
    }

    /// Asks for a folder (to download into, or a skill's); `None` if cancelled.
    pub async fn choose_folder(&self) -> Option<PathBuf> {
        self.ask(Ask::Folder).await.into_iter().next()
    }
}

fn native<R: Runtime>(dialog: FileDialogBuilder<R>, ask: Ask, answer: Answer) {
    let one = |path: Option<tauri_plugin_dialog::FilePath>| {
        path.and_then(|p| p.into_path().ok()).into_iter().collect::<Vec<_>>()
    };
    let (filter, extensions) = DEFINITIONS;
    match ask {
        Ask::SaveDefinition(name) => dialog
            .set_file_name(name)
            .add_filter(filter, extensions)
            .save_file(move |path| drop(answer.send(one(path)))),
        Ask::OpenDefinition => dialog
            .add_filter(filter, extensions)
            .pick_file(move |path| drop(answer.send(one(path)))),
        Ask::SaveFile(name) => {
            dialog.set_file_name(name).save_file(move |path| drop(answer.send(one(path))))
        }
        Ask::OpenFiles => dialog.pick_files(move |paths| {
            let paths = paths.unwrap_or_default().into_iter().filter_map(|p| p.into_path().ok());
            let _ = answer.send(paths.collect());
        }),
        Ask::Folder => dialog.pick_folder(move |path| drop(answer.send(one(path)))),
        Ask::OpenArchive => dialog
            .add_filter("Zip archive", &["zip"])
            .pick_file(move |path| drop(answer.send(one(path)))),
    }
}
