//! `/v1/vaults` and their credentials. Secrets are accepted and never returned.

use axum::extract::{Path, Query, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use bytes::Bytes;
use serde_json::{Value, json};

use super::credential_auth;
use super::object::{body, check_metadata, deleted, patch_metadata, required_str, visible};
use super::page::paginate;
use super::{AppState, Params};
use crate::error::{ApiError, ApiResult};
use crate::ids::{new_id, now, now_micros, rfc3339};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/vaults", post(create).get(list))
        .route("/v1/vaults/{id}", get(retrieve).post(update).delete(remove))
        .route("/v1/vaults/{id}/archive", post(archive))
        .route("/v1/vaults/{id}/credentials", post(create_credential).get(list_credentials))
        .route(
            "/v1/vaults/{id}/credentials/{cid}",
            get(get_credential).post(update_credential).delete(delete_credential),
        )
        .route("/v1/vaults/{id}/credentials/{cid}/archive", post(archive_credential))
        .route("/v1/vaults/{id}/credentials/{cid}/mcp_oauth_validate", post(validate))
}

/// `display_name`: 1–255 characters.
fn check_name(name: &str) -> ApiResult<()> {
    if name.trim().is_empty() || name.chars().count() > 255 {
        return Err(ApiError::invalid("display_name: between 1 and 255 characters"));
    }
    Ok(())
}

async fn create(State(shared): State<AppState>, raw: Bytes) -> ApiResult<Json<Value>> {
    let body = body(&raw)?;
    let name = required_str(&body, "display_name")?;
    check_name(&name)?;
    let metadata = body.get("metadata").cloned().unwrap_or(json!({}));
    check_metadata(&metadata)?;
    let at = now();
    let vault = json!({"id": new_id("vlt"), "type": "vault", "display_name": name, "metadata": metadata,
        "created_at": at, "updated_at": at, "archived_at": null});
    shared.lock().vaults.insert(vault["id"].as_str().unwrap_or_default().to_owned(), vault.clone());
    Ok(Json(vault))
}

async fn retrieve(
    State(shared): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    shared
        .lock()
        .vaults
        .get(&id)
        .cloned()
        .map(Json)
        .ok_or_else(|| ApiError::not_found("vault", &id))
}

async fn update(
    State(shared): State<AppState>,
    Path(id): Path<String>,
    raw: Bytes,
) -> ApiResult<Json<Value>> {
    let body = body(&raw)?;
    let mut store = shared.lock();
    let vault = store.vaults.get_mut(&id).ok_or_else(|| ApiError::not_found("vault", &id))?;
    if let Some(name) = body.get("display_name").and_then(Value::as_str) {
        check_name(name)?;
        vault["display_name"] = json!(name);
    }
    patch_metadata(vault, body.get("metadata"))?;
    vault["updated_at"] = json!(now());
    Ok(Json(vault.clone()))
}

async fn list(
    State(shared): State<AppState>,
    Query(params): Query<Params>,
) -> ApiResult<Json<Value>> {
    let items = visible(&shared.lock().vaults, params.flag("include_archived"));
    Ok(Json(paginate(items, &params, "vaults", 20, 100, false)?))
}

async fn remove(State(shared): State<AppState>, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    let mut store = shared.lock();
    store.vaults.remove(&id).ok_or_else(|| ApiError::not_found("vault", &id))?;
    store.credentials.retain(|_, c| c["vault_id"] != id.as_str());
    Ok(Json(deleted(&id, "vault")))
}

async fn archive(State(shared): State<AppState>, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    let mut store = shared.lock();
    let vault = store.vaults.get_mut(&id).ok_or_else(|| ApiError::not_found("vault", &id))?;
    if vault["archived_at"].is_null() {
        vault["archived_at"] = json!(now());
    }
    let vault = vault.clone();
    // The archive cascades: every credential's secret is purged, its record kept.
    for c in store.credentials.values_mut().filter(|c| c["vault_id"] == id.as_str()) {
        if c["archived_at"].is_null() {
            c["archived_at"] = vault["archived_at"].clone();
        }
    }
    Ok(Json(vault))
}

/// What makes two credentials of a vault the same key.
fn key_of(auth: &Value) -> Value {
    if auth["type"] == "environment_variable" {
        auth["secret_name"].clone()
    } else {
        auth["mcp_server_url"].clone()
    }
}

