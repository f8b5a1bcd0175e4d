//! The app-wide broadcasts of session statuses: to every window (`emit`) for the badges, and to
//! the notifications. The open session's relay and the monitor of every session share them.

use std::sync::Arc;

use tauri::{AppHandle, Manager, Runtime};
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

/// Broadcasts what the monitor covers, hands the day's spend to the notifications, and puts
/// the count of calls that wait in the window title (the taskbar and window switchers show it).
pub fn summary_outlet<R: Runtime>(app: &AppHandle<R>) -> SummaryOutlet {
    let app = app.clone();
    Arc::new(move |summary: MonitorSummary| {
        if let Err(error) = summary.emit(&app) {
            eprintln!("Agent Desk: the monitor's summary could not be broadcast: {error}");
        }
        crate::notifications::deliver_daily(&app, &summary);
        if let Some(window) = app.get_webview_window("main")
            && let Err(error) = window.set_title(&window_title(summary.waiting_calls))
        {
            eprintln!("Agent Desk: the window title could not be set: {error}");
        }
    })
}

/// "Agent Desk", or "Agent Desk (2 waiting)" while tool calls wait for the person.
pub fn window_title(waiting_calls: u32) -> String {
    match waiting_calls {
        0 => "Agent Desk".to_owned(),
        n => format!("Agent Desk ({n} waiting)"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_title_counts_the_calls_that_wait() {
        assert_eq!(super::window_title(0), "Agent Desk");
        assert_eq!(super::window_title(3), "Agent Desk (3 waiting)");
    }
}
