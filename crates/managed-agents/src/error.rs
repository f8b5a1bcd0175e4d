//! One error type whose variants are the causes a UI treats differently: the API said no,
//! the network failed, the answer could not be read, the stream broke, or the caller passed
//! something invalid.

use std::fmt;
use std::time::Duration;

use serde::Deserialize;

/// Everything that can go wrong in this crate.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The API answered with an error status (or an `event: error` frame on a stream).
    #[error("{0}")]
    Api(Box<ApiError>),
    /// The request did not complete: DNS, connect, TLS, timeout, connection reset.
    #[error("network error: {0}")]
    Transport(#[source] reqwest::Error),
    /// The answer was not what the API reference describes.
    #[error("could not read the API's answer: {source} (body starts with: {excerpt:?})")]
    Decode {
        /// What serde said.
        #[source]
        source: serde_json::Error,
        /// The first bytes of the body, for the log.
        excerpt: String,
    },
    /// The event stream broke or sent something unusable.
    #[error("event stream: {0}")]
    Stream(StreamError),
    /// A local file of an upload or download could not be read or written.
    #[error("local file: {0}")]
    Io(#[source] std::io::Error),
    /// The caller passed something the API cannot take (e.g. an empty id).
    #[error("invalid argument: {0}")]
    InvalidArgument(String),
}

/// Why an event stream failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StreamError {
    /// One event grew past the configured cap (`Config::max_event_bytes`).
    #[error("an event is larger than {limit} bytes")]
    EventTooLarge {
        /// The cap in bytes.
        limit: usize,
    },
    /// No byte arrived for the stall timeout.
    #[error("no data for {0:?}")]
    Stalled(Duration),
    /// The connection ended or failed while reading.
    #[error("connection lost: {0}")]
    Disconnected(String),
    /// The server sent a body that is not an event stream.
    #[error("unexpected content type {0:?}")]
    NotEventStream(String),
}

/// An error answer of the API, with everything the UI and the log need.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    /// HTTP status (200 for an `event: error` frame).
    pub status: u16,
    /// `error.type`, e.g. `not_found_error` (open set).
    pub kind: Option<String>,
    /// `error.details.error_code`, the stable machine code to branch on.
    pub error_code: Option<String>,
    /// `error.message`, or the body text when it was not JSON.
    pub message: String,
    /// The `request-id` header (or body field), to quote to support.
    pub request_id: Option<String>,
    /// What `retry-after-ms` / `retry-after` asked for.
    pub retry_after: Option<Duration>,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.status {
            200 => "the stream reported an error",
            400 => "the request was rejected",
            401 => "the API key was not accepted",
            403 => "this key may not do that",
            404 => "not found",
            409 => "conflict",
            413 => "the request is too large",
            429 => "rate limited",
            529 => "the API is overloaded",
            s if s >= 500 => "the API failed",
            _ => "the API returned an error",
        };
        write!(f, "{what} ({}", self.status)?;
        if let Some(code) = self.error_code.as_deref().or(self.kind.as_deref()) {
            write!(f, " {code}")?;
        }
        write!(f, "): {}", self.message)?;
        if let Some(id) = &self.request_id {
            write!(f, " [request {id}]")?;
        }
        Ok(())
    }
}

/// `{"type":"error","error":{"type","message","details":{"error_code"}},"request_id"}`.
#[derive(Deserialize)]
struct ErrorEnvelope {
    error: ErrorBody,
    #[serde(default)]
    request_id: Option<String>,
}

#[derive(Deserialize)]
struct ErrorBody {
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    details: Option<ErrorDetails>,
}

#[derive(Deserialize)]
struct ErrorDetails {
    #[serde(default)]
    error_code: Option<String>,
}

impl ApiError {
    /// Builds an error from a status and body. A JSON error body is parsed; anything else
    /// (an HTML page from a proxy, plain text from a 5xx) becomes the message as it is.
    pub(crate) fn from_body(
        status: u16,
        body: &str,
        request_id: Option<String>,
        retry_after: Option<Duration>,
    ) -> Self {
        match serde_json::from_str::<ErrorEnvelope>(body) {
            Ok(env) => Self {
                status,
                kind: env.error.kind,
                error_code: env.error.details.and_then(|d| d.error_code),
                message: env.error.message.unwrap_or_default(),
                request_id: request_id.or(env.request_id),
                retry_after,
            },
            Err(_) => Self {
                status,
                kind: None,
                error_code: None,
                message: excerpt(body.as_bytes()),
                request_id,
                retry_after,
            },
        }
    }
}

impl Error {
    /// The HTTP status of an API error, if this is one.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Api(e) => Some(e.status),
            _ => None,
        }
    }

    /// The API error details, if this is one.
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Self::Api(e) => Some(e),
            _ => None,
        }
    }

    /// Whether retrying cannot help because the key, the permission or the object is the
    /// problem (401, 403, 404): the feed stops on these instead of looping.
    pub fn is_fatal_for_stream(&self) -> bool {
        matches!(self.status(), Some(401 | 403 | 404))
    }

    pub(crate) fn decode(source: serde_json::Error, body: &[u8]) -> Self {
        Self::Decode { source, excerpt: excerpt(body) }
    }
}

impl From<ApiError> for Error {
    fn from(e: ApiError) -> Self {
        Self::Api(Box::new(e))
    }
}

impl From<StreamError> for Error {
    fn from(e: StreamError) -> Self {
        Self::Stream(e)
    }
}

/// The first 512 bytes of a body, lossily decoded: enough to see what went wrong, small enough
/// for a log line.
pub(crate) fn excerpt(body: &[u8]) -> String {
    const MAX: usize = 512;
    let cut = body.len().min(MAX);
    let mut s = String::from_utf8_lossy(&body[..cut]).into_owned();
    if body.len() > MAX {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_documented_error_body() {
        let body = r#"{"type":"error","error":{"type":"invalid_request_error","message":"Environment is archived","details":{"error_code":"environment_archived"}},"request_id":"req_1"}"#;
        let e = ApiError::from_body(400, body, None, None);
        assert_eq!(e.kind.as_deref(), Some("invalid_request_error"));
        assert_eq!(e.error_code.as_deref(), Some("environment_archived"));
        assert_eq!(e.request_id.as_deref(), Some("req_1"));
        assert_eq!(
            Error::from(e).to_string(),
            "the request was rejected (400 environment_archived): Environment is archived [request req_1]"
        );
    }

    #[test]
    fn text_bodies_become_the_message() {
        let e = ApiError::from_body(502, "<html>Bad gateway</html>", Some("req_2".into()), None);
        assert_eq!(e.message, "<html>Bad gateway</html>");
        assert_eq!(e.kind, None);
        assert!(Error::from(e).to_string().starts_with("the API failed (502)"));
    }
}
