//! What the app asks of the desktop itself: open a link in the browser, show a notification
//! (plain, or with actions whose choice is reported), tell whether the main window has focus.
//!
//! These need the app handle, which is generic over the runtime; commands and the relay are
//! not (see `commands::caller`). So setup manages these runtime-free closures, and a test can
//! put recorders in their place.
//!
//! Actions go through tauri-plugin-notification, which reports them on desktop since 2.6
//! (`Notification::on_action`): on Linux over the Desktop Notifications Specification's
//! `ActionInvoked` signal, on one session-bus connection subscribed before the first
//! notification is sent; on macOS (two actions show in an "Options" menu) and Windows (reported
//! only while the toast is on screen) through notify-rust. A click on the notification itself is
//! reported as `tap`.

use std::sync::Arc;

use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_notification::{Action, ActionType, NotificationExt};
use tauri_plugin_opener::OpenerExt;

type OpenLink = Box<dyn Fn(&str) -> Result<(), String> + Send + Sync>;
type Notify = Box<dyn Fn(&str, &str) -> Result<(), String> + Send + Sync>;
type NotifyWithActions = Box<dyn Fn(&Actionable) -> Result<(), String> + Send + Sync>;
type Focused = Box<dyn Fn() -> bool + Send + Sync>;

/// What the person did with a notification shown with [`Desktop::notify_with_actions`], given
/// with the notification's id to the `on_action` callback of [`Desktop::for_app`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteAction {
    /// A click on the notification itself.
    Clicked,
    /// One of its actions, by key (`allow`, `deny`).
    Chose(String),
}

impl NoteAction {
    /// The plugin's action id: `tap` is the click on the notification.
    pub fn from_id(action_id: &str) -> Self {
        match action_id {
            "tap" | "default" => Self::Clicked,
            key => Self::Chose(key.to_owned()),
        }
    }
}

/// The action type of a notification about a call that waits for a confirmation.
pub const APPROVAL_ACTIONS: &str = "agent-desk.approval";

/// A notification whose actions (and a click on it) are reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actionable {
    /// Picked by the caller, unique in this run: the reported action carries it.
    pub id: i32,
    pub title: String,
    pub body: String,
    /// Whether it offers Allow and Deny ([`APPROVAL_ACTIONS`]); a click is reported either way.
    pub allow_deny: bool,
}

#[derive(Clone)]
pub struct Desktop {
    open_link: Arc<OpenLink>,
    /// Opens an OAuth sign-in page: the system browser, like a link, except in the window tests.
    open_sign_in: Arc<OpenLink>,
    notify: Arc<Notify>,
    notify_with_actions: Arc<NotifyWithActions>,
    focused: Arc<Focused>,
}

impl Desktop {
    /// The real desktop, which hands what the person does with a notification shown with
    /// actions to `on_action`; in a debug build with `AGENT_DESK_TEST_DESKTOP` set, the window
    /// test double instead (see [`Desktop::recording`]), and with `AGENT_DESK_TEST_UNFOCUSED`
    /// set, the real desktop with a window that never counts as focused (the window test with a
    /// stand-in notification server on its session bus: Xvfb has no window manager to say so).
    pub fn for_app<R: Runtime>(
        app: &AppHandle<R>,
        on_action: impl Fn(i32, NoteAction) + Send + Sync + 'static,
    ) -> Self {
        #[cfg(debug_assertions)]
        if let Some(dir) = std::env::var_os("AGENT_DESK_TEST_DESKTOP") {
            return Self::recording(app, std::path::PathBuf::from(dir));
        }
        let desktop = Self::new(app, on_action);
        #[cfg(debug_assertions)]
        let desktop = match std::env::var("AGENT_DESK_TEST_BROWSER") {
            Ok(mode) => Self { open_sign_in: Arc::new(sign_in_double(mode)), ..desktop },
            Err(_) => desktop,
        };
        #[cfg(debug_assertions)]
        if std::env::var_os("AGENT_DESK_TEST_UNFOCUSED").is_some() {
            return Self { focused: Arc::new(Box::new(|| false)), ..desktop };
        }
        desktop
    }

