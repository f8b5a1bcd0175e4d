//! `/v1/memory_stores`, their memories and memory versions. Every write records a version;
//! `precondition` / `expected_content_sha256` mismatches and path clashes give 409.

use axum::extract::{Path, Query, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use bytes::Bytes;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::object::{body, check_metadata, deleted, patch_metadata, required_str, visible};
use super::page::paginate;
use super::{AppState, Params};
use crate::error::{ApiError, ApiResult};
use crate::ids::{new_id, now};
use crate::state::Store;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/memory_stores", post(create).get(list))
        .route("/v1/memory_stores/{id}", get(retrieve).post(update).delete(remove))
        .route("/v1/memory_stores/{id}/archive", post(archive))
        .route("/v1/memory_stores/{id}/memories", post(create_memory).get(list_memories))
        .route(
            "/v1/memory_stores/{id}/memories/{mid}",
            get(get_memory).post(update_memory).delete(delete_memory),
        )
        .route("/v1/memory_stores/{id}/memory_versions", get(list_versions))
        .route("/v1/memory_stores/{id}/memory_versions/{vid}", get(get_version))
        .route("/v1/memory_stores/{id}/memory_versions/{vid}/redact", post(redact))
}

fn sha256(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

fn conflict(kind: &'static str, message: &str) -> ApiError {
    ApiError { kind, ..ApiError::conflict(message) }
}

async fn create(State(shared): State<AppState>, raw: Bytes) -> ApiResult<Json<Value>> {
    let body = body(&raw)?;
    let name = required_str(&body, "name")?;
    let metadata = body.get("metadata").cloned().unwrap_or(json!({}));
    check_metadata(&metadata)?;
    let at = now();
    let ms = json!({"id": new_id("memstore"), "type": "memory_store", "name": name,
        "description": body.get("description").cloned().unwrap_or(json!("")), "metadata": metadata,
        "created_at": at, "updated_at": at, "archived_at": null});
    shared
        .lock()
        .memory_stores
        .insert(ms["id"].as_str().unwrap_or_default().to_owned(), ms.clone());
    Ok(Json(ms))
}

fn store_of<'a>(store: &'a mut Store, id: &str) -> ApiResult<&'a mut Value> {
    store.memory_stores.get_mut(id).ok_or_else(|| ApiError::not_found("memory store", id))
}

async fn retrieve(
    State(shared): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    Ok(Json(store_of(&mut shared.lock(), &id)?.clone()))
}

async fn update(
    State(shared): State<AppState>,
    Path(id): Path<String>,
    raw: Bytes,
) -> ApiResult<Json<Value>> {
    let body = body(&raw)?;
    let mut store = shared.lock();
    let ms = store_of(&mut store, &id)?;
    for key in ["name", "description"] {
        if let Some(v) = body.get(key).filter(|v| v.is_string()) {
            ms[key] = v.clone();
        }
    }
    patch_metadata(ms, body.get("metadata"))?;
    ms["updated_at"] = json!(now());
    Ok(Json(ms.clone()))
}

async fn list(
    State(shared): State<AppState>,
    Query(params): Query<Params>,
) -> ApiResult<Json<Value>> {
    let items = visible(&shared.lock().memory_stores, params.flag("include_archived"));
    Ok(Json(paginate(items, &params, "memory_stores", 20, 100, false)?))
}

async fn remove(State(shared): State<AppState>, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    let mut store = shared.lock();
    store.memory_stores.remove(&id).ok_or_else(|| ApiError::not_found("memory store", &id))?;
    store.memories.retain(|_, m| m["memory_store_id"] != id.as_str());
    store.memory_versions.retain(|_, v| v["memory_store_id"] != id.as_str());
    Ok(Json(deleted(&id, "memory_store")))
}

async fn archive(State(shared): State<AppState>, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    let mut store = shared.lock();
    let ms = store_of(&mut store, &id)?;
    if ms["archived_at"].is_null() {
        ms["archived_at"] = json!(now());
    }
    Ok(Json(ms.clone()))
}

/// A memory as shown in `view` (`basic` drops the content).
fn view(memory: &Value, params: &Params, default_full: bool) -> Value {
    let full = params.get("view").map_or(default_full, |v| v == "full");
    let mut out = memory.clone();
    if !full {
        out["content"] = Value::Null;
    }
    out
}

