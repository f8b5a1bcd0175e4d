//! The official error shape, `{"type":"error","error":{…},"request_id":"req_…"}`.

use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

tokio::task_local! {
    /// The id of the request being served, so an error body built deep in a handler can quote
    /// the same `request_id` as the `request-id` header the middleware adds.
    pub static REQUEST_ID: String;
}

/// An API error: HTTP status, `error.type`, message and optional `details.error_code`.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub kind: &'static str,
    pub message: String,
    pub code: Option<&'static str>,
    /// Seconds for `retry-after` (injected 429/529).
    pub retry_after: Option<u32>,
}

/// Result type of every handler.
pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    fn new(status: StatusCode, kind: &'static str, message: impl Into<String>) -> Self {
        Self { status, kind, message: message.into(), code: None, retry_after: None }
    }

    /// 400 `invalid_request_error`.
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "invalid_request_error", message)
    }

    /// 401 `authentication_error`.
    pub fn unauthenticated(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "authentication_error", message)
    }

    /// 404 `not_found_error` naming the missing object.
    pub fn not_found(what: &str, id: &str) -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found_error", format!("{what} {id} not found"))
    }

    /// 404 for a path the API does not have.
    pub fn not_found_route() -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found_error", "Not found")
    }

    /// 409 with `invalid_request_error`: the API has no separate conflict type for state clashes.
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, "invalid_request_error", message)
    }

    /// 413 `request_too_large`.
    pub fn too_large(message: impl Into<String>) -> Self {
        Self::new(StatusCode::PAYLOAD_TOO_LARGE, "request_too_large", message)
    }

    /// 500 `api_error`: the simulator itself failed (its disk).
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "api_error", message)
    }

    /// Injected overload or rate limit (429 `rate_limit_error`, 529 `overloaded_error`).
    pub fn throttled(status: u16, retry_after: u32) -> Self {
        let (status, kind, message) = if status == 529 {
            (
                StatusCode::from_u16(529).unwrap_or(StatusCode::SERVICE_UNAVAILABLE),
                "overloaded_error",
                "Overloaded",
            )
        } else {
            (StatusCode::TOO_MANY_REQUESTS, "rate_limit_error", "Rate limited; retry later")
        };
        Self { retry_after: Some(retry_after), ..Self::new(status, kind, message) }
    }

    /// Adds the stable machine code under `error.details.error_code`.
    pub fn with_code(mut self, code: &'static str) -> Self {
        self.code = Some(code);
        self
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let request_id =
            REQUEST_ID.try_with(Clone::clone).unwrap_or_else(|_| crate::ids::request_id());
        let mut error = json!({"type": self.kind, "message": self.message});
        if let Some(code) = self.code {
            error["details"] = json!({"error_code": code});
        }
        let body = json!({"type": "error", "error": error, "request_id": request_id});
        let mut response = (self.status, axum::Json(body)).into_response();
        let headers = response.headers_mut();
        if let Some(secs) = self.retry_after {
            headers.insert("retry-after", HeaderValue::from(secs));
        }
        if self.status == StatusCode::CONFLICT {
            // A stale `version` or a closed session will not fix itself; without this the SDK
            // retries every 409.
            headers.insert("x-should-retry", HeaderValue::from_static("false"));
        }
        response
    }
}
