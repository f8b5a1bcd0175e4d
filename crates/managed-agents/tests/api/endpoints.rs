//! Every endpoint: method, path, headers (auth, version, beta per resource), query encoding and
//! bodies. One mock per call with `.expect(1)`, and a catch-all 500 that names the miss.

use managed_agents::types::*;
use managed_agents::{Client, RetryPolicy};
use wiremock::matchers::any;
use wiremock::{Match, Mock, MockServer, Request, ResponseTemplate};

use crate::fixtures::{self, page};
use crate::support::config;

/// Matches requests that do not carry a header.
pub struct NoHeader(pub &'static str);

impl Match for NoHeader {
    fn matches(&self, request: &Request) -> bool {
        !request.headers.contains_key(self.0)
    }
}

pub const MA: Option<&str> = Some("managed-agents-2026-04-01");
pub const MEM: Option<&str> = Some("agent-memory-2026-07-22");
pub const NONE: Option<&str> = None;

pub async fn server() -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(500).set_body_string("no mock matched this request"))
        .with_priority(u8::MAX)
        .mount(&server)
        .await;
    let client = Client::new(config(&server.uri()).with_retry(RetryPolicy::none())).unwrap();
    (server, client)
}

/// Mounts one expectation, runs the call, checks it succeeded and hit the mock exactly once.
macro_rules! check {
    ($server:expr, $m:literal, $p:expr, $beta:expr, $resp:expr, $call:expr) => {{
        let mock = wiremock::Mock::given(wiremock::matchers::method($m))
            .and(wiremock::matchers::path($p))
            .and(wiremock::matchers::header("x-api-key", "sk-ant-test-key"))
            .and(wiremock::matchers::header("anthropic-version", "2023-06-01"))
            .and($crate::endpoints::NoHeader("authorization"));
        let mock = match $beta {
            Some(b) => mock.and(wiremock::matchers::header("anthropic-beta", b)),
            None => mock.and($crate::endpoints::NoHeader("anthropic-beta")),
        };
        let guard = mock
            .respond_with(wiremock::ResponseTemplate::new(200).set_body_json($resp))
            .expect(1)
            .named(format!("{} {}", $m, $p))
            .mount_as_scoped(&$server)
            .await;
        let result = $call.await;
        assert!(result.is_ok(), "{} {}: {:?}", $m, $p, result.err());
        drop(guard);
    }};
}

#[tokio::test]
async fn agents_and_environments() {
    let (s, c) = server().await;
    let create = CreateAgentRequest::new("Repo fixer", "claude-opus-4-6");
    check!(s, "POST", "/v1/agents", MA, fixtures::agent(), c.agents().create(&create));
    check!(
        s,
        "GET",
        "/v1/agents/agent_1",
        MA,
        fixtures::agent(),
        c.agents().retrieve("agent_1", Some(2))
    );
    let update = UpdateAgentRequest { version: Some(3), ..Default::default() };
    check!(
        s,
        "POST",
        "/v1/agents/agent_1",
        MA,
        fixtures::agent(),
        c.agents().update("agent_1", &update)
    );
    check!(
        s,
        "GET",
        "/v1/agents",
        MA,
        page(vec![fixtures::agent()], None),
        c.agents().list(&ListAgentsQuery::default())
    );
    check!(
        s,
        "POST",
        "/v1/agents/agent_1/archive",
        MA,
        fixtures::agent(),
        c.agents().archive("agent_1")
    );
    check!(
        s,
        "GET",
        "/v1/agents/agent_1/versions",
        MA,
        page(vec![fixtures::agent()], None),
        c.agents().list_versions("agent_1", &PageQuery::default())
    );

    let env = CreateEnvironmentRequest { name: "py".into(), ..Default::default() };
    check!(
        s,
        "POST",
        "/v1/environments",
        MA,
        fixtures::environment(),
        c.environments().create(&env)
    );
    check!(
        s,
        "GET",
        "/v1/environments/env_1",
        MA,
        fixtures::environment(),
        c.environments().retrieve("env_1")
    );
    check!(
        s,
        "POST",
        "/v1/environments/env_1",
        MA,
        fixtures::environment(),
        c.environments().update("env_1", &UpdateEnvironmentRequest::default())
    );
    check!(
        s,
        "GET",
        "/v1/environments",
        MA,
        page(vec![fixtures::environment()], None),
        c.environments().list(&ListEnvironmentsQuery::default())
    );
    check!(
        s,
        "DELETE",
        "/v1/environments/env_1",
        MA,
        fixtures::deleted("environment_deleted"),
        c.environments().delete("env_1")
    );
    check!(
        s,
        "POST",
        "/v1/environments/env_1/archive",
        MA,
        fixtures::environment(),
        c.environments().archive("env_1")
    );
}

