//! The inbox's read of what a session waits on, against the simulator.

use std::sync::Arc;
use std::time::Duration;

use managed_agents::Client;
use managed_agents::types::{SessionEvent, SessionStatus};
use managed_agents_sim::SimHandle;

use super::pending_calls;
use crate::test_sim::{asking_agent, client_of, session, sim_config};

async fn simulator() -> (SimHandle, Arc<Client>) {
    let sim = managed_agents_sim::start(sim_config()).await.unwrap();
    let client = client_of(&sim);
    (sim, client)
}

/// A session of an agent whose every built-in call asks first, started with `text`.
async fn asking_session(client: &Client, text: &str) -> String {
    let seeded = asking_agent(client, "Coordinator").await;
    session(client, &seeded, Some(text)).await
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
