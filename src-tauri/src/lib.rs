//! Agent Desk, the desktop app: the only crate of the workspace that depends on Tauri.
//!
//! The web view does the drawing; this crate owns the window and, as features arrive, every call
//! to the API, the keychain and the settings store.

use tauri::{Runtime, Wry};

/// Wires the app onto a builder. Generic over the runtime so a test can run the same wiring on
/// Tauri's mock runtime, with no display.
pub fn build<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder
}

/// Starts Agent Desk and blocks until its last window closes.
pub fn run() {
    if let Err(error) = build(tauri::Builder::<Wry>::default()).run(tauri::generate_context!()) {
        eprintln!("Agent Desk could not start: {error}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    use tauri::Manager;

    fn app() -> tauri::App<tauri::test::MockRuntime> {
        super::build(tauri::test::mock_builder())
            .build(tauri::generate_context!())
            .expect("the app wiring builds")
    }

    #[test]
    fn the_main_window_is_agent_desk() {
        let app = app();
        let config = app.config().app.windows.first().expect("a window is configured").clone();
        tauri::WebviewWindowBuilder::from_config(&app, &config)
            .and_then(|builder| builder.build())
            .expect("the configured window builds");
        // The mock runtime keeps no titles; the end-to-end tests read the real window's.
        assert!(app.get_webview_window("main").is_some());
        assert_eq!(config.title, "Agent Desk");
        assert_eq!(app.config().product_name.as_deref(), Some("Agent Desk"));
    }

    /// Agent output is rendered in this web view, so script injection must find no way in and,
    /// if it did, no global handle to the backend.
    #[test]
    fn the_web_view_is_locked_down() {
        let app = app();
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
}
