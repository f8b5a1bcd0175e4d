//! The retry policy of REST calls, as pure functions (the official SDK's, §1.4 of the API
//! reference): 2 retries; 408, 409, 429, ≥ 500 and connection errors; `x-should-retry` wins;
//! `retry-after-ms` / `retry-after` obeyed; otherwise `min(0.5 s · 2ⁿ, 8 s) · (1 − 0.25·rand)`.
//! Sending events is the exception; see `events.rs`.

use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

/// When and how often a failed REST call is tried again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (the SDK's default is 2).
    pub max_retries: u32,
    /// First backoff step (0.5 s).
    pub initial_delay: Duration,
    /// Backoff cap (8 s).
    pub max_delay: Duration,
    /// A server-requested delay above this is not waited for: the error is returned instead,
    /// so a UI call never hangs for minutes.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 2,
            initial_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// Never retry.
    pub fn none() -> Self {
        Self { max_retries: 0, ..Self::default() }
    }

    /// The backoff before retry number `retries_so_far + 1` without server advice, with
    /// `jitter` in `[0, 1)` (the SDK's `1 − 0.25·jitter` factor).
    pub fn backoff(&self, retries_so_far: u32, jitter: f64) -> Duration {
        let exp = self.initial_delay.saturating_mul(2u32.saturating_pow(retries_so_far.min(16)));
        exp.min(self.max_delay).mul_f64(1.0 - 0.25 * jitter.clamp(0.0, 1.0))
    }
}

/// Whether a response status should be retried: `x-should-retry` (`true`/`false`) wins,
/// otherwise 408, 409, 429 and ≥ 500. Other 4xx are final.
pub fn should_retry(status: StatusCode, headers: &HeaderMap) -> bool {
    match headers.get("x-should-retry").and_then(|v| v.to_str().ok()) {
        Some("true") => return true,
        Some("false") => return false,
        _ => {}
    }
    matches!(status.as_u16(), 408 | 409 | 429) || status.is_server_error()
}

/// Whether a transport error should be retried: connect failures, timeouts and errors while
/// sending the request. Errors in the middle of reading a body are not (the call may have
/// taken effect and a GET is cheap to redo by the caller).
pub fn should_retry_transport(error: &reqwest::Error) -> bool {
    error.is_connect() || error.is_timeout() || error.is_request()
}

/// The delay the server asked for: `retry-after-ms` (milliseconds), else `retry-after` in
/// (possibly fractional) seconds. HTTP-date values are not supported and fall back to backoff.
pub fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let parse = |name: &str| -> Option<f64> {
        headers
            .get(name)?
            .to_str()
            .ok()?
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite() && *v > 0.0)
    };
    if let Some(ms) = parse("retry-after-ms") {
        return Some(Duration::from_secs_f64(ms / 1000.0));
    }
    parse("retry-after").map(Duration::from_secs_f64)
}

/// The delay before the next attempt, or `None` if the server asked for more than the policy
/// is willing to wait.
pub(crate) fn next_delay(
    policy: &RetryPolicy,
    retries_so_far: u32,
    advice: Option<Duration>,
) -> Option<Duration> {
    match advice {
        Some(d) if d > policy.max_retry_after => None,
        Some(d) => Some(d),
        None => Some(policy.backoff(retries_so_far, fastrand::f64())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn status_table() {
        let none = HeaderMap::new();
        for s in [408, 409, 429, 500, 502, 503, 529] {
            assert!(should_retry(StatusCode::from_u16(s).unwrap(), &none), "{s}");
        }
        for s in [400, 401, 403, 404, 412, 413, 422] {
            assert!(!should_retry(StatusCode::from_u16(s).unwrap(), &none), "{s}");
        }
    }

    #[test]
    fn x_should_retry_wins() {
        let no = headers(&[("x-should-retry", "false")]);
        let yes = headers(&[("x-should-retry", "true")]);
        assert!(!should_retry(StatusCode::SERVICE_UNAVAILABLE, &no));
        assert!(should_retry(StatusCode::BAD_REQUEST, &yes));
    }

    #[test]
    fn retry_after_headers() {
        assert_eq!(
            retry_after(&headers(&[("retry-after-ms", "1500"), ("retry-after", "9")])),
            Some(Duration::from_millis(1500))
        );
        assert_eq!(
            retry_after(&headers(&[("retry-after", "2.5")])),
            Some(Duration::from_millis(2500))
        );
        assert_eq!(retry_after(&headers(&[("retry-after", "-1")])), None);
        assert_eq!(
            retry_after(&headers(&[("retry-after", "Wed, 21 Oct 2015 07:28:00 GMT")])),
            None
        );
    }

    #[test]
    fn backoff_doubles_with_jitter_and_caps() {
        let p = RetryPolicy::default();
        assert_eq!(p.backoff(0, 0.0), Duration::from_millis(500));
        assert_eq!(p.backoff(1, 0.0), Duration::from_secs(1));
        assert_eq!(p.backoff(3, 0.0), Duration::from_secs(4));
        assert_eq!(p.backoff(10, 0.0), Duration::from_secs(8));
        assert_eq!(p.backoff(0, 1.0), Duration::from_millis(375));
        for n in 0..20 {
            let d = p.backoff(n, fastrand::f64());
            assert!(d <= Duration::from_secs(8) && d >= Duration::from_millis(375));
        }
    }

    #[test]
    fn too_long_retry_after_is_not_waited_for() {
        let p = RetryPolicy::default();
        assert_eq!(next_delay(&p, 0, retry_after(&headers(&[("retry-after", "3600")]))), None);
        assert_eq!(
            next_delay(&p, 0, retry_after(&headers(&[("retry-after", "2")]))),
            Some(Duration::from_secs(2))
        );
    }
}
