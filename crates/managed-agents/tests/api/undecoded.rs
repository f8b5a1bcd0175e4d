//! One item the crate cannot decode never fails its page: for every list endpoint, the item is
//! kept raw with its place and the reason, and the items around it still load.

use managed_agents::types::*;
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::fixtures::{self, page};
use crate::support::client_no_retry;

/// Serves `[good, bad, good]` at `route`, where `bad` is `good` with an id of the wrong type.
async fn serve(route: &str, good: &Value) -> (MockServer, Value) {
    let s = MockServer::start().await;
    let mut bad = good.clone();
    bad["id"] = json!({"not": "an id"});
    Mock::given(method("GET"))
        .and(path(route))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(page(vec![good.clone(), bad.clone(), good.clone()], Some("c2"))),
        )
        .mount(&s)
        .await;
    (s, bad)
}

/// Lists `route` with `call` and checks that the middle item is kept raw and the others load.
macro_rules! contained {
    ($route:expr, $good:expr, |$c:ident| $call:expr) => {{
        let (s, bad) = serve($route, &$good).await;
        let $c = client_no_retry(&s.uri());
        let page = $call.await.unwrap_or_else(|e| panic!("{}: the page failed: {e}", $route));
        assert_eq!(page.data.len(), 2, "{}: both good items load", $route);
        assert_eq!(page.undecoded.len(), 1, "{}: the bad item is kept", $route);
        let kept = &page.undecoded[0];
        assert_eq!(kept.index, 1, "{}", $route);
        assert_eq!(kept.raw, bad, "{}: kept verbatim", $route);
        assert!(kept.error.contains("expected a string"), "{}: {}", $route, kept.error);
        assert_eq!(page.next_page.as_deref(), Some("c2"), "{}: the cursor survives", $route);
    }};
}

#[tokio::test]
async fn every_list_endpoint_keeps_an_undecodable_item_raw_and_loads_the_rest() {
    contained!("/v1/agents", fixtures::agent(), |c| c.agents().list(&ListAgentsQuery::default()));
    contained!("/v1/agents/agent_1/versions", fixtures::agent(), |c| c
        .agents()
        .list_versions("agent_1", &PageQuery::default()));
    contained!("/v1/environments", fixtures::environment(), |c| c
        .environments()
        .list(&ListEnvironmentsQuery::default()));
    contained!("/v1/sessions", fixtures::session(), |c| c
        .sessions()
        .list(&ListSessionsQuery::default()));
    contained!("/v1/sessions/sesn_1/threads", fixtures::thread(), |c| c
        .sessions()
        .threads("sesn_1")
        .list(&ListThreadsQuery::default()));
    contained!("/v1/vaults", fixtures::vault(), |c| c
        .vaults()
        .list(&ListArchivableQuery::default()));
    contained!("/v1/vaults/vlt_1/credentials", fixtures::credential(), |c| c
        .vaults()
        .credentials("vlt_1")
        .list(&ListArchivableQuery::default()));
    contained!("/v1/memory_stores", fixtures::memory_store(), |c| c
        .memory_stores()
        .list(&ListMemoryStoresQuery::default()));
    contained!("/v1/memory_stores/memstore_1/memory_versions", fixtures::memory_version(), |c| c
        .memory_stores()
        .memory_versions("memstore_1")
        .list(&ListMemoryVersionsQuery::default()));
    contained!("/v1/files", fixtures::file(), |c| c.files().list(&ListFilesQuery::default()));
    contained!("/v1/skills", fixtures::skill(), |c| c.skills().list(&ListSkillsQuery::default()));
    contained!("/v1/skills/skill_1/versions", fixtures::skill_version(), |c| c
        .skills()
        .list_versions("skill_1", &PageQuery::default()));
}

#[tokio::test]
async fn a_union_list_keeps_an_undecodable_item_raw_in_its_place() {
    // Resources and memory-list entries are unions with their own raw fallback, like events:
    // the odd item stays in its place as `Unknown`.
    let (s, bad) = serve("/v1/sessions/sesn_1/resources", &fixtures::resource()).await;
    let c = client_no_retry(&s.uri());
    let page = c.sessions().resources("sesn_1").list(&PageQuery::default()).await.unwrap();
    assert_eq!(page.data.len(), 3);
    assert!(page.undecoded.is_empty());
    assert!(matches!(&page.data[1], SessionResource::Unknown(raw) if *raw == bad));

    let (s, bad) = serve("/v1/memory_stores/memstore_1/memories", &fixtures::memory()).await;
    let c = client_no_retry(&s.uri());
    let page =
        c.memory_stores().memories("memstore_1").list(&ListMemoriesQuery::default()).await.unwrap();
    assert_eq!(page.data.len(), 3);
    assert!(page.undecoded.is_empty());
    assert!(matches!(&page.data[1], MemoryListItem::Unknown(raw) if *raw == bad));
}

#[tokio::test]
async fn an_event_list_keeps_an_undecodable_event_raw_in_its_place() {
    // Events carry their own fallback: a known type that does not decode becomes `Unknown`
    // in place, so history keeps its order.
    let good = fixtures::user_message("e1", "hi");
    for route in ["/v1/sessions/sesn_1/events", "/v1/sessions/sesn_1/threads/sthr_1/events"] {
        let s = MockServer::start().await;
        let mut bad = good.clone();
        bad["content"] = json!("not a list of blocks");
        Mock::given(method("GET"))
            .and(path(route))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(page(vec![good.clone(), bad.clone(), good.clone()], None)),
            )
            .mount(&s)
            .await;
        let c = client_no_retry(&s.uri());
        let page = if route.contains("threads") {
            c.thread_events("sesn_1", "sthr_1").list(&PageQuery::default()).await
        } else {
            c.events("sesn_1").list(&ListEventsQuery::default()).await
        }
        .unwrap();
        assert_eq!(page.data.len(), 3, "{route}");
        assert!(page.undecoded.is_empty(), "{route}");
        assert!(matches!(&page.data[1], SessionEvent::Unknown(raw) if *raw == bad), "{route}");
    }
}

#[tokio::test]
async fn a_session_whose_counts_pass_u64_is_kept_raw_and_its_page_loads() {
    // Schema-valid (the API's integers are unbounded) but past any fixed-width integer.
    let s = MockServer::start().await;
    let body = format!(
        r#"{{"data":[{good},{huge},{good}],"next_page":null}}"#,
        good = fixtures::session(),
        huge = fixtures::session()
            .to_string()
            .replace(r#""input_tokens":10"#, r#""input_tokens":184467440737095516160"#),
    );
    Mock::given(path("/v1/sessions"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(body, "application/json"))
        .mount(&s)
        .await;
    let page =
        client_no_retry(&s.uri()).sessions().list(&ListSessionsQuery::default()).await.unwrap();
    assert_eq!(page.data.len(), 2);
    assert_eq!(page.undecoded.len(), 1);
    // Kept as the nearest float: a JSON value holds no integer past u64, but keeps the object.
    assert_eq!(page.undecoded[0].raw["usage"]["input_tokens"], json!(10.0 * 2f64.powi(64)));
}
