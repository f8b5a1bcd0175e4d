//! Shared helpers: a client pointed at a mock server.

use managed_agents::{Client, Config, RetryPolicy};

/// A client for `base` with a recognisable key, no timers of its own (no timeouts, no pool
/// idle timer: with paused time, Tokio jumps the clock to the next timer whenever the test
/// waits on I/O) and the default retry policy.
pub fn client(base: &str) -> Client {
    Client::new(config(base)).unwrap()
}

pub fn config(base: &str) -> Config {
    Config::new("sk-ant-test-key")
        .with_base_url(base)
        .with_connect_timeout(None)
        .with_request_timeout(None)
        .with_pool_idle_timeout(None)
}

/// A client that never retries.
pub fn client_no_retry(base: &str) -> Client {
    Client::new(config(base).with_retry(RetryPolicy::none())).unwrap()
}

/// The sample events, one JSON line each.
pub fn sample_lines() -> Vec<&'static str> {
    include_str!("../fixtures/sample-events.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect()
}
