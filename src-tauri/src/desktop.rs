//! What the app asks of the desktop itself: open a link in the browser, show a notification,
//! tell whether the main window has focus.
//!
//! These need the app handle, which is generic over the runtime; commands and the relay are
//! not (see `commands::caller`). So setup manages these runtime-free closures, and a test can
//! put recorders in their place.

use std::sync::Arc;

use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_notification::NotificationExt;
use tauri_plugin_opener::OpenerExt;

type OpenLink = Box<dyn Fn(&str) -> Result<(), String> + Send + Sync>;
type Notify = Box<dyn Fn(&str, &str) -> Result<(), String> + Send + Sync>;
type Focused = Box<dyn Fn() -> bool + Send + Sync>;

#[derive(Clone)]
pub struct Desktop {
    open_link: Arc<OpenLink>,
    notify: Arc<Notify>,
    focused: Arc<Focused>,
}

impl Desktop {
    /// The real desktop; in a debug build with `AGENT_DESK_TEST_DESKTOP` set, the window test
    /// double instead (see [`Desktop::recording`]).
    pub fn for_app<R: Runtime>(app: &AppHandle<R>) -> Self {
        #[cfg(debug_assertions)]
        if let Some(dir) = std::env::var_os("AGENT_DESK_TEST_DESKTOP") {
            return Self::recording(app, std::path::PathBuf::from(dir));
        }
        Self::new(app)
    }

    pub fn new<R: Runtime>(app: &AppHandle<R>) -> Self {
        let (for_links, for_notes, for_focus) = (app.clone(), app.clone(), app.clone());
        Self {
            open_link: Arc::new(Box::new(move |url| {
                for_links.opener().open_url(url, None::<&str>).map_err(|e| e.to_string())
            })),
            notify: Arc::new(Box::new(move |title, body| {
                for_notes
                    .notification()
                    .builder()
                    .title(title)
                    .body(body)
                    .show()
                    .map_err(|e| e.to_string())
            })),
            focused: Arc::new(Box::new(move || {
                for_focus
                    .get_webview_window("main")
                    .and_then(|w| w.is_focused().ok())
                    // No window to look at: nobody sees the app, so a notification helps.
                    .unwrap_or(false)
            })),
        }
    }

    /// For tests: closures that record instead of reaching the desktop.
    #[cfg(test)]
    pub fn from_parts(open_link: OpenLink, notify: Notify, focused: Focused) -> Self {
        Self {
            open_link: Arc::new(open_link),
            notify: Arc::new(notify),
            focused: Arc::new(focused),
        }
    }

    /// Debug builds only, for the window tests, which cannot see the system browser or the
    /// notification daemon: the window never counts as focused, so every notification is shown;
    /// each link and notification is appended as a JSON line to `links.jsonl` or
    /// `notifications.jsonl` in `dir`; and a notification is then "clicked": the window comes
    /// to the front as clicking one does.
    #[cfg(debug_assertions)]
    fn recording<R: Runtime>(app: &AppHandle<R>, dir: std::path::PathBuf) -> Self {
        use std::io::Write;
        let append = move |file: &str, line: serde_json::Value| -> Result<(), String> {
            let mut out = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(dir.join(file))
                .map_err(|e| e.to_string())?;
            writeln!(out, "{line}").map_err(|e| e.to_string())
        };
        let for_notes = append.clone();
        let app = app.clone();
        Self {
            open_link: Arc::new(Box::new(move |url| {
                append("links.jsonl", serde_json::json!({ "url": url }))
            })),
            notify: Arc::new(Box::new(move |title, body| {
                for_notes(
                    "notifications.jsonl",
                    serde_json::json!({ "title": title, "body": body }),
                )?;
                // After the caller has marked the session as the one to open.
                let app = app.clone();
                tauri::async_runtime::spawn(async move {
                    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
                    crate::window_came_to_front(&app);
                });
                Ok(())
            })),
            focused: Arc::new(Box::new(|| false)),
        }
    }

    pub fn open_link(&self, url: &str) -> Result<(), String> {
        (self.open_link)(url)
    }

    pub fn notify(&self, title: &str, body: &str) -> Result<(), String> {
        (self.notify)(title, body)
    }

    pub fn main_window_focused(&self) -> bool {
        (self.focused)()
    }
}
