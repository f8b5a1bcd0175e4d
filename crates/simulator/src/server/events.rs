//! `/v1/sessions/{id}/events`: send a batch, list the history (and a thread's history).

use axum::extract::{Path, Query, State};
use axum::routing::get;
use axum::{Json, Router};
use bytes::Bytes;
use serde_json::{Value, json};

use super::object::body;
use super::page::paginate;
use super::{AppState, Params};
use crate::error::{ApiError, ApiResult};
use crate::state::StoredEvent;
use crate::{inbox, session};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/sessions/{id}/events", get(list).post(send))
        .route("/v1/sessions/{id}/threads/{tid}/events", get(list_thread))
}

async fn send(
    State(shared): State<AppState>,
    Path(id): Path<String>,
    raw: Bytes,
) -> ApiResult<Json<Value>> {
    let body = body(&raw)?;
    let events = body
        .get("events")
        .and_then(Value::as_array)
        .cloned()
        .ok_or_else(|| ApiError::invalid("events: field required"))?;
    let echoes = inbox::send_events(&shared, &id, events)?;
    Ok(Json(json!({"data": echoes})))
}

/// Order by `processed_at`, then emission; events still queued (no `processed_at`) come last.
fn sort_key(e: &StoredEvent) -> (bool, i64, u64) {
    (e.at.is_none(), e.at.unwrap_or(0), e.seq)
}

async fn list(
    State(shared): State<AppState>,
    Path(id): Path<String>,
    Query(params): Query<Params>,
) -> ApiResult<Json<Value>> {
    let in_range = params.time_filter()?;
    let filtered_by_time = ["gt", "gte", "lt", "lte"]
        .iter()
        .any(|op| params.get(&format!("created_at[{op}]")).is_some());
    let types = params.all("types");
    let order = params.get("order").unwrap_or("asc");
    if order != "asc" && order != "desc" {
        return Err(ApiError::invalid("order: must be 'asc' or 'desc'"));
    }
    let slow = shared.faults().slow_history_pages;
    if let Some(pause) = slow.filter(|_| order == "asc") {
        tokio::time::sleep(pause).await;
    }
    let mut events: Vec<StoredEvent> = {
        let store = shared.lock();
        let rec = store.sessions.get(&id).ok_or_else(|| ApiError::not_found("session", &id))?;
        rec.events
            .iter()
            .filter(|e| e.thread.is_none() || e.primary)
            .filter(|e| types.is_empty() || types.iter().any(|t| e.event["type"] == t.as_str()))
            .filter(|e| match e.at {
                Some(at) => in_range(at),
                None => !filtered_by_time,
            })
            .cloned()
            .collect()
    };
    events.sort_by_key(sort_key);
    if order == "desc" {
        events.reverse();
    }
    let items = events.into_iter().map(|e| e.event).collect();
    Ok(Json(paginate(items, &params, order, 20, 1000, false)?))
}

async fn list_thread(
    State(shared): State<AppState>,
    Path((id, tid)): Path<(String, String)>,
    Query(params): Query<Params>,
) -> ApiResult<Json<Value>> {
    let mut events: Vec<StoredEvent> = {
        let store = shared.lock();
        let rec = store.sessions.get(&id).ok_or_else(|| ApiError::not_found("session", &id))?;
        let primary = session::primary_thread_id(rec);
        if !rec.threads.iter().any(|t| t["id"] == tid.as_str()) {
            return Err(ApiError::not_found("thread", &tid));
        }
        let is_primary = primary.as_deref() == Some(tid.as_str());
        rec.events
            .iter()
            .filter(|e| {
                if is_primary {
                    e.thread.is_none()
                } else {
                    e.thread.as_deref() == Some(tid.as_str())
                }
            })
            .cloned()
            .collect()
    };
    events.sort_by_key(sort_key);
    Ok(Json(paginate(
        events.into_iter().map(|e| e.event).collect(),
        &params,
        "thread",
        20,
        1000,
        false,
    )?))
}
