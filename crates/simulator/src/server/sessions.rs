//! `/v1/sessions`: create, retrieve, update, list, archive, delete, plus resources and threads.

use std::collections::{BTreeMap, VecDeque};

use axum::extract::{Path, Query, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use bytes::Bytes;
use serde_json::{Value, json};

use super::object::{body, check_metadata, deleted, patch_metadata};
use super::page::paginate;
use super::{AppState, Params};
use crate::error::{ApiError, ApiResult};
use crate::ids::{new_id, now, parse_micros};
use crate::inbox;
use crate::session::{self, emit, render};
use crate::state::{Live, SessionRecord, Store, Usage};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/sessions", post(create).get(list))
        .route("/v1/sessions/{id}", get(retrieve).post(update).delete(remove))
        .route("/v1/sessions/{id}/archive", post(archive))
        .merge(super::session_parts::routes())
}

/// Resolves the `agent` reference into the session's snapshot (SessionAgent).
fn snapshot(store: &Store, agent: &Value) -> ApiResult<Value> {
    let (id, version, overrides) = match agent {
        Value::String(id) => (id.clone(), None, None),
        Value::Object(map) => (
            map.get("id").and_then(Value::as_str).unwrap_or_default().to_owned(),
            map.get("version").and_then(Value::as_u64),
            (map.get("type").and_then(Value::as_str) == Some("agent_with_overrides"))
                .then_some(map),
        ),
        _ => {
            return Err(ApiError::invalid("agent: an agent id or reference is required"));
        }
    };
    let versions = store.agents.get(&id).ok_or_else(|| ApiError::not_found("agent", &id))?;
    let chosen = match version {
        None => versions.last(),
        Some(v) => {
            usize::try_from(v).ok().and_then(|v| v.checked_sub(1)).and_then(|i| versions.get(i))
        }
    }
    .ok_or_else(|| ApiError::not_found("agent version", &id))?;
    if chosen["archived_at"].is_string() {
        return Err(ApiError::invalid(format!("agent {id} is archived")));
    }
    let mut snap = chosen.clone();
    if let Some(map) = overrides {
        for key in ["system", "tools", "mcp_servers", "skills"] {
            if let Some(value) = map.get(key) {
                snap[key] = value.clone();
            }
        }
        if let Some(model) = map.get("model") {
            snap["model"] = super::agents::normalize_model(model)?;
        }
        snap["tools"] =
            super::agents::normalize_tools(Some(&snap["tools"].clone()), &snap["mcp_servers"])?;
    }
    if let Some(obj) = snap.as_object_mut() {
        for key in ["created_at", "updated_at", "metadata", "archived_at"] {
            obj.remove(key);
        }
    }
    Ok(snap)
}

