//! A stand-in remote MCP server that requires OAuth, and its authorization server, so the app's
//! Connect flow (MCP authorization specification, revision 2025-06-18) runs without a network:
//!
//! - `POST /mcp-demo/tickets`: the MCP server. Without a token it answers 401 with
//!   `WWW-Authenticate: Bearer resource_metadata="…"` (RFC 9728); with a token this
//!   authorization server issued and that has not expired, a JSON-RPC result.
//! - `GET /.well-known/oauth-protected-resource/mcp-demo/tickets`: its protected-resource
//!   metadata, naming the authorization server.
//! - `GET /.well-known/oauth-authorization-server/oauth`: that server's metadata (RFC 8414).
//! - `POST /oauth/register`: dynamic client registration (RFC 7591), public clients only.
//! - `GET /oauth/authorize`: consents at once (nobody is there to click) and redirects to the
//!   client's registered loopback `redirect_uri` with a code bound to its PKCE challenge, or
//!   with `error=access_denied` when `login_hint=deny` asks for a refusal.
//! - `POST /oauth/token`: the `authorization_code` (PKCE S256 checked, `resource` required)
//!   and `refresh_token` grants.
//!
//! These routes sit outside the API's key check: they are other servers. Nothing is persisted:
//! a restart forgets the clients and tokens, as an outside server would not.

use std::collections::HashMap;

use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::Deserialize;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::AppState;
use crate::ids::{new_id, now_micros};

/// Where the stand-in MCP server answers.
pub const MCP_DEMO_PATH: &str = "/mcp-demo/tickets";
/// How long an issued access token lasts.
const ACCESS_SECONDS: i64 = 3600;

/// Registered clients, codes waiting to be exchanged, and digests of the tokens issued.
#[derive(Debug, Default)]
pub struct OAuthDemo {
    /// Client id → its registered redirect URIs.
    clients: HashMap<String, Vec<String>>,
    codes: HashMap<String, Grant>,
    /// SHA-256 of an access token → when it expires (µs).
    access: HashMap<String, i64>,
    /// SHA-256 of a refresh token → the client it belongs to.
    refresh: HashMap<String, String>,
}

#[derive(Debug)]
struct Grant {
    client_id: String,
    redirect_uri: String,
    challenge: String,
    resource: String,
}

fn digest(text: &str) -> String {
    format!("{:x}", Sha256::digest(text.as_bytes()))
}

/// `http://host:port` as the client reached it.
fn origin(headers: &HeaderMap) -> String {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("127.0.0.1");
    format!("http://{host}")
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(MCP_DEMO_PATH, post(mcp))
        .route(&format!("/.well-known/oauth-protected-resource{MCP_DEMO_PATH}"), get(resource))
        .route("/.well-known/oauth-authorization-server/oauth", get(metadata))
        .route("/oauth/register", post(register))
        .route("/oauth/authorize", get(authorize))
        .route("/oauth/token", post(token))
}

fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    (status, Json(json!({"error": error, "error_description": description}))).into_response()
}

async fn mcp(State(shared): State<AppState>, headers: HeaderMap) -> Response {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    let valid = token.is_some_and(|t| {
        shared.oauth().access.get(&digest(t)).is_some_and(|expires| *expires > now_micros())
    });
    if valid {
        let result = json!({"jsonrpc": "2.0", "id": 1, "result": {"protocolVersion": "2025-06-18",
            "capabilities": {"tools": {}}, "serverInfo": {"name": "Demo tickets", "version": "1.0.0"}}});
        return Json(result).into_response();
    }
    let metadata =
        format!("{}/.well-known/oauth-protected-resource{MCP_DEMO_PATH}", origin(&headers));
    let challenge = format!("Bearer resource_metadata=\"{metadata}\", scope=\"tickets:read\"");
    let mut response = oauth_error(StatusCode::UNAUTHORIZED, "invalid_token", "a token is needed");
    if let Ok(value) = challenge.parse() {
        response.headers_mut().insert(header::WWW_AUTHENTICATE, value);
    }
    response
}

async fn resource(headers: HeaderMap) -> Json<Value> {
    let origin = origin(&headers);
    Json(json!({"resource": format!("{origin}{MCP_DEMO_PATH}"),
        "authorization_servers": [format!("{origin}/oauth")],
        "scopes_supported": ["tickets:read"], "bearer_methods_supported": ["header"]}))
}

async fn metadata(headers: HeaderMap) -> Json<Value> {
    let issuer = format!("{}/oauth", origin(&headers));
    Json(json!({"issuer": issuer,
        "authorization_endpoint": format!("{issuer}/authorize"),
        "token_endpoint": format!("{issuer}/token"),
        "registration_endpoint": format!("{issuer}/register"),
        "response_types_supported": ["code"],
        "grant_types_supported": ["authorization_code", "refresh_token"],
        "code_challenge_methods_supported": ["S256"],
        "token_endpoint_auth_methods_supported": ["none"],
        "scopes_supported": ["tickets:read"]}))
}

fn is_loopback_redirect(uri: &str) -> bool {
    url::Url::parse(uri).is_ok_and(|u| {
        u.scheme() == "http" && matches!(u.host_str(), Some("127.0.0.1" | "[::1]" | "localhost"))
    })
}