fn record_version(store: &mut Store, memory: &Value, operation: &str) -> String {
    let id = new_id("memver");
    let version = json!({"id": id, "type": "memory_version", "memory_id": memory["id"], "memory_store_id": memory["memory_store_id"],
        "operation": operation, "path": memory["path"], "content": memory["content"], "content_sha256": memory["content_sha256"],
        "content_size_bytes": memory["content_size_bytes"], "created_by": {"type": "api_actor", "api_key_id": "apikey_simulator"},
        "redacted_at": null, "redacted_by": null, "created_at": now()});
    store.memory_versions.insert(id.clone(), version);
    id
}

/// A memory path is absolute and names a file: no trailing slash, no empty, `.` or `..`
/// segment (the store is mounted as a directory tree in the sandbox).
fn check_path(path: &str) -> ApiResult<()> {
    let ok = path.len() > 1
        && path.starts_with('/')
        && !path.ends_with('/')
        && path[1..].split('/').all(|s| !s.is_empty() && s != "." && s != "..");
    if ok {
        Ok(())
    } else {
        Err(ApiError::invalid("path: an absolute path to a file, without empty, . or .. segments"))
    }
}

fn path_taken(store: &Store, ms: &str, path: &str, except: &str) -> bool {
    store
        .memories
        .values()
        .any(|m| m["memory_store_id"] == ms && m["path"] == path && m["id"] != except)
}

async fn create_memory(
    State(shared): State<AppState>,
    Path(id): Path<String>,
    Query(params): Query<Params>,
    raw: Bytes,
) -> ApiResult<Json<Value>> {
    let body = body(&raw)?;
    let path = required_str(&body, "path")?;
    check_path(&path)?;
    let content = body.get("content").and_then(Value::as_str).unwrap_or_default().to_owned();
    if content.len() > 100_000 {
        return Err(ApiError::invalid("content: at most 100 kB"));
    }
    let mut store = shared.lock();
    store_of(&mut store, &id)?;
    if path_taken(&store, &id, &path, "") {
        return Err(conflict("memory_path_conflict_error", "a memory already exists at this path"));
    }
    let at = now();
    let mut memory = json!({"id": new_id("mem"), "type": "memory", "memory_store_id": id, "path": path,
        "content_sha256": sha256(&content), "content_size_bytes": content.len(), "content": content, "created_at": at, "updated_at": at});
    memory["memory_version_id"] = json!(record_version(&mut store, &memory, "created"));
    store.memories.insert(memory["id"].as_str().unwrap_or_default().to_owned(), memory.clone());
    Ok(Json(view(&memory, &params, false)))
}

fn memory_of<'a>(store: &'a mut Store, id: &str, mid: &str) -> ApiResult<&'a mut Value> {
    store
        .memories
        .get_mut(mid)
        .filter(|m| m["memory_store_id"] == id)
        .ok_or_else(|| ApiError::not_found("memory", mid))
}

async fn get_memory(
    State(shared): State<AppState>,
    Path((id, mid)): Path<(String, String)>,
    Query(params): Query<Params>,
) -> ApiResult<Json<Value>> {
    Ok(Json(view(memory_of(&mut shared.lock(), &id, &mid)?, &params, true)))
}

async fn update_memory(
    State(shared): State<AppState>,
    Path((id, mid)): Path<(String, String)>,
    Query(params): Query<Params>,
    raw: Bytes,
) -> ApiResult<Json<Value>> {
    let body = body(&raw)?;
    let mut store = shared.lock();
    let current = memory_of(&mut store, &id, &mid)?.clone();
    if let Some(expected) = body.get("precondition").and_then(|p| p["content_sha256"].as_str())
        && current["content_sha256"] != expected
    {
        return Err(conflict(
            "memory_precondition_failed_error",
            "content_sha256 precondition failed",
        ));
    }
    let mut next = current.clone();
    if let Some(path) = body.get("path").and_then(Value::as_str) {
        check_path(path)?;
        if path_taken(&store, &id, path, &mid) {
            return Err(conflict(
                "memory_path_conflict_error",
                "a memory already exists at this path",
            ));
        }
        next["path"] = json!(path);
    }
    if let Some(content) = body.get("content").and_then(Value::as_str) {
        next["content"] = json!(content);
        next["content_sha256"] = json!(sha256(content));
        next["content_size_bytes"] = json!(content.len());
    }
    if next != current {
        next["updated_at"] = json!(now());
        next["memory_version_id"] = json!(record_version(&mut store, &next, "modified"));
        store.memories.insert(mid, next.clone());
    }
    Ok(Json(view(&next, &params, false)))
}