async fn create(State(shared): State<AppState>, raw: Bytes) -> ApiResult<Json<Value>> {
    let body = body(&raw)?;
    let mut store = shared.lock();
    let agent = snapshot(&store, body.get("agent").unwrap_or(&Value::Null))?;
    let env_id = body.get("environment_id").and_then(Value::as_str).unwrap_or_default().to_owned();
    let env = store.environments.get(&env_id).ok_or_else(|| {
        ApiError::not_found("environment", &env_id).with_code("environment_not_found")
    })?;
    if env["archived_at"].is_string() {
        return Err(ApiError::invalid("environment is archived").with_code("environment_archived"));
    }
    let metadata = body.get("metadata").cloned().unwrap_or(json!({}));
    check_metadata(&metadata)?;
    if let Some(budget) = body.get("budget").filter(|b| !b.is_null()) {
        session::check_budget(budget)?;
    }
    for vault_id in body.get("vault_ids").and_then(Value::as_array).into_iter().flatten() {
        let id = vault_id.as_str().unwrap_or_default();
        let vault = store.vaults.get(id).ok_or_else(|| ApiError::not_found("vault", id))?;
        if vault["archived_at"].is_string() {
            return Err(ApiError::invalid(format!("vault {id} is archived")));
        }
    }
    let requested = body.get("resources").and_then(Value::as_array).cloned().unwrap_or_default();
    let stores: Vec<&Value> = requested.iter().filter(|r| r["type"] == "memory_store").collect();
    if stores.len() > 8 {
        return Err(ApiError::invalid("resources: at most 8 memory stores per session"));
    }
    for r in stores {
        let id = r["memory_store_id"].as_str().unwrap_or_default();
        let ms =
            store.memory_stores.get(id).ok_or_else(|| ApiError::not_found("memory store", id))?;
        if ms["archived_at"].is_string() {
            return Err(ApiError::invalid(format!("memory store {id} is archived")));
        }
    }
    let initial = body.get("initial_events").and_then(Value::as_array).cloned().unwrap_or_default();
    if initial.len() > 50
        || initial
            .iter()
            .any(|e| !matches!(e["type"].as_str(), Some("user.message" | "user.define_outcome")))
    {
        return Err(ApiError::invalid(
            "initial_events: at most 50 user.message or user.define_outcome events",
        ));
    }
    let resources = body
        .get("resources")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(super::session_parts::resource_from)
        .collect::<ApiResult<Vec<_>>>()?;
    let id = new_id("sesn");
    let at = now();
    let object = json!({"id": id, "type": "session", "agent": agent, "environment_id": env_id,
        "title": body.get("title").cloned().unwrap_or(Value::Null), "metadata": metadata,
        "vault_ids": body.get("vault_ids").cloned().unwrap_or(json!([])), "budget": body.get("budget").cloned().unwrap_or(Value::Null),
        "outcome_evaluations": [], "deployment_id": null, "created_at": at, "updated_at": at, "archived_at": null});
    let thread = json!({"id": new_id("sthr"), "type": "session_thread", "session_id": id, "parent_thread_id": null,
        "status": "idle", "agent": object["agent"], "workflow_run_id": null, "created_at": at, "updated_at": at, "archived_at": null});
    let rec = SessionRecord {
        object,
        status: "idle".into(),
        events: Vec::new(),
        threads: vec![thread],
        resources,
        queue: VecDeque::new(),
        pending: Vec::new(),
        resolutions: BTreeMap::new(),
        usage: Usage::default(),
        running_since: None,
        next_seq: 0,
        live: Live::default(),
    };
    store.sessions.insert(id.clone(), rec);
    drop(store);
    if !initial.is_empty() {
        inbox::send_events(&shared, &id, initial)?;
    }
    let store = shared.lock();
    store
        .sessions
        .get(&id)
        .map(|r| Json(render(r)))
        .ok_or_else(|| ApiError::not_found("session", &id))
}

async fn retrieve(
    State(shared): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    shared
        .lock()
        .sessions
        .get(&id)
        .map(|r| Json(render(r)))
        .ok_or_else(|| ApiError::not_found("session", &id))
}

