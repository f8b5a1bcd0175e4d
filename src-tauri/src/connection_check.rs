//! "Test connection": one cheap read call, and a plain answer about what is wrong if it failed.

use std::time::Instant;

use serde::Serialize;

use managed_agents::Client;
use managed_agents::types::ListAgentsQuery;

/// What a connection test found. A failed test is an answer, not an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum ConnectionVerdict {
    /// The API answered and accepted the key.
    Ok,
    /// The key was not accepted (401), or the profile has none.
    BadKey,
    /// Nothing answered at that address: no network, the host is down, or a firewall.
    NoNetwork,
    /// Something answered, but not the Managed Agents API; or the host name does not exist.
    WrongUrl,
    /// The key does not belong to the workspace the profile names.
    WorkspaceMismatch,
    /// The API does not offer Managed Agents to this key (the beta is not enabled).
    NoBetaAccess,
    /// The key is valid but lacks a permission.
    Forbidden,
    /// The key works, but the API asks to slow down.
    RateLimited,
    /// The API failed or is overloaded; try again later.
    ServerError,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionReport {
    pub verdict: ConnectionVerdict,
    /// One or two sentences for a person.
    pub message: String,
    pub status: Option<u16>,
    pub request_id: Option<String>,
    pub elapsed_ms: u32,
}

/// Lists one agent: the cheapest call that needs the key, the beta and the workspace.
pub async fn run(client: &Client) -> ConnectionReport {
    let started = Instant::now();
    let query = ListAgentsQuery { limit: Some(1), ..ListAgentsQuery::default() };
    let outcome = client.agents().list(&query).await;
    let elapsed_ms = u32::try_from(started.elapsed().as_millis()).unwrap_or(u32::MAX);
    let workspace = client.config().workspace_id.as_deref();
    let mut report = match outcome {
        Ok(_) => ConnectionReport {
            verdict: ConnectionVerdict::Ok,
            message: format!("Connected to {}; the key works.", client.config().base_url),
            status: Some(200),
            request_id: None,
            elapsed_ms: 0,
        },
        Err(error) => diagnose(&error, &client.config().base_url, workspace),
    };
    report.elapsed_ms = elapsed_ms;
    report
}

/// Says in plain words what `error` means for a profile pointing at `base_url`.
pub fn diagnose(
    error: &managed_agents::Error,
    base_url: &str,
    workspace: Option<&str>,
) -> ConnectionReport {
    use ConnectionVerdict as V;
    let report = |verdict, message: String| ConnectionReport {
        verdict,
        message,
        status: error.status(),
        request_id: error.api().and_then(|a| a.request_id.clone()),
        elapsed_ms: 0,
    };
    let Some(api) = error.api() else {
        return match error {
            managed_agents::Error::Transport(e) if is_dns_failure(e) => report(
                V::WrongUrl,
                format!("The host of {base_url} could not be found. Check the base URL."),
            ),
            managed_agents::Error::Transport(e) => report(
                V::NoNetwork,
                format!(
                    "Nothing answered at {base_url} ({}). Check the network and the URL.",
                    root_cause(e)
                ),
            ),
            _ => report(
                V::WrongUrl,
                format!(
                    "{base_url} answered, but not as the Managed Agents API does. Check the base URL."
                ),
            ),
        };
    };
    let said = api.message.to_lowercase();
    let api_json = api.kind.is_some();
    match api.status {
        401 => report(
            V::BadKey,
            "The API did not accept the key. Paste it again or create a new one in the Console."
                .into(),
        ),
        403 | 400 if said.contains("workspace") || (api.status == 403 && workspace.is_some()) => {
            report(
                V::WorkspaceMismatch,
                format!(
                    "The key has no access to workspace {}. Check the workspace id or use a key of that workspace. ({})",
                    workspace.unwrap_or("(none set)"),
                    api.message
                ),
            )
        }
        400 | 403 | 404 if said.contains("beta") => report(
            V::NoBetaAccess,
            format!(
                "The key works, but Managed Agents is not enabled for it (beta access). ({})",
                api.message
            ),
        ),
        // With the beta header sent, an API-shaped 404 on /v1/agents means the endpoint is not
        // offered to this key; a 404 page that is not the API's JSON means a wrong URL.
        404 if api_json => report(
            V::NoBetaAccess,
            format!(
                "The key works, but the API does not offer Managed Agents to it (beta access?). ({})",
                api.message
            ),
        ),
        404 => report(
            V::WrongUrl,
            format!("{base_url} has no Managed Agents API (404). Check the base URL."),
        ),
        403 => report(
            V::Forbidden,
            format!("The key is valid but may not list agents. ({})", api.message),
        ),
        429 => report(
            V::RateLimited,
            "The key works, but the API is rate limiting it right now.".into(),
        ),
        s if s >= 500 => report(
            V::ServerError,
            format!("The API failed ({s}); try again in a moment. ({})", api.message),
        ),
        _ if !api_json => report(
            V::WrongUrl,
            format!(
                "{base_url} answered {} with something that is not the API. Check the base URL.",
                api.status
            ),
        ),
        _ => report(V::ServerError, format!("The API refused the test call: {}", api.message)),
    }
}

