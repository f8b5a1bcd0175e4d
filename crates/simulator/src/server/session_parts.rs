//! A session's resources (`/v1/sessions/{id}/resources`) and threads (`/v1/sessions/{id}/threads`).

use axum::extract::{Path, Query, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use bytes::Bytes;
use serde_json::{Value, json};

use super::object::{body, deleted};
use super::page::paginate;
use super::{AppState, Params};
use crate::error::{ApiError, ApiResult};
use crate::ids::{new_id, now};
use crate::state::SessionRecord;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/sessions/{id}/resources", post(add_resource).get(list_resources))
        .route(
            "/v1/sessions/{id}/resources/{rid}",
            get(get_resource).post(update_resource).delete(delete_resource),
        )
        .route("/v1/sessions/{id}/threads", get(list_threads))
        .route("/v1/sessions/{id}/threads/{tid}", get(get_thread))
        .route("/v1/sessions/{id}/threads/{tid}/archive", post(archive_thread))
}

pub fn resource_from(params: &Value) -> ApiResult<Value> {
    let at = now();
    match params["type"].as_str() {
        Some("file") => {
            let file_id = params["file_id"]
                .as_str()
                .ok_or_else(|| ApiError::invalid("resources: file_id required"))?;
            let mount = params["mount_path"]
                .as_str()
                .map_or_else(|| format!("/mnt/session/uploads/{file_id}"), str::to_owned);
            Ok(
                json!({"type": "file", "id": new_id("sesrsc"), "file_id": file_id, "mount_path": mount, "created_at": at, "updated_at": at}),
            )
        }
        Some("github_repository") => {
            let url = params["url"]
                .as_str()
                .filter(|u| u.starts_with("https://github.com/"))
                .ok_or_else(|| {
                    ApiError::invalid("resources: url must be a https://github.com/ repository URL")
                })?;
            let repo = url
                .trim_end_matches('/')
                .trim_end_matches(".git")
                .rsplit('/')
                .next()
                .unwrap_or("repo");
            let mount = params["mount_path"]
                .as_str()
                .map_or_else(|| format!("/workspace/{repo}"), str::to_owned);
            Ok(
                json!({"type": "github_repository", "id": new_id("sesrsc"), "url": url, "mount_path": mount,
                "checkout": params.get("checkout").cloned().unwrap_or(Value::Null), "created_at": at, "updated_at": at}),
            )
        }
        Some("memory_store") => {
            let mut r = params.clone();
            if r["access"].is_null() {
                r["access"] = json!("read_write");
            }
            Ok(r)
        }
        _ => Err(ApiError::invalid(
            "resources: type must be file, github_repository or memory_store",
        )),
    }
}

fn with_session<R>(
    shared: &AppState,
    id: &str,
    f: impl FnOnce(&mut SessionRecord) -> ApiResult<R>,
) -> ApiResult<R> {
    let mut store = shared.lock();
    let rec = store.sessions.get_mut(id).ok_or_else(|| ApiError::not_found("session", id))?;
    f(rec)
}

async fn add_resource(
    State(shared): State<AppState>,
    Path(id): Path<String>,
    raw: Bytes,
) -> ApiResult<Json<Value>> {
    let params = Value::Object(body(&raw)?);
    if params["type"] != "file" {
        return Err(ApiError::invalid("type: only file resources can be added after creation"));
    }
    if let Some(mount) = params.get("mount_path").filter(|m| !m.is_null()) {
        let mount = mount.as_str().unwrap_or_default();
        if !mount.starts_with('/') || mount.split('/').any(|s| s == "..") {
            return Err(ApiError::invalid("mount_path: must be an absolute path without '..'"));
        }
    }
    let resource = resource_from(&params)?;
    let mut store = shared.lock();
    let file_id = resource["file_id"].as_str().unwrap_or_default();
    if !store.files.contains_key(file_id) {
        return Err(ApiError::not_found("file", file_id));
    }
    let rec = store.sessions.get_mut(&id).ok_or_else(|| ApiError::not_found("session", &id))?;
    if rec.status == "terminated" {
        return Err(ApiError::invalid("resources cannot change on a terminated session"));
    }
    if rec.resources.iter().any(|r| r["mount_path"] == resource["mount_path"]) {
        return Err(ApiError::conflict(format!(
            "mount_path: {} is already used by another resource of this session",
            resource["mount_path"].as_str().unwrap_or_default()
        )));
    }
    rec.resources.push(resource.clone());
    Ok(Json(resource))
}

