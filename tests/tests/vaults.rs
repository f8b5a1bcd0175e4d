//! Vaults and credentials by clicking, against an empty simulator: a vault created, a bearer
//! credential for the agent's MCP server added (bad input caught at the field, a duplicate
//! refused by the API with what was typed kept), an OAuth credential validated, a rotation, and
//! the vault chosen for a new session where the dialog says which vault covers the server. No
//! secret comes back to the web view, or reaches the app's files or its log.

use std::path::Path;

use agent_desk_e2e::live::{PAGE, client};
use agent_desk_e2e::{Launch, Result};
use managed_agents::types::{
    ContentBlock, CreateAgentRequest, CreateEnvironmentRequest, CreateSessionRequest,
    CreateVaultRequest, EventParams, ListSessionsQuery, McpServer, SendEventsRequest, Tool,
};
use managed_agents_sim::{MCP_DEMO_PATH, SimConfig};

const SERVER_URL: &str = "https://mcp.tracker.example/mcp";
const BEARER: &str = "bearer-secret-5f1c";
const ROTATED: &str = "bearer-rotated-9a2e";
const ACCESS: &str = "oauth-access-secret-77d0";
const REFRESH: &str = "oauth-refresh-secret-31b4";
const SECRETS: [&str; 4] = [BEARER, ROTATED, ACCESS, REFRESH];

/// Every file under `dir` that holds `needle`.
fn files_holding(dir: &Path, needle: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(at) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&at) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if std::fs::read(&path)
                .is_ok_and(|bytes| bytes.windows(needle.len()).any(|w| w == needle.as_bytes()))
            {
                found.push(path.display().to_string());
            }
        }
    }
    found
}

