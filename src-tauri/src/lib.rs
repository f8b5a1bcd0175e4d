//! Agent Desk, the desktop app.

/// Starts the app.
pub fn run() {}
