//! What the tests against the simulator share: a quick simulator, a client for it, an agent
//! whose built-in calls ask first, and a session of it started with a message.

use std::sync::Arc;

use managed_agents::types::{
    ContentBlock, CreateAgentRequest, CreateEnvironmentRequest, CreateSessionRequest, EventParams,
    SendEventsRequest, Tool,
};
use managed_agents::{ApiKey, Client, Config};
use managed_agents_sim::{SimConfig, SimHandle, TypingSpeed};
use serde_json::json;

/// The simulator typing fast, so a turn takes milliseconds.
pub fn sim_config() -> SimConfig {
    SimConfig { typing: TypingSpeed::CharsPerSecond(20_000), ..SimConfig::default() }
}

pub fn client_of(sim: &SimHandle) -> Arc<Client> {
    let config = Config { base_url: sim.base_url(), ..Config::new(ApiKey::new("k")) };
    Arc::new(Client::new(config).unwrap())
}

/// An agent (named `name`) whose built-in calls all ask first, and an environment: their ids.
pub async fn asking_agent(client: &Client, name: &str) -> (String, String) {
    agent_with_policy(client, name, "always_ask").await
}

/// An agent whose built-in tools all have the permission `policy` (`always_ask`,
/// `always_allow`), and an environment: their ids.
pub async fn agent_with_policy(client: &Client, name: &str, policy: &str) -> (String, String) {
    let toolset = Tool::AgentToolset20260401 {
        default_config: Some(json!({ "enabled": true, "permission_policy": { "type": policy } })),
        configs: None,
        extra: Default::default(),
    };
    let agent = CreateAgentRequest {
        tools: Some(vec![toolset]),
        ..CreateAgentRequest::new(name, "claude-sonnet-4-6")
    };
    let agent = client.agents().create(&agent).await.unwrap();
    let environment = CreateEnvironmentRequest { name: "box".into(), ..Default::default() };
    let environment = client.environments().create(&environment).await.unwrap();
    (agent.id, environment.id)
}

/// A session of `seeded`'s agent in its environment, started with `text` when there is one.
pub async fn session(client: &Client, seeded: &(String, String), text: Option<&str>) -> String {
    let request = CreateSessionRequest::new(&seeded.0, &seeded.1);
    let id = client.sessions().create(&request).await.unwrap().id;
    if let Some(text) = text {
        let message = EventParams::UserMessage { content: vec![ContentBlock::text(text)] };
        client.events(&id).send(&SendEventsRequest { events: vec![message] }).await.unwrap();
    }
    id
}