#[tokio::test]
#[ignore = "needs a display: run through scripts/test"]
async fn a_vault_credential_serves_an_agents_mcp_server_in_a_new_session() -> Result<()> {
    let sim = managed_agents_sim::start(SimConfig::default()).await?;
    let api = client(&sim)?;
    let tracker = McpServer {
        kind: "url".into(),
        name: "tracker".into(),
        url: SERVER_URL.into(),
        extra: Default::default(),
    };
    let toolset = Tool::McpToolset {
        mcp_server_name: "tracker".into(),
        default_config: None,
        configs: None,
        extra: Default::default(),
    };
    let agent = CreateAgentRequest {
        mcp_servers: Some(vec![tracker]),
        tools: Some(vec![toolset]),
        ..CreateAgentRequest::new("Triage", "claude-sonnet-4-6")
    };
    api.agents().create(&agent).await?;
    let environment = CreateEnvironmentRequest { name: "box".into(), ..Default::default() };
    api.environments().create(&environment).await?;

    let mut app = Launch::new("vaults").start().await?;
    app.use_profile(&sim).await?;
    app.click("nav [data-section='vaults']").await?;
    app.expect_section("vaults").await?;
    app.expect_text("No vaults yet").await?;
    app.screenshot("empty").await?;
    let page = "[data-page='vaults']";

    // A vault: its name is checked at the field.
    app.press_button(page, "New vault").await?;
    app.press_button(page, "Create vault").await?;
    app.expect_text("Enter a name").await?;
    app.fill("Name", "Support team").await?;
    app.press_button(page, "Create vault").await?;
    app.expect_text("Created “Support team”").await?;
    app.expect_text("No credentials in this vault").await?;

    // A bearer token for the agent's server: empty fields are caught, and View JSON hides it.
    app.press_button(page, "Add credential").await?;
    app.press_button(page, "Add credential").await?;
    app.expect_text("Enter the server URL.").await?;
    app.expect_text("Enter the token.").await?;
    app.fill("Display name", "Tracker").await?;
    app.fill("MCP server URL", SERVER_URL).await?;
    app.fill("Token", BEARER).await?;
    app.press_button(page, "View JSON").await?;
    let shown = app.find("[role='dialog'] pre").await?.text().await?;
    assert!(shown.contains(SERVER_URL) && !shown.contains(BEARER), "View JSON: {shown}");
    app.press_button("[role='dialog']", "Close").await?;
    app.screenshot("bearer-form").await?;
    app.press_button(page, "Add credential").await?;
    app.expect_text("Added Tracker.").await?;
    app.find(&format!("{page} [data-credential-id]")).await?;

    // A second one for the same URL: the API refuses, and what was typed stays.
    app.press_button(page, "Add credential").await?;
    app.fill("MCP server URL", SERVER_URL).await?;
    app.fill("Token", "another").await?;
    app.press_button(page, "Add credential").await?;
    app.expect_text("The credential was not saved").await?;
    app.expect_text("already exists").await?;
    let kept = app.field("MCP server URL").await?.prop("value").await?;
    assert_eq!(kept.as_deref(), Some(SERVER_URL), "the form keeps the URL");
    app.screenshot("duplicate-refused").await?;
    app.press_button(page, "Support team").await?;
    app.press_button("[role='dialog']", "Discard changes").await?;

    // An OAuth credential with a refresh token, validated.
    app.press_button(page, "Add credential").await?;
    app.click("input[name='credential-type'][value='mcp_oauth']").await?;
    app.fill("Display name", "Docs (OAuth)").await?;
    app.fill("MCP server URL", "https://mcp.docs.example/mcp").await?;
    app.fill("Access token", ACCESS).await?;
    app.field("The API renews the access token").await?.click().await?;
    app.fill("Client id", "agent-desk").await?;
    app.fill("Token endpoint", "https://auth.docs.example/token").await?;
    app.fill("Refresh token", REFRESH).await?;
    app.press_button(page, "Add credential").await?;
    app.expect_text("Added Docs (OAuth).").await?;
    app.press_button(page, "Validate").await?;
    app.expect_text("Valid: the MCP server accepted the token.").await?;
    app.screenshot("credentials").await?;

    // A rotation sends the new token; the form started with every secret empty.
    let tracker = app
        .eval(
            "return [...document.querySelectorAll('[data-credential-id]')] \
               .find((li) => li.textContent.includes('Tracker'))?.dataset.credentialId",
        )
        .await?;
    let row = format!("[data-credential-id='{}']", tracker.as_str().unwrap_or_default());
    app.press_button(&row, "Rotate").await?;
    let empty = app.field("Token").await?.prop("value").await?;
    assert_eq!(empty.as_deref(), Some(""), "no secret is shown again");
    app.fill("Token", ROTATED).await?;
    app.press_button(page, "Save credential").await?;
    app.expect_text("Saved Tracker").await?;

    // The New session dialog says which vault covers the agent's server.
    app.click("nav [data-section='sessions']").await?;
    app.press_button("[data-page='sessions']", "New session").await?;
    let dialog = "[role='dialog']";
    app.expect_text("no chosen vault has a credential for").await?;
    app.expect_text("“Support team” has one.").await?;
    app.click(&format!("{dialog} .group input[type='checkbox']")).await?;
    app.expect_text("covered by Support team").await?;
    app.screenshot("new-session-coverage").await?;
    app.press_button(dialog, "Create session").await?;
    app.wait_until("the session exists", async |_| {
        let sessions = api.sessions().list(&ListSessionsQuery::default()).await?.data;
        Ok(sessions.len() == 1)
    })
    .await?;
    let session = api.sessions().list(&ListSessionsQuery::default()).await?.data.remove(0);
    let vaults = api.vaults().list(&Default::default()).await?.data;
    assert_eq!(session.vault_ids, [vaults[0].id.clone()], "the session got the vault");

    // No secret comes back to the web view (what the commands that read credentials answer,
    // and the page itself), or goes into a file or the log.
    let script = format!(
        "const invoke = window.__TAURI_INTERNALS__.invoke; \
         return Promise.all([ \
           invoke('credentials_list', {{ vaultId: '{}', query: {{ include_archived: true }} }}), \
           invoke('vaults_coverage'), invoke('vaults_list', {{ query: {{}} }})]) \
           .then((answers) => JSON.stringify(answers) + document.documentElement.outerHTML)",
        vaults[0].id
    );
    let seen = app.eval(&script).await?;
    let seen = seen.as_str().unwrap_or_default();
    assert!(seen.contains(SERVER_URL), "the answers hold the credentials: {seen:.300}");
    for secret in SECRETS {
        assert!(!seen.contains(secret), "{secret} reached the web view");
    }
    let dir = app.data_dir().to_owned();
    app.close().await?;
    for secret in SECRETS {
        assert_eq!(files_holding(&dir, secret), Vec::<String>::new(), "{secret} is in a file");
    }
    Ok(())
}

/// Opens the vault `vault_id` and the form for a new MCP OAuth credential to `server`.
async fn oauth_form(app: &agent_desk_e2e::App, vault_id: &str, server: &str) -> Result<()> {
    app.click("nav [data-section='vaults']").await?;
    app.click(&format!("[data-vault-id='{vault_id}'] button")).await?;
    app.press_button("[data-page='vaults']", "Add credential").await?;
    app.click("input[name='credential-type'][value='mcp_oauth']").await?;
    app.fill("MCP server URL", server).await?;
    Ok(())
}

