//! Every endpoint: method, path, headers (auth, version, beta per resource), query encoding and
//! bodies. One mock per call with `.expect(1)`, and a catch-all 500 that names the miss.

use managed_agents::types::*;
use managed_agents::{Client, RetryPolicy};
use serde_json::json;
use wiremock::matchers::{any, header, method, path};
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

const MA: Option<&str> = Some("managed-agents-2026-04-01");
const MEM: Option<&str> = Some("agent-memory-2026-07-22");
const NONE: Option<&str> = None;

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
        let mock = Mock::given(method($m))
            .and(path($p))
            .and(header("x-api-key", "sk-ant-test-key"))
            .and(header("anthropic-version", "2023-06-01"))
            .and(NoHeader("authorization"));
        let mock = match $beta {
            Some(b) => mock.and(header("anthropic-beta", b)),
            None => mock.and(NoHeader("anthropic-beta")),
        };
        let guard = mock
            .respond_with(ResponseTemplate::new(200).set_body_json($resp))
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
    check!(
        s,
        "POST",
        "/v1/agents",
        MA,
        fixtures::agent(),
        c.agents().create(&create)
    );
    check!(
        s,
        "GET",
        "/v1/agents/agent_1",
        MA,
        fixtures::agent(),
        c.agents().retrieve("agent_1", Some(2))
    );
    let update = UpdateAgentRequest {
        version: Some(3),
        ..Default::default()
    };
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

    let env = CreateEnvironmentRequest {
        name: "py".into(),
        ..Default::default()
    };
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
        c.environments()
            .update("env_1", &UpdateEnvironmentRequest::default())
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
    check!(
        s,
        "POST",
        "/v1/sessions",
        MA,
        fixtures::session(),
        c.sessions().create(&create)
    );
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
        c.sessions()
            .update("sesn_1", &UpdateSessionRequest::default())
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
    let rotate = UpdateSessionResourceRequest {
        authorization_token: "ghp_x".into(),
    };
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

#[tokio::test]
async fn vaults_and_credentials() {
    let (s, c) = server().await;
    let v = c.vaults();
    let create = CreateVaultRequest {
        display_name: "Keys".into(),
        metadata: None,
    };
    check!(
        s,
        "POST",
        "/v1/vaults",
        MA,
        fixtures::vault(),
        v.create(&create)
    );
    check!(
        s,
        "GET",
        "/v1/vaults/vlt_1",
        MA,
        fixtures::vault(),
        v.retrieve("vlt_1")
    );
    check!(
        s,
        "POST",
        "/v1/vaults/vlt_1",
        MA,
        fixtures::vault(),
        v.update("vlt_1", &UpdateVaultRequest::default())
    );
    check!(
        s,
        "GET",
        "/v1/vaults",
        MA,
        page(vec![fixtures::vault()], None),
        v.list(&ListArchivableQuery::default())
    );
    check!(
        s,
        "DELETE",
        "/v1/vaults/vlt_1",
        MA,
        fixtures::deleted("vault_deleted"),
        v.delete("vlt_1")
    );
    check!(
        s,
        "POST",
        "/v1/vaults/vlt_1/archive",
        MA,
        fixtures::vault(),
        v.archive("vlt_1")
    );

    let cr = v.credentials("vlt_1");
    let create = CreateCredentialRequest {
        auth: json!({"type":"static_bearer","token":"secret-token","mcp_server_url":"https://mcp.example"}),
        display_name: None,
        metadata: None,
    };
    assert!(!format!("{create:?}").contains("secret-token"));
    check!(
        s,
        "POST",
        "/v1/vaults/vlt_1/credentials",
        MA,
        fixtures::credential(),
        cr.create(&create)
    );
    check!(
        s,
        "GET",
        "/v1/vaults/vlt_1/credentials/vcrd_1",
        MA,
        fixtures::credential(),
        cr.retrieve("vcrd_1")
    );
    check!(
        s,
        "POST",
        "/v1/vaults/vlt_1/credentials/vcrd_1",
        MA,
        fixtures::credential(),
        cr.update("vcrd_1", &UpdateCredentialRequest::default())
    );
    check!(
        s,
        "GET",
        "/v1/vaults/vlt_1/credentials",
        MA,
        page(vec![fixtures::credential()], None),
        cr.list(&ListArchivableQuery::default())
    );
    check!(
        s,
        "DELETE",
        "/v1/vaults/vlt_1/credentials/vcrd_1",
        MA,
        fixtures::deleted("vault_credential_deleted"),
        cr.delete("vcrd_1")
    );
    check!(
        s,
        "POST",
        "/v1/vaults/vlt_1/credentials/vcrd_1/archive",
        MA,
        fixtures::credential(),
        cr.archive("vcrd_1")
    );
    check!(
        s,
        "POST",
        "/v1/vaults/vlt_1/credentials/vcrd_1/mcp_oauth_validate",
        MA,
        fixtures::validation(),
        cr.mcp_oauth_validate("vcrd_1")
    );
}

