//! The session state machine, one test per rule.

use managed_agents_sim::TypingSpeed;
use serde_json::{Value, json};

use crate::support::{sim, types};

#[tokio::test]
async fn starts_idle_runs_on_input_echoes_and_ends_with_idle_and_usage() {
    let api = sim(TypingSpeed::Instant).await;
    let sid = api.session().await;
    assert_eq!(api.get(&format!("/v1/sessions/{sid}")).await.1["status"], "idle");
    let mut stream = api.stream(&sid, "").await;
    let echo = api.say(&sid, "fix the failing test").await;
    assert!(echo["id"].as_str().unwrap().starts_with("sevt_"));
    assert!(echo["processed_at"].is_string(), "{echo}");
    let seen = stream.until_idle().await;
    let t = types(&seen);
    assert_eq!(t[0], "user.message");
    assert_eq!(seen[0]["id"], echo["id"]);
    assert_eq!(t[1], "session.status_running");
    assert!(
        t.contains(&"span.model_request_start")
            && t.contains(&"agent.tool_use")
            && t.contains(&"agent.tool_result")
    );
    assert_eq!(t[t.len() - 2], "session.usage");
    assert_eq!(seen.last().unwrap()["stop_reason"]["type"], "end_turn");
    let session = api.get(&format!("/v1/sessions/{sid}")).await.1;
    assert_eq!(session["status"], "idle");
    assert!(session["usage"]["input_tokens"].as_u64().unwrap() > 0);
    assert_ne!(session["usage"]["list_cost"]["amount"], "0");
}

#[tokio::test]
async fn stream_delivers_only_events_after_it_attaches() {
    let api = sim(TypingSpeed::Instant).await;
    let sid = api.session().await;
    let mut first = api.stream(&sid, "").await;
    api.say(&sid, "hello").await;
    first.until_idle().await;
    let mut late = api.stream(&sid, "").await;
    let echo = api.say(&sid, "hello again").await;
    let seen = late.until_idle().await;
    assert_eq!(
        seen[0]["id"], echo["id"],
        "the late stream must start with the new echo, not a replay"
    );
    assert!(api.events(&sid).await.len() > seen.len());
}

#[tokio::test]
async fn queued_inputs_run_in_order_and_interrupt_jumps_the_queue() {
    let api = sim(TypingSpeed::CharsPerSecond(400)).await;
    let sid = api.session().await;
    let mut stream = api.stream(&sid, "").await;
    let first = api.say(&sid, "run the long job").await;
    let second = api.say(&sid, "hello").await;
    assert!(second["processed_at"].is_null(), "a queued input is not processed yet: {second}");
    stream.until(|e| e["type"] == "agent.tool_use").await;
    let (_, interrupt) = api
        .post(
            &format!("/v1/sessions/{sid}/events"),
            json!({"events": [{"type": "user.interrupt"}]}),
        )
        .await;
    let interrupt_id = interrupt["data"][0]["id"].clone();
    let seen = stream.until(|e| e["id"] == second["id"]).await;
    let interrupt_at = seen.iter().position(|e| e["id"] == interrupt_id).expect("interrupt echoed");
    let idle = seen.iter().position(|e| e["type"] == "session.status_idle");
    assert!(idle.is_none() || idle > Some(interrupt_at));
    let rest = stream.until_idle().await;
    assert_eq!(rest.last().unwrap()["stop_reason"]["type"], "end_turn");
    let all = api.events(&sid).await;
    let pos = |id: &serde_json::Value| all.iter().position(|e| e["id"] == *id).unwrap();
    assert!(pos(&first["id"]) < pos(&interrupt_id) && pos(&interrupt_id) < pos(&second["id"]));
    assert!(
        all.iter().filter(|e| e["type"] == "agent.tool_use").count() < 100,
        "the long job was cut short"
    );
}

fn ask_bash() -> serde_json::Value {
    json!([{"type": "agent_toolset_20260401", "configs": [{"name": "bash", "permission_policy": {"type": "always_ask"}}]}])
}

