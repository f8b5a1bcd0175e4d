//! `Caller`: which webview called a command, and how to reach the whole app from there.
//!
//! Commands cannot be generic over the runtime (tauri-specta exports each command through a
//! nested function that cannot see an outer generic), yet the mock-runtime tests must call
//! them. So instead of `Webview<R>` a command takes this runtime-free extract.

use tauri::ipc::{CommandArg, CommandItem, InvokeError};
use tauri::{Manager, Runtime};

use crate::relay::StatusOutlet;

pub struct Caller {
    /// The calling webview's label: the owner of what the command starts.
    pub label: String,
    /// Broadcasts a status change to every window.
    pub on_status: StatusOutlet,
}

impl<'de, R: Runtime> CommandArg<'de, R> for Caller {
    fn from_command(command: CommandItem<'de, R>) -> Result<Self, InvokeError> {
        let webview = command.message.webview();
        let on_status = crate::broadcast::status_outlet(webview.app_handle());
        Ok(Self { label: webview.label().to_owned(), on_status })
    }
}

/// Not an argument the web view passes: left out of the generated bindings.
impl specta::function::FunctionArg for Caller {
    fn to_datatype(_: &mut specta::Types) -> Option<specta::datatype::DataType> {
        None
    }
}
