//! `/v1/agents`: create, retrieve (any version), update with optimistic `version`, list,
//! archive, versions. Agents are never deleted.

use axum::extract::{Path, Query, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use bytes::Bytes;
use serde_json::{Map, Value, json};

use super::object::{body, check_metadata, patch_metadata, required_str};
use super::page::paginate;
use super::{AppState, Params};
use crate::error::{ApiError, ApiResult};
use crate::ids::{new_id, now, parse_micros};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/agents", post(create).get(list))
        .route("/v1/agents/{id}", get(retrieve).post(update))
        .route("/v1/agents/{id}/archive", post(archive))
        .route("/v1/agents/{id}/versions", get(versions))
}

/// Expands the `model` shorthand into the ModelConfig object responses always carry.
pub fn normalize_model(model: &Value) -> ApiResult<Value> {
    let mut out = match model {
        Value::String(id) if !id.is_empty() => json!({"id": id}),
        Value::Object(map) if map.get("id").and_then(Value::as_str).is_some() => model.clone(),
        _ => {
            return Err(ApiError::invalid("model: a model id or {id, …} is required")
                .with_code("agent_model_required"));
        }
    };
    out["effort"] = match &out["effort"] {
        Value::String(level) => json!({"type": level}),
        Value::Object(_) => out["effort"].clone(),
        _ => json!({"type": "high"}),
    };
    if out["speed"].is_null() {
        out["speed"] = json!("standard");
    }
    Ok(out)
}

fn normalize_policy(policy: Option<&Value>, default: &Value) -> Value {
    match policy {
        Some(Value::String(kind)) => json!({"type": kind}),
        Some(p @ Value::Object(_)) => p.clone(),
        _ => default.clone(),
    }
}

/// Fills in tool defaults as responses show them: toolsets get `default_config` and complete
/// `configs`; built-in tools default to `always_allow`, MCP toolsets to `always_ask`.
pub fn normalize_tools(tools: Option<&Value>, mcp_servers: &Value) -> ApiResult<Value> {
    let Some(tools) = tools.filter(|t| !t.is_null()) else {
        return Ok(json!([]));
    };
    let list = tools.as_array().ok_or_else(|| ApiError::invalid("tools: must be a list"))?;
    if list.len() > 128 {
        return Err(ApiError::invalid("tools: at most 128 tools"));
    }
    let mut out = Vec::new();
    for (index, tool) in list.iter().enumerate() {
        let kind = tool["type"].as_str().unwrap_or_default();
        let mut tool = tool.clone();
        match kind {
            "agent_toolset_20260401" | "mcp_toolset" => {
                let fallback = if kind == "mcp_toolset" { "always_ask" } else { "always_allow" };
                let default = &tool["default_config"];
                let enabled = default["enabled"].as_bool().unwrap_or(true);
                let policy =
                    normalize_policy(default.get("permission_policy"), &json!({"type": fallback}));
                let configs: Vec<Value> = tool["configs"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|c| {
                        let mut c = c.clone();
                        c["enabled"] = json!(c["enabled"].as_bool().unwrap_or(enabled));
                        c["permission_policy"] =
                            normalize_policy(c.get("permission_policy"), &policy);
                        if kind == "agent_toolset_20260401" {
                            c["type"] = c["name"].clone();
                        }
                        c
                    })
                    .collect();
                tool["default_config"] = json!({"enabled": enabled, "permission_policy": policy});
                tool["configs"] = json!(configs);
                if kind == "mcp_toolset" {
                    let server = tool["mcp_server_name"].as_str().unwrap_or_default();
                    let known =
                        mcp_servers.as_array().into_iter().flatten().any(|s| s["name"] == server);
                    if !known {
                        return Err(ApiError::invalid(format!(
                            "tools.{index}.mcp_server_name: no MCP server named '{server}'"
                        )));
                    }
                }
            }
            "custom" => {
                let name = tool["name"].as_str().unwrap_or_default();
                let valid = !name.is_empty()
                    && name.len() <= 128
                    && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
                if !valid || !tool["input_schema"].is_object() {
                    return Err(ApiError::invalid(format!(
                        "tools.{index}: custom tools need a valid name and input_schema"
                    )));
                }
            }
            other => {
                return Err(ApiError::invalid(format!(
                    "tools.{index}.type: unknown tool type '{other}'"
                )));
            }
        }
        out.push(tool);
    }
    Ok(json!(out))
}

fn check_mcp_usage(agent: &Value) -> ApiResult<()> {
    for server in agent["mcp_servers"].as_array().into_iter().flatten() {
        let used = agent["tools"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|t| t["type"] == "mcp_toolset" && t["mcp_server_name"] == server["name"]);
        if !used {
            return Err(ApiError::invalid(format!(
                "mcp_servers: '{}' is not used by any mcp_toolset",
                server["name"].as_str().unwrap_or_default()
            )));
        }
    }
    Ok(())
}

fn nullable_text(body: &Map<String, Value>, key: &str) -> Value {
    match body.get(key) {
        Some(Value::String(s)) if !s.is_empty() => json!(s),
        _ => Value::Null,
    }
}