async fn register(State(shared): State<AppState>, Json(body): Json<Value>) -> Response {
    let uris: Vec<String> = body["redirect_uris"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|u| u.as_str().map(str::to_owned))
        .collect();
    if uris.is_empty() || !uris.iter().all(|u| is_loopback_redirect(u)) {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_redirect_uri",
            "redirect_uris must be loopback http URLs",
        );
    }
    if body["token_endpoint_auth_method"].as_str().is_some_and(|m| m != "none") {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_client_metadata",
            "only public clients (token_endpoint_auth_method none) are registered here",
        );
    }
    let client_id = new_id("dcr");
    shared.oauth().clients.insert(client_id.clone(), uris.clone());
    let registered = json!({"client_id": client_id, "client_id_issued_at": now_micros() / 1_000_000,
        "redirect_uris": uris, "token_endpoint_auth_method": "none",
        "grant_types": ["authorization_code", "refresh_token"], "response_types": ["code"],
        "client_name": body["client_name"]});
    (StatusCode::CREATED, Json(registered)).into_response()
}

#[derive(Debug, Deserialize)]
struct AuthorizeQuery {
    response_type: Option<String>,
    client_id: Option<String>,
    redirect_uri: Option<String>,
    state: Option<String>,
    code_challenge: Option<String>,
    code_challenge_method: Option<String>,
    resource: Option<String>,
    login_hint: Option<String>,
}

async fn authorize(State(shared): State<AppState>, Query(q): Query<AuthorizeQuery>) -> Response {
    let mut oauth = shared.oauth();
    let client = q.client_id.as_deref().and_then(|id| oauth.clients.get(id));
    let Some(redirect) = q.redirect_uri.clone().filter(|r| client.is_some_and(|c| c.contains(r)))
    else {
        // Never redirect to an address the client did not register (RFC 6749 §4.1.2.1).
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "unknown client or redirect_uri",
        );
    };
    let state = q.state.clone().unwrap_or_default();
    let back = |params: &[(&str, &str)]| {
        let mut url = url::Url::parse(&redirect).ok();
        if let Some(url) = url.as_mut() {
            url.query_pairs_mut().extend_pairs(params).append_pair("state", &state);
        }
        Redirect::to(url.map(String::from).unwrap_or_default().as_str()).into_response()
    };
    let refused = if q.response_type.as_deref() != Some("code") {
        Some(("unsupported_response_type", "only the code flow"))
    } else if q.code_challenge_method.as_deref() != Some("S256") || q.code_challenge.is_none() {
        Some(("invalid_request", "PKCE with S256 is required"))
    } else if q.resource.is_none() {
        Some(("invalid_target", "the resource parameter is required"))
    } else if q.login_hint.as_deref() == Some("deny") {
        Some(("access_denied", "the user refused access"))
    } else {
        None
    };
    if let Some((error, description)) = refused {
        return back(&[("error", error), ("error_description", description)]);
    }
    let code = new_id("code");
    oauth.codes.insert(
        code.clone(),
        Grant {
            client_id: q.client_id.clone().unwrap_or_default(),
            redirect_uri: redirect.clone(),
            challenge: q.code_challenge.clone().unwrap_or_default(),
            resource: q.resource.clone().unwrap_or_default(),
        },
    );
    drop(oauth);
    back(&[("code", &code)])
}

fn tokens(oauth: &mut OAuthDemo, client_id: &str, scope: &str) -> Json<Value> {
    let access = format!("demo-access-{}", new_id("tok"));
    let refresh = format!("demo-refresh-{}", new_id("tok"));
    oauth.access.insert(digest(&access), now_micros() + ACCESS_SECONDS * 1_000_000);
    oauth.refresh.insert(digest(&refresh), client_id.to_owned());
    Json(json!({"access_token": access, "token_type": "Bearer", "expires_in": ACCESS_SECONDS,
        "refresh_token": refresh, "scope": scope}))
}

async fn token(
    State(shared): State<AppState>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let field = |key: &str| form.get(key).map(String::as_str).unwrap_or_default();
    let mut oauth = shared.oauth();
    match field("grant_type") {
        "authorization_code" => {
            let Some(grant) = oauth.codes.remove(field("code")) else {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    "unknown or used code",
                );
            };
            let verifier = field("code_verifier");
            let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
            if grant.client_id != field("client_id")
                || grant.redirect_uri != field("redirect_uri")
                || challenge != grant.challenge
                || grant.resource != field("resource")
            {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    "the code, client, redirect_uri, verifier or resource do not match",
                );
            }
            tokens(&mut oauth, &grant.client_id, "tickets:read").into_response()
        }
        "refresh_token" => match oauth.refresh.get(&digest(field("refresh_token"))).cloned() {
            Some(client) if client == field("client_id") => {
                tokens(&mut oauth, &client, "tickets:read").into_response()
            }
            _ => oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", "unknown refresh token"),
        },
        _ => oauth_error(StatusCode::BAD_REQUEST, "unsupported_grant_type", "code or refresh"),
    }
}
