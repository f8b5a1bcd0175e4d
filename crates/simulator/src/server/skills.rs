//! `/v1/skills`: custom skills uploaded as `files[]` (one top-level folder with `SKILL.md`).
//! No beta header. Version ids are epoch-microsecond strings, as the API's are.

use axum::extract::{Multipart, Path, Query, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{Value, json};

use super::object::deleted;
use super::page::paginate;
use super::{AppState, Params};
use crate::error::{ApiError, ApiResult};
use crate::ids::{new_id, now, now_micros};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/v1/skills", post(create).get(list))
        .route("/v1/skills/{id}", get(retrieve).delete(remove))
        .route("/v1/skills/{id}/versions", post(create_version).get(list_versions))
        .route("/v1/skills/{id}/versions/{version}", get(get_version).delete(delete_version))
}

struct Upload {
    display_name: Option<String>,
    name: String,
    description: String,
}

/// Reads the form, checks the folder layout and pulls `name`/`description` out of SKILL.md's
/// front matter.
async fn read_upload(mut form: Multipart) -> ApiResult<Upload> {
    let bad = |e: axum::extract::multipart::MultipartError| {
        ApiError::invalid(format!("invalid multipart body: {e}"))
    };
    let mut display_name = None;
    let mut files = Vec::new();
    while let Some(field) = form.next_field().await.map_err(bad)? {
        match field.name() {
            Some("display_name") => display_name = Some(field.text().await.map_err(bad)?),
            Some("files[]" | "files") => {
                let path = field.file_name().unwrap_or_default().to_owned();
                files.push((path, field.bytes().await.map_err(bad)?));
            }
            _ => {}
        }
    }
    let top = |p: &str| p.split('/').next().unwrap_or_default().to_owned();
    let root = files
        .first()
        .map(|(p, _)| top(p))
        .ok_or_else(|| ApiError::invalid("files: at least one file is required"))?;
    if files.iter().any(|(p, _)| top(p) != root || !p.contains('/')) {
        return Err(ApiError::invalid("files: all files must be under one top-level directory"));
    }
    let skill_md =
        files.iter().find(|(p, _)| *p == format!("{root}/SKILL.md")).ok_or_else(|| {
            ApiError::invalid("files: SKILL.md must be at the root of the top-level directory")
        })?;
    let size: usize = files.iter().map(|(_, b)| b.len()).sum();
    if size as u64 > MAX_SKILL_BYTES {
        return Err(ApiError::too_large(format!(
            "files: {size} bytes in all; a skill upload is at most {MAX_SKILL_BYTES} bytes"
        )));
    }
    let text = String::from_utf8_lossy(&skill_md.1);
    if !text.trim_start_matches('\u{feff}').starts_with("---") {
        return Err(ApiError::invalid("SKILL.md: must start with YAML front matter (---)"));
    }
    let field = |key: &str| {
        text.lines()
            .skip(1)
            .take_while(|l| l.trim_end() != "---")
            .find_map(|l| l.strip_prefix(key).map(|v| v.trim().trim_matches('"').to_owned()))
    };
    let name = field("name:").unwrap_or_default();
    let description = field("description:").unwrap_or_default();
    check_name(&name)?;
    if description.is_empty() || description.chars().count() > 1024 {
        return Err(ApiError::invalid("SKILL.md: description must be 1 to 1024 characters"));
    }
    Ok(Upload { display_name, name, description })
}

/// The documented rules of a skill's name: 1 to 64 lowercase letters, digits and hyphens,
/// without the reserved words.
fn check_name(name: &str) -> ApiResult<()> {
    let valid = !name.is_empty()
        && name.len() <= 64
        && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !valid {
        return Err(ApiError::invalid(
            "SKILL.md: name must be 1 to 64 lowercase letters, digits and hyphens",
        ));
    }
    if name.contains("anthropic") || name.contains("claude") {
        return Err(ApiError::invalid(
            "SKILL.md: name cannot contain the reserved words 'anthropic' or 'claude'",
        ));
    }
    Ok(())
}

/// The Skills API's limit for one upload, all files together (8 MB).
const MAX_SKILL_BYTES: u64 = 8 * 1024 * 1024;

/// Anthropic's own skills, listed with the workspace's (`source=anthropic`), referenced by
/// short name.
fn anthropic_skills() -> Vec<Value> {
    [("xlsx", "Excel"), ("docx", "Word"), ("pptx", "PowerPoint"), ("pdf", "PDF")]
        .into_iter()
        .map(|(id, name)| {
            json!({"id": id, "type": "skill", "display_name": name, "latest_version_id": "20251013",
                "source": {"type": "anthropic"}, "created_at": "2025-10-16T00:00:00Z",
                "updated_at": "2025-10-16T00:00:00Z"})
        })
        .collect()
}

fn version(skill_id: &str, upload: &Upload) -> Value {
    json!({"id": now_micros().to_string(), "type": "skill_version", "skill_id": skill_id,
        "name": upload.name, "description": upload.description, "created_at": now()})
}