#[tokio::test]
async fn always_ask_blocks_partial_answer_reemits_and_deny_never_runs() {
    let api = sim(TypingSpeed::Instant).await;
    let sid = api.session_with_tools(ask_bash()).await;
    let mut stream = api.stream(&sid, "").await;
    api.say(&sid, "deploy to staging").await;
    let seen = stream.until_idle().await;
    let idle = seen.last().unwrap();
    assert_eq!(idle["stop_reason"]["type"], "requires_action");
    let ids: Vec<String> = idle["stop_reason"]["event_ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids.len(), 2);
    for id in &ids {
        let use_event = seen.iter().find(|e| e["id"] == id.as_str()).unwrap();
        assert_eq!(use_event["evaluated_permission"], "ask");
        assert_eq!(use_event["evaluation"]["type"], "always_ask");
    }
    assert!(!seen.iter().any(|e| e["type"] == "agent.tool_result"), "nothing runs before approval");
    assert_eq!(api.get(&format!("/v1/sessions/{sid}")).await.1["status"], "idle");
    let confirm = |id: &str, result: &str| json!({"events": [{"type": "user.tool_confirmation", "tool_use_id": id, "result": result, "deny_message": "not today"}]});
    api.post(&format!("/v1/sessions/{sid}/events"), confirm(&ids[0], "allow")).await;
    let again = stream.until_idle().await;
    assert_eq!(again.last().unwrap()["stop_reason"]["event_ids"], json!([ids[1]]));
    api.post(&format!("/v1/sessions/{sid}/events"), json!({"events": [{"type": "user.tool_confirmation", "tool_use_id": ids[1], "result": "deny", "deny_message": "not today"}]})).await;
    let done = stream.until_idle().await;
    assert!(types(&done).contains(&"session.status_running"));
    let result_for = |id: &str| {
        done.iter()
            .find(|e| e["type"] == "agent.tool_result" && e["tool_use_id"] == id)
            .cloned()
            .unwrap()
    };
    assert_eq!(result_for(&ids[0])["is_error"], false);
    let denied = result_for(&ids[1]);
    assert_eq!(denied["is_error"], true);
    assert!(denied["content"][0]["text"].as_str().unwrap().contains("not today"));
    assert_eq!(done.last().unwrap()["stop_reason"]["type"], "end_turn");
    let (status, _) =
        api.post(&format!("/v1/sessions/{sid}/events"), confirm(&ids[0], "allow")).await;
    assert_eq!(status, 400, "a confirmation for an event that is not pending is refused");
}

#[tokio::test]
async fn auto_policy_asks() {
    let api = sim(TypingSpeed::Instant).await;
    let sid = api.session_with_tools(json!([{"type": "agent_toolset_20260401", "default_config": {"permission_policy": {"type": "auto"}}}])).await;
    let mut stream = api.stream(&sid, "").await;
    api.say(&sid, "fix the bug").await;
    let seen = stream.until_idle().await;
    let use_event = seen.iter().find(|e| e["type"] == "agent.tool_use").unwrap();
    assert_eq!(use_event["evaluated_permission"], "ask");
    assert_eq!(use_event["evaluation"]["evaluated_permission"]["type"], "ask");
    assert_eq!(seen.last().unwrap()["stop_reason"]["type"], "requires_action");
}

#[tokio::test]
async fn custom_tool_waits_for_its_result() {
    let api = sim(TypingSpeed::Instant).await;
    let tools = json!([{"type": "custom", "name": "lookup_ticket", "description": "Look up a ticket", "input_schema": {"type": "object"}}]);
    let sid = api.session_with_tools(tools).await;
    let mut stream = api.stream(&sid, "").await;
    api.say(&sid, "look up the ticket").await;
    let seen = stream.until_idle().await;
    let call = seen.iter().find(|e| e["type"] == "agent.custom_tool_use").unwrap().clone();
    assert_eq!(seen.last().unwrap()["stop_reason"]["event_ids"], json!([call["id"]]));
    let (status, _) = api.post(&format!("/v1/sessions/{sid}/events"), json!({"events": [{"type": "user.custom_tool_result", "custom_tool_use_id": call["id"], "content": [{"type": "text", "text": "open"}]}]})).await;
    assert_eq!(status, 200);
    let rest = stream.until_idle().await;
    assert_eq!(rest[0]["type"], "user.custom_tool_result");
    assert_eq!(rest.last().unwrap()["stop_reason"]["type"], "end_turn");
}

#[tokio::test]
async fn disabled_tool_is_never_called() {
    let api = sim(TypingSpeed::Instant).await;
    let sid = api.session_with_tools(json!([{"type": "agent_toolset_20260401", "configs": [{"name": "bash", "enabled": false}]}])).await;
    let mut stream = api.stream(&sid, "").await;
    api.say(&sid, "fix the failing test").await;
    let seen = stream.until_idle().await;
    assert!(seen.iter().any(|e| e["type"] == "agent.tool_use"));
    assert!(!seen.iter().any(|e| e["type"] == "agent.tool_use" && e["name"] == "bash"));
}

#[tokio::test]
async fn agent_tools_update_only_while_not_running() {
    let api = sim(TypingSpeed::CharsPerSecond(200)).await;
    let sid = api.session().await;
    let mut stream = api.stream(&sid, "").await;
    api.say(&sid, "run the long job").await;
    stream.until(|e| e["type"] == "session.status_running").await;
    let update = json!({"agent": {"tools": []}});
    let (status, body) = api.post(&format!("/v1/sessions/{sid}"), update.clone()).await;
    assert_eq!(status, 400, "{body}");
    let (status, _) = api.delete(&format!("/v1/sessions/{sid}")).await;
    assert_eq!(status, 400, "deleting a running session is refused");
    let (status, _) = api.post(&format!("/v1/sessions/{sid}/archive"), json!({})).await;
    assert_eq!(status, 400, "archiving a running session is refused");
    api.post(
        &format!("/v1/sessions/{sid}/events"),
        json!({"events": [{"type": "user.interrupt"}]}),
    )
    .await;
    stream.until_idle().await;
    let (status, session) = api.post(&format!("/v1/sessions/{sid}"), update).await;
    assert_eq!(status, 200);
    assert_eq!(session["agent"]["tools"], json!([]));
    let updated = stream.until(|e| e["type"] == "session.updated").await;
    assert_eq!(updated.last().unwrap()["agent"]["tools"], json!([]));
}

#[tokio::test]
async fn archive_terminates_and_sending_then_conflicts() {
    let api = sim(TypingSpeed::Instant).await;
    let sid = api.session().await;
    let mut stream = api.stream(&sid, "").await;
    let (status, session) = api.post(&format!("/v1/sessions/{sid}/archive"), json!({})).await;
    assert_eq!(status, 200);
    assert_eq!(session["status"], "terminated");
    assert!(session["archived_at"].is_string());
    stream.until(|e| e["type"] == "session.status_terminated").await;
    let res = api.http.post(api.url(&format!("/v1/sessions/{sid}/events"))).header("x-api-key", "k").header("anthropic-beta", "managed-agents-2026-04-01")
        .json(&json!({"events": [{"type": "user.message", "content": [{"type": "text", "text": "hi"}]}]})).send().await.unwrap();
    assert_eq!(res.status(), 409);
    assert_eq!(res.headers()["x-should-retry"], "false");
}

#[tokio::test]
async fn delete_emits_session_deleted_and_closes_streams() {
    let api = sim(TypingSpeed::Instant).await;
    let sid = api.session().await;
    let mut stream = api.stream(&sid, "").await;
    let (status, body) = api.delete(&format!("/v1/sessions/{sid}")).await;
    assert_eq!((status.as_u16(), body["type"].as_str()), (200, Some("session_deleted")));
    assert_eq!(stream.next().await.unwrap()["type"], "session.deleted");
    assert!(stream.next().await.is_none(), "the stream ends after session.deleted");
    assert_eq!(api.get(&format!("/v1/sessions/{sid}")).await.0, 404);
}

#[tokio::test]
async fn usage_and_cost_accumulate_across_turns() {
    let api = sim(TypingSpeed::Instant).await;
    let sid = api.session().await;
    let mut stream = api.stream(&sid, "").await;
    api.say(&sid, "hello").await;
    let first = stream.until_idle().await;
    api.say(&sid, "research rust frameworks").await;
    let second = stream.until_idle().await;
    let usage = |events: &[serde_json::Value]| {
        events.iter().rev().find(|e| e["type"] == "session.usage").unwrap()["usage"].clone()
    };
    let (a, b) = (usage(&first), usage(&second));
    assert!(b["input_tokens"].as_u64() > a["input_tokens"].as_u64());
    assert_eq!(b["server_tool_use"]["web_search_requests"], 1);
    let cents =
        |u: &serde_json::Value| u["list_cost"]["amount"].as_str().unwrap().parse::<u64>().unwrap();
    assert!(cents(&b) > cents(&a), "{a} {b}");
}

#[tokio::test]
async fn deltas_preview_then_the_final_message_with_the_same_id() {
    let api = sim(TypingSpeed::Instant).await;
    let sid = api.session().await;
    let mut stream =
        api.stream(&sid, "?event_deltas[]=agent.message&event_deltas[]=agent.thinking").await;
    api.say(&sid, "fix the bug").await;
    let seen = stream.until_idle().await;
    let start = seen
        .iter()
        .position(|e| e["type"] == "event_start" && e["event"]["type"] == "agent.message")
        .unwrap();
    let id = seen[start]["event"]["id"].clone();
    let text: String = seen
        .iter()
        .filter(|e| e["type"] == "event_delta" && e["event_id"] == id)
        .map(|e| e["delta"]["content"]["text"].as_str().unwrap())
        .collect();
    let message = seen.iter().find(|e| e["type"] == "agent.message" && e["id"] == id).unwrap();
    assert_eq!(message["content"][0]["text"], text.as_str());
    assert!(
        seen.iter().any(|e| e["type"] == "event_start" && e["event"]["type"] == "agent.thinking")
    );
    assert!(
        !api.events(&sid)
            .await
            .iter()
            .any(|e| e["type"] == "event_start" || e["type"] == "event_delta")
    );
}

#[tokio::test]
async fn multi_agent_threads_and_failing_mcp_recovery() {
    let api = sim(TypingSpeed::Instant).await;
    let tools = json!([{"type": "agent_toolset_20260401"}, {"type": "mcp_toolset", "mcp_server_name": "github", "default_config": {"permission_policy": {"type": "always_allow"}}}]);
    let (_, agent) = api.post("/v1/agents", json!({"name": "M", "model": "claude-opus-4-6", "tools": tools, "mcp_servers": [{"type": "url", "name": "github", "url": "https://mcp.example/github"}]})).await;
    let (_, env) = api.post("/v1/environments", json!({"name": "m"})).await;
    let (_, session) =
        api.post("/v1/sessions", json!({"agent": agent["id"], "environment_id": env["id"]})).await;
    let sid = session["id"].as_str().unwrap();
    let mut stream = api.stream(sid, "").await;
    api.say(sid, "check the mcp server").await;
    let seen = stream.until_idle().await;
    let t = types(&seen);
    let error = seen.iter().find(|e| e["type"] == "session.error").unwrap();
    assert_eq!(error["error"]["retry_status"]["type"], "retrying");
    assert_eq!(error["error"]["mcp_server_name"], "github");
    assert!(t.contains(&"session.status_rescheduled") && t.contains(&"agent.mcp_tool_result"));
    api.say(sid, "get the team on it").await;
    let seen = stream.until_idle().await;
    let created: Vec<_> = seen.iter().filter(|e| e["type"] == "session.thread_created").collect();
    assert_eq!(created.len(), 2);
    let (_, threads) = api.get(&format!("/v1/sessions/{sid}/threads")).await;
    assert_eq!(threads["data"].as_array().unwrap().len(), 3);
    // Each subagent has its own transcript and ends idle, the second one too (it was once
    // dropped when the first went idle before it started).
    for created in &created {
        let tid = created["session_thread_id"].as_str().unwrap();
        let (_, child) = api.get(&format!("/v1/sessions/{sid}/threads/{tid}/events")).await;
        let events = child["data"].as_array().unwrap();
        assert!(events.iter().any(|e| e["type"] == "agent.message"));
        // Every model request it starts ends, naming its start.
        let starts: Vec<&Value> =
            events.iter().filter(|e| e["type"] == "span.model_request_start").collect();
        let ends: Vec<&Value> = events
            .iter()
            .filter(|e| e["type"] == "span.model_request_end")
            .map(|e| &e["model_request_start_id"])
            .collect();
        assert!(!starts.is_empty(), "{tid} makes model requests");
        assert_eq!(starts.iter().map(|e| &e["id"]).collect::<Vec<_>>(), ends, "{tid}");
        let idle = seen
            .iter()
            .any(|e| e["type"] == "session.thread_status_idle" && e["session_thread_id"] == tid);
        assert!(idle, "{tid} ends idle on the primary stream");
    }
    let listed = threads["data"].as_array().unwrap();
    assert!(listed.iter().all(|t| t["status"] == "idle"), "{listed:?}");
}
