//! The Demo profile's API: the simulator, started in-process on loopback, with its state kept in
//! the app data directory so the demo's agents and sessions survive a restart.

use std::path::Path;
use std::time::Duration;

use managed_agents::types::{
    ContentBlock, CreateAgentRequest, CreateCredentialRequest, CreateEnvironmentRequest,
    CreateMemoryRequest, CreateMemoryStoreRequest, CreateSessionRequest, CreateVaultRequest,
    EventParams, FileUpload, SendEventsRequest, SessionStatus, Tool, UpdateMemoryRequest,
};
use managed_agents::{ApiKey, Client, Config};
use managed_agents_sim::{SimConfig, SimHandle, TypingSpeed};
use serde_json::json;

/// The snapshot file of the demo's state, in the app data directory.
pub const SNAPSHOT_FILE: &str = "demo.json";

/// The key the Demo profile sends: the simulator accepts any, a real API none like it.
pub const DEMO_KEY: &str = "agent-desk-demo";

/// Starts the simulator on `data_dir/demo.json`. A snapshot that cannot be read is moved aside
/// (so nothing is lost) and the demo starts empty rather than not at all.
pub async fn start(data_dir: &Path) -> std::io::Result<SimHandle> {
    let snapshot = data_dir.join(SNAPSHOT_FILE);
    if !snapshot.exists() {
        // The first start: something to try at once. Not fatal: an empty demo still works.
        if let Err(error) = seed(&snapshot).await {
            eprintln!("Agent Desk: the demo could not be set up with examples: {error}");
        }
    }
    let config = |snapshot| SimConfig { snapshot: Some(snapshot), ..SimConfig::default() };
    match managed_agents_sim::start(config(snapshot.clone())).await {
        Ok(sim) => Ok(sim),
        Err(error) if snapshot.exists() => {
            let aside = data_dir.join(format!("{SNAPSHOT_FILE}.unreadable"));
            eprintln!("Agent Desk: demo state unreadable ({error}); kept as {}", aside.display());
            std::fs::rename(&snapshot, &aside)?;
            managed_agents_sim::start(config(snapshot)).await
        }
        Err(error) => Err(error),
    }
}

/// The demo agent's name, and the example session's title.
pub const DEMO_AGENT: &str = "Demo agent";
pub const DEMO_ENVIRONMENT: &str = "Demo sandbox";
pub const EXAMPLE_SESSION: &str = "Example: research Rust web frameworks";
pub const DEMO_VAULT: &str = "Demo team";
pub const DEMO_MEMORY: &str = "Team notes";
pub const DEMO_FILE: &str = "traffic-sample.csv";
pub const DEMO_SKILL: &str = "Release notes";

/// A client of the demo's simulator, with the Demo's key.
fn client_for(sim: &SimHandle) -> Result<Client, managed_agents::Error> {
    Client::new(Config {
        base_url: sim.base_url(),
        ..Config::new(ApiKey::new(DEMO_KEY.to_owned()))
    })
}

/// Writes a first demo state to `snapshot`: an agent, an environment and one finished session.
/// It runs on a simulator of its own, typing fast (the turn takes well under a second, yet its
/// model requests and tool calls have durations), so the example is finished before the demo
/// the person sees starts on the same file.
async fn seed(snapshot: &Path) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let config = SimConfig {
        snapshot: Some(snapshot.to_owned()),
        typing: TypingSpeed::CharsPerSecond(20_000),
        ..SimConfig::default()
    };
    let sim = managed_agents_sim::start(config).await?;
    let client = client_for(&sim)?;
    // Reading and searching run at once; anything that changes files or runs commands asks
    // first, so the approvals script has something to ask.
    let ask = json!({ "type": "always_ask" });
    let toolset = Tool::AgentToolset20260401 {
        default_config: Some(
            json!({ "enabled": true, "permission_policy": { "type": "always_allow" } }),
        ),
        configs: Some(
            ["bash", "edit", "write"]
                .iter()
                .map(|name| json!({ "name": name, "permission_policy": ask }))
                .collect(),
        ),
        extra: Default::default(),
    };
    let agent = CreateAgentRequest {
        description: Some(
            "The demo's scripted agent: no model, no network. Reads and searches freely, asks \
             before it runs a command or changes a file."
                .into(),
        ),
        system: Some("You are a careful engineer. Be brief.".into()),
        tools: Some(vec![toolset]),
        ..CreateAgentRequest::new(DEMO_AGENT, "claude-sonnet-4-6")
    };
    let agent = client.agents().create(&agent).await?;
    let environment =
        CreateEnvironmentRequest { name: DEMO_ENVIRONMENT.into(), ..Default::default() };
    let environment = client.environments().create(&environment).await?;
    seed_vault(&client).await?;
    seed_memory(&client).await?;
    seed_file(&client).await?;
    seed_skill(&client).await?;
    let request = CreateSessionRequest {
        title: Some(EXAMPLE_SESSION.into()),
        ..CreateSessionRequest::new(&agent.id, &environment.id)
    };
    let session = client.sessions().create(&request).await?;
    let message = EventParams::UserMessage {
        content: vec![ContentBlock::text("Research Rust web frameworks")],
    };
    client.events(&session.id).send(&SendEventsRequest { events: vec![message] }).await?;
    // Give it ten seconds on a busy machine.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        let now = client.sessions().retrieve(&session.id).await?;
        let finished = now.status == SessionStatus::Idle && now.usage.output_tokens.is_some();
        if finished || tokio::time::Instant::now() > deadline {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    sim.shutdown().await;
    Ok(())
}

