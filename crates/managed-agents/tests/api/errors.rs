//! Error mapping per status, and what an error looks like to a person.

use managed_agents::Error;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::client_no_retry;

async fn answer(template: ResponseTemplate) -> Error {
    let s = MockServer::start().await;
    Mock::given(any()).respond_with(template).mount(&s).await;
    client_no_retry(&s.uri()).sessions().retrieve("sesn_1").await.unwrap_err()
}

fn body(kind: &str, code: Option<&str>) -> serde_json::Value {
    let mut error = serde_json::json!({"type":kind,"message":format!("{kind} happened")});
    if let Some(code) = code {
        error["details"] = serde_json::json!({"error_code":code});
    }
    serde_json::json!({"type":"error","error":error,"request_id":"req_body"})
}

#[tokio::test]
async fn statuses_map_to_api_errors_with_details() {
    for (status, kind, code) in [
        (400, "invalid_request_error", Some("environment_archived")),
        (401, "authentication_error", None),
        (403, "permission_error", Some("api_key_scope_missing")),
        (404, "not_found_error", None),
        (409, "conflict_error", None),
        (429, "rate_limit_error", Some("ramp_limit_exceeded")),
        (529, "overloaded_error", None),
    ] {
        let e = answer(
            ResponseTemplate::new(status)
                .set_body_json(body(kind, code))
                .insert_header("request-id", "req_hdr")
                .insert_header("retry-after", "3"),
        )
        .await;
        let api = e.api().unwrap_or_else(|| panic!("{status}: {e:?}"));
        assert_eq!(api.status, status);
        assert_eq!(api.kind.as_deref(), Some(kind));
        assert_eq!(api.error_code.as_deref(), code);
        assert_eq!(api.message, format!("{kind} happened"));
        // The header wins over the body's copy.
        assert_eq!(api.request_id.as_deref(), Some("req_hdr"));
        assert_eq!(api.retry_after, Some(std::time::Duration::from_secs(3)));
        assert_eq!(e.is_fatal_for_stream(), matches!(status, 401 | 403 | 404));
    }
}

#[tokio::test]
async fn display_reads_well() {
    let e =
        answer(ResponseTemplate::new(401).set_body_json(body("authentication_error", None))).await;
    assert_eq!(
        e.to_string(),
        "the API key was not accepted (401 authentication_error): authentication_error happened [request req_body]"
    );
}

#[tokio::test]
async fn html_5xx_body_is_kept_as_text() {
    let e = answer(ResponseTemplate::new(502).set_body_string("<html>bad gateway</html>")).await;
    let api = e.api().unwrap();
    assert_eq!(api.kind, None);
    assert_eq!(api.message, "<html>bad gateway</html>");
}

#[tokio::test]
async fn undecodable_success_is_a_decode_error_with_excerpt() {
    let e = answer(ResponseTemplate::new(200).set_body_string("{\"id\": 12, not json")).await;
    let Error::Decode { excerpt, .. } = &e else { panic!("{e:?}") };
    assert!(excerpt.starts_with("{\"id\": 12"));
}

#[tokio::test]
async fn connection_refused_is_a_transport_error() {
    // Bind then drop a listener: nothing listens on that loopback port any more.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let e = client_no_retry(&format!("http://127.0.0.1:{port}"))
        .agents()
        .archive("agent_1")
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Transport(_)), "{e:?}");
    assert!(e.to_string().starts_with("network error"));
}

#[tokio::test]
async fn api_key_never_appears_in_debug_of_client_or_errors() {
    let s = MockServer::start().await;
    Mock::given(any()).respond_with(ResponseTemplate::new(401)).mount(&s).await;
    let client = client_no_retry(&s.uri());
    let e = client.agents().archive("agent_1").await.unwrap_err();
    let printed = format!("{client:?} {e:?} {e}");
    assert!(!printed.contains("sk-ant-test-key"), "{printed}");
}