#[tokio::test]
async fn memory_stores_use_their_own_beta() {
    let (s, c) = server().await;
    let m = c.memory_stores();
    let create = CreateMemoryStoreRequest {
        name: "notes".into(),
        ..Default::default()
    };
    check!(
        s,
        "POST",
        "/v1/memory_stores",
        MEM,
        fixtures::memory_store(),
        m.create(&create)
    );
    check!(
        s,
        "GET",
        "/v1/memory_stores/memstore_1",
        MEM,
        fixtures::memory_store(),
        m.retrieve("memstore_1")
    );
    check!(
        s,
        "POST",
        "/v1/memory_stores/memstore_1",
        MEM,
        fixtures::memory_store(),
        m.update("memstore_1", &UpdateMemoryStoreRequest::default())
    );
    check!(
        s,
        "GET",
        "/v1/memory_stores",
        MEM,
        page(vec![fixtures::memory_store()], None),
        m.list(&ListMemoryStoresQuery::default())
    );
    check!(
        s,
        "DELETE",
        "/v1/memory_stores/memstore_1",
        MEM,
        fixtures::deleted("memory_store_deleted"),
        m.delete("memstore_1")
    );
    check!(
        s,
        "POST",
        "/v1/memory_stores/memstore_1/archive",
        MEM,
        fixtures::memory_store(),
        m.archive("memstore_1")
    );

    let mem = m.memories("memstore_1");
    let create = CreateMemoryRequest {
        path: "/a.md".into(),
        content: Some("abc".into()),
    };
    check!(
        s,
        "POST",
        "/v1/memory_stores/memstore_1/memories",
        MEM,
        fixtures::memory(),
        mem.create(&create, Some("basic"))
    );
    check!(
        s,
        "GET",
        "/v1/memory_stores/memstore_1/memories/mem_1",
        MEM,
        fixtures::memory(),
        mem.retrieve("mem_1", None)
    );
    check!(
        s,
        "POST",
        "/v1/memory_stores/memstore_1/memories/mem_1",
        MEM,
        fixtures::memory(),
        mem.update("mem_1", &UpdateMemoryRequest::default(), None)
    );
    let items = page(
        vec![
            fixtures::memory(),
            json!({"type":"memory_prefix","path":"/dir/"}),
        ],
        None,
    );
    check!(
        s,
        "GET",
        "/v1/memory_stores/memstore_1/memories",
        MEM,
        items,
        mem.list(&ListMemoriesQuery::default())
    );
    check!(
        s,
        "DELETE",
        "/v1/memory_stores/memstore_1/memories/mem_1",
        MEM,
        fixtures::deleted("memory_deleted"),
        mem.delete("mem_1", Some("abc"))
    );

    let ver = m.memory_versions("memstore_1");
    check!(
        s,
        "GET",
        "/v1/memory_stores/memstore_1/memory_versions",
        MEM,
        page(vec![fixtures::memory_version()], None),
        ver.list(&ListMemoryVersionsQuery::default())
    );
    check!(
        s,
        "GET",
        "/v1/memory_stores/memstore_1/memory_versions/memver_1",
        MEM,
        fixtures::memory_version(),
        ver.retrieve("memver_1", Some("full"))
    );
    check!(
        s,
        "POST",
        "/v1/memory_stores/memstore_1/memory_versions/memver_1/redact",
        MEM,
        fixtures::memory_version(),
        ver.redact("memver_1")
    );
}

pub fn upload() -> FileUpload {
    FileUpload {
        filename: "pdf/SKILL.md".into(),
        mime_type: "text/markdown".into(),
        bytes: b"# PDF".to_vec(),
    }
}

#[tokio::test]
async fn files_and_skills_send_no_beta() {
    let (s, c) = server().await;
    let f = c.files();
    check!(
        s,
        "POST",
        "/v1/files",
        NONE,
        fixtures::file(),
        f.upload(upload(), Some(3600))
    );
    check!(
        s,
        "GET",
        "/v1/files",
        NONE,
        page(vec![fixtures::file()], None),
        f.list(&ListFilesQuery::default())
    );
    check!(
        s,
        "GET",
        "/v1/files/file_1",
        NONE,
        fixtures::file(),
        f.retrieve_metadata("file_1")
    );
    check!(
        s,
        "GET",
        "/v1/files/file_1/content",
        NONE,
        json!("bytes"),
        f.download("file_1")
    );
    check!(
        s,
        "DELETE",
        "/v1/files/file_1",
        NONE,
        fixtures::deleted("file_deleted"),
        f.delete("file_1")
    );

    let k = c.skills();
    check!(
        s,
        "POST",
        "/v1/skills",
        NONE,
        fixtures::skill(),
        k.create(vec![upload()], Some("PDF"))
    );
    check!(
        s,
        "GET",
        "/v1/skills/skill_1",
        NONE,
        fixtures::skill(),
        k.retrieve("skill_1")
    );
    check!(
        s,
        "GET",
        "/v1/skills",
        NONE,
        page(vec![fixtures::skill()], None),
        k.list(&ListSkillsQuery::default())
    );
    check!(
        s,
        "DELETE",
        "/v1/skills/skill_1",
        NONE,
        fixtures::deleted("skill_deleted"),
        k.delete("skill_1")
    );
    check!(
        s,
        "POST",
        "/v1/skills/skill_1/versions",
        NONE,
        fixtures::skill_version(),
        k.create_version("skill_1", vec![upload()])
    );
    check!(
        s,
        "GET",
        "/v1/skills/skill_1/versions",
        NONE,
        page(vec![fixtures::skill_version()], None),
        k.list_versions("skill_1", &PageQuery::default())
    );
    check!(
        s,
        "GET",
        "/v1/skills/skill_1/versions/latest",
        NONE,
        fixtures::skill_version(),
        k.retrieve_version("skill_1", "latest")
    );
    check!(
        s,
        "DELETE",
        "/v1/skills/skill_1/versions/v1",
        NONE,
        fixtures::deleted("skill_version_deleted"),
        k.delete_version("skill_1", "v1")
    );
    check!(
        s,
        "GET",
        "/v1/skills/skill_1/versions/v1/content",
        NONE,
        json!("zip"),
        k.download_version("skill_1", "v1")
    );
}
