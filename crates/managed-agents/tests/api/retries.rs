//! The retry policy end to end, with paused time: attempt counts and the delays waited.

use std::time::Duration;

use tokio::time::Instant;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::fixtures;
use crate::support::client;

/// Mounts `first` for the first `n` calls, then a success; returns the server.
async fn failing_then_ok(first: ResponseTemplate, n: u64) -> MockServer {
    let s = MockServer::start().await;
    Mock::given(any()).respond_with(first).up_to_n_times(n).with_priority(1).mount(&s).await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(fixtures::agent()))
        .with_priority(2)
        .mount(&s)
        .await;
    s
}

async fn calls(s: &MockServer) -> usize {
    s.received_requests().await.unwrap().len()
}

#[tokio::test(start_paused = true)]
async fn retry_after_ms_is_obeyed() {
    let s = failing_then_ok(ResponseTemplate::new(429).insert_header("retry-after-ms", "1500"), 2)
        .await;
    let start = Instant::now();
    client(&s.uri()).agents().retrieve("agent_1", None).await.unwrap();
    assert_eq!(calls(&s).await, 3);
    let waited = start.elapsed();
    assert!(
        waited >= Duration::from_millis(3000) && waited < Duration::from_millis(3100),
        "{waited:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn retry_after_seconds_is_obeyed() {
    let s = failing_then_ok(ResponseTemplate::new(503).insert_header("retry-after", "2"), 1).await;
    let start = Instant::now();
    client(&s.uri()).agents().retrieve("agent_1", None).await.unwrap();
    assert_eq!(calls(&s).await, 2);
    let waited = start.elapsed();
    assert!(waited >= Duration::from_secs(2) && waited < Duration::from_millis(2100), "{waited:?}");
}

#[tokio::test(start_paused = true)]
async fn server_errors_back_off_and_give_up_after_two_retries() {
    let s = failing_then_ok(ResponseTemplate::new(500), 10).await;
    let start = Instant::now();
    let e = client(&s.uri()).agents().retrieve("agent_1", None).await.unwrap_err();
    assert_eq!(e.status(), Some(500));
    assert_eq!(calls(&s).await, 3);
    // 0.5 s and 1 s, each times a jitter factor in [0.75, 1].
    let waited = start.elapsed();
    assert!(
        waited >= Duration::from_millis(1125) && waited <= Duration::from_millis(1550),
        "{waited:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn retryable_statuses_are_retried() {
    for status in [408, 409, 429, 502, 529] {
        let s = failing_then_ok(ResponseTemplate::new(status), 1).await;
        client(&s.uri()).agents().retrieve("agent_1", None).await.unwrap();
        assert_eq!(calls(&s).await, 2, "{status}");
    }
}

#[tokio::test(start_paused = true)]
async fn other_client_errors_are_not_retried() {
    for status in [400, 401, 403, 404, 413, 422] {
        let s = failing_then_ok(ResponseTemplate::new(status), 10).await;
        let e = client(&s.uri()).agents().retrieve("agent_1", None).await.unwrap_err();
        assert_eq!(e.status(), Some(status));
        assert_eq!(calls(&s).await, 1, "{status}");
    }
}

#[tokio::test(start_paused = true)]
async fn x_should_retry_wins_both_ways() {
    let s =
        failing_then_ok(ResponseTemplate::new(503).insert_header("x-should-retry", "false"), 10)
            .await;
    assert!(client(&s.uri()).agents().retrieve("agent_1", None).await.is_err());
    assert_eq!(calls(&s).await, 1);

    let s = failing_then_ok(ResponseTemplate::new(400).insert_header("x-should-retry", "true"), 1)
        .await;
    client(&s.uri()).agents().retrieve("agent_1", None).await.unwrap();
    assert_eq!(calls(&s).await, 2);
}

#[tokio::test(start_paused = true)]
async fn a_very_long_retry_after_is_returned_not_waited() {
    let s =
        failing_then_ok(ResponseTemplate::new(429).insert_header("retry-after", "3600"), 10).await;
    let e = client(&s.uri()).agents().retrieve("agent_1", None).await.unwrap_err();
    assert_eq!(e.api().unwrap().retry_after, Some(Duration::from_secs(3600)));
    assert_eq!(calls(&s).await, 1);
}

#[tokio::test(start_paused = true)]
async fn connection_errors_are_retried() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let start = Instant::now();
    let e =
        client(&format!("http://127.0.0.1:{port}")).agents().retrieve("a", None).await.unwrap_err();
    assert!(matches!(e, managed_agents::Error::Transport(_)));
    // Two backoff sleeps happened (0.75..1.5 s in all): the connect error was retried twice.
    assert!(start.elapsed() >= Duration::from_millis(1125), "{:?}", start.elapsed());
}
