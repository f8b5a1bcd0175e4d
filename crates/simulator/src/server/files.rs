//! `/v1/files`: multipart upload, metadata, content download, delete. No beta header, except
//! that listing a session's outputs (`scope_id`) needs the managed-agents one, as the API does.
//! Contents stream to and from disk ([`crate::blobs`]).

use axum::body::Body;
use axum::extract::multipart::Field;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};
use tokio::io::AsyncWriteExt;

use super::object::deleted;
use super::page::paginate;
use super::{AppState, MANAGED_AGENTS_BETA, Params, betas};
use crate::error::{ApiError, ApiResult};
use crate::ids::{new_id, now, now_micros, rfc3339};
use crate::state::FileRecord;

/// The Files API's documented per-file limit (500 MB).
pub const MAX_FILE_BYTES: u64 = 500 * 1000 * 1000;

pub fn routes() -> Router<AppState> {
    Router::new()
        // The upload counts its own bytes against MAX_FILE_BYTES while streaming to disk.
        .route("/v1/files", get(list).post(upload).layer(DefaultBodyLimit::disable()))
        .route("/v1/files/{id}", get(retrieve).delete(remove))
        .route("/v1/files/{id}/content", get(content))
}

fn multipart_error(e: impl std::fmt::Display) -> ApiError {
    ApiError::invalid(format!("invalid multipart body: {e}"))
}

fn disk_error(e: std::io::Error) -> ApiError {
    ApiError::internal(format!("the file could not be stored: {e}"))
}

/// What the form said besides the content, which is already on disk.
struct Received {
    filename: String,
    mime: String,
    size: u64,
    expires_in: Option<i64>,
}

async fn upload(State(shared): State<AppState>, form: Multipart) -> ApiResult<Json<Value>> {
    let id = new_id("file");
    let partial = shared.blobs.partial_path(&id);
    let rate = shared.faults().upload_bytes_per_sec;
    let received = match receive(form, &partial, rate).await {
        Ok(r) => r,
        Err(e) => {
            // A cut-off or refused upload leaves nothing behind.
            let _ = tokio::fs::remove_file(&partial).await;
            return Err(e);
        }
    };
    tokio::fs::rename(&partial, shared.blobs.path(&id)).await.map_err(disk_error)?;
    let Received { filename, mime, size, expires_in } = received;
    let meta = json!({"id": id, "type": "file", "filename": filename, "mime_type": mime,
        "size_bytes": size, "created_at": now(), "downloadable": true,
        "expires_at": expires_in.map(|s| rfc3339(now_micros() + s * 1_000_000))});
    shared.lock().files.insert(id, FileRecord::Meta(meta.clone()));
    Ok(Json(meta))
}

async fn receive(
    mut form: Multipart,
    partial: &std::path::Path,
    rate: Option<u64>,
) -> ApiResult<Received> {
    let mut file = None;
    let mut expires_in = None;
    while let Some(field) = form.next_field().await.map_err(multipart_error)? {
        match field.name() {
            Some("file") => {
                let filename = field.file_name().unwrap_or("upload").to_owned();
                let mime = field.content_type().unwrap_or("application/octet-stream").to_owned();
                let size = write_field(field, partial, rate).await?;
                file = Some((filename, mime, size));
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
    let (filename, mime, size) = file.ok_or_else(|| ApiError::invalid("file: field required"))?;
    Ok(Received { filename, mime, size, expires_in })
}

/// Streams one part to `path` chunk by chunk; refuses it once it passes the size limit.
/// `rate` (bytes per second) slows the reading down, for the slow-uplink fault.
async fn write_field(
    mut field: Field<'_>,
    path: &std::path::Path,
    rate: Option<u64>,
) -> ApiResult<u64> {
    let mut out = tokio::fs::File::create(path).await.map_err(disk_error)?;
    let mut size: u64 = 0;
    while let Some(chunk) = field.chunk().await.map_err(multipart_error)? {
        if let Some(rate) = rate.filter(|r| *r > 0) {
            let micros = chunk.len() as u64 * 1_000_000 / rate;
            tokio::time::sleep(std::time::Duration::from_micros(micros)).await;
        }
        size += chunk.len() as u64;
        if size > MAX_FILE_BYTES {
            return Err(ApiError::too_large(format!(
                "file: larger than the {MAX_FILE_BYTES}-byte limit of the Files API"
            )));
        }
        out.write_all(&chunk).await.map_err(disk_error)?;
    }
    out.flush().await.map_err(disk_error)?;
    Ok(size)
}

async fn list(
    State(shared): State<AppState>,
    headers: HeaderMap,
    Query(params): Query<Params>,
) -> ApiResult<Json<Value>> {
    let ids = params.all("ids");
    let scope = params.get("scope_id");
    if let Some(scope) = scope {
        if !betas(&headers).iter().any(|b| b == MANAGED_AGENTS_BETA) {
            return Err(ApiError::invalid(format!(
                "scope_id requires the anthropic-beta header '{MANAGED_AGENTS_BETA}'"
            )));
        }
        if !scope.starts_with("sesn_") {
            return Err(ApiError::invalid("scope_id: must be a session id (sesn_…)"));
        }
    }
    let items: Vec<Value> = shared
        .lock()
        .files
        .values()
        .map(FileRecord::meta)
        .filter(|m| ids.is_empty() || ids.iter().any(|i| m["id"] == i.as_str()))
        .filter(|m| scope.is_none_or(|s| m["scope"]["id"] == s))
        // Newest first, as the API lists files.
        .rev()
        .cloned()
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
        .map(|f| Json(f.meta().clone()))
        .ok_or_else(|| ApiError::not_found("file", &id))
}

async fn content(State(shared): State<AppState>, Path(id): Path<String>) -> ApiResult<Response> {
    let mime = {
        let store = shared.lock();
        let file = store.files.get(&id).ok_or_else(|| ApiError::not_found("file", &id))?;
        if file.meta()["downloadable"] == false {
            return Err(ApiError::invalid(format!("file {id} is not downloadable")));
        }
        file.meta()["mime_type"].as_str().unwrap_or("application/octet-stream").to_owned()
    };
    let file = tokio::fs::File::open(shared.blobs.path(&id))
        .await
        .map_err(|_| ApiError::not_found("file content", &id))?;
    let len = file.metadata().await.map_err(disk_error)?.len();
    let body = Body::from_stream(tokio_util::io::ReaderStream::with_capacity(file, 64 * 1024));
    Ok(([(header::CONTENT_TYPE, mime), (header::CONTENT_LENGTH, len.to_string())], body)
        .into_response())
}

async fn remove(State(shared): State<AppState>, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    shared.lock().files.remove(&id).ok_or_else(|| ApiError::not_found("file", &id))?;
    shared.blobs.remove(&id);
    Ok(Json(deleted(&id, "file")))
}