    pub fn new<R: Runtime>(
        app: &AppHandle<R>,
        on_action: impl Fn(i32, NoteAction) + Send + Sync + 'static,
    ) -> Self {
        let (for_links, for_notes, for_focus) = (app.clone(), app.clone(), app.clone());
        let for_actions = app.clone();
        let notes = app.notification();
        let approval = ActionType::builder(APPROVAL_ACTIONS)
            .actions(vec![
                Action::builder("allow", "Allow").build(),
                Action::builder("deny", "Deny").destructive(true).build(),
            ])
            .build();
        if let Err(error) = notes.register_action_types(vec![approval]) {
            eprintln!("Agent Desk: notifications will carry no actions: {error}");
        }
        // A plain notification carries the plugin's own id, which names no call: its click
        // only brings the window to the front (`notifications::act`).
        let reported = notes.on_action(move |performed| {
            if let Some(id) = performed.notification().map(|n| n.id()) {
                on_action(id, NoteAction::from_id(performed.action_id()));
            }
        });
        if let Err(error) = reported {
            eprintln!("Agent Desk: notification actions will not be reported: {error}");
        }
        let open_link: Arc<OpenLink> = Arc::new(Box::new(move |url| {
            for_links.opener().open_url(url, None::<&str>).map_err(|e| e.to_string())
        }));
        Self {
            open_sign_in: Arc::clone(&open_link),
            open_link,
            notify: Arc::new(Box::new(move |title, body| {
                for_notes
                    .notification()
                    .builder()
                    .title(title)
                    .body(body)
                    .show()
                    .map_err(|e| e.to_string())
            })),
            notify_with_actions: Arc::new(Box::new(move |note| {
                let builder = for_actions
                    .notification()
                    .builder()
                    .id(note.id)
                    .title(&note.title)
                    .body(&note.body);
                let builder = if note.allow_deny {
                    builder.action_type_id(APPROVAL_ACTIONS)
                } else {
                    builder
                };
                builder.show().map_err(|e| e.to_string())
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
    /// A notification with actions is shown as a plain one by `notify`; nothing is reported.
    #[cfg(test)]
    pub fn from_parts(open_link: OpenLink, notify: Notify, focused: Focused) -> Self {
        let notify = Arc::new(notify);
        let plain = Arc::clone(&notify);
        let open_link: Arc<OpenLink> = Arc::new(open_link);
        Self {
            open_sign_in: Arc::clone(&open_link),
            open_link,
            notify,
            notify_with_actions: Arc::new(Box::new(move |note| plain(&note.title, &note.body))),
            focused: Arc::new(focused),
        }
    }

    /// Debug builds only, for the window tests, which cannot see the system browser or the
    /// notification daemon: the window never counts as focused, so every notification is shown;
    /// each link and notification is appended as a JSON line to `links.jsonl` or
    /// `notifications.jsonl` in `dir` (with its `actions` when it has some); and a notification
    /// is then "clicked": the window comes to the front as clicking one does where no click is
    /// reported. Its actions are never chosen here: the window test of actions runs the real
    /// desktop against a stand-in notification server (`AGENT_DESK_TEST_UNFOCUSED`).
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
        let note = Arc::new(move |mut line: serde_json::Value, actions: Option<Vec<&str>>| {
            if let Some(actions) = actions {
                line["actions"] = serde_json::json!(actions);
            }
            for_notes("notifications.jsonl", line)?;
            // After the caller has marked the session as the one to open.
            let app = app.clone();
            tauri::async_runtime::spawn(async move {
                tokio::time::sleep(std::time::Duration::from_millis(200)).await;
                crate::window_came_to_front(&app);
            });
            Ok(())
        });
        let plain = Arc::clone(&note);
        let open_link: Arc<OpenLink> =
            Arc::new(Box::new(move |url| append("links.jsonl", serde_json::json!({ "url": url }))));
        Self {
            open_sign_in: Arc::clone(&open_link),
            open_link,
            notify: Arc::new(Box::new(move |title, body| {
                plain(serde_json::json!({ "title": title, "body": body }), None)
            })),
            notify_with_actions: Arc::new(Box::new(move |n| {
                let actions = if n.allow_deny { vec!["allow", "deny"] } else { Vec::new() };
                note(serde_json::json!({ "title": n.title, "body": n.body }), Some(actions))
            })),
            focused: Arc::new(Box::new(|| false)),
        }
    }

    pub fn open_link(&self, url: &str) -> Result<(), String> {
        (self.open_link)(url)
    }

    /// Opens an OAuth authorization page for the person to sign in.
    pub fn open_sign_in(&self, url: &str) -> Result<(), String> {
        (self.open_sign_in)(url)
    }

    pub fn notify(&self, title: &str, body: &str) -> Result<(), String> {
        (self.notify)(title, body)
    }

    /// Shows `note`; what the person does with it goes to the `on_action` given to
    /// [`Desktop::for_app`] (where the desktop reports it).
    pub fn notify_with_actions(&self, note: &Actionable) -> Result<(), String> {
        (self.notify_with_actions)(note)
    }

    pub fn main_window_focused(&self) -> bool {
        (self.focused)()
    }
}

/// Debug builds only: the window tests' "system browser" for OAuth sign-in, which WebDriver
/// cannot drive. `follow` fetches the authorization page and follows its redirect to the app's
/// loopback listener, as a browser does after the person consents; `refuse` does the same as a
/// person who declines (it asks the stand-in authorization server for `access_denied`);
/// `ignore` opens nothing, like a person who closes the tab.
#[cfg(debug_assertions)]
fn sign_in_double(mode: String) -> OpenLink {
    Box::new(move |url| {
        let mut url = url::Url::parse(url).map_err(|e| e.to_string())?;
        match mode.as_str() {
            "ignore" => return Ok(()),
            "refuse" => {
                url.query_pairs_mut().append_pair("login_hint", "deny");
            }
            _ => {}
        }
        let http = mcp_oauth::http_client().map_err(|e| e.to_string())?;
        tauri::async_runtime::spawn(async move {
            let _ = http.get(url).send().await;
        });
        Ok(())
    })
}
