//! Agent Desk, the desktop app: the only crate of the workspace that depends on Tauri.
//!
//! The web view does the drawing; this crate owns the window, every call to the API (on the
//! active profile's client), the keychain, the settings store, the in-process Demo simulator and
//! the relay of live session events to the web view.

mod bindings;
mod broadcast;
mod commands;
mod connection_check;
mod demo;
pub mod desktop;
mod error;
mod file_dialogs;
mod file_preview;
mod keychain;
mod locks;
mod mcp_connect;
/// Public for its benchmark; the app starts it at launch.
pub mod monitor;
mod notifications;
mod pending;
mod profiles;
/// Public for `examples/relay_bench.rs`; the app uses it through the session commands.
pub mod relay;
mod settings;
mod settings_store;
mod skill_source;
mod state;
#[cfg(test)]
mod test_sim;
mod transfers;
mod vault_coverage;
mod window_geometry;

use std::path::PathBuf;
use std::sync::atomic::Ordering;

use tauri::webview::PageLoadEvent;
use tauri::{Manager, Runtime, WindowEvent, Wry};
use tauri_specta::Event;

pub use crate::keychain::Keychain;
use crate::state::{AppState, Demo};

/// Where the app keeps its files and keys. `None` means the platform's defaults: the app data
/// directory, and the OS keychain under the app's identifier.
#[derive(Default)]
pub struct Options {
    pub data_dir: Option<PathBuf>,
    pub keychain: Option<Keychain>,
    /// Links and notifications; `None` means the real desktop.
    pub desktop: Option<desktop::Desktop>,
    /// The monitor of every session's status; `None` leaves it off (tests that count requests).
    pub monitor: Option<monitor::MonitorConfig>,
}

/// Wires the app onto a builder. Generic over the runtime so a test can run the same wiring on
/// Tauri's mock runtime, with no display.
pub fn build<R: Runtime>(builder: tauri::Builder<R>, options: Options) -> tauri::Builder<R> {
    let commands = bindings::builder::<R>();
    builder
        .plugin(tauri_plugin_store::Builder::new().build())
        // Used from Rust only (file_export, file_import); the web view is granted nothing of it.
        .plugin(tauri_plugin_dialog::init())
        // Used from Rust only too: links (after the web view asked) and notifications.
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_notification::init())
        .invoke_handler(commands.invoke_handler())
        .setup(move |app| {
            commands.mount_events(app);
            let data_dir = match options.data_dir {
                Some(dir) => dir,
                None => app.path().app_data_dir()?,
            };
            std::fs::create_dir_all(&data_dir)?;
            let file = data_dir.join(settings::STORE_FILE);
            // Unreadable settings must not keep the app from starting; the defaults apply.
            let settings = settings_store::load(app.handle(), &file).unwrap_or_else(|error| {
                eprintln!("Agent Desk: settings unreadable, using defaults: {error}");
                settings::Settings::default()
            });
            if let (Some(window), Some(geometry)) =
                (app.get_webview_window("main"), settings.window)
            {
                window_geometry::restore(&window, geometry);
            }
            let keychain =
                options.keychain.unwrap_or_else(|| Keychain::open(&app.config().identifier));
            if let keychain::KeyStorage::Memory { reason } = keychain.storage() {
                eprintln!("Agent Desk: no usable keychain, keys last until quit: {reason}");
            }
            let demo = match tauri::async_runtime::block_on(demo::start(&data_dir)) {
                Ok(sim) => Demo { url: Ok(sim.base_url()), sim: std::sync::Mutex::new(Some(sim)) },
                Err(error) => {
                    eprintln!("Agent Desk: the Demo simulator could not start: {error}");
                    Demo { url: Err(error.to_string()), sim: std::sync::Mutex::default() }
                }
            };
            let handle = app.handle().clone();
            let writer = move |s: &settings::Settings| settings_store::save(&handle, &file, s);
            let dialogs = file_dialogs::FileDialogs::new(app.handle());
            let desktop = options.desktop.unwrap_or_else(|| {
                let handle = app.handle().clone();
                desktop::Desktop::for_app(app.handle(), move |id, action| {
                    notifications::act(&handle, id, action);
                })
            });
            app.manage(desktop);
            app.manage(notifications::Notifier::default());
            app.manage(mcp_connect::SignIns::default());
            app.manage(transfers::Transfers::default());
            app.manage(AppState::new(settings, Box::new(writer), keychain, demo, dialogs));
            if let Some(config) = options.monitor {
                start_monitor(app.handle(), config);
            }
            Ok(())
        })
        .on_window_event(on_window_event)
        .on_page_load(|webview, payload| {
            // A reload starts a new page that knows nothing of the old one's watches.
            if payload.event() == PageLoadEvent::Started
                && let Some(state) = webview.try_state::<AppState>()
            {
                state.watches.stop_owner(webview.label());
            }
        })
}