/// A vault with one credential of two kinds, so the Vaults section has something to show. The
/// secrets are sample text; the simulator keeps none of them anyway.
async fn seed_vault(client: &Client) -> Result<(), managed_agents::Error> {
    let vault = CreateVaultRequest { display_name: DEMO_VAULT.into(), metadata: None };
    let vault = client.vaults().create(&vault).await?;
    let credentials = client.vaults().credentials(&vault.id);
    let samples = [
        (
            "Issue tracker (sample)",
            json!({"type": "static_bearer", "mcp_server_url": "https://mcp.example.com/issues",
                "token": "demo-sample-token"}),
        ),
        (
            "Deploy token (sample)",
            json!({"type": "environment_variable", "secret_name": "DEPLOY_TOKEN",
                "secret_value": "demo-sample-secret",
                "networking": {"type": "limited", "allowed_hosts": ["deploy.example.com"]}}),
        ),
    ];
    for (name, auth) in samples {
        let request =
            CreateCredentialRequest { auth, display_name: Some(name.into()), metadata: None };
        credentials.create(&request).await?;
    }
    Ok(())
}

/// An uploaded file, so the Files section has one to preview and a session one to mount.
async fn seed_file(client: &Client) -> Result<(), managed_agents::Error> {
    let csv = "date,requests,p95_ms,errors\n\
               2026-12-01,18230,212,3\n2026-12-02,19114,198,1\n2026-12-03,21877,240,7\n\
               2026-12-04,20340,205,2\n2026-12-05,16402,189,0\n";
    let file = FileUpload {
        filename: DEMO_FILE.into(),
        mime_type: "text/csv".into(),
        bytes: csv.as_bytes().to_vec(),
    };
    client.files().upload(file, None).await?;
    Ok(())
}

/// A custom skill with one version, so the Skills section has one of the workspace's own.
async fn seed_skill(client: &Client) -> Result<(), managed_agents::Error> {
    let skill_md = "---\nname: release-notes\ndescription: Writes release notes from merged pull \
                    requests, grouped by kind. Use when asked for a changelog.\n---\n\
                    # Release notes\n\nList the merged pull requests since the last tag, group \
                    them as Added, Changed and Fixed, and write one line each.\n";
    let file = FileUpload {
        filename: "release-notes/SKILL.md".into(),
        mime_type: "text/markdown".into(),
        bytes: skill_md.as_bytes().to_vec(),
    };
    client.skills().create(vec![file], Some(DEMO_SKILL)).await?;
    Ok(())
}