async fn update(
    State(shared): State<AppState>,
    Path(id): Path<String>,
    raw: Bytes,
) -> ApiResult<Json<Value>> {
    let body = body(&raw)?;
    let mut store = shared.lock();
    let rec = store.sessions.get_mut(&id).ok_or_else(|| ApiError::not_found("session", &id))?;
    if body.contains_key("vault_ids") {
        return Err(ApiError::invalid("vault_ids: updating vaults is not yet supported"));
    }
    let mut changed = json!({"type": "session.updated"});
    if let Some(agent) = body.get("agent") {
        if rec.status == "running" {
            return Err(ApiError::invalid(
                "agent tools can only be updated while the session is not running",
            ));
        }
        if agent.get("model").is_some()
            || agent.get("system").is_some()
            || agent.get("skills").is_some()
        {
            return Err(ApiError::invalid("agent: only tools and mcp_servers can be updated"));
        }
        let mut snap = rec.object["agent"].clone();
        if let Some(servers) = agent.get("mcp_servers") {
            snap["mcp_servers"] = if servers.is_null() { json!([]) } else { servers.clone() };
        }
        if let Some(tools) = agent.get("tools") {
            snap["tools"] = super::agents::normalize_tools(Some(tools), &snap["mcp_servers"])?;
        }
        rec.object["agent"] = snap.clone();
        changed["agent"] = snap;
    }
    if let Some(title) = body.get("title") {
        rec.object["title"] = title.clone();
        changed["title"] = title.clone();
    }
    if patch_metadata(&mut rec.object, body.get("metadata"))? {
        changed["metadata"] = rec.object["metadata"].clone();
    }
    if let Some(budget) = body.get("budget") {
        if rec.object["budget"].is_null() && !budget.is_null() {
            return Err(ApiError::invalid(
                "budget: a budget can only be set when the session is created",
            )
            .with_code("budget_create_only"));
        }
        if !budget.is_null() {
            session::check_budget(budget)?;
            let cap: u64 = budget["max_list_cost"]["amount"]
                .as_str()
                .and_then(|a| a.parse().ok())
                .unwrap_or(0);
            if cap * 1_000_000 <= session::list_cost_units(rec) {
                return Err(ApiError::invalid(
                    "budget.max_list_cost must be greater than the session's consumed list cost",
                )
                .with_code("budget_not_raised"));
            }
        }
        rec.object["budget"] = budget.clone();
        changed["budget"] = budget.clone();
        // A raised or removed budget resumes a session paused at the cap.
        rec.live.wake.notify_one();
    }
    if changed.as_object().is_some_and(|m| m.len() > 1) {
        rec.object["updated_at"] = json!(now());
        emit(rec, changed);
    }
    Ok(Json(render(rec)))
}

async fn list(
    State(shared): State<AppState>,
    Query(params): Query<Params>,
) -> ApiResult<Json<Value>> {
    let in_range = params.time_filter()?;
    let statuses = params.all("statuses");
    let include_archived = params.flag("include_archived");
    let store = shared.lock();
    let mut items: Vec<Value> = store
        .sessions
        .values()
        .filter(|r| include_archived || r.object["archived_at"].is_null())
        .filter(|r| statuses.is_empty() || statuses.contains(&r.status))
        .filter(|r| params.get("agent_id").is_none_or(|a| r.object["agent"]["id"] == a))
        .filter(|r| params.get("agent_version").is_none_or(|v| r.object["agent"]["version"] == v))
        .filter(|r| r.object["created_at"].as_str().and_then(parse_micros).is_some_and(&in_range))
        .map(render)
        .collect();
    let order = params.get("order").unwrap_or("desc");
    if order == "desc" {
        items.reverse();
    } else if order != "asc" {
        return Err(ApiError::invalid("order: must be 'asc' or 'desc'"));
    }
    Ok(Json(paginate(items, &params, order, 20, 1000, true)?))
}

async fn remove(State(shared): State<AppState>, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    let mut store = shared.lock();
    let rec = store.sessions.get_mut(&id).ok_or_else(|| ApiError::not_found("session", &id))?;
    if rec.status == "running" {
        return Err(ApiError::invalid("a running session cannot be deleted; interrupt it first"));
    }
    emit(rec, json!({"type": "session.deleted"}));
    // Dropping the record drops every stream's sender, which ends those streams.
    if let Some(rec) = store.sessions.remove(&id) {
        rec.live.wake.notify_one();
    }
    Ok(Json(deleted(&id, "session")))
}

async fn archive(State(shared): State<AppState>, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    let mut store = shared.lock();
    let rec = store.sessions.get_mut(&id).ok_or_else(|| ApiError::not_found("session", &id))?;
    if rec.status == "running" {
        return Err(ApiError::invalid("a running session cannot be archived; interrupt it first"));
    }
    if rec.object["archived_at"].is_null() {
        session::stop_meter(rec);
        rec.status = "terminated".into();
        rec.pending.clear();
        rec.object["archived_at"] = json!(now());
        emit(rec, json!({"type": "session.status_terminated"}));
        rec.live.wake.notify_one();
    }
    Ok(Json(render(rec)))
}
