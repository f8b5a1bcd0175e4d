//! Which inputs a session accepts, and when: initial events, idle interrupts, `system.message`
//! placement, and the budget cap.

use managed_agents_sim::TypingSpeed;
use serde_json::json;

use crate::support::{sim, types};

#[tokio::test]
async fn initial_events_start_running_and_the_alias_stream_and_idle_interrupt() {
    let api = sim(TypingSpeed::Instant).await;
    let (_, agent) = api
        .post(
            "/v1/agents",
            json!({"name": "I", "model": "claude-haiku-4-5"}),
        )
        .await;
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
    assert_eq!(
        api.get(&format!("/v1/sessions/{sid}")).await.1["status"],
        "idle"
    );
}

#[tokio::test]
async fn system_message_must_be_last_and_bad_batches_change_nothing() {
    let api = sim(TypingSpeed::Instant).await;
    let sid = api.session().await;
    let text = json!([{"type": "text", "text": "x"}]);
    let bad = json!({"events": [{"type": "system.message", "content": text}, {"type": "user.message", "content": text}]});
    assert_eq!(
        api.post(&format!("/v1/sessions/{sid}/events"), bad).await.0,
        400
    );
    assert!(api.events(&sid).await.is_empty());
    let good = json!({"events": [{"type": "user.message", "content": text}, {"type": "system.message", "content": text}]});
    assert_eq!(
        api.post(&format!("/v1/sessions/{sid}/events"), good)
            .await
            .0,
        200
    );
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
        [
            "session.thread_status_idle",
            "session.usage",
            "session.status_idle"
        ]
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
        (
            status.as_u16(),
            error["error"]["details"]["error_code"].as_str()
        ),
        (400, Some("budget_reached"))
    );
    assert_eq!(
        api.post(
            &format!("/v1/sessions/{sid}"),
            json!({"budget": budget("1")})
        )
        .await
        .0,
        400
    );
    assert_eq!(
        api.post(
            &format!("/v1/sessions/{sid}"),
            json!({"budget": budget("500")})
        )
        .await
        .0,
        200
    );
    let rest = stream.until_idle().await;
    assert_eq!(rest.last().unwrap()["stop_reason"]["type"], "end_turn");
    assert!(types(&rest).contains(&"session.status_running"));
}
