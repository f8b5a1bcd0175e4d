//! Helpers shared by the resource handlers: body parsing, metadata patches, archive filters.

use std::collections::BTreeMap;

use bytes::Bytes;
use serde_json::{Map, Value, json};

use crate::error::{ApiError, ApiResult};

/// Parses a JSON object body into the official error shape on failure (axum's own `Json`
/// rejection is plain text, which the SDK would not parse).
pub fn body(bytes: &Bytes) -> ApiResult<Map<String, Value>> {
    if bytes.is_empty() {
        return Ok(Map::new());
    }
    match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(ApiError::invalid("request body must be a JSON object")),
        Err(e) => Err(ApiError::invalid(format!("invalid JSON body: {e}"))),
    }
}

/// A required non-empty string field.
pub fn required_str(body: &Map<String, Value>, key: &str) -> ApiResult<String> {
    match body.get(key).and_then(Value::as_str) {
        Some(s) if !s.is_empty() => Ok(s.to_owned()),
        _ => Err(ApiError::invalid(format!("{key}: field required"))),
    }
}

/// Checks metadata limits: ≤16 keys, keys ≤64 chars, values ≤512 chars.
pub fn check_metadata(metadata: &Value) -> ApiResult<()> {
    let Some(map) = metadata.as_object() else {
        return if metadata.is_null() {
            Ok(())
        } else {
            Err(ApiError::invalid("metadata: must be an object"))
        };
    };
    let bad = map.len() > 16
        || map.iter().any(|(k, v)| k.len() > 64 || v.as_str().is_some_and(|s| s.len() > 512));
    if bad {
        return Err(ApiError::invalid(
            "metadata: at most 16 keys, keys ≤64 and values ≤512 characters",
        )
        .with_code("invalid_metadata"));
    }
    Ok(())
}

/// Applies a metadata patch: a string upserts, `null` deletes, absent keys are kept.
/// Returns true if anything changed.
pub fn patch_metadata(target: &mut Value, patch: Option<&Value>) -> ApiResult<bool> {
    let Some(patch) = patch else { return Ok(false) };
    let Some(patch) = patch.as_object() else {
        return Err(ApiError::invalid("metadata: must be an object"));
    };
    let mut current = target["metadata"].as_object().cloned().unwrap_or_default();
    let before = current.clone();
    for (key, value) in patch {
        if value.is_null() {
            current.remove(key);
        } else {
            current.insert(key.clone(), value.clone());
        }
    }
    let merged = Value::Object(current.clone());
    check_metadata(&merged)?;
    target["metadata"] = merged;
    Ok(current != before)
}

/// Values of a map in id (creation) order, hiding archived ones unless asked.
pub fn visible(map: &BTreeMap<String, Value>, include_archived: bool) -> Vec<Value> {
    map.values().filter(|v| include_archived || v["archived_at"].is_null()).cloned().collect()
}

/// `{id, type:"<x>_deleted"}`.
pub fn deleted(id: &str, kind: &str) -> Value {
    json!({"id": id, "type": format!("{kind}_deleted")})
}