async fn create_credential(
    State(shared): State<AppState>,
    Path(id): Path<String>,
    raw: Bytes,
) -> ApiResult<Json<Value>> {
    let body = body(&raw)?;
    let auth = credential_auth::create(body.get("auth").unwrap_or(&Value::Null))?;
    let metadata = body.get("metadata").cloned().unwrap_or(json!({}));
    check_metadata(&metadata)?;
    let mut store = shared.lock();
    if !store.vaults.contains_key(&id) {
        return Err(ApiError::not_found("vault", &id));
    }
    let siblings: Vec<&Value> = store
        .credentials
        .values()
        .filter(|c| c["vault_id"] == id.as_str() && c["archived_at"].is_null())
        .collect();
    if siblings.len() >= 20 {
        return Err(ApiError::invalid("a vault holds at most 20 credentials"));
    }
    if siblings.iter().any(|c| key_of(&c["auth"]) == key_of(&auth)) {
        return Err(ApiError::conflict("a credential for this key already exists in the vault"));
    }
    let at = now();
    let credential = json!({"id": new_id("vcrd"), "type": "vault_credential", "vault_id": id,
        "display_name": body.get("display_name").cloned().unwrap_or(Value::Null), "auth": auth, "metadata": metadata,
        "created_at": at, "updated_at": at, "archived_at": null});
    store
        .credentials
        .insert(credential["id"].as_str().unwrap_or_default().to_owned(), credential.clone());
    Ok(Json(credential))
}

fn credential<'a>(
    store: &'a mut crate::state::Store,
    id: &str,
    cid: &str,
) -> ApiResult<&'a mut Value> {
    store
        .credentials
        .get_mut(cid)
        .filter(|c| c["vault_id"] == id)
        .ok_or_else(|| ApiError::not_found("credential", cid))
}

async fn get_credential(
    State(shared): State<AppState>,
    Path((id, cid)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    Ok(Json(credential(&mut shared.lock(), &id, &cid)?.clone()))
}

async fn update_credential(
    State(shared): State<AppState>,
    Path((id, cid)): Path<(String, String)>,
    raw: Bytes,
) -> ApiResult<Json<Value>> {
    let body = body(&raw)?;
    let mut store = shared.lock();
    let c = credential(&mut store, &id, &cid)?;
    if let Some(auth) = body.get("auth") {
        c["auth"] = credential_auth::update(&c["auth"], auth)?;
    }
    if let Some(name) = body.get("display_name") {
        c["display_name"] = name.clone();
    }
    patch_metadata(c, body.get("metadata"))?;
    c["updated_at"] = json!(now());
    Ok(Json(c.clone()))
}

async fn list_credentials(
    State(shared): State<AppState>,
    Path(id): Path<String>,
    Query(params): Query<Params>,
) -> ApiResult<Json<Value>> {
    let store = shared.lock();
    if !store.vaults.contains_key(&id) {
        return Err(ApiError::not_found("vault", &id));
    }
    let items = visible(&store.credentials, params.flag("include_archived"))
        .into_iter()
        .filter(|c| c["vault_id"] == id.as_str())
        .collect();
    Ok(Json(paginate(items, &params, "credentials", 20, 100, false)?))
}

async fn delete_credential(
    State(shared): State<AppState>,
    Path((id, cid)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    let mut store = shared.lock();
    credential(&mut store, &id, &cid)?;
    store.credentials.remove(&cid);
    Ok(Json(deleted(&cid, "vault_credential")))
}

async fn archive_credential(
    State(shared): State<AppState>,
    Path((id, cid)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    let mut store = shared.lock();
    let c = credential(&mut store, &id, &cid)?;
    if c["archived_at"].is_null() {
        c["archived_at"] = json!(now());
    }
    Ok(Json(c.clone()))
}

async fn validate(
    State(shared): State<AppState>,
    Path((id, cid)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    let mut store = shared.lock();
    let c = credential(&mut store, &id, &cid)?;
    if c["auth"]["type"] != "mcp_oauth" {
        return Err(ApiError::invalid("only mcp_oauth credentials can be validated"));
    }
    let Some(stored) = c.as_object() else {
        return Err(ApiError::not_found("credential", &cid));
    };
    let verdict = credential_auth::validation(stored, &id, &now());
    if verdict["refresh"]["status"] == "succeeded" {
        // A refresh stores a new access token: an hour from now, like most providers'.
        c["auth"]["expires_at"] = json!(rfc3339(now_micros() + 3_600_000_000));
    }
    Ok(Json(verdict))
}
