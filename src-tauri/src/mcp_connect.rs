//! "Connect": signs in to an MCP server that requires OAuth (the `mcp-oauth` crate runs the
//! flow) and stores what it got as an `mcp_oauth` credential in the chosen vault, refresh token
//! included, so nobody copies a token by hand. The tokens go from the token endpoint to the API
//! and nowhere else: the caller gets the API's credential, which holds no secret.

use std::sync::Mutex;
use std::time::Duration;

use managed_agents::Client;
use managed_agents::types::{CreateCredentialRequest, Credential};
use mcp_oauth::Connection;
use serde_json::{Value, json};
use tokio::task::AbortHandle;

use crate::error::{ErrorCode, IpcError};

/// How long the person has to finish signing in in the browser.
pub const SIGN_IN_LIMIT: Duration = Duration::from_secs(5 * 60);

/// The sign-in under way, if any, so Cancel can stop it (its listener closes with it).
#[derive(Default)]
pub struct SignIns(Mutex<Option<AbortHandle>>);

impl SignIns {
    pub fn start(&self, handle: AbortHandle) {
        let mut current = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        // One browser sign-in at a time: a new one replaces one left behind.
        if let Some(old) = current.replace(handle) {
            old.abort();
        }
    }

    /// Stops the sign-in under way; true if there was one.
    pub fn cancel(&self) -> bool {
        let mut current = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        current.take().map(|h| h.abort()).is_some()
    }
}

impl From<mcp_oauth::Error> for IpcError {
    fn from(error: mcp_oauth::Error) -> Self {
        let code = match error {
            mcp_oauth::Error::Unreachable(_) => ErrorCode::Network,
            _ => ErrorCode::Rejected,
        };
        IpcError::new(code, error.to_string())
    }
}

/// The `auth` of the credential the connection makes: a public client, so no client secret.
pub fn credential_auth(connection: &Connection) -> Value {
    let mut auth = json!({
        "type": "mcp_oauth",
        "mcp_server_url": connection.mcp_server_url,
        "access_token": connection.access_token,
    });
    if let Some(expires_at) = &connection.expires_at {
        auth["expires_at"] = json!(expires_at);
    }
    if let Some(refresh_token) = &connection.refresh_token {
        let mut refresh = json!({
            "client_id": connection.client_id,
            "refresh_token": refresh_token,
            "token_endpoint": connection.token_endpoint,
            "token_endpoint_auth": {"type": "none"},
            "resource": connection.resource,
        });
        if let Some(scope) = &connection.scope {
            refresh["scope"] = json!(scope);
        }
        auth["refresh"] = refresh;
    }
    auth
}

/// Signs in to `server_url` (the browser opened by `open_browser`) and stores the result in
/// `vault_id`. Nothing is stored unless the whole flow succeeded.
pub async fn connect_and_store(
    client: &Client,
    vault_id: &str,
    server_url: &str,
    display_name: Option<String>,
    open_browser: impl FnOnce(&url::Url) -> Result<(), String>,
    limit: Duration,
) -> Result<Credential, IpcError> {
    let http = mcp_oauth::http_client()?;
    let connection = mcp_oauth::connect(&http, server_url, open_browser, limit, None).await?;
    let request = CreateCredentialRequest {
        auth: credential_auth(&connection),
        display_name,
        metadata: None,
    };
    Ok(client.vaults().credentials(vault_id).create(&request).await?)
}

#[cfg(test)]
mod tests {
    use managed_agents::types::CreateVaultRequest;
    use managed_agents_sim::MCP_DEMO_PATH;

    use super::*;
    use crate::test_sim::{client_of, sim_config};

    fn follow(url: &url::Url) -> Result<(), String> {
        let url = url.clone();
        tokio::spawn(async move {
            let _ = mcp_oauth::http_client().unwrap().get(url).send().await;
        });
        Ok(())
    }

    #[tokio::test]
    async fn a_connection_becomes_an_oauth_credential_with_its_refresh_and_no_secret_back() {
        let sim = managed_agents_sim::start(sim_config()).await.unwrap();
        let client = client_of(&sim);
        let vault = CreateVaultRequest { display_name: "Team".into(), metadata: None };
        let vault = client.vaults().create(&vault).await.unwrap();
        let server = format!("{}{MCP_DEMO_PATH}", sim.base_url());
        let limit = Duration::from_secs(20);
        let stored =
            connect_and_store(&client, &vault.id, &server, None, follow, limit).await.unwrap();
        assert_eq!(stored.auth["type"], "mcp_oauth");
        assert_eq!(stored.auth["mcp_server_url"], server.as_str());
        assert_eq!(stored.auth["refresh"]["token_endpoint_auth"], json!({"type": "none"}));
        assert!(stored.auth["refresh"]["client_id"].as_str().unwrap().starts_with("dcr_"));
        assert!(stored.auth["expires_at"].is_string());
        assert!(!stored.auth.to_string().contains("demo-access-"), "no token comes back");

        // A sign-in nobody finishes stores nothing.
        let nobody = |_: &url::Url| Ok(());
        let other = format!("{}{MCP_DEMO_PATH}?again", sim.base_url());
        let abandoned =
            connect_and_store(&client, &vault.id, &other, None, nobody, Duration::from_millis(200))
                .await;
        assert!(abandoned.is_err());
        let listed = client.vaults().credentials(&vault.id).list(&Default::default()).await;
        assert_eq!(listed.unwrap().data.len(), 1, "no half-made credential");
    }
}
