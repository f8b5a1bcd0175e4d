//! Our client against our simulator: what the app does for every session of the Demo profile.
//! No window here, so these run in the ordinary `cargo test`.

use std::time::Duration;

use futures_util::StreamExt;
use managed_agents::types::{
    ContentBlock, CreateAgentRequest, CreateEnvironmentRequest, CreateSessionRequest, EventParams,
    ListEventsQuery, SendEventsRequest, SessionEvent, Tool,
};
use managed_agents::{Client, Config, ConnectionState, FeedConfig, FeedItem};
use managed_agents_sim::{Faults, SimConfig, TypingSpeed};
use serde_json::json;

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

/// How long a whole demo turn may take, reconnects included, before the test gives up.
const TURN_LIMIT: Duration = Duration::from_secs(60);

#[tokio::test]
async fn a_demo_turn_arrives_whole_and_in_order_while_the_stream_keeps_dropping() -> Result {
    let faults = Faults { cut_stream_after_events: Some(7), ..Faults::default() };
    let sim = managed_agents_sim::start(SimConfig {
        typing: TypingSpeed::Instant,
        faults,
        ..SimConfig::default()
    })
    .await?;
    let client = Client::new(Config::new("demo-key").with_base_url(sim.base_url()))?;

    let toolset = Tool::AgentToolset20260401 {
        default_config: Some(
            json!({ "enabled": true, "permission_policy": { "type": "always_allow" } }),
        ),
        configs: None,
        extra: Default::default(),
    };
    let agent = CreateAgentRequest {
        tools: Some(vec![toolset]),
        ..CreateAgentRequest::new("Coder", "claude-sonnet-4-6")
    };
    let agent = client.agents().create(&agent).await?;
    let environment = client
        .environments()
        .create(&CreateEnvironmentRequest { name: "sandbox".into(), ..Default::default() })
        .await?;
    let session =
        client.sessions().create(&CreateSessionRequest::new(&agent.id, &environment.id)).await?;

    let mut feed = client.feed(session.id.clone(), FeedConfig::default());
    let mut delivered: Vec<SessionEvent> = Vec::new();
    let mut reconnects = 0;
    let mut sent = false;
    let turn = async {
        while let Some(item) = feed.next().await {
            match item {
                FeedItem::State(ConnectionState::Connected) if !sent => {
                    sent = true;
                    let message = EventParams::UserMessage {
                        content: vec![ContentBlock::text("please fix the bug")],
                    };
                    client
                        .events(&session.id)
                        .send(&SendEventsRequest { events: vec![message] })
                        .await?;
                }
                FeedItem::State(ConnectionState::Reconnecting { .. }) => reconnects += 1,
                FeedItem::State(ConnectionState::Stopped { reason }) => {
                    return Err(format!("the feed stopped: {reason:?}").into());
                }
                FeedItem::Event(event) => {
                    let idle = event.event_type() == "session.status_idle";
                    delivered.push(event);
                    if idle {
                        return Ok(());
                    }
                }
                FeedItem::State(_) | FeedItem::Error(_) => {}
            }
        }
        Err::<(), Box<dyn std::error::Error>>("the feed ended".into())
    };
    tokio::time::timeout(TURN_LIMIT, turn).await??;
    drop(feed);

    // A user event may come twice (unprocessed, then processed): the app upserts by id.
    let mut ids: Vec<String> = Vec::new();
    for event in &delivered {
        let id = event.id().expect("every delivered event has an id").to_owned();
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    let mut history = Vec::new();
    let mut query = ListEventsQuery { limit: Some(10), ..ListEventsQuery::default() };
    loop {
        let page = client.events(&session.id).list(&query).await?;
        history.extend(page.data.iter().map(|e| e.id().unwrap_or_default().to_owned()));
        match page.next_page {
            Some(cursor) => query.page = Some(cursor),
            None => break,
        }
    }

    assert!(reconnects >= 1, "the stream was cut, so the feed must have reconnected");
    assert_eq!(ids, history, "the feed delivers the session's history exactly, in order");
    let types: Vec<&str> = delivered.iter().map(SessionEvent::event_type).collect();
    assert!(types.contains(&"agent.message"), "{types:?}");
    assert!(types.contains(&"agent.tool_use"), "{types:?}");
    let unknown = delivered.iter().filter(|e| matches!(e, SessionEvent::Unknown(_))).count();
    assert_eq!(unknown, 0, "every event the simulator emits is one the client knows");
    sim.shutdown().await;
    Ok(())
}

#[tokio::test]
async fn a_subagents_thread_feed_gives_its_own_transcript_whole_and_in_order() -> Result {
    let faults = Faults { cut_stream_after_events: Some(3), ..Faults::default() };
    let sim = managed_agents_sim::start(SimConfig {
        typing: TypingSpeed::Instant,
        faults,
        ..SimConfig::default()
    })
    .await?;
    let client = Client::new(Config::new("demo-key").with_base_url(sim.base_url()))?;
    let toolset = Tool::AgentToolset20260401 {
        default_config: Some(
            json!({ "enabled": true, "permission_policy": { "type": "always_allow" } }),
        ),
        configs: None,
        extra: Default::default(),
    };
    let agent = CreateAgentRequest {
        tools: Some(vec![toolset]),
        ..CreateAgentRequest::new("Coordinator", "claude-sonnet-4-6")
    };
    let agent = client.agents().create(&agent).await?;
    let environment = client
        .environments()
        .create(&CreateEnvironmentRequest { name: "sandbox".into(), ..Default::default() })
        .await?;
    let session =
        client.sessions().create(&CreateSessionRequest::new(&agent.id, &environment.id)).await?;
    let message =
        EventParams::UserMessage { content: vec![ContentBlock::text("Get the team on it")] };
    client.events(&session.id).send(&SendEventsRequest { events: vec![message] }).await?;

    // The "team" script: wait for its first subagent's thread to finish its part.
    let query = managed_agents::types::ListThreadsQuery::default();
    let researcher = tokio::time::timeout(TURN_LIMIT, async {
        loop {
            let threads = client.sessions().threads(&session.id).list(&query).await?;
            let found = threads.data.into_iter().find(|t| t.agent["name"] == "Researcher");
            if let Some(thread) = found.filter(|t| t.status.as_str() == "idle") {
                return Ok::<_, Box<dyn std::error::Error>>(thread.id);
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await??;

    let mut feed =
        client.thread_feed(session.id.clone(), researcher.clone(), FeedConfig::default());
    let mut ids: Vec<String> = Vec::new();
    let read = async {
        while let Some(item) = feed.next().await {
            match item {
                FeedItem::State(ConnectionState::Connected) => return Ok(()),
                FeedItem::State(ConnectionState::Stopped { reason }) => {
                    return Err(format!("the feed stopped: {reason:?}").into());
                }
                FeedItem::Event(event) => ids.push(event.id().unwrap_or_default().to_owned()),
                _ => {}
            }
        }
        Err::<(), Box<dyn std::error::Error>>("the feed ended".into())
    };
    tokio::time::timeout(TURN_LIMIT, read).await??;
    drop(feed);

    let listed = client.thread_events(&session.id, &researcher).list(&Default::default()).await?;
    let listed: Vec<String> =
        listed.data.iter().map(|e| e.id().unwrap_or_default().to_owned()).collect();
    assert!(!listed.is_empty(), "the thread has a transcript of its own");
    assert_eq!(ids, listed, "the thread's feed gives its history exactly, in order");
    let primary = client.events(&session.id).list(&ListEventsQuery::default()).await?;
    assert!(
        primary.data.iter().all(|e| e.event_type() != "span.model_request_start"
            || !ids.contains(&e.id().unwrap_or_default().to_owned())),
        "the thread's model requests are its own, not the primary's"
    );
    sim.shutdown().await;
    Ok(())
}
