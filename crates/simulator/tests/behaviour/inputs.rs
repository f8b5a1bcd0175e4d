//! Which inputs a session accepts, and when: initial events, idle interrupts, `system.message`
//! placement, and the budget cap.

use managed_agents_sim::TypingSpeed;
use serde_json::json;

use crate::support::{sim, types};

#[tokio::test]
async fn initial_events_start_running_and_the_alias_stream_and_idle_interrupt() {
    let api = sim(TypingSpeed::Instant).await;
    let (_, agent) =
        api.post("/v1/agents", json!({"name": "I", "model": "claude-haiku-4-5"})).await;
    let (_, env) = api.post("/v1/environments", json!({"name": "i"})).await;
    let (_, session) = api
        .post(
            "/v1/sessions",
            json!({"agent": agent["id"], "environment_id": env["id"],
        "initial_events": [{"type": "user.message", "content": [{"type": "text", "text": "hi"}]}]}),
        )
        .await;
    assert_eq!(session["status"], "running");
    let sid = session["id"].as_str().unwrap();
    let res = api
        .http
        .get(api.url(&format!("/v1/sessions/{sid}/stream")))
        .header("x-api-key", "k")
        .header("anthropic-beta", "managed-agents-2026-04-01")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    while api.get(&format!("/v1/sessions/{sid}")).await.1["status"] != "idle" {
        tokio::task::yield_now().await;
    }
    let before = api.events(sid).await.len();
    let (status, body) = api
        .post(
            &format!("/v1/sessions/{sid}/events"),
            json!({"events": [{"type": "user.interrupt"}]}),
        )
        .await;
    assert_eq!(status, 200);
    assert!(
        body["data"][0]["processed_at"].is_string(),
        "an interrupt of an idle session is recorded at once"
    );
    let after = api.events(sid).await;
    assert_eq!(after.len(), before + 1, "and changes nothing else");
    assert_eq!(api.get(&format!("/v1/sessions/{sid}")).await.1["status"], "idle");
}

#[tokio::test]
async fn system_message_must_be_last_and_bad_batches_change_nothing() {
    let api = sim(TypingSpeed::Instant).await;
    let sid = api.session().await;
    let text = json!([{"type": "text", "text": "x"}]);
    let bad = json!({"events": [{"type": "system.message", "content": text}, {"type": "user.message", "content": text}]});
    assert_eq!(api.post(&format!("/v1/sessions/{sid}/events"), bad).await.0, 400);
    assert!(api.events(&sid).await.is_empty());
    let good = json!({"events": [{"type": "user.message", "content": text}, {"type": "system.message", "content": text}]});
    assert_eq!(api.post(&format!("/v1/sessions/{sid}/events"), good).await.0, 200);
}

#[tokio::test]
async fn budget_pauses_between_requests_and_a_raise_resumes() {
    let api = sim(TypingSpeed::Instant).await;
    let (_, agent) = api.post("/v1/agents", json!({"name": "B", "model": "claude-sonnet-4-6", "tools": [{"type": "agent_toolset_20260401"}]})).await;
    let (_, env) = api.post("/v1/environments", json!({"name": "b"})).await;
    let budget = |cents: &str| json!({"type": "limit", "max_list_cost": {"amount": cents, "currency": "USD"}});
    let (status, session) = api
        .post(
            "/v1/sessions",
            json!({"agent": agent["id"], "environment_id": env["id"], "budget": budget("1")}),
        )
        .await;
    assert_eq!(status, 200, "{session}");
    let sid = session["id"].as_str().unwrap();
    let mut stream = api.stream(sid, "").await;
    api.say(sid, "fix the failing test").await;
    let seen = stream.until_idle().await;
    let n = seen.len();
    assert_eq!(
        types(&seen[n - 3..]),
        ["session.thread_status_idle", "session.usage", "session.status_idle"]
    );
    assert_eq!(seen[n - 1]["stop_reason"]["type"], "budget_reached");
    assert_eq!(seen[n - 2]["budget"], budget("1"));
    let text = json!([{"type": "text", "text": "more"}]);
    let (status, error) = api
        .post(
            &format!("/v1/sessions/{sid}/events"),
            json!({"events": [{"type": "user.message", "content": text}]}),
        )
        .await;
    assert_eq!(
        (status.as_u16(), error["error"]["details"]["error_code"].as_str()),
        (400, Some("budget_reached"))
    );
    assert_eq!(
        api.post(&format!("/v1/sessions/{sid}"), json!({"budget": budget("1")})).await.0,
        400
    );
    assert_eq!(
        api.post(&format!("/v1/sessions/{sid}"), json!({"budget": budget("500")})).await.0,
        200
    );
    let rest = stream.until_idle().await;
    assert_eq!(rest.last().unwrap()["stop_reason"]["type"], "end_turn");
    assert!(types(&rest).contains(&"session.status_running"));
}