async fn create(State(shared): State<AppState>, form: Multipart) -> ApiResult<Json<Value>> {
    let upload = read_upload(form).await?;
    let display = upload.display_name.clone().unwrap_or_else(|| upload.name.clone());
    let mut store = shared.lock();
    if store.skills.values().any(|s| s["display_name"] == display.as_str()) {
        return Err(ApiError::conflict(format!("a skill named '{display}' already exists"))
            .with_code("skill_name_taken"));
    }
    let id = new_id("skill");
    let v = version(&id, &upload);
    let at = now();
    let skill = json!({"id": id, "type": "skill", "display_name": display, "latest_version_id": v["id"],
        "source": {"type": "custom"}, "created_at": at, "updated_at": at});
    store.skill_versions.insert(format!("{id}/{}", v["id"].as_str().unwrap_or_default()), v);
    store.skills.insert(id, skill.clone());
    Ok(Json(skill))
}

async fn retrieve(
    State(shared): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    shared
        .lock()
        .skills
        .get(&id)
        .cloned()
        .map(Json)
        .ok_or_else(|| ApiError::not_found("skill", &id))
}

async fn list(
    State(shared): State<AppState>,
    Query(params): Query<Params>,
) -> ApiResult<Json<Value>> {
    let source = params.get("source");
    let mut items: Vec<Value> =
        shared.lock().skills.values().rev().cloned().chain(anthropic_skills()).collect();
    items.retain(|s| source.is_none_or(|src| s["source"]["type"] == src));
    Ok(Json(paginate(items, &params, "skills", 20, 1000, false)?))
}

async fn remove(State(shared): State<AppState>, Path(id): Path<String>) -> ApiResult<Json<Value>> {
    let mut store = shared.lock();
    if !store.skills.contains_key(&id) {
        return Err(ApiError::not_found("skill", &id));
    }
    // As the API documents: a skill's versions are deleted first, then the skill.
    let prefix = format!("{id}/");
    if store.skill_versions.keys().any(|k| k.starts_with(&prefix)) {
        return Err(ApiError::invalid(
            "Cannot delete a skill that has versions: delete all of its versions first",
        ));
    }
    store.skills.remove(&id);
    Ok(Json(deleted(&id, "skill")))
}

async fn create_version(
    State(shared): State<AppState>,
    Path(id): Path<String>,
    form: Multipart,
) -> ApiResult<Json<Value>> {
    let upload = read_upload(form).await?;
    let mut store = shared.lock();
    let v = version(&id, &upload);
    let skill = store.skills.get_mut(&id).ok_or_else(|| ApiError::not_found("skill", &id))?;
    skill["latest_version_id"] = v["id"].clone();
    skill["updated_at"] = json!(now());
    store
        .skill_versions
        .insert(format!("{id}/{}", v["id"].as_str().unwrap_or_default()), v.clone());
    Ok(Json(v))
}

async fn list_versions(
    State(shared): State<AppState>,
    Path(id): Path<String>,
    Query(params): Query<Params>,
) -> ApiResult<Json<Value>> {
    let store = shared.lock();
    if !store.skills.contains_key(&id) {
        return Err(ApiError::not_found("skill", &id));
    }
    let prefix = format!("{id}/");
    let items: Vec<Value> = store
        .skill_versions
        .iter()
        .filter(|(k, _)| k.starts_with(&prefix))
        .map(|(_, v)| v.clone())
        .rev()
        .collect();
    Ok(Json(paginate(items, &params, "skill_versions", 20, 1000, false)?))
}

fn version_key(store: &crate::state::Store, id: &str, version: &str) -> ApiResult<String> {
    let skill = store.skills.get(id).ok_or_else(|| ApiError::not_found("skill", id))?;
    let version = if version == "latest" {
        skill["latest_version_id"].as_str().unwrap_or_default()
    } else {
        version
    };
    let key = format!("{id}/{version}");
    store
        .skill_versions
        .contains_key(&key)
        .then_some(key)
        .ok_or_else(|| ApiError::not_found("skill version", version))
}

async fn get_version(
    State(shared): State<AppState>,
    Path((id, version)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    let store = shared.lock();
    let key = version_key(&store, &id, &version)?;
    store
        .skill_versions
        .get(&key)
        .cloned()
        .map(Json)
        .ok_or_else(|| ApiError::not_found("skill version", &version))
}

async fn delete_version(
    State(shared): State<AppState>,
    Path((id, version)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    let mut store = shared.lock();
    let key = version_key(&store, &id, &version)?;
    let removed = store.skill_versions.remove(&key).unwrap_or_default();
    // The newest version left becomes the latest one (none once the last is gone).
    let prefix = format!("{id}/");
    let latest = store
        .skill_versions
        .iter()
        .filter(|(k, _)| k.starts_with(&prefix))
        .map(|(_, v)| v["id"].clone())
        .next_back();
    if let Some(skill) = store.skills.get_mut(&id) {
        skill["latest_version_id"] = latest.unwrap_or(Value::Null);
        skill["updated_at"] = json!(now());
    }
    Ok(Json(deleted(removed["id"].as_str().unwrap_or_default(), "skill_version")))
}
