//! The HTTP surface: auth, beta, errors, versions, pagination and filters.

use managed_agents_sim::TypingSpeed;
use serde_json::json;

use crate::support::sim;

#[tokio::test]
async fn missing_key_is_401_and_missing_beta_is_400_in_the_official_shape() {
    let api = sim(TypingSpeed::Instant).await;
    let res = api
        .http
        .get(api.url("/v1/agents"))
        .header("anthropic-beta", "managed-agents-2026-04-01")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    let rid = res.headers()["request-id"].to_str().unwrap().to_owned();
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["type"], "error");
    assert_eq!(body["error"]["type"], "authentication_error");
    assert_eq!(body["request_id"], rid.as_str());
    let res = api
        .http
        .get(api.url("/v1/agents"))
        .header("authorization", "Bearer anything")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["error"]["details"]["error_code"], "organization_not_enrolled_in_beta");
    let res = api
        .http
        .get(api.url("/v1/agents"))
        .header("authorization", "Bearer anything")
        .header("anthropic-beta", "files-api-2025-04-14, managed-agents-2026-04-01")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers().contains_key("request-id"));
}

#[tokio::test]
async fn agent_versions_and_optimistic_concurrency() {
    let api = sim(TypingSpeed::Instant).await;
    let (_, agent) = api
        .post(
            "/v1/agents",
            json!({"name": "A", "model": "claude-opus-4-6", "metadata": {"k": "v"}}),
        )
        .await;
    let id = agent["id"].as_str().unwrap();
    assert!(id.starts_with("agent_"));
    assert_eq!(agent["version"], 1);
    assert_eq!(agent["model"]["id"], "claude-opus-4-6");
    let (_, same) = api.post(&format!("/v1/agents/{id}"), json!({"name": "A", "version": 1})).await;
    assert_eq!(same["version"], 1, "a no-op update keeps the version");
    let (_, v2) = api
        .post(
            &format!("/v1/agents/{id}"),
            json!({"system": "Be brief.", "version": 1, "metadata": {"k": null, "n": "1"}}),
        )
        .await;
    assert_eq!(v2["version"], 2);
    assert_eq!(v2["metadata"], json!({"n": "1"}));
    let (status, error) =
        api.post(&format!("/v1/agents/{id}"), json!({"system": "x", "version": 1})).await;
    assert_eq!(status, 409, "{error}");
    assert_eq!(
        api.get(&format!("/v1/agents/{id}?version=1")).await.1["system"],
        serde_json::Value::Null
    );
    let (_, versions) = api.get(&format!("/v1/agents/{id}/versions")).await;
    assert_eq!(versions["data"].as_array().unwrap().len(), 2);
    let (_, archived) = api.post(&format!("/v1/agents/{id}/archive"), json!({})).await;
    assert!(archived["archived_at"].is_string());
    assert!(api.get("/v1/agents").await.1["data"].as_array().unwrap().is_empty());
    assert_eq!(
        api.get("/v1/agents?include_archived=true").await.1["data"].as_array().unwrap().len(),
        1
    );
}

#[tokio::test]
async fn events_list_pages_filters_and_orders() {
    let api = sim(TypingSpeed::Instant).await;
    let sid = api.session().await;
    let mut stream = api.stream(&sid, "").await;
    api.say(&sid, "fix the bug").await;
    stream.until_idle().await;
    let all = api.events(&sid).await;
    assert!(all.len() > 10);
    let mut paged = Vec::new();
    let mut next = String::new();
    loop {
        let (_, page) = api.get(&format!("/v1/sessions/{sid}/events?limit=4{next}")).await;
        paged.extend(page["data"].as_array().unwrap().iter().cloned());
        match page["next_page"].as_str() {
            Some(cursor) => next = format!("&page={cursor}"),
            None => break,
        }
    }
    assert_eq!(paged, all);
    let (_, desc) = api.get(&format!("/v1/sessions/{sid}/events?order=desc&limit=1000")).await;
    assert_eq!(desc["data"][0], *all.last().unwrap());
    let (_, only) = api
        .get(&format!("/v1/sessions/{sid}/events?types[]=agent.tool_use&types[]=user.message"))
        .await;
    assert!(
        only["data"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["type"] == "agent.tool_use" || e["type"] == "user.message")
    );
    let pivot = all[5]["processed_at"].as_str().unwrap();
    let (_, after) =
        api.get(&format!("/v1/sessions/{sid}/events?created_at[gt]={pivot}&limit=1000")).await;
    assert_eq!(after["data"].as_array().unwrap().len(), all.len() - 6);
    let (status, _) = api.get(&format!("/v1/sessions/{sid}/events?order=desc{next}")).await;
    assert!(next.is_empty() || status == 400);
}

#[tokio::test]
async fn environments_are_unique_and_sessions_list_has_prev_page() {
    let api = sim(TypingSpeed::Instant).await;
    let (_, env) = api.post("/v1/environments", json!({"name": "dup"})).await;
    assert_eq!(env["config"]["networking"]["type"], "unrestricted");
    assert_eq!(api.post("/v1/environments", json!({"name": "dup"})).await.0, 409);
    for _ in 0..3 {
        api.session().await;
    }
    let (_, page) = api.get("/v1/sessions?limit=2").await;
    assert_eq!(page["data"].as_array().unwrap().len(), 2);
    let (_, second) = api
        .get(&format!("/v1/sessions?limit=2&page={}", page["next_page"].as_str().unwrap()))
        .await;
    assert!(second["prev_page"].is_string());
}

#[tokio::test]
async fn unknown_paths_are_404_in_the_official_shape() {
    let api = sim(TypingSpeed::Instant).await;
    let (status, body) = api.get("/v1/nothing_here").await;
    assert_eq!(status, 404);
    assert_eq!(body["error"]["type"], "not_found_error");
}
