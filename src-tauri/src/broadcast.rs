//! The app-wide broadcasts of session statuses: to every window (`emit`) for the badges, and to
//! the notifications. The open session's relay and the monitor of every session share them.

use std::sync::Arc;

use tauri::{AppHandle, Runtime};
use tauri_specta::Event;

use crate::monitor::{MonitorSummary, SummaryOutlet};
use crate::relay::{SessionStatusChanged, StatusOutlet};

/// Broadcasts a status change and hands it to the notifications.
pub fn status_outlet<R: Runtime>(app: &AppHandle<R>) -> StatusOutlet {
    let app = app.clone();
    Arc::new(move |change: SessionStatusChanged| {
        if let Err(error) = change.emit(&app) {
            eprintln!("Agent Desk: a status change could not be broadcast: {error}");
        }
        crate::notifications::deliver(&app, &change);
    })
}

/// Broadcasts what the monitor covers.
pub fn summary_outlet<R: Runtime>(app: &AppHandle<R>) -> SummaryOutlet {
    let app = app.clone();
    Arc::new(move |summary: MonitorSummary| {
        if let Err(error) = summary.emit(&app) {
            eprintln!("Agent Desk: the monitor's summary could not be broadcast: {error}");
        }
    })
}
