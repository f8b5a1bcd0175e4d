//! One page at a time, and every item across pages.

use futures_util::TryStreamExt;
use managed_agents::types::ListAgentsQuery;
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::fixtures::{agent, page};
use crate::support::client_no_retry;

fn agent_n(n: u32) -> serde_json::Value {
    let mut a = agent();
    a["id"] = format!("agent_{n}").into();
    a
}

#[tokio::test]
async fn page_then_stream_across_pages() {
    let s = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/agents"))
        .and(query_param_is_missing("page"))
        .and(query_param("limit", "2"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(page(vec![agent_n(1), agent_n(2)], Some("c2"))),
        )
        .expect(1)
        .mount(&s)
        .await;
    // An empty page in the middle: the SDK keeps going while next_page is set.
    Mock::given(method("GET"))
        .and(query_param("page", "c2"))
        .and(query_param("limit", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(vec![], Some("c3"))))
        .expect(1)
        .mount(&s)
        .await;
    Mock::given(method("GET"))
        .and(query_param("page", "c3"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(vec![agent_n(3)], None)))
        .expect(1)
        .mount(&s)
        .await;

    let client = client_no_retry(&s.uri());
    let first = client
        .agents()
        .list(&ListAgentsQuery { limit: Some(2), ..Default::default() })
        .await
        .unwrap();
    assert_eq!(first.data.len(), 2);
    assert!(first.has_next());
    assert_eq!(first.next_page.as_deref(), Some("c2"));

    let all: Vec<_> = first.into_stream(&client).try_collect().await.unwrap();
    let ids: Vec<_> = all.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["agent_1", "agent_2", "agent_3"]);
}

#[tokio::test]
async fn a_page_error_ends_the_stream_with_it() {
    let s = MockServer::start().await;
    Mock::given(query_param_is_missing("page"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(vec![agent_n(1)], Some("c2"))))
        .mount(&s)
        .await;
    Mock::given(query_param("page", "c2")).respond_with(ResponseTemplate::new(404)).mount(&s).await;
    let client = client_no_retry(&s.uri());
    let first = client.agents().list(&ListAgentsQuery::default()).await.unwrap();
    let items: Vec<_> = futures_util::StreamExt::collect(first.into_stream(&client)).await;
    assert_eq!(items.len(), 2);
    assert!(items[0].is_ok());
    assert_eq!(items[1].as_ref().unwrap_err().status(), Some(404));
}
