//! The one error type that crosses IPC to the web view.

use serde::Serialize;

use crate::keychain::KeychainError;

/// What the UI branches on. A variant is added only when some UI code treats it differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
pub enum ErrorCode {
    /// The key is missing or was not accepted (401): the UI offers to fix the profile.
    Unauthorized,
    /// The key may not do this (403).
    Forbidden,
    /// The object does not exist (404), or the API does not offer it to this key.
    NotFound,
    /// Someone changed the object first (409): the UI offers to reload or overwrite.
    Conflict,
    /// Too many requests (429): try again later.
    RateLimited,
    /// The API refused the request as invalid (400, 413, 422): the form shows why.
    Rejected,
    /// The API failed or is overloaded (5xx): try again later.
    ServerError,
    /// The API could not be reached: no network, wrong URL, timeout.
    Network,
    /// The app refused the input before sending anything; the message names the field.
    InvalidInput,
    /// The keychain did not answer or failed.
    KeychainUnavailable,
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
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self { code, message: message.into(), status: None, request_id: None }
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Internal, message)
    }

    pub fn invalid_input(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidInput, message)
    }
}

impl From<tauri_plugin_store::Error> for IpcError {
    fn from(error: tauri_plugin_store::Error) -> Self {
        Self::internal(format!("The settings could not be saved: {error}"))
    }
}

impl From<KeychainError> for IpcError {
    fn from(error: KeychainError) -> Self {
        Self::new(ErrorCode::KeychainUnavailable, error.to_string())
    }
}

impl From<managed_agents::Error> for IpcError {
    fn from(error: managed_agents::Error) -> Self {
        use managed_agents::Error as E;
        match &error {
            E::Api(api) => {
                let code = match api.status {
                    401 => ErrorCode::Unauthorized,
                    403 => ErrorCode::Forbidden,
                    404 => ErrorCode::NotFound,
                    409 => ErrorCode::Conflict,
                    429 => ErrorCode::RateLimited,
                    s if s >= 500 => ErrorCode::ServerError,
                    _ => ErrorCode::Rejected,
                };
                let message =
                    if api.message.is_empty() { error.to_string() } else { api.message.clone() };
                Self { code, message, status: Some(api.status), request_id: api.request_id.clone() }
            }
            E::Transport(_) => Self::new(ErrorCode::Network, error.to_string()),
            E::InvalidArgument(_) => Self::invalid_input(error.to_string()),
            E::Decode { .. } | E::Stream(_) | E::Io(_) => Self::internal(error.to_string()),
        }
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