fn is_dns_failure(error: &reqwest::Error) -> bool {
    error.is_connect() && root_cause(error).to_lowercase().contains("dns")
        || format!("{error:?}").contains("Dns")
}

fn root_cause(error: &(dyn std::error::Error + 'static)) -> String {
    let mut cause = error;
    while let Some(next) = cause.source() {
        cause = next;
    }
    cause.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use managed_agents::{Config, RetryPolicy};
    use serde_json::json;
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    fn client(url: &str, workspace: Option<&str>) -> Client {
        let mut config =
            Config::new("sk-ant-test-1234").with_base_url(url).with_retry(RetryPolicy::none());
        config.workspace_id = workspace.map(str::to_owned);
        Client::new(config).unwrap()
    }

    async fn answering(status: u16, body: serde_json::Value) -> MockServer {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/v1/agents"))
            .respond_with(
                ResponseTemplate::new(status)
                    .set_body_json(body)
                    .insert_header("request-id", "req_42"),
            )
            .mount(&server)
            .await;
        server
    }

    fn api_error(kind: &str, message: &str) -> serde_json::Value {
        json!({ "type": "error", "error": { "type": kind, "message": message } })
    }

    #[tokio::test]
    async fn each_failure_gets_its_own_plain_verdict() {
        let ok = answering(200, json!({ "data": [], "next_page": null })).await;
        let report = run(&client(&ok.uri(), None)).await;
        assert_eq!(report.verdict, ConnectionVerdict::Ok, "{report:?}");

        let cases = [
            (
                401,
                api_error("authentication_error", "invalid x-api-key"),
                None,
                ConnectionVerdict::BadKey,
            ),
            (
                403,
                api_error("permission_error", "not allowed"),
                Some("wrkspc_9"),
                ConnectionVerdict::WorkspaceMismatch,
            ),
            (403, api_error("permission_error", "not allowed"), None, ConnectionVerdict::Forbidden),
            (404, api_error("not_found_error", "Not found"), None, ConnectionVerdict::NoBetaAccess),
            (
                400,
                api_error("invalid_request_error", "managed-agents beta not enabled"),
                None,
                ConnectionVerdict::NoBetaAccess,
            ),
            (429, api_error("rate_limit_error", "slow down"), None, ConnectionVerdict::RateLimited),
            (529, api_error("overloaded_error", "busy"), None, ConnectionVerdict::ServerError),
        ];
        for (status, body, workspace, want) in cases {
            let server = answering(status, body).await;
            let report = run(&client(&server.uri(), workspace)).await;
            assert_eq!(report.verdict, want, "{status}: {report:?}");
            assert_eq!(report.status, Some(status));
            assert_eq!(report.request_id.as_deref(), Some("req_42"));
        }
    }

    #[tokio::test]
    async fn a_wrong_address_is_told_apart_from_a_wrong_api() {
        // A web server that is not the API: an HTML 404 page.
        let site = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(404).set_body_string("<html>Not Found</html>"))
            .mount(&site)
            .await;
        assert_eq!(run(&client(&site.uri(), None)).await.verdict, ConnectionVerdict::WrongUrl);

        // A 200 that is not the API's JSON.
        let page = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(200).set_body_string("<html>hello</html>"))
            .mount(&page)
            .await;
        assert_eq!(run(&client(&page.uri(), None)).await.verdict, ConnectionVerdict::WrongUrl);

        // A port nobody listens on.
        let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", closed.local_addr().unwrap());
        drop(closed);
        let report = run(&client(&url, None)).await;
        assert_eq!(report.verdict, ConnectionVerdict::NoNetwork, "{report:?}");
        assert!(report.message.contains(&url), "{}", report.message);
    }
}
