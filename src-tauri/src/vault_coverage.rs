//! Which vault covers which MCP server: every active vault with the server URLs its active
//! credentials authenticate, for the agent form and the New session dialog. Only what the API
//! returns is read, so no secret passes through here.

use futures_util::{StreamExt, TryStreamExt};
use managed_agents::types::{Credential, ListArchivableQuery, Vault};
use managed_agents::{Client, Error};
use serde::Serialize;
use specta::Type;

/// The most vaults read: the API lists at most 100 a page, and a person picks among a few.
const MAX_VAULTS: usize = 200;

/// One active vault and the MCP servers its credentials cover.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct VaultCoverage {
    pub vault_id: String,
    pub display_name: String,
    pub servers: Vec<CoveredServer>,
}

/// A credential for an MCP server (`static_bearer` or `mcp_oauth`); no secret is part of it.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct CoveredServer {
    pub credential_id: String,
    /// `static_bearer` or `mcp_oauth`.
    pub kind: String,
    pub mcp_server_url: String,
    /// RFC 3339, for an OAuth access token that expires.
    pub expires_at: Option<String>,
}

fn covered(credential: &Credential) -> Option<CoveredServer> {
    let kind = credential.auth.get("type")?.as_str()?;
    if kind != "static_bearer" && kind != "mcp_oauth" {
        return None;
    }
    Some(CoveredServer {
        credential_id: credential.id.clone(),
        kind: kind.to_owned(),
        mcp_server_url: credential.auth.get("mcp_server_url")?.as_str()?.to_owned(),
        expires_at: credential.auth.get("expires_at").and_then(|v| v.as_str()).map(str::to_owned),
    })
}

/// Every active vault (newest first, as the API lists them) with the servers it covers.
pub async fn vault_coverage(client: &Client) -> Result<Vec<VaultCoverage>, Error> {
    let query = ListArchivableQuery { limit: Some(100), ..Default::default() };
    let first = client.vaults().list(&query).await?;
    let vaults: Vec<Vault> = first.into_stream(client).take(MAX_VAULTS).try_collect().await?;
    let mut out = Vec::with_capacity(vaults.len());
    for vault in vaults {
        let credentials = client.vaults().credentials(&vault.id);
        let page = credentials.list(&query).await?;
        let all: Vec<Credential> = page.into_stream(client).try_collect().await?;
        out.push(VaultCoverage {
            servers: all.iter().filter_map(covered).collect(),
            vault_id: vault.id,
            display_name: vault.display_name,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use managed_agents::types::{CreateCredentialRequest, CreateVaultRequest};
    use serde_json::json;

    use super::*;
    use crate::test_sim::{client_of, sim_config};

    #[tokio::test]
    async fn lists_the_servers_each_active_vault_covers_and_skips_archived_ones() {
        let sim = managed_agents_sim::start(sim_config()).await.unwrap();
        let client = client_of(&sim);
        let vaults = client.vaults();
        let team = vaults
            .create(&CreateVaultRequest { display_name: "Team".into(), metadata: None })
            .await
            .unwrap();
        let old = vaults
            .create(&CreateVaultRequest { display_name: "Old".into(), metadata: None })
            .await
            .unwrap();
        let add = |vault: String, auth: serde_json::Value| {
            let client = client.clone();
            async move {
                let request = CreateCredentialRequest { auth, display_name: None, metadata: None };
                client.vaults().credentials(&vault).create(&request).await.unwrap()
            }
        };
        let bearer = add(team.id.clone(), json!({"type": "static_bearer", "token": "t-secret", "mcp_server_url": "https://mcp.example/a"})).await;
        add(team.id.clone(), json!({"type": "environment_variable", "secret_name": "API_KEY", "secret_value": "v", "networking": {"type": "unrestricted"}})).await;
        let gone = add(team.id.clone(), json!({"type": "static_bearer", "token": "t", "mcp_server_url": "https://mcp.example/b"})).await;
        vaults.credentials(&team.id).archive(&gone.id).await.unwrap();
        add(old.id.clone(), json!({"type": "static_bearer", "token": "t", "mcp_server_url": "https://mcp.example/c"})).await;
        vaults.archive(&old.id).await.unwrap();

        let coverage = vault_coverage(&client).await.unwrap();

        assert_eq!(coverage.len(), 1, "the archived vault is left out: {coverage:?}");
        assert_eq!(coverage[0].display_name, "Team");
        let servers: Vec<_> =
            coverage[0].servers.iter().map(|s| s.mcp_server_url.as_str()).collect();
        assert_eq!(
            servers,
            ["https://mcp.example/a"],
            "env secrets and archived credentials cover no server"
        );
        assert_eq!(coverage[0].servers[0].credential_id, bearer.id);
        assert!(!format!("{coverage:?}").contains("t-secret"));
    }
}
