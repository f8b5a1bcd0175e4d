//! Steps 2 to 4: register, send the person to sign in, exchange the code.

use std::time::Duration;

use serde::Deserialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use url::Url;

use crate::discovery::{Discovery, discover};
use crate::loopback::Loopback;
use crate::pkce::{Pkce, random_token};
use crate::{Error, Result};

/// What the flow got: everything an `mcp_oauth` credential holds (its client authenticates
/// with `token_endpoint_auth` `none`: a registered public client has no secret).
pub struct Connection {
    pub mcp_server_url: String,
    pub access_token: String,
    /// RFC 3339, when the token endpoint said how long the token lasts.
    pub expires_at: Option<String>,
    pub refresh_token: Option<String>,
    pub client_id: String,
    pub token_endpoint: String,
    pub scope: Option<String>,
    pub resource: String,
}

impl std::fmt::Debug for Connection {
    // Tokens are secrets: never printed.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connection")
            .field("mcp_server_url", &self.mcp_server_url)
            .field("access_token", &"<redacted>")
            .field("refresh_token", &self.refresh_token.as_ref().map(|_| "<redacted>"))
            .field("expires_at", &self.expires_at)
            .field("client_id", &self.client_id)
            .field("token_endpoint", &self.token_endpoint)
            .finish_non_exhaustive()
    }
}

#[derive(Deserialize)]
struct Registered {
    client_id: String,
}

#[derive(Deserialize)]
struct Tokens {
    access_token: String,
    expires_in: Option<i64>,
    refresh_token: Option<String>,
    scope: Option<String>,
}

#[derive(Deserialize)]
struct OAuthError {
    error: String,
    error_description: Option<String>,
}

fn described(body: &[u8], status: u16) -> String {
    match serde_json::from_slice::<OAuthError>(body) {
        Ok(e) => match e.error_description {
            Some(d) => format!("{} ({d})", e.error),
            None => e.error,
        },
        Err(_) => format!("HTTP {status}"),
    }
}

async fn register(http: &reqwest::Client, found: &Discovery, redirect_uri: &str) -> Result<String> {
    let Some(endpoint) = found.metadata.registration_endpoint.as_deref() else {
        return Err(Error::Registration("it publishes no registration endpoint".into()));
    };
    let request = serde_json::json!({
        "client_name": "Agent Desk",
        "redirect_uris": [redirect_uri],
        "grant_types": ["authorization_code", "refresh_token"],
        "response_types": ["code"],
        "token_endpoint_auth_method": "none",
    });
    let response = http
        .post(endpoint)
        .json(&request)
        .send()
        .await
        .map_err(|e| Error::Registration(e.to_string()))?;
    let status = response.status().as_u16();
    let body = response.bytes().await.map_err(|e| Error::Registration(e.to_string()))?;
    if !(200..300).contains(&status) {
        return Err(Error::Registration(described(&body, status)));
    }
    let registered: Registered =
        serde_json::from_slice(&body).map_err(|e| Error::Registration(e.to_string()))?;
    Ok(registered.client_id)
}

fn authorization_url(
    found: &Discovery,
    client_id: &str,
    redirect_uri: &str,
    pkce: &Pkce,
    state: &str,
    login_hint: Option<&str>,
) -> Result<Url> {
    let mut url = Url::parse(&found.metadata.authorization_endpoint)
        .map_err(|e| Error::Discovery(format!("authorization endpoint: {e}")))?;
    {
        let mut query = url.query_pairs_mut();
        query
            .append_pair("response_type", "code")
            .append_pair("client_id", client_id)
            .append_pair("redirect_uri", redirect_uri)
            .append_pair("code_challenge", &pkce.challenge)
            .append_pair("code_challenge_method", "S256")
            .append_pair("state", state)
            .append_pair("resource", &found.resource);
        if !found.scopes.is_empty() {
            query.append_pair("scope", &found.scopes.join(" "));
        }
        if let Some(hint) = login_hint {
            query.append_pair("login_hint", hint);
        }
    }
    Ok(url)
}

async fn exchange(
    http: &reqwest::Client,
    found: &Discovery,
    client_id: &str,
    redirect_uri: &str,
    code: &str,
    pkce: &Pkce,
) -> Result<Tokens> {
    let form = [
        ("grant_type", "authorization_code"),
        ("code", code),
        ("redirect_uri", redirect_uri),
        ("client_id", client_id),
        ("code_verifier", &pkce.verifier),
        ("resource", &found.resource),
    ];
    let response = http
        .post(&found.metadata.token_endpoint)
        .header("accept", "application/json")
        .form(&form)
        .send()
        .await
        .map_err(|e| Error::Token(e.to_string()))?;
    let status = response.status().as_u16();
    let body = response.bytes().await.map_err(|e| Error::Token(e.to_string()))?;
    if !(200..300).contains(&status) {
        return Err(Error::Token(described(&body, status)));
    }
    serde_json::from_slice(&body).map_err(|e| Error::Token(format!("not a token response: {e}")))
}

/// Runs the whole flow for the MCP server at `server_url`: `open_browser` is handed the
/// authorization URL (the system browser, or a test double), and the person has `limit` to
/// finish signing in. `login_hint`, when given, is passed to the authorization server.
pub async fn connect(
    http: &reqwest::Client,
    server_url: &str,
    open_browser: impl FnOnce(&Url) -> std::result::Result<(), String>,
    limit: Duration,
    login_hint: Option<&str>,
) -> Result<Connection> {
    let server = Url::parse(server_url).map_err(|e| Error::Unreachable(e.to_string()))?;
    crate::secure_enough(&server)?;
    let found = discover(http, &server).await?;
    // Every endpoint a token, code or verifier goes to, as the metadata named them.
    for endpoint in [
        Some(&found.metadata.authorization_endpoint),
        Some(&found.metadata.token_endpoint),
        found.metadata.registration_endpoint.as_ref(),
    ]
    .into_iter()
    .flatten()
    {
        let url = Url::parse(endpoint).map_err(|e| Error::Discovery(format!("{endpoint}: {e}")))?;
        crate::secure_enough(&url)?;
    }
    let state = random_token(16);
    let loopback = Loopback::start(&state).await?;
    let client_id = register(http, &found, loopback.redirect_uri()).await?;
    let pkce = Pkce::new();
    let redirect_uri = loopback.redirect_uri().to_owned();
    let url = authorization_url(&found, &client_id, &redirect_uri, &pkce, &state, login_hint)?;
    open_browser(&url).map_err(Error::Browser)?;
    let code = loopback.code(limit).await?;
    let tokens = exchange(http, &found, &client_id, &redirect_uri, &code, &pkce).await?;
    let expires_at = tokens.expires_in.filter(|s| *s > 0).and_then(|s| {
        (OffsetDateTime::now_utc() + time::Duration::seconds(s)).format(&Rfc3339).ok()
    });
    Ok(Connection {
        mcp_server_url: server_url.to_owned(),
        access_token: tokens.access_token,
        expires_at,
        refresh_token: tokens.refresh_token,
        client_id,
        token_endpoint: found.metadata.token_endpoint.clone(),
        scope: tokens.scope.or_else(|| (!found.scopes.is_empty()).then(|| found.scopes.join(" "))),
        resource: found.resource,
    })
}
