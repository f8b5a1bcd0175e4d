//! Step 1: from the MCP server's URL to its authorization server's endpoints.

use serde::Deserialize;
use url::Url;

use crate::{Error, Result};

/// What an authorization server says about itself (RFC 8414), the fields this flow uses.
#[derive(Debug, Clone, Deserialize)]
pub struct AuthServerMetadata {
    pub issuer: Option<String>,
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    pub registration_endpoint: Option<String>,
    #[serde(default)]
    pub code_challenge_methods_supported: Vec<String>,
    #[serde(default)]
    pub scopes_supported: Vec<String>,
}

/// The MCP server's protected-resource metadata (RFC 9728), the fields this flow uses.
#[derive(Debug, Clone, Deserialize)]
struct ResourceMetadata {
    resource: Option<String>,
    #[serde(default)]
    authorization_servers: Vec<String>,
    #[serde(default)]
    scopes_supported: Vec<String>,
}

/// Everything discovery found.
#[derive(Debug, Clone)]
pub struct Discovery {
    /// The canonical URI of the MCP server, sent as `resource` (RFC 8707).
    pub resource: String,
    pub authorization_server: String,
    pub metadata: AuthServerMetadata,
    /// Scopes to ask for: the 401's `scope`, else the resource's, else none.
    pub scopes: Vec<String>,
}

/// The value of one `key="value"` parameter of a `WWW-Authenticate: Bearer …` header.
fn challenge_param(header: &str, key: &str) -> Option<String> {
    let rest = header.trim().strip_prefix("Bearer")?;
    rest.split(',').find_map(|part| {
        let (k, v) = part.trim().split_once('=')?;
        (k.trim().eq_ignore_ascii_case(key)).then(|| v.trim().trim_matches('"').to_owned())
    })
}

/// `https://host/.well-known/<name>/path` for `https://host/path` (RFC 8414 §3.1, RFC 9728 §3.1).
fn well_known(url: &Url, name: &str) -> Result<Url> {
    let path = url.path().trim_end_matches('/');
    let mut out = url.clone();
    out.set_path(&format!("/.well-known/{name}{path}"));
    out.set_query(None);
    out.set_fragment(None);
    Ok(out)
}

async fn get_json<T: serde::de::DeserializeOwned>(
    http: &reqwest::Client,
    url: &Url,
) -> Result<Option<T>> {
    let response = http
        .get(url.clone())
        .header("accept", "application/json")
        .send()
        .await
        .map_err(|e| Error::Unreachable(format!("{url}: {e}")))?;
    if !response.status().is_success() {
        return Ok(None);
    }
    let body = response.bytes().await.map_err(|e| Error::Unreachable(e.to_string()))?;
    serde_json::from_slice(&body)
        .map(Some)
        .map_err(|e| Error::Discovery(format!("{url} is not the metadata it should be: {e}")))
}

/// Asks the server with no token and reads where its resource metadata is, and the scope it
/// wants, from the 401.
async fn probe(http: &reqwest::Client, server: &Url) -> Result<(Option<Url>, Vec<String>)> {
    // An MCP `initialize` over streamable HTTP: what a client sends first.
    let initialize = serde_json::json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"protocolVersion": "2025-06-18", "capabilities": {},
            "clientInfo": {"name": "Agent Desk", "version": env!("CARGO_PKG_VERSION")}}});
    let response = http
        .post(server.clone())
        .header("accept", "application/json, text/event-stream")
        .json(&initialize)
        .send()
        .await
        .map_err(|e| Error::Unreachable(format!("{server}: {e}")))?;
    let status = response.status().as_u16();
    if status != 401 {
        return Err(Error::NoOAuth(status));
    }
    let header = response
        .headers()
        .get_all("www-authenticate")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.trim_start().starts_with("Bearer"))
        .map(str::to_owned)
        .unwrap_or_default();
    let metadata = challenge_param(&header, "resource_metadata").and_then(|u| Url::parse(&u).ok());
    let scopes = challenge_param(&header, "scope")
        .map(|s| s.split_whitespace().map(str::to_owned).collect())
        .unwrap_or_default();
    Ok((metadata, scopes))
}

/// Finds the authorization server of the MCP server at `server`.
pub async fn discover(http: &reqwest::Client, server: &Url) -> Result<Discovery> {
    let (metadata_url, mut scopes) = probe(http, server).await?;
    let metadata_url = match metadata_url {
        Some(url) => url,
        None => well_known(server, "oauth-protected-resource")?,
    };
    let resource: ResourceMetadata = get_json(http, &metadata_url).await?.ok_or_else(|| {
        Error::Discovery(format!("no protected-resource metadata at {metadata_url}"))
    })?;
    let issuer = resource.authorization_servers.first().cloned().ok_or_else(|| {
        Error::Discovery("the resource metadata names no authorization server".into())
    })?;
    let issuer_url = Url::parse(&issuer).map_err(|e| Error::Discovery(format!("{issuer}: {e}")))?;
    let mut metadata = None;
    for name in ["oauth-authorization-server", "openid-configuration"] {
        metadata = get_json::<AuthServerMetadata>(http, &well_known(&issuer_url, name)?).await?;
        if metadata.is_some() {
            break;
        }
    }
    let metadata = metadata.ok_or_else(|| {
        Error::Discovery(format!("no authorization server metadata for {issuer}"))
    })?;
    if !metadata.code_challenge_methods_supported.iter().any(|m| m == "S256") {
        // The specification: a client must refuse a server that does not offer PKCE.
        return Err(Error::Discovery(
            "the authorization server does not offer PKCE with S256".into(),
        ));
    }
    if scopes.is_empty() {
        scopes = resource.scopes_supported;
    }
    Ok(Discovery {
        resource: resource.resource.unwrap_or_else(|| server.to_string()),
        authorization_server: issuer,
        metadata,
        scopes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_parameters_of_a_bearer_challenge() {
        let header = r#"Bearer realm="mcp", resource_metadata="https://a.example/.well-known/oauth-protected-resource/mcp", scope="read write""#;
        assert_eq!(
            challenge_param(header, "resource_metadata").as_deref(),
            Some("https://a.example/.well-known/oauth-protected-resource/mcp")
        );
        assert_eq!(challenge_param(header, "scope").as_deref(), Some("read write"));
        assert_eq!(challenge_param("Basic realm=x", "realm"), None);
    }

    #[test]
    fn tokens_go_over_https_or_to_this_machine_only() {
        for ok in
            ["https://auth.example.com/token", "http://127.0.0.1:8080/token", "http://localhost/t"]
        {
            assert!(crate::secure_enough(&Url::parse(ok).unwrap()).is_ok(), "{ok}");
        }
        for bad in ["http://auth.example.com/token", "ftp://auth.example.com/token"] {
            assert!(crate::secure_enough(&Url::parse(bad).unwrap()).is_err(), "{bad}");
        }
    }

    #[test]
    fn puts_the_well_known_segment_between_host_and_path() {
        let url = Url::parse("https://auth.example.com/tenant/1/").unwrap();
        assert_eq!(
            well_known(&url, "oauth-authorization-server").unwrap().as_str(),
            "https://auth.example.com/.well-known/oauth-authorization-server/tenant/1"
        );
    }
}
