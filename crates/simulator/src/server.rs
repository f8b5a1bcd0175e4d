//! The HTTP surface: routing, and the checks every request goes through (request id, injected
//! failures, auth, beta header). One file per resource below.

mod agents;
mod credential_auth;
mod environments;
mod events;
mod files;
mod mcp_oauth;
mod memory;
mod object;
mod page;
mod session_parts;
mod sessions;
mod skills;
mod stream;
mod vaults;

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};

use crate::error::{ApiError, REQUEST_ID};
use crate::ids;
use crate::state::Shared;

pub use page::Params;

/// Shared state as handlers see it.
pub type AppState = Arc<Shared>;
pub use mcp_oauth::{MCP_DEMO_PATH, OAuthDemo};

pub(crate) const MANAGED_AGENTS_BETA: &str = "managed-agents-2026-04-01";
const MEMORY_BETA: &str = "agent-memory-2026-07-22";

/// The whole API as one router.
pub fn router(shared: AppState) -> Router {
    Router::new()
        .merge(agents::routes())
        .merge(environments::routes())
        .merge(sessions::routes())
        .merge(events::routes())
        .merge(stream::routes())
        .merge(vaults::routes())
        .merge(memory::routes())
        .merge(files::routes())
        .merge(skills::routes())
        .fallback(|| async { ApiError::not_found_route() })
        // axum's default 2 MB cap would refuse ordinary file uploads; the API allows large bodies.
        .layer(DefaultBodyLimit::max(64 * 1024 * 1024))
        .layer(middleware::from_fn_with_state(Arc::clone(&shared), gate))
        // Other servers (an MCP server and its OAuth): outside the API's key and beta checks.
        .merge(mcp_oauth::routes())
        .with_state(shared)
}

pub(crate) fn betas(headers: &HeaderMap) -> Vec<String> {
    headers
        .get_all("anthropic-beta")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|b| b.trim().to_owned())
        .collect()
}

fn check(req: &Request) -> Result<(), ApiError> {
    let headers = req.headers();
    let api_key =
        headers.get("x-api-key").and_then(|v| v.to_str().ok()).filter(|v| !v.trim().is_empty());
    let bearer = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .filter(|v| !v.trim().is_empty());
    if api_key.is_none() && bearer.is_none() {
        return Err(ApiError::unauthenticated("x-api-key header is required"));
    }
    let path = req.uri().path();
    let betas = betas(headers);
    let has = |b: &str| betas.iter().any(|x| x == b);
    let ok = if path.starts_with("/v1/files") || path.starts_with("/v1/skills") {
        true
    } else if path.starts_with("/v1/memory_stores") {
        has(MEMORY_BETA) || has(MANAGED_AGENTS_BETA)
    } else {
        has(MANAGED_AGENTS_BETA)
    };
    if !ok {
        let wanted =
            if path.starts_with("/v1/memory_stores") { MEMORY_BETA } else { MANAGED_AGENTS_BETA };
        return Err(ApiError::invalid(format!(
            "This endpoint requires the anthropic-beta header '{wanted}'"
        ))
        .with_code("organization_not_enrolled_in_beta"));
    }
    Ok(())
}

/// A request's route: its method, its path with ids as `{id}`, and its query's keys (sorted).
fn route_of(method: &Method, uri: &axum::http::Uri) -> String {
    let path: Vec<&str> = uri
        .path()
        .split('/')
        .map(|segment| {
            // Ids are `<prefix>_<random>`; route words are lower case without digits.
            if segment.contains('_') && segment.chars().any(|c| c.is_ascii_digit()) {
                "{id}"
            } else {
                segment
            }
        })
        .collect();
    let mut keys: Vec<&str> = uri
        .query()
        .unwrap_or_default()
        .split('&')
        .filter_map(|pair| pair.split('=').next())
        .filter(|key| !key.is_empty())
        .collect();
    keys.sort_unstable();
    keys.dedup();
    let query = if keys.is_empty() { String::new() } else { format!("?{}", keys.join("&")) };
    format!("{method} {}{query}", path.join("/"))
}

/// Runs before every handler: request id, injected failures, auth and beta checks.
async fn gate(State(shared): State<AppState>, req: Request, next: Next) -> Response {
    shared.requests.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    *shared
        .routes
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .entry(route_of(req.method(), req.uri()))
        .or_default() += 1;
    let request_id = ids::request_id();
    let is_post = req.method() == Method::POST;
    let injected = {
        let mut faults = shared.faults();
        if faults.revoke_keys {
            Some(ApiError::unauthenticated("invalid x-api-key"))
        } else if faults.fail_next_requests > 0 {
            faults.fail_next_requests -= 1;
            Some(ApiError::throttled(faults.fail_status, faults.retry_after_secs))
        } else {
            None
        }
    };
    let mut response = REQUEST_ID
        .scope(request_id.clone(), async move {
            if let Some(error) = injected {
                return error.into_response();
            }
            if let Err(error) = check(&req) {
                return error.into_response();
            }
            next.run(req).await
        })
        .await;
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        response.headers_mut().insert("request-id", value);
    }
    if is_post && response.status().is_success() {
        let drop_it = {
            let mut faults = shared.faults();
            let hit = faults.drop_next_post_responses > 0;
            faults.drop_next_post_responses =
                faults.drop_next_post_responses.saturating_sub(u32::from(hit));
            hit
        };
        if drop_it {
            // The POST already took effect; the client sees the connection break before the body.
            let (parts, _) = response.into_parts();
            let broken = futures_util::stream::once(async {
                Err::<bytes::Bytes, std::io::Error>(std::io::Error::other(
                    "injected: response dropped",
                ))
            });
            return Response::from_parts(parts, Body::from_stream(broken));
        }
    }
    response
}

#[cfg(test)]
mod route_tests {
    use super::*;

    #[test]
    fn a_route_hides_ids_and_query_values_but_keeps_query_keys() {
        let uri: axum::http::Uri =
            "/v1/sessions/sesn_011CZm0001/events?types%5B%5D=session.status_idle&order=desc&limit=1"
                .parse()
                .unwrap();
        assert_eq!(
            route_of(&Method::GET, &uri),
            "GET /v1/sessions/{id}/events?limit&order&types%5B%5D"
        );
        let uri: axum::http::Uri = "/v1/sessions?limit=100&include_archived=false".parse().unwrap();
        assert_eq!(route_of(&Method::GET, &uri), "GET /v1/sessions?include_archived&limit");
        let uri: axum::http::Uri = "/v1/agents/agent_01X2/archive".parse().unwrap();
        assert_eq!(route_of(&Method::POST, &uri), "POST /v1/agents/{id}/archive");
    }
}
