//! The inbox's read of what a session waits on, against the simulator.

use std::time::Duration;

use managed_agents::types::{
    ContentBlock, CreateAgentRequest, CreateEnvironmentRequest, CreateSessionRequest, EventParams,
    SendEventsRequest, SessionEvent, SessionStatus, Tool,
};
use managed_agents::{ApiKey, Client, Config};
use managed_agents_sim::{SimConfig, SimHandle, TypingSpeed};
use serde_json::json;

use super::pending_calls;

async fn simulator() -> (SimHandle, Client) {
    let config = SimConfig { typing: TypingSpeed::CharsPerSecond(20_000), ..SimConfig::default() };
    let sim = managed_agents_sim::start(config).await.unwrap();
    let client =
        Client::new(Config { base_url: sim.base_url(), ..Config::new(ApiKey::new("k")) }).unwrap();
    (sim, client)
}

/// A session of an agent whose every built-in call asks first, started with `text`.
async fn asking_session(client: &Client, text: &str) -> String {
    let toolset = Tool::AgentToolset20260401 {
        default_config: Some(
            json!({ "enabled": true, "permission_policy": { "type": "always_ask" } }),
        ),
        configs: None,
        extra: Default::default(),
    };
    let agent = CreateAgentRequest {
        tools: Some(vec![toolset]),
        ..CreateAgentRequest::new("Coordinator", "claude-sonnet-4-6")
    };
    let agent = client.agents().create(&agent).await.unwrap();
    let environment = CreateEnvironmentRequest { name: "box".into(), ..Default::default() };
    let environment = client.environments().create(&environment).await.unwrap();
    let request = CreateSessionRequest::new(&agent.id, &environment.id);
    let id = client.sessions().create(&request).await.unwrap().id;
    let message = EventParams::UserMessage { content: vec![ContentBlock::text(text)] };
    client.events(&id).send(&SendEventsRequest { events: vec![message] }).await.unwrap();
    id
}

/// Waits until the session rests, and returns what it waits on then.
async fn once_idle(client: &Client, id: &str) -> super::PendingCalls {
    let read = async {
        loop {
            let pending = pending_calls(client, id).await.unwrap();
            if pending.session.status == SessionStatus::Idle {
                return pending;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    };
    tokio::time::timeout(Duration::from_secs(30), read).await.expect("the session comes to rest")
}

fn tool_name(event: &SessionEvent) -> &str {
    match event {
        SessionEvent::AgentToolUse(e) => &e.name,
        SessionEvent::AgentMcpToolUse(e) => &e.name,
        SessionEvent::AgentCustomToolUse(e) => &e.name,
        other => panic!("not a tool call: {other:?}"),
    }
}

#[tokio::test]
async fn a_waiting_session_lists_the_calls_its_idle_event_names() {
    let (_sim, client) = simulator().await;
    let id = asking_session(&client, "Deploy to staging").await;
    let pending = once_idle(&client, &id).await;
    let ids: Vec<&str> = pending.calls.iter().filter_map(|c| c.event.id()).collect();
    let named = super::waited_on(&client, &id).await.unwrap();
    assert!(!named.is_empty(), "the approvals script stops at a call that asks");
    assert_eq!(ids, named, "every named call, in the idle event's order");
    assert!(pending.calls.iter().all(|c| c.thread_agent.is_none()), "the primary thread's");
    assert_eq!(tool_name(&pending.calls[0].event), "bash");
}

#[tokio::test]
async fn a_subagents_call_names_its_agent() {
    let (_sim, client) = simulator().await;
    let id = asking_session(&client, "Get the team on it").await;
    let pending = once_idle(&client, &id).await;
    let call = pending.calls.first().expect("a subagent's call waits");
    assert_eq!(call.thread_agent.as_deref(), Some("Researcher"));
}

#[tokio::test]
async fn an_answered_session_waits_on_nothing() {
    let (_sim, client) = simulator().await;
    let id = asking_session(&client, "hello").await;
    let pending = once_idle(&client, &id).await;
    assert!(pending.calls.is_empty(), "a turn that ended asks for nothing: {pending:?}");
}

#[tokio::test]
async fn a_deleted_session_is_an_error_the_inbox_can_name() {
    let (_sim, client) = simulator().await;
    let id = asking_session(&client, "Deploy to staging").await;
    once_idle(&client, &id).await;
    client.sessions().delete(&id).await.unwrap();
    let error = pending_calls(&client, &id).await.unwrap_err();
    assert_eq!(error.status(), Some(404));
}
