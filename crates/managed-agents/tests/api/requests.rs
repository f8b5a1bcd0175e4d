//! Request details beyond method and path: bracket query encoding, path-segment encoding,
//! auth modes and headers, and request bodies (three-state fields, every session `agent`
//! form, multipart).

use managed_agents::types::*;
use managed_agents::{AuthMode, Client};
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::endpoints::{NoHeader, server, upload};
use crate::fixtures::{self, page};
use crate::support::config;

/// The raw query string of the only request the server received.
async fn last_query(server: &MockServer) -> String {
    let requests = server.received_requests().await.unwrap();
    requests.last().unwrap().url.query().unwrap_or("").to_owned()
}

#[tokio::test]
async fn query_arrays_and_ranges_use_brackets() {
    let (s, c) = server().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(vec![], None)))
        .mount(&s)
        .await;
    let q = ListSessionsQuery {
        agent_id: Some("agent_1".into()),
        agent_version: Some(2),
        created_at: managed_agents::query::CreatedAtRange {
            gte: Some("2026-05-01T00:00:00+00:00".into()),
            lt: Some("2026-06-01T00:00:00Z".into()),
            ..Default::default()
        },
        include_archived: Some(true),
        limit: Some(5),
        order: Some("asc".into()),
        page: Some("cur/1".into()),
        statuses: vec![SessionStatus::Idle, SessionStatus::Running],
        ..Default::default()
    };
    c.sessions().list(&q).await.unwrap();
    assert_eq!(
        last_query(&s).await,
        "agent_id=agent_1&agent_version=2&created_at[gte]=2026-05-01T00%3A00%3A00%2B00%3A00\
         &created_at[lt]=2026-06-01T00%3A00%3A00Z&include_archived=true&limit=5&order=asc\
         &page=cur%2F1&statuses[]=idle&statuses[]=running"
    );

    let q = ListEventsQuery {
        types: vec!["user.message".into(), "agent.message".into()],
        order: Some("desc".into()),
        ..Default::default()
    };
    c.events("sesn_1").list(&q).await.unwrap();
    assert_eq!(last_query(&s).await, "order=desc&types[]=user.message&types[]=agent.message");

    c.agents().retrieve("agent_1", Some(4)).await.ok();
    assert_eq!(last_query(&s).await, "version=4");
    c.files()
        .list(&ListFilesQuery { ids: vec!["file_1".into(), "file_2".into()], ..Default::default() })
        .await
        .unwrap();
    assert_eq!(last_query(&s).await, "ids[]=file_1&ids[]=file_2");
}

#[tokio::test]
async fn ids_cannot_escape_their_path_segment() {
    let (s, c) = server().await;
    Mock::given(method("GET"))
        .and(path("/v1/agents/a%2F..%2Fb"))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixtures::agent()))
        .expect(1)
        .mount(&s)
        .await;
    c.agents().retrieve("a/../b", None).await.unwrap();
    assert!(matches!(
        c.agents().retrieve("", None).await,
        Err(managed_agents::Error::InvalidArgument(_))
    ));
}

#[tokio::test]
async fn bearer_mode_workspace_version_and_user_agent() {
    let s = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/agents/agent_1"))
        .and(header("authorization", "Bearer sk-ant-test-key"))
        .and(NoHeader("x-api-key"))
        .and(header("anthropic-version", "2026-10-21"))
        .and(header("anthropic-workspace-id", "wrkspc_1"))
        .and(header("accept", "application/json"))
        .and(header("user-agent", managed_agents::config::USER_AGENT))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixtures::agent()))
        .expect(1)
        .mount(&s)
        .await;
    let c = Client::new(
        config(&s.uri())
            .with_auth_mode(AuthMode::Bearer)
            .with_api_version("2026-10-21")
            .with_workspace_id("wrkspc_1"),
    )
    .unwrap();
    c.agents().retrieve("agent_1", None).await.unwrap();
}

#[tokio::test]
async fn create_session_bodies_for_every_agent_form() {
    let (s, c) = server().await;
    let forms = [
        (SessionAgentParam::Id("agent_1".into()), json!("agent_1")),
        (
            SessionAgentParam::Object(AgentReference::Agent {
                id: "agent_1".into(),
                version: Some(2),
            }),
            json!({"type":"agent","id":"agent_1","version":2}),
        ),
        (
            SessionAgentParam::Object(AgentReference::AgentWithOverrides {
                id: "agent_1".into(),
                version: None,
                overrides: serde_json::from_value(
                    json!({"system":"Be terse.","model":"claude-haiku-4-5"}),
                )
                .unwrap(),
            }),
            json!({"type":"agent_with_overrides","id":"agent_1","system":"Be terse.","model":"claude-haiku-4-5"}),
        ),
    ];
    for (agent, wire) in forms {
        let mut req = CreateSessionRequest::new("x", "env_1");
        req.agent = agent;
        req.title = Some("t".into());
        req.initial_events =
            Some(vec![EventParams::UserMessage { content: vec![ContentBlock::text("go")] }]);
        let expected = json!({"agent":wire,"environment_id":"env_1","title":"t",
            "initial_events":[{"type":"user.message","content":[{"type":"text","text":"go"}]}]});
        let guard = Mock::given(method("POST"))
            .and(path("/v1/sessions"))
            .and(body_json(&expected))
            .respond_with(ResponseTemplate::new(200).set_body_json(fixtures::session()))
            .expect(1)
            .mount_as_scoped(&s)
            .await;
        c.sessions().create(&req).await.unwrap();
        drop(guard);
    }
}

#[tokio::test]
async fn update_bodies_keep_three_states() {
    let (s, c) = server().await;
    let update = UpdateAgentRequest {
        version: Some(3),
        description: Some(None),
        system: Some(Some("new".into())),
        metadata: Some([("a".to_owned(), None), ("b".to_owned(), Some("2".to_owned()))].into()),
        ..Default::default()
    };
    Mock::given(method("POST"))
        .and(path("/v1/agents/agent_1"))
        .and(body_json(
            json!({"version":3,"description":null,"system":"new","metadata":{"a":null,"b":"2"}}),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixtures::agent()))
        .expect(1)
        .mount(&s)
        .await;
    let agent = c.agents().update("agent_1", &update).await.unwrap();
    assert_eq!(agent.version, 3);
    assert_eq!(agent.description, Some(None));
}

#[tokio::test]
async fn multipart_upload_carries_the_file() {
    let (s, c) = server().await;
    Mock::given(method("POST"))
        .and(path("/v1/files"))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixtures::file()))
        .expect(1)
        .mount(&s)
        .await;
    c.files().upload(upload(), None).await.unwrap();
    let req = s.received_requests().await.unwrap().pop().unwrap();
    let ct = req.headers.get("content-type").unwrap().to_str().unwrap().to_owned();
    assert!(ct.starts_with("multipart/form-data; boundary="), "{ct}");
    let body = String::from_utf8_lossy(&req.body);
    assert!(body.contains("name=\"file\"; filename=\"pdf/SKILL.md\""), "{body}");
    assert!(body.contains("# PDF"));
}