/// Starts following every session of the active profile (see `monitor.rs`).
fn start_monitor<R: Runtime>(app: &tauri::AppHandle<R>, config: monitor::MonitorConfig) {
    let handle = app.clone();
    let source: monitor::ClientSource = std::sync::Arc::new(move || {
        let app = handle.clone();
        Box::pin(async move {
            let state = app.state::<AppState>();
            let profile = state.settings().active_profile;
            let client = state.client().await.ok();
            // A switch while the client was being built: the next read takes the new one.
            let current = state.settings().active_profile == profile;
            (profile, client.filter(|_| current))
        })
    });
    let (on_status, on_summary) = (broadcast::status_outlet(app), broadcast::summary_outlet(app));
    // Spawned onto Tauri's runtime, where it lives as long as the app (or until the Demo stops).
    let monitor = tauri::async_runtime::block_on(async move {
        monitor::Monitor::start(config, source, on_status, on_summary)
    });
    app.state::<AppState>().set_monitor(monitor);
}

/// Remembers the main window's geometry as it changes, and ends the watches of a window that is
/// gone. The geometry is written once it has been still for a moment, not on every step of a
/// drag, and not only at close: a window can end without being asked to close.
fn on_window_event<R: Runtime>(window: &tauri::Window<R>, event: &WindowEvent) {
    let Some(state) = window.try_state::<AppState>() else { return };
    match event {
        WindowEvent::Resized(_) | WindowEvent::Moved(_) if window.label() == "main" => {
            let Some(geometry) = window_geometry::read(window) else { return };
            let generation = state.geometry_changes.fetch_add(1, Ordering::SeqCst) + 1;
            let app = window.app_handle().clone();
            tauri::async_runtime::spawn(async move {
                tokio::time::sleep(window_geometry::SETTLE).await;
                let state = app.state::<AppState>();
                if state.geometry_changes.load(Ordering::SeqCst) != generation {
                    return;
                }
                if let Err(error) = state.update_settings(|s| {
                    s.window = Some(geometry);
                    Ok(())
                }) {
                    eprintln!("Agent Desk: window size not saved: {error}");
                }
            });
        }
        WindowEvent::Focused(true) if window.label() == "main" => {
            window_came_to_front(window.app_handle());
        }
        WindowEvent::Destroyed => state.watches.stop_owner(window.label()),
        WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) => {
            let Some(transfers) = window.try_state::<transfers::Transfers>() else { return };
            let dropped = transfers::FilesDropped { files: transfers.allow_and_describe(paths) };
            if let Err(error) = tauri_specta::Event::emit(&dropped, window.app_handle()) {
                eprintln!("Agent Desk: dropped files not passed on: {error}");
            }
        }
        _ => {}
    }
}

/// After a desktop notification, the main window coming to the front opens the session it was
/// about, if its profile is still the active one (see `notifications.rs`).
fn window_came_to_front<R: Runtime>(app: &tauri::AppHandle<R>) {
    let Some(state) = app.try_state::<AppState>() else { return };
    let active = state.settings().active_profile;
    let unseen = app.try_state::<notifications::Notifier>().and_then(|n| n.take_unseen(&active));
    if let Some(session_id) = unseen {
        let request = notifications::SessionOpenRequested { session_id };
        if let Err(error) = request.emit(app) {
            eprintln!("Agent Desk: the notified session could not be opened: {error}");
        }
    }
}

/// Starts Agent Desk and blocks until its last window closes.
pub fn run() {
    let options =
        Options { monitor: Some(monitor::MonitorConfig::default()), ..Options::default() };
    let builder = build(tauri::Builder::<Wry>::default(), options);
    let app = match builder.build(tauri::generate_context!()) {
        Ok(app) => app,
        Err(error) => {
            eprintln!("Agent Desk could not start: {error}");
            std::process::exit(1);
        }
    };
    app.run(|app, event| {
        if let tauri::RunEvent::Exit = event
            && let Some(state) = app.try_state::<AppState>()
        {
            // Writes the demo's last changes before the process ends.
            tauri::async_runtime::block_on(state.stop_demo());
        }
    });
}

#[cfg(test)]
mod app_tests;