async fn create(State(shared): State<AppState>, raw: Bytes) -> ApiResult<Json<Value>> {
    let body = body(&raw)?;
    let name = required_str(&body, "name")?;
    let model = normalize_model(body.get("model").unwrap_or(&Value::Null))?;
    let mcp_servers =
        body.get("mcp_servers").filter(|v| !v.is_null()).cloned().unwrap_or(json!([]));
    let metadata = body.get("metadata").cloned().unwrap_or(json!({}));
    check_metadata(&metadata)?;
    let at = now();
    let agent = json!({
        "id": new_id("agent"), "type": "agent", "name": name,
        "description": nullable_text(&body, "description"), "system": nullable_text(&body, "system"),
        "model": model, "tools": normalize_tools(body.get("tools"), &mcp_servers)?, "mcp_servers": mcp_servers,
        "skills": body.get("skills").filter(|v| !v.is_null()).cloned().unwrap_or(json!([])),
        "metadata": metadata, "multiagent": body.get("multiagent").cloned().unwrap_or(Value::Null),
        "execution_identity": body.get("execution_identity").cloned().unwrap_or(json!({"type": "service_account"})),
        "version": 1, "created_at": at, "updated_at": at, "archived_at": null,
    });
    check_mcp_usage(&agent)?;
    let id = agent["id"].as_str().unwrap_or_default().to_owned();
    shared.lock().agents.insert(id, vec![agent.clone()]);
    Ok(Json(agent))
}

async fn retrieve(
    State(shared): State<AppState>,
    Path(id): Path<String>,
    Query(params): Query<Params>,
) -> ApiResult<Json<Value>> {
    let store = shared.lock();
    let versions = store.agents.get(&id).ok_or_else(|| ApiError::not_found("agent", &id))?;
    match params.get("version") {
        None => versions.last().cloned().map(Json).ok_or_else(|| ApiError::not_found("agent", &id)),
        Some(v) => {
            let n: usize =
                v.parse().map_err(|_| ApiError::invalid("version: must be an integer ≥ 1"))?;
            n.checked_sub(1)
                .and_then(|i| versions.get(i))
                .cloned()
                .map(Json)
                .ok_or_else(|| ApiError::not_found("agent version", v))
        }
    }
}

async fn update(
    State(shared): State<AppState>,
    Path(id): Path<String>,
    raw: Bytes,
) -> ApiResult<Json<Value>> {
    let body = body(&raw)?;
    let mut store = shared.lock();
    let versions = store.agents.get_mut(&id).ok_or_else(|| ApiError::not_found("agent", &id))?;
    let current = versions.last().cloned().ok_or_else(|| ApiError::not_found("agent", &id))?;
    if let Some(expected) = body.get("version").and_then(Value::as_u64)
        && Some(expected) != current["version"].as_u64()
    {
        return Err(ApiError::conflict(format!(
            "version {expected} does not match the current version {}",
            current["version"]
        )));
    }
    if current["archived_at"].is_string() {
        return Err(ApiError::invalid("archived agents cannot be updated"));
    }
    let mut next = current.clone();
    if let Some(name) = body.get("name") {
        next["name"] = json!(
            name.as_str()
                .filter(|n| !n.is_empty())
                .ok_or_else(|| ApiError::invalid("name: cannot be cleared"))?
        );
    }
    for key in ["description", "system"] {
        if body.contains_key(key) {
            next[key] = nullable_text(&body, key);
        }
    }
    if let Some(model) = body.get("model") {
        let effort_given = model.get("effort").is_some();
        let mut model = normalize_model(model)?;
        if !effort_given {
            // Leaving `effort` out keeps the stored effort; the rest of the model is replaced.
            model["effort"] = current["model"]["effort"].clone();
        }
        next["model"] = model;
    }
    if body.contains_key("mcp_servers") {
        next["mcp_servers"] =
            body.get("mcp_servers").filter(|v| !v.is_null()).cloned().unwrap_or(json!([]));
    }
    if body.contains_key("tools") {
        next["tools"] = normalize_tools(body.get("tools"), &next["mcp_servers"])?;
    }
    for key in ["skills", "multiagent", "execution_identity"] {
        if let Some(value) = body.get(key) {
            next[key] = if value.is_null() && key == "skills" { json!([]) } else { value.clone() };
        }
    }
    patch_metadata(&mut next, body.get("metadata"))?;
    check_mcp_usage(&next)?;
    if next == current {
        // A no-op update keeps the version.
        return Ok(Json(current));
    }
    next["version"] = json!(current["version"].as_u64().unwrap_or(1) + 1);
    next["updated_at"] = json!(now());
    versions.push(next.clone());
    Ok(Json(next))
}

async fn list(
    State(shared): State<AppState>,
    Query(params): Query<Params>,
) -> ApiResult<Json<Value>> {
    let in_range = params.time_filter()?;
    let include_archived = params.flag("include_archived");
    let items: Vec<Value> = shared
        .lock()
        .agents
        .values()
        .filter_map(|v| v.last().cloned())
        .filter(|a| include_archived || a["archived_at"].is_null())
        .filter(|a| a["created_at"].as_str().and_then(parse_micros).is_some_and(&in_range))
        .collect();
    Ok(Json(paginate(items, &params, "agents", 20, 100, false)?))
}

async fn archive(State(shared): State<AppState>, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    let mut store = shared.lock();
    let versions = store.agents.get_mut(&id).ok_or_else(|| ApiError::not_found("agent", &id))?;
    let at = now();
    for version in versions.iter_mut() {
        if version["archived_at"].is_null() {
            version["archived_at"] = json!(at);
        }
    }
    versions.last().cloned().map(Json).ok_or_else(|| ApiError::not_found("agent", &id))
}

async fn versions(
    State(shared): State<AppState>,
    Path(id): Path<String>,
    Query(params): Query<Params>,
) -> ApiResult<Json<Value>> {
    let items =
        shared.lock().agents.get(&id).cloned().ok_or_else(|| ApiError::not_found("agent", &id))?;
    Ok(Json(paginate(items.into_iter().rev().collect(), &params, "versions", 20, 100, false)?))
}