async fn list_resources(
    State(shared): State<AppState>,
    Path(id): Path<String>,
    Query(params): Query<Params>,
) -> ApiResult<Json<Value>> {
    let items = with_session(&shared, &id, |rec| Ok(rec.resources.clone()))?;
    Ok(Json(paginate(items, &params, "resources", 1000, 1000, false)?))
}

async fn get_resource(
    State(shared): State<AppState>,
    Path((id, rid)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    with_session(&shared, &id, |rec| {
        rec.resources
            .iter()
            .find(|r| r["id"] == rid.as_str())
            .cloned()
            .map(Json)
            .ok_or_else(|| ApiError::not_found("resource", &rid))
    })
}

async fn update_resource(
    State(shared): State<AppState>,
    Path((id, rid)): Path<(String, String)>,
    raw: Bytes,
) -> ApiResult<Json<Value>> {
    let body = body(&raw)?;
    with_session(&shared, &id, |rec| {
        let r = rec
            .resources
            .iter_mut()
            .find(|r| r["id"] == rid.as_str())
            .ok_or_else(|| ApiError::not_found("resource", &rid))?;
        if r["type"] != "github_repository" || !body.contains_key("authorization_token") {
            return Err(ApiError::invalid(
                "only a github_repository's authorization_token can be updated",
            ));
        }
        r["updated_at"] = json!(now());
        Ok(Json(r.clone()))
    })
}

async fn delete_resource(
    State(shared): State<AppState>,
    Path((id, rid)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    with_session(&shared, &id, |rec| {
        if rec.status == "terminated" {
            return Err(ApiError::invalid("resources cannot change on a terminated session"));
        }
        let before = rec.resources.len();
        // Memory stores have no id: they are fixed at creation and cannot be removed.
        rec.resources.retain(|r| r["id"] != rid.as_str());
        if rec.resources.len() == before {
            return Err(ApiError::not_found("resource", &rid));
        }
        Ok(Json(deleted(&rid, "session_resource")))
    })
}

async fn list_threads(
    State(shared): State<AppState>,
    Path(id): Path<String>,
    Query(params): Query<Params>,
) -> ApiResult<Json<Value>> {
    let statuses = params.all("statuses");
    let items = with_session(&shared, &id, |rec| {
        Ok(rec
            .threads
            .iter()
            .filter(|t| statuses.is_empty() || statuses.iter().any(|s| t["status"] == s.as_str()))
            .cloned()
            .collect::<Vec<_>>())
    })?;
    Ok(Json(paginate(items, &params, "threads", 1000, 1000, false)?))
}

async fn get_thread(
    State(shared): State<AppState>,
    Path((id, tid)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    with_session(&shared, &id, |rec| {
        rec.threads
            .iter()
            .find(|t| t["id"] == tid.as_str())
            .cloned()
            .map(Json)
            .ok_or_else(|| ApiError::not_found("thread", &tid))
    })
}

async fn archive_thread(
    State(shared): State<AppState>,
    Path((id, tid)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    with_session(&shared, &id, |rec| {
        let t = rec
            .threads
            .iter_mut()
            .find(|t| t["id"] == tid.as_str())
            .ok_or_else(|| ApiError::not_found("thread", &tid))?;
        if t["status"] == "running" {
            return Err(ApiError::invalid("a thread can only be archived while idle"));
        }
        if t["archived_at"].is_null() {
            t["archived_at"] = json!(now());
        }
        Ok(Json(t.clone()))
    })
}
