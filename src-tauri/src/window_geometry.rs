//! The main window's size and place: read when it closes, restored at the next start if it
//! still fits on a screen (a monitor may have been unplugged since).

use std::time::Duration;

use tauri::{LogicalPosition, LogicalSize, Runtime, WebviewWindow, Window};

use crate::settings::WindowGeometry;

/// How long the window must stay still before its geometry is written.
pub const SETTLE: Duration = Duration::from_millis(400);

/// Smallest size restored; anything less is a damaged value, not a choice.
const MIN_SIZE: f64 = 400.0;

pub fn read<R: Runtime>(window: &Window<R>) -> Option<WindowGeometry> {
    let scale = window.scale_factor().ok()?;
    let maximized = window.is_maximized().unwrap_or(false);
    let position = window.outer_position().ok()?.to_logical::<f64>(scale);
    let size = window.inner_size().ok()?.to_logical::<f64>(scale);
    Some(WindowGeometry {
        x: position.x,
        y: position.y,
        width: size.width,
        height: size.height,
        maximized,
    })
}

pub fn restore<R: Runtime>(window: &WebviewWindow<R>, geometry: WindowGeometry) {
    if geometry.width < MIN_SIZE || geometry.height < MIN_SIZE {
        return;
    }
    let _ = window.set_size(LogicalSize::new(geometry.width, geometry.height));
    if on_a_screen(window, &geometry) {
        let _ = window.set_position(LogicalPosition::new(geometry.x, geometry.y));
    }
    if geometry.maximized {
        let _ = window.maximize();
    }
}

/// Whether the window's top-left corner area lands on some monitor.
fn on_a_screen<R: Runtime>(window: &WebviewWindow<R>, geometry: &WindowGeometry) -> bool {
    let Ok(monitors) = window.available_monitors() else { return false };
    monitors.iter().any(|monitor| {
        let scale = monitor.scale_factor();
        let origin = monitor.position().to_logical::<f64>(scale);
        let size = monitor.size().to_logical::<f64>(scale);
        let (x, y) = (geometry.x + 50.0, geometry.y + 20.0);
        x >= origin.x && y >= origin.y && x < origin.x + size.width && y < origin.y + size.height
    })
}