#[tokio::test]
async fn sessions_resources_threads() {
    let (s, c) = server().await;
    let create = CreateSessionRequest::new("agent_1", "env_1");
    check!(s, "POST", "/v1/sessions", MA, fixtures::session(), c.sessions().create(&create));
    check!(
        s,
        "GET",
        "/v1/sessions/sesn_1",
        MA,
        fixtures::session(),
        c.sessions().retrieve("sesn_1")
    );
    check!(
        s,
        "POST",
        "/v1/sessions/sesn_1",
        MA,
        fixtures::session(),
        c.sessions().update("sesn_1", &UpdateSessionRequest::default())
    );
    check!(
        s,
        "GET",
        "/v1/sessions",
        MA,
        page(vec![fixtures::session()], None),
        c.sessions().list(&ListSessionsQuery::default())
    );
    check!(
        s,
        "DELETE",
        "/v1/sessions/sesn_1",
        MA,
        fixtures::deleted("session_deleted"),
        c.sessions().delete("sesn_1")
    );
    check!(
        s,
        "POST",
        "/v1/sessions/sesn_1/archive",
        MA,
        fixtures::session(),
        c.sessions().archive("sesn_1")
    );

    let r = c.sessions();
    let res = r.resources("sesn_1");
    check!(
        s,
        "POST",
        "/v1/sessions/sesn_1/resources",
        MA,
        fixtures::resource(),
        res.add(&AddSessionResourceRequest::file("file_1"))
    );
    check!(
        s,
        "GET",
        "/v1/sessions/sesn_1/resources",
        MA,
        page(vec![fixtures::resource()], None),
        res.list(&PageQuery::default())
    );
    check!(
        s,
        "GET",
        "/v1/sessions/sesn_1/resources/sesrsc_1",
        MA,
        fixtures::resource(),
        res.retrieve("sesrsc_1")
    );
    let rotate = UpdateSessionResourceRequest { authorization_token: "ghp_x".into() };
    check!(
        s,
        "POST",
        "/v1/sessions/sesn_1/resources/sesrsc_1",
        MA,
        fixtures::resource(),
        res.update("sesrsc_1", &rotate)
    );
    check!(
        s,
        "DELETE",
        "/v1/sessions/sesn_1/resources/sesrsc_1",
        MA,
        fixtures::deleted("session_resource_deleted"),
        res.delete("sesrsc_1")
    );

    let th = r.threads("sesn_1");
    check!(
        s,
        "GET",
        "/v1/sessions/sesn_1/threads",
        MA,
        page(vec![fixtures::thread()], None),
        th.list(&ListThreadsQuery::default())
    );
    check!(
        s,
        "GET",
        "/v1/sessions/sesn_1/threads/sthr_1",
        MA,
        fixtures::thread(),
        th.retrieve("sthr_1")
    );
    check!(
        s,
        "POST",
        "/v1/sessions/sesn_1/threads/sthr_1/archive",
        MA,
        fixtures::thread(),
        th.archive("sthr_1")
    );

    let ev = c.events("sesn_1");
    check!(
        s,
        "GET",
        "/v1/sessions/sesn_1/events",
        MA,
        page(vec![fixtures::user_message("e1", "hi")], None),
        ev.list(&ListEventsQuery::default())
    );
    let te = c.thread_events("sesn_1", "sthr_1");
    check!(
        s,
        "GET",
        "/v1/sessions/sesn_1/threads/sthr_1/events",
        MA,
        page(vec![], None),
        te.list(&PageQuery::default())
    );
}

pub fn upload() -> FileUpload {
    FileUpload {
        filename: "pdf/SKILL.md".into(),
        mime_type: "text/markdown".into(),
        bytes: b"# PDF".to_vec(),
    }
}
