//! Agent Desk, the desktop app: the only crate of the workspace that depends on Tauri.
//!
//! The web view does the drawing; this crate owns the window and, as features arrive, every call
//! to the API, the keychain and the settings store.

mod bindings;
mod commands;
mod error;
mod settings;
mod settings_store;
mod state;

use std::path::PathBuf;

use tauri::{Manager, Runtime, Wry};

use crate::state::AppState;

/// Where the app keeps its files; `None` means the platform's app data directory.
#[derive(Debug, Default)]
pub struct Options {
    pub data_dir: Option<PathBuf>,
}

/// Wires the app onto a builder. Generic over the runtime so a test can run the same wiring on
/// Tauri's mock runtime, with no display.
pub fn build<R: Runtime>(builder: tauri::Builder<R>, options: Options) -> tauri::Builder<R> {
    let commands = bindings::builder::<R>();
    builder
        .plugin(tauri_plugin_store::Builder::new().build())
        .invoke_handler(commands.invoke_handler())
        .setup(move |app| {
            commands.mount_events(app);
            let data_dir = match options.data_dir {
                Some(dir) => dir,
                None => app.path().app_data_dir()?,
            };
            let file = data_dir.join(settings::STORE_FILE);
            // Unreadable settings must not keep the app from starting; the defaults apply.
            let settings = settings_store::load(app.handle(), &file).unwrap_or_else(|error| {
                eprintln!("Agent Desk: settings unreadable, using defaults: {error}");
                settings::Settings::default()
            });
            let handle = app.handle().clone();
            let writer = move |s: &settings::Settings| settings_store::save(&handle, &file, s);
            app.manage(AppState::new(settings, Box::new(writer)));
            Ok(())
        })
}

/// Starts Agent Desk and blocks until its last window closes.
pub fn run() {
    let builder = build(tauri::Builder::<Wry>::default(), Options::default());
    if let Err(error) = builder.run(tauri::generate_context!()) {
        eprintln!("Agent Desk could not start: {error}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};
    use tauri::Manager;
    use tauri::test::MockRuntime;
    use tauri::webview::InvokeRequest;

    fn app_in(data_dir: &std::path::Path) -> tauri::App<MockRuntime> {
        let options = super::Options { data_dir: Some(data_dir.to_owned()) };
        let mut app = super::build(tauri::test::mock_builder(), options)
            .build(tauri::generate_context!())
            .expect("the app wiring builds");
        // The first iteration runs setup, which opens the configured windows, as at a real start.
        #[expect(
            deprecated,
            reason = "called once, not in the busy loop the deprecation is about"
        )]
        app.run_iteration(|_, _| {});
        app
    }

    fn main_window(app: &tauri::App<MockRuntime>) -> tauri::WebviewWindow<MockRuntime> {
        app.get_webview_window("main").expect("setup opened the main window")
    }

    /// Calls a command the way the web view does and returns its JSON answer or error.
    fn invoke(
        window: &tauri::WebviewWindow<MockRuntime>,
        cmd: &str,
        args: Value,
    ) -> Result<Value, Value> {
        tauri::test::get_ipc_response(
            window,
            InvokeRequest {
                cmd: cmd.into(),
                callback: tauri::ipc::CallbackFn(0),
                error: tauri::ipc::CallbackFn(1),
                url: "tauri://localhost".parse().unwrap(),
                body: tauri::ipc::InvokeBody::Json(args),
                headers: Default::default(),
                invoke_key: tauri::test::INVOKE_KEY.to_string(),
            },
        )
        .map(|body| body.deserialize::<Value>().unwrap())
    }

    #[test]
    fn the_main_window_is_agent_desk() {
        let dir = tempfile::tempdir().unwrap();
        let app = app_in(dir.path());
        let window = main_window(&app);
        // The mock runtime keeps no titles; the end-to-end tests read the real window's.
        assert_eq!(window.label(), "main");
        assert_eq!(app.config().app.windows[0].title, "Agent Desk");
        assert_eq!(app.config().product_name.as_deref(), Some("Agent Desk"));
    }

    /// Agent output is rendered in this web view, so script injection must find no way in and,
    /// if it did, no global handle to the backend.
    #[test]
    fn the_web_view_is_locked_down() {
        let dir = tempfile::tempdir().unwrap();
        let app = app_in(dir.path());
        let security = &app.config().app.security;
        let csp = security.csp.as_ref().expect("a CSP is set").to_string();
        let required = ["default-src 'self'", "script-src 'self'", "object-src 'none'"];
        for directive in required {
            assert!(csp.contains(directive), "CSP lacks {directive}: {csp}");
        }
        let sources: Vec<&str> = csp.split([' ', ';']).collect();
        let loopholes = ["'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:"];
        for loophole in loopholes {
            assert!(!sources.contains(&loophole), "CSP allows {loophole}: {csp}");
        }
        assert!(!app.config().app.with_global_tauri);
        assert!(security.freeze_prototype);
    }

    #[test]
    fn the_theme_choice_is_saved_and_survives_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        {
            let app = app_in(dir.path());
            let window = main_window(&app);
            assert_eq!(invoke(&window, "settings_get", json!({})).unwrap()["theme"], "system");
            let saved = invoke(&window, "settings_set_theme", json!({ "theme": "dark" })).unwrap();
            assert_eq!(saved, json!({ "version": 1, "theme": "dark" }));
            // A value the app does not know is refused and changes nothing.
            assert!(invoke(&window, "settings_set_theme", json!({ "theme": "sepia" })).is_err());
            assert_eq!(invoke(&window, "settings_get", json!({})).unwrap()["theme"], "dark");
            app.cleanup_before_exit();
        }
        let stored = std::fs::read_to_string(dir.path().join("settings.json")).unwrap();
        assert!(stored.contains(r#""theme": "dark""#), "{stored}");

        let app = app_in(dir.path());
        let window = main_window(&app);
        assert_eq!(invoke(&window, "settings_get", json!({})).unwrap()["theme"], "dark");
    }
}
