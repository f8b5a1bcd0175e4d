//! `/v1/environments`: container templates. Not versioned; names are unique.

use axum::extract::{Path, Query, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use bytes::Bytes;
use serde_json::{Value, json};

use super::object::{body, check_metadata, deleted, patch_metadata, required_str, visible};
use super::page::paginate;
use super::{AppState, Params};
use crate::error::{ApiError, ApiResult};
use crate::ids::{new_id, now};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/environments", post(create).get(list))
        .route("/v1/environments/{id}", get(retrieve).post(update).delete(remove))
        .route("/v1/environments/{id}/archive", post(archive))
}

/// Fills in config defaults: cloud environments get `unrestricted` networking and empty packages.
fn normalize_config(config: Option<&Value>) -> ApiResult<Value> {
    let config = config.filter(|c| !c.is_null()).cloned().unwrap_or(json!({"type": "cloud"}));
    match config["type"].as_str() {
        Some("self_hosted") => Ok(json!({"type": "self_hosted"})),
        Some("cloud") => {
            let mut networking = config["networking"].clone();
            if networking.is_null() {
                networking = json!({"type": "unrestricted"});
            } else if networking["type"] == "limited" {
                for key in ["allow_mcp_servers", "allow_package_managers"] {
                    networking[key] = json!(networking[key].as_bool().unwrap_or(false));
                }
                if networking["allowed_hosts"].is_null() {
                    networking["allowed_hosts"] = json!([]);
                }
            }
            let mut packages = json!({"type": "packages"});
            for manager in ["apt", "cargo", "gem", "go", "npm", "pip"] {
                packages[manager] =
                    config["packages"][manager].as_array().cloned().map_or(json!([]), Value::Array);
            }
            Ok(json!({"type": "cloud", "networking": networking, "packages": packages}))
        }
        _ => Err(ApiError::invalid("config.type: must be 'cloud' or 'self_hosted'")),
    }
}

async fn create(State(shared): State<AppState>, raw: Bytes) -> ApiResult<Json<Value>> {
    let body = body(&raw)?;
    let name = required_str(&body, "name")?;
    let metadata = body.get("metadata").cloned().unwrap_or(json!({}));
    check_metadata(&metadata)?;
    let config = normalize_config(body.get("config"))?;
    let mut store = shared.lock();
    if store.environments.values().any(|e| e["name"] == name.as_str() && e["archived_at"].is_null())
    {
        return Err(ApiError::conflict(format!("an environment named '{name}' already exists")));
    }
    let at = now();
    let env = json!({"id": new_id("env"), "type": "environment", "name": name,
        "description": body.get("description").cloned().unwrap_or(Value::Null), "metadata": metadata,
        "scope": body.get("scope").cloned().unwrap_or(json!("organization")), "config": config,
        "created_at": at, "updated_at": at, "archived_at": null});
    store.environments.insert(env["id"].as_str().unwrap_or_default().to_owned(), env.clone());
    Ok(Json(env))
}

async fn retrieve(
    State(shared): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    shared
        .lock()
        .environments
        .get(&id)
        .cloned()
        .map(Json)
        .ok_or_else(|| ApiError::not_found("environment", &id).with_code("environment_not_found"))
}

async fn update(
    State(shared): State<AppState>,
    Path(id): Path<String>,
    raw: Bytes,
) -> ApiResult<Json<Value>> {
    let body = body(&raw)?;
    let mut store = shared.lock();
    let env =
        store.environments.get_mut(&id).ok_or_else(|| ApiError::not_found("environment", &id))?;
    if env["archived_at"].is_string() {
        return Err(ApiError::invalid("environment is archived").with_code("environment_archived"));
    }
    let before = env.clone();
    if let Some(name) = body.get("name").and_then(Value::as_str) {
        env["name"] = json!(name);
    }
    if body.contains_key("description") {
        env["description"] = body.get("description").cloned().unwrap_or(Value::Null);
    }
    if let Some(config) = body.get("config") {
        let config = normalize_config(Some(config))?;
        if config["type"] != before["config"]["type"] {
            return Err(ApiError::invalid("config.type cannot change")
                .with_code("invalid_config_type_change"));
        }
        env["config"] = config;
    }
    patch_metadata(env, body.get("metadata"))?;
    if *env != before {
        env["updated_at"] = json!(now());
    }
    Ok(Json(env.clone()))
}

async fn list(
    State(shared): State<AppState>,
    Query(params): Query<Params>,
) -> ApiResult<Json<Value>> {
    let items = visible(&shared.lock().environments, params.flag("include_archived"));
    Ok(Json(paginate(items, &params, "environments", 20, 100, false)?))
}

async fn remove(State(shared): State<AppState>, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    let mut store = shared.lock();
    if !store.environments.contains_key(&id) {
        return Err(ApiError::not_found("environment", &id));
    }
    if store.sessions.values().any(|s| s.object["environment_id"] == id.as_str()) {
        return Err(ApiError::invalid("environment is used by sessions; delete them first"));
    }
    store.environments.remove(&id);
    Ok(Json(deleted(&id, "environment")))
}

async fn archive(State(shared): State<AppState>, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    let mut store = shared.lock();
    let env =
        store.environments.get_mut(&id).ok_or_else(|| ApiError::not_found("environment", &id))?;
    if env["archived_at"].is_null() {
        env["archived_at"] = json!(now());
    }
    Ok(Json(env.clone()))
}