#[tokio::test]
async fn define_outcome_starts_work_and_is_graded() {
    let api = sim(TypingSpeed::Instant).await;
    let sid = api.session().await;
    let mut stream = api.stream(&sid, "").await;
    let outcome = json!({"type": "user.define_outcome", "description": "Tests pass", "rubric": {"type": "text", "content": "- pytest exits 0"}});
    let (_, sent) =
        api.post(&format!("/v1/sessions/{sid}/events"), json!({"events": [outcome]})).await;
    let outcome_id = sent["data"][0]["outcome_id"].clone();
    assert!(outcome_id.as_str().unwrap().starts_with("outc_"));
    assert_eq!(sent["data"][0]["max_iterations"], 3);
    let seen = stream.until_idle().await;
    let start = seen.iter().find(|e| e["type"] == "span.outcome_evaluation_start").unwrap();
    let end = seen.iter().find(|e| e["type"] == "span.outcome_evaluation_end").unwrap();
    assert_eq!(end["outcome_evaluation_start_id"], start["id"]);
    assert_eq!(end["result"], "satisfied");
    let (_, session) = api.get(&format!("/v1/sessions/{sid}")).await;
    assert_eq!(session["outcome_evaluations"][0]["outcome_id"], outcome_id);
    assert_eq!(session["outcome_evaluations"][0]["result"], "satisfied");
}

#[tokio::test]
async fn archived_vaults_and_agents_cannot_back_new_sessions() {
    let api = sim(TypingSpeed::Instant).await;
    let (_, agent) =
        api.post("/v1/agents", json!({"name": "V", "model": "claude-haiku-4-5"})).await;
    let (_, env) = api.post("/v1/environments", json!({"name": "v"})).await;
    let (_, vault) = api.post("/v1/vaults", json!({"display_name": "v"})).await;
    let vid = vault["id"].as_str().unwrap();
    api.post(&format!("/v1/vaults/{vid}/archive"), json!({})).await;
    let create = json!({"agent": agent["id"], "environment_id": env["id"], "vault_ids": [vid]});
    assert_eq!(api.post("/v1/sessions", create).await.0, 400);
    let aid = agent["id"].as_str().unwrap();
    api.post(&format!("/v1/agents/{aid}/archive"), json!({})).await;
    assert_eq!(
        api.post("/v1/sessions", json!({"agent": aid, "environment_id": env["id"]})).await.0,
        400
    );
}

#[tokio::test]
async fn thread_stream_follows_one_thread() {
    let api = sim(TypingSpeed::Instant).await;
    let sid = api.session().await;
    let (_, threads) = api.get(&format!("/v1/sessions/{sid}/threads")).await;
    let primary = threads["data"][0]["id"].as_str().unwrap().to_owned();
    assert!(primary.starts_with("sthr_"));
    let res = api
        .http
        .get(api.url(&format!("/v1/sessions/{sid}/threads/{primary}/stream")))
        .header("x-api-key", "k")
        .header("anthropic-beta", "managed-agents-2026-04-01")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    api.say(&sid, "hello").await;
    use futures_util::StreamExt;
    let mut body = res.bytes_stream();
    let mut text = String::new();
    while !text.contains("session.status_idle") {
        text.push_str(&String::from_utf8_lossy(&body.next().await.unwrap().unwrap()));
    }
    assert!(text.contains("event: agent.message"));
    let bad = api
        .http
        .get(api.url(&format!("/v1/sessions/{sid}/threads/sthr_nope/stream")))
        .header("x-api-key", "k")
        .header("anthropic-beta", "managed-agents-2026-04-01")
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 404);
}

#[tokio::test]
async fn self_hosted_tools_wait_for_the_clients_tool_result() {
    let api = sim(TypingSpeed::Instant).await;
    let (_, agent) = api.post("/v1/agents", json!({"name": "S", "model": "claude-haiku-4-5", "tools": [{"type": "agent_toolset_20260401"}]})).await;
    let (_, env) =
        api.post("/v1/environments", json!({"name": "s", "config": {"type": "self_hosted"}})).await;
    let (_, session) =
        api.post("/v1/sessions", json!({"agent": agent["id"], "environment_id": env["id"]})).await;
    let sid = session["id"].as_str().unwrap();
    let mut stream = api.stream(sid, "").await;
    api.say(sid, "fix the bug").await;
    let seen = stream.until_idle().await;
    let idle = seen.last().unwrap();
    assert_eq!(idle["stop_reason"]["type"], "requires_action");
    assert!(!seen.iter().any(|e| e["type"] == "agent.tool_result"), "the sandbox is the client's");
    let use_id = idle["stop_reason"]["event_ids"][0].clone();
    let result = json!({"events": [{"type": "user.tool_result", "tool_use_id": use_id, "content": [{"type": "text", "text": "ok"}]}]});
    assert_eq!(api.post(&format!("/v1/sessions/{sid}/events"), result.clone()).await.0, 200);
    let next = stream.until_idle().await;
    assert_eq!(next[0]["type"], "user.tool_result");
    assert_eq!(
        api.post(&format!("/v1/sessions/{sid}/events"), result).await.0,
        400,
        "answered twice"
    );
}
