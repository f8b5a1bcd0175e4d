//! The one error type that crosses IPC to the web view.

use serde::Serialize;

/// What the UI branches on. A variant is added only when some UI code treats it differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
pub enum ErrorCode {
    /// Something on this machine failed (a file could not be written, …); the message says what.
    Internal,
}

/// An error as the web view receives it: a code to branch on and a message for a person.
/// `status` and `requestId` carry the API's HTTP status and request id when the API answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type, thiserror::Error)]
#[serde(rename_all = "camelCase")]
#[error("{message}")]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
    pub status: Option<u16>,
    pub request_id: Option<String>,
}

impl IpcError {
    pub fn internal(message: impl Into<String>) -> Self {
        Self { code: ErrorCode::Internal, message: message.into(), status: None, request_id: None }
    }
}

impl From<tauri_plugin_store::Error> for IpcError {
    fn from(error: tauri_plugin_store::Error) -> Self {
        Self::internal(format!("The settings could not be saved: {error}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_to_the_shape_the_ui_reads() {
        let json = serde_json::to_value(IpcError::internal("disk full")).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "code": "Internal", "message": "disk full", "status": null, "requestId": null
            })
        );
    }
}
