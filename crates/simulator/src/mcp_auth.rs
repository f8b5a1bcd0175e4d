//! The stand-in OAuth MCP server (`MCP_DEMO_PATH`) requires a token, so a session whose agent
//! uses it without a vault credential for its URL fails to authenticate. As the API does, the
//! session is not refused: each turn starts with `session.error`
//! (`mcp_authentication_failed_error`, naming the server) and carries on without its tools.

use serde_json::{Value, json};

use crate::server::MCP_DEMO_PATH;
use crate::state::Store;

fn normalized(url: &str) -> String {
    url::Url::parse(url)
        .map(|u| u.to_string())
        .unwrap_or_else(|_| url.to_owned())
        .trim_end_matches('/')
        .to_owned()
}

/// The `session.error` events a turn of `session` starts with: one per demo server no vault of
/// the session covers.
pub fn auth_errors(store: &Store, session: &Value) -> Vec<Value> {
    let vault_ids: Vec<&str> =
        session["vault_ids"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
    let covered = |url: &str| {
        store.credentials.values().any(|c| {
            c["archived_at"].is_null()
                && vault_ids.contains(&c["vault_id"].as_str().unwrap_or_default())
                && store
                    .vaults
                    .get(c["vault_id"].as_str().unwrap_or_default())
                    .is_some_and(|v| v["archived_at"].is_null())
                && c["auth"]["mcp_server_url"]
                    .as_str()
                    .is_some_and(|u| normalized(u) == normalized(url))
        })
    };
    session["agent"]["mcp_servers"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|server| {
            let url = server["url"].as_str().unwrap_or_default();
            url::Url::parse(url).is_ok_and(|u| u.path() == MCP_DEMO_PATH) && !covered(url)
        })
        .map(|server| {
            let name = server["name"].as_str().unwrap_or_default();
            json!({"type": "session.error", "error": {"type": "mcp_authentication_failed_error",
                "message": format!("MCP server '{name}' requires authentication and no vault of this session has a credential for it"),
                "mcp_server_name": name, "retry_status": {"type": "retrying"}}})
        })
        .collect()
}