#[tokio::test]
#[ignore = "needs a display: run through scripts/test"]
async fn connect_signs_in_through_the_browser_and_stores_the_tokens_in_the_vault() -> Result<()> {
    let sim = managed_agents_sim::start(SimConfig::default()).await?;
    let api = client(&sim)?;
    let vault = CreateVaultRequest { display_name: "Tickets".into(), metadata: None };
    let vault = api.vaults().create(&vault).await?;
    let server = format!("{}{MCP_DEMO_PATH}", sim.base_url());
    // The "system browser" fetches the sign-in page and follows its redirect, as after consent.
    let mut app =
        Launch::new("vaults-connect").env("AGENT_DESK_TEST_BROWSER", "follow").start().await?;
    app.use_profile(&sim).await?;
    oauth_form(&app, &vault.id, &server).await?;
    app.fill("Display name", "Demo tickets").await?;
    app.screenshot("connect-form").await?;
    app.press_button("[data-page='vaults']", "Connect…").await?;
    app.expect_text("Connected to").await?;
    app.expect_text("Expires in").await?;
    app.press_button("[data-page='vaults']", "Validate").await?;
    app.expect_text("Valid: the MCP server accepted the token.").await?;
    app.screenshot("connected").await?;
    let stored = api.vaults().credentials(&vault.id).list(&Default::default()).await?.data;
    assert_eq!(stored.len(), 1);
    let auth = &stored[0].auth;
    assert_eq!(auth["mcp_server_url"], server.as_str());
    assert_eq!(auth["refresh"]["token_endpoint_auth"]["type"], "none", "a public client");
    assert_eq!(auth["refresh"]["token_endpoint"], format!("{}/oauth/token", sim.base_url()));
    let dir = app.data_dir().to_owned();
    app.close().await?;
    assert_eq!(files_holding(&dir, "demo-access-"), Vec::<String>::new(), "no token in a file");
    Ok(())
}

#[tokio::test]
#[ignore = "needs a display: run through scripts/test"]
async fn a_sign_in_left_unfinished_is_cancelled_and_leaves_nothing() -> Result<()> {
    let sim = managed_agents_sim::start(SimConfig::default()).await?;
    let api = client(&sim)?;
    let vault = CreateVaultRequest { display_name: "Tickets".into(), metadata: None };
    let vault = api.vaults().create(&vault).await?;
    let server = format!("{}{MCP_DEMO_PATH}", sim.base_url());
    // A person who closes the browser tab: nothing ever comes back.
    let mut app = Launch::new("vaults-connect-cancel")
        .env("AGENT_DESK_TEST_BROWSER", "ignore")
        .start()
        .await?;
    app.use_profile(&sim).await?;
    oauth_form(&app, &vault.id, &server).await?;
    app.press_button("[data-page='vaults']", "Connect…").await?;
    app.expect_text("Waiting for you to sign in in your browser").await?;
    app.screenshot("waiting").await?;
    app.press_button("[data-page='vaults']", "Cancel sign-in").await?;
    app.expect_text("Signing in was cancelled; nothing was stored.").await?;
    // The form keeps the URL for another try.
    let kept = app.field("MCP server URL").await?.prop("value").await?;
    assert_eq!(kept.as_deref(), Some(server.as_str()));
    let stored = api.vaults().credentials(&vault.id).list(&Default::default()).await?.data;
    assert!(stored.is_empty(), "no half-made credential");
    app.close().await
}

#[tokio::test]
#[ignore = "needs a display: run through scripts/test"]
async fn a_session_error_about_mcp_authentication_leads_to_the_vaults() -> Result<()> {
    let sim = managed_agents_sim::start(SimConfig::default()).await?;
    let api = client(&sim)?;
    let server = format!("{}{MCP_DEMO_PATH}", sim.base_url());
    let tickets = McpServer {
        kind: "url".into(),
        name: "tickets".into(),
        url: server.clone(),
        extra: Default::default(),
    };
    let toolset = Tool::McpToolset {
        mcp_server_name: "tickets".into(),
        default_config: None,
        configs: None,
        extra: Default::default(),
    };
    let agent = CreateAgentRequest {
        mcp_servers: Some(vec![tickets]),
        tools: Some(vec![toolset]),
        ..CreateAgentRequest::new("Triage", "claude-sonnet-4-6")
    };
    let agent = api.agents().create(&agent).await?;
    let environment = CreateEnvironmentRequest { name: "box".into(), ..Default::default() };
    let environment = api.environments().create(&environment).await?;
    // Started without a vault: the server that requires OAuth refuses the session.
    let request = CreateSessionRequest::new(&agent.id, &environment.id);
    let session = api.sessions().create(&request).await?;
    let message = EventParams::UserMessage { content: vec![ContentBlock::text("hello")] };
    api.events(&session.id).send(&SendEventsRequest { events: vec![message] }).await?;

    let mut app = Launch::new("vaults-session-error").start().await?;
    app.use_profile(&sim).await?;
    app.open_session(&session.id).await?;
    app.expect_text("mcp_authentication_failed_error").await?;
    app.screenshot("session-error").await?;
    app.press_button(PAGE, "Fix the credential in Vaults").await?;
    app.expect_section("vaults").await?;
    app.expect_text(&format!("None of the session's vaults has a credential for {server}")).await?;
    app.screenshot("sent-to-vaults").await?;
    app.close().await
}