async fn delete_memory(
    State(shared): State<AppState>,
    Path((id, mid)): Path<(String, String)>,
    Query(params): Query<Params>,
) -> ApiResult<Json<Value>> {
    let mut store = shared.lock();
    let current = memory_of(&mut store, &id, &mid)?.clone();
    if params.get("expected_content_sha256").is_some_and(|e| current["content_sha256"] != e) {
        return Err(conflict(
            "memory_precondition_failed_error",
            "expected_content_sha256 does not match",
        ));
    }
    record_version(&mut store, &current, "deleted");
    store.memories.remove(&mid);
    Ok(Json(deleted(&mid, "memory")))
}

async fn list_memories(
    State(shared): State<AppState>,
    Path(id): Path<String>,
    Query(params): Query<Params>,
) -> ApiResult<Json<Value>> {
    let prefix = params.get("path_prefix").unwrap_or("").to_owned();
    let depth: usize = params.get("depth").and_then(|d| d.parse().ok()).unwrap_or(0);
    let mut store = shared.lock();
    store_of(&mut store, &id)?;
    let mut items: Vec<Value> = Vec::new();
    let mut memories: Vec<&Value> =
        store.memories.values().filter(|m| m["memory_store_id"] == id.as_str()).collect();
    memories.sort_by_key(|m| m["path"].as_str().unwrap_or_default().to_owned());
    for m in memories {
        let Some(rest) = m["path"].as_str().and_then(|p| p.strip_prefix(prefix.as_str())) else {
            continue;
        };
        let parts: Vec<&str> = rest.trim_start_matches('/').split('/').collect();
        if depth > 0 && parts.len() > depth {
            // Deeper entries collapse into one `memory_prefix` per folder at that depth.
            // Paths are absolute: without a prefix the folder starts at the root.
            let base = if prefix.is_empty() { "/" } else { prefix.as_str() };
            let folder = format!("{base}{}/", parts[..depth].join("/"));
            if !items.iter().any(|i| i["type"] == "memory_prefix" && i["path"] == folder.as_str()) {
                items.push(json!({"type": "memory_prefix", "path": folder}));
            }
        } else {
            items.push(view(m, &params, false));
        }
    }
    Ok(Json(paginate(items, &params, "memories", 20, 100, false)?))
}

async fn list_versions(
    State(shared): State<AppState>,
    Path(id): Path<String>,
    Query(params): Query<Params>,
) -> ApiResult<Json<Value>> {
    let store = shared.lock();
    let items: Vec<Value> = store
        .memory_versions
        .values()
        .rev()
        .filter(|v| v["memory_store_id"] == id.as_str())
        .filter(|v| params.get("memory_id").is_none_or(|m| v["memory_id"] == m))
        .filter(|v| params.get("operation").is_none_or(|o| v["operation"] == o))
        .map(|v| view(v, &params, false))
        .collect();
    Ok(Json(paginate(items, &params, "memory_versions", 20, 100, false)?))
}

async fn get_version(
    State(shared): State<AppState>,
    Path((id, vid)): Path<(String, String)>,
    Query(params): Query<Params>,
) -> ApiResult<Json<Value>> {
    let store = shared.lock();
    let v = store
        .memory_versions
        .get(&vid)
        .filter(|v| v["memory_store_id"] == id.as_str())
        .ok_or_else(|| ApiError::not_found("memory version", &vid))?;
    Ok(Json(view(v, &params, true)))
}

async fn redact(
    State(shared): State<AppState>,
    Path((id, vid)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    let mut store = shared.lock();
    let v = store
        .memory_versions
        .get_mut(&vid)
        .filter(|v| v["memory_store_id"] == id.as_str())
        .ok_or_else(|| ApiError::not_found("memory version", &vid))?;
    v["content"] = Value::Null;
    v["redacted_at"] = json!(now());
    v["redacted_by"] = json!({"type": "api_actor", "api_key_id": "apikey_simulator"});
    Ok(Json(v.clone()))
}
