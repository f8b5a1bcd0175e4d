//! The whole flow against the simulator's stand-in MCP server and authorization server, with a
//! "browser" that fetches the authorization URL and follows its redirect to the loopback.

use std::time::Duration;

use managed_agents_sim::{MCP_DEMO_PATH, SimConfig};
use mcp_oauth::{Error, connect};

fn browser(url: &url::Url) -> Result<(), String> {
    let url = url.clone();
    tokio::spawn(async move {
        let _ = reqwest::get(url).await;
    });
    Ok(())
}

#[tokio::test]
async fn connects_with_discovery_registration_pkce_and_the_resource() {
    let sim = managed_agents_sim::start(SimConfig::default()).await.unwrap();
    let server = format!("{}{MCP_DEMO_PATH}", sim.base_url());
    let http = mcp_oauth::http_client().unwrap();
    let connection = connect(&http, &server, browser, Duration::from_secs(20), None).await.unwrap();
    assert_eq!(connection.mcp_server_url, server);
    assert_eq!(connection.resource, server, "the resource is the server's canonical URI");
    assert!(connection.client_id.starts_with("dcr_"), "a registered client");
    assert_eq!(connection.token_endpoint, format!("{}/oauth/token", sim.base_url()));
    assert!(connection.refresh_token.is_some());
    assert!(connection.expires_at.is_some());
    assert_eq!(connection.scope.as_deref(), Some("tickets:read"));
    assert!(!format!("{connection:?}").contains(&connection.access_token));

    // The token works on the MCP server; without it, the server asks for OAuth again.
    let ok = http.post(&server).bearer_auth(&connection.access_token).json(&serde_json::json!({}));
    assert_eq!(ok.send().await.unwrap().status(), 200);
    assert_eq!(http.post(&server).send().await.unwrap().status(), 401);
}

#[tokio::test]
async fn a_refusal_in_the_browser_is_reported_and_gives_no_tokens() {
    let sim = managed_agents_sim::start(SimConfig::default()).await.unwrap();
    let server = format!("{}{MCP_DEMO_PATH}", sim.base_url());
    let http = mcp_oauth::http_client().unwrap();
    let refused = connect(&http, &server, browser, Duration::from_secs(20), Some("deny")).await;
    assert!(
        matches!(&refused, Err(Error::Refused(why)) if why.starts_with("access_denied")),
        "{refused:?}"
    );
}

#[tokio::test]
async fn an_abandoned_sign_in_times_out() {
    let sim = managed_agents_sim::start(SimConfig::default()).await.unwrap();
    let server = format!("{}{MCP_DEMO_PATH}", sim.base_url());
    let nobody = |_: &url::Url| Ok(());
    let result = connect(
        &mcp_oauth::http_client().unwrap(),
        &server,
        nobody,
        Duration::from_millis(300),
        None,
    )
    .await;
    assert!(matches!(result, Err(Error::TimedOut(_))), "{result:?}");
}

#[tokio::test]
async fn a_server_without_oauth_metadata_is_named_as_such() {
    let sim = managed_agents_sim::start(SimConfig::default()).await.unwrap();
    let http = mcp_oauth::http_client().unwrap();
    // The API itself answers 401 without a key, but publishes no protected-resource metadata.
    let api = format!("{}/v1/agents", sim.base_url());
    let result = connect(&http, &api, browser, Duration::from_secs(5), None).await;
    assert!(matches!(result, Err(Error::Discovery(_))), "{result:?}");
}
