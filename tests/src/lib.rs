//! End-to-end harness for Agent Desk: the real debug app binary in a real window, driven over
//! WebDriver the way a person would click and type.
//!
//! Each [`App`] starts its own `tauri-driver` (which starts `WebKitWebDriver`, which starts the
//! app) with a private app-data directory, and stops it with SIGTERM when dropped: SIGKILL would
//! orphan `WebKitWebDriver`. The tests need a display and a session bus, so they are `#[ignore]`d
//! and run by `scripts/test` inside `xvfb-run … dbus-run-session`.

mod app;
pub mod dialogs;
mod driver;
pub mod live;
#[cfg(target_os = "linux")]
pub mod notification_server;
pub mod odd_api;
mod procs;
pub use procs::PeakMemory;
mod resend;
mod screenshots;
pub mod stats;

pub use app::{App, Launch};
pub use fantoccini::{Locator, key::Key};

/// What every harness call returns: failures carry a message a person can act on.
pub type Result<T, E = Box<dyn std::error::Error + Send + Sync>> = std::result::Result<T, E>;
