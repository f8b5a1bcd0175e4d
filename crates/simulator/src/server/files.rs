//! `/v1/files`: multipart upload, metadata, content download, delete. No beta header.

use axum::extract::{Multipart, Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};

use super::object::deleted;
use super::page::paginate;
use super::{AppState, Params};
use crate::error::{ApiError, ApiResult};
use crate::ids::{new_id, now, now_micros, rfc3339};
use crate::state::FileRecord;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/files", get(list).post(upload))
        .route("/v1/files/{id}", get(retrieve).delete(remove))
        .route("/v1/files/{id}/content", get(content))
}

fn multipart_error(e: impl std::fmt::Display) -> ApiError {
    ApiError::invalid(format!("invalid multipart body: {e}"))
}

async fn upload(State(shared): State<AppState>, mut form: Multipart) -> ApiResult<Json<Value>> {
    let mut file = None;
    let mut expires_in = None;
    while let Some(field) = form.next_field().await.map_err(multipart_error)? {
        match field.name() {
            Some("file") => {
                let filename = field.file_name().unwrap_or("upload").to_owned();
                let mime = field.content_type().unwrap_or("application/octet-stream").to_owned();
                file = Some((filename, mime, field.bytes().await.map_err(multipart_error)?));
            }
            Some("expires_in_seconds") => {
                let text = field.text().await.map_err(multipart_error)?;
                let secs: i64 = text
                    .trim()
                    .parse()
                    .map_err(|_| ApiError::invalid("expires_in_seconds: must be an integer"))?;
                if !(3600..=7_776_000).contains(&secs) {
                    return Err(ApiError::invalid(
                        "expires_in_seconds: must be between 3600 and 7776000",
                    ));
                }
                expires_in = Some(secs);
            }
            _ => {}
        }
    }
    let (filename, mime, bytes) = file.ok_or_else(|| ApiError::invalid("file: field required"))?;
    let meta = json!({"id": new_id("file"), "type": "file", "filename": filename, "mime_type": mime,
        "size_bytes": bytes.len(), "created_at": now(), "downloadable": true,
        "expires_at": expires_in.map(|s| rfc3339(now_micros() + s * 1_000_000))});
    let id = meta["id"].as_str().unwrap_or_default().to_owned();
    shared.lock().files.insert(id, FileRecord { meta: meta.clone(), content: bytes.to_vec() });
    Ok(Json(meta))
}

async fn list(
    State(shared): State<AppState>,
    Query(params): Query<Params>,
) -> ApiResult<Json<Value>> {
    let ids = params.all("ids");
    let scope = params.get("scope_id");
    let items: Vec<Value> = shared
        .lock()
        .files
        .values()
        .filter(|f| ids.is_empty() || ids.iter().any(|i| f.meta["id"] == i.as_str()))
        .filter(|f| scope.is_none_or(|s| f.meta["scope"]["id"] == s))
        .map(|f| f.meta.clone())
        .collect();
    Ok(Json(paginate(items, &params, "files", 20, 1000, false)?))
}

async fn retrieve(
    State(shared): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    shared
        .lock()
        .files
        .get(&id)
        .map(|f| Json(f.meta.clone()))
        .ok_or_else(|| ApiError::not_found("file", &id))
}

async fn content(State(shared): State<AppState>, Path(id): Path<String>) -> ApiResult<Response> {
    let store = shared.lock();
    let file = store.files.get(&id).ok_or_else(|| ApiError::not_found("file", &id))?;
    let mime = file.meta["mime_type"].as_str().unwrap_or("application/octet-stream").to_owned();
    Ok(([(header::CONTENT_TYPE, mime)], file.content.clone()).into_response())
}

async fn remove(State(shared): State<AppState>, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    shared.lock().files.remove(&id).ok_or_else(|| ApiError::not_found("file", &id))?;
    Ok(Json(deleted(&id, "file")))
}