/// A memory store with a few notes, one of them changed once, so the Memory section has
/// folders, memories and versions to show.
async fn seed_memory(client: &Client) -> Result<(), managed_agents::Error> {
    let store = CreateMemoryStoreRequest {
        name: DEMO_MEMORY.into(),
        description: Some("What the team's agents should remember between sessions.".into()),
        metadata: None,
    };
    let store = client.memory_stores().create(&store).await?;
    let memories = client.memory_stores().memories(&store.id);
    let notes = [
        ("/preferences/style.md", "# Style\n\n- Short commit messages.\n- Tests first.\n"),
        ("/projects/agent-desk.md", "# Agent Desk\n\nRust + Tauri backend, Svelte web view.\n"),
        ("/people/reviewers.md", "Ask Ada for Rust reviews, Lin for the web view.\n"),
    ];
    let mut first = None;
    for (path, content) in notes {
        let request = CreateMemoryRequest { path: path.into(), content: Some(content.into()) };
        let memory = memories.create(&request, Some("basic")).await?;
        first.get_or_insert(memory.id);
    }
    if let Some(id) = first {
        let change = UpdateMemoryRequest {
            content: Some(Some(
                "# Style\n\n- Short commit messages.\n- Tests first.\n- No force pushes.\n".into(),
            )),
            ..Default::default()
        };
        memories.update(&id, &change, Some("basic")).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[tokio::test]
    async fn a_damaged_demo_state_is_set_aside_and_the_demo_starts() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(super::SNAPSHOT_FILE), "{ not json").unwrap();
        let sim = super::start(dir.path()).await.unwrap();
        assert!(sim.base_url().starts_with("http://127.0.0.1:"));
        let aside = std::fs::read_to_string(dir.path().join("demo.json.unreadable")).unwrap();
        assert_eq!(aside, "{ not json");
        sim.shutdown().await;
    }

    #[tokio::test]
    async fn the_first_demo_has_an_agent_an_environment_a_vault_memory_and_a_finished_example() {
        use managed_agents::types::{ListAgentsQuery, ListEnvironmentsQuery, ListSessionsQuery};
        let dir = tempfile::tempdir().unwrap();
        let sim = super::start(dir.path()).await.unwrap();
        let client = super::client_for(&sim).unwrap();
        let agents = client.agents().list(&ListAgentsQuery::default()).await.unwrap().data;
        assert_eq!(agents.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(), [super::DEMO_AGENT]);
        let environments =
            client.environments().list(&ListEnvironmentsQuery::default()).await.unwrap().data;
        assert_eq!(environments.len(), 1);
        let sessions = client.sessions().list(&ListSessionsQuery::default()).await.unwrap().data;
        assert_eq!(sessions.len(), 1);
        assert_eq!(sessions[0].title, Some(Some(super::EXAMPLE_SESSION.to_owned())));
        assert_eq!(sessions[0].status, managed_agents::types::SessionStatus::Idle);
        let events = client.events(&sessions[0].id).list(&Default::default()).await.unwrap().data;
        let kinds: Vec<&str> = events.iter().map(|e| e.event_type()).collect();
        assert!(kinds.contains(&"agent.message"), "{kinds:?}");
        assert_eq!(kinds.last(), Some(&"session.status_idle"), "finished: {kinds:?}");
        let vaults = client.vaults().list(&Default::default()).await.unwrap().data;
        assert_eq!(
            vaults.iter().map(|v| v.display_name.as_str()).collect::<Vec<_>>(),
            [super::DEMO_VAULT]
        );
        let credentials = client
            .vaults()
            .credentials(&vaults[0].id)
            .list(&Default::default())
            .await
            .unwrap()
            .data;
        assert_eq!(credentials.len(), 2, "a sample of two kinds");
        let stores = client.memory_stores().list(&Default::default()).await.unwrap().data;
        assert_eq!(
            stores.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(),
            [super::DEMO_MEMORY]
        );
        sim.shutdown().await;

        // A second start keeps what the person did: no second example.
        let sim = super::start(dir.path()).await.unwrap();
        let client = super::client_for(&sim).unwrap();
        let sessions = client.sessions().list(&ListSessionsQuery::default()).await.unwrap().data;
        assert_eq!(sessions.len(), 1);
        // The sample file, its content kept beside the snapshot across the restart.
        let files = client.files().list(&Default::default()).await.unwrap().data;
        assert_eq!(
            files.iter().map(|f| f.filename.as_str()).collect::<Vec<_>>(),
            [super::DEMO_FILE]
        );
        let content = client.files().download(&files[0].id).await.unwrap();
        assert!(content.starts_with(b"date,requests,p95_ms,errors\n2026-12-01,"), "{content:?}");
        assert!(dir.path().join("demo.json.files").join(&files[0].id).exists());
        let query = managed_agents::types::ListSkillsQuery {
            source: Some("custom".into()),
            ..Default::default()
        };
        let skills = client.skills().list(&query).await.unwrap().data;
        let names: Vec<_> = skills.iter().filter_map(|s| s.display_name.as_deref()).collect();
        assert_eq!(names, [super::DEMO_SKILL]);
        sim.shutdown().await;
    }
}
