//! A vault credential's `auth`, as SDK 2.10.0's types describe it: what a create must carry per
//! type, how an update merges into what is stored, and the secret-free form that is stored and
//! returned. Secrets (`token`, `access_token`, `refresh_token`, `client_secret`, `secret_value`)
//! are checked and then dropped: the simulator never keeps one.

use serde_json::{Map, Value, json};

use crate::error::{ApiError, ApiResult};
use crate::ids::{now_micros, parse_micros};

/// `allowed_hosts` holds at most this many entries.
const MAX_ALLOWED_HOSTS: usize = 16;

fn secret(auth: &Value, key: &str, at: &str) -> ApiResult<()> {
    match auth.get(key).and_then(Value::as_str) {
        Some(s) if !s.is_empty() => Ok(()),
        _ => Err(ApiError::invalid(format!("{at}.{key}: field required"))),
    }
}

fn text<'a>(auth: &'a Value, key: &str, at: &str) -> ApiResult<&'a str> {
    match auth.get(key).and_then(Value::as_str) {
        Some(s) if !s.trim().is_empty() => Ok(s),
        _ => Err(ApiError::invalid(format!("{at}.{key}: field required"))),
    }
}

fn url(auth: &Value, key: &str, at: &str) -> ApiResult<String> {
    let value = text(auth, key, at)?;
    let parsed = url::Url::parse(value)
        .map_err(|_| ApiError::invalid(format!("{at}.{key}: not a valid URL")))?;
    if !matches!(parsed.scheme(), "https" | "http") {
        return Err(ApiError::invalid(format!("{at}.{key}: must be an http(s) URL")));
    }
    Ok(value.to_owned())
}

/// `expires_at` must be RFC 3339 and in the future; `null` or absent means unknown.
fn expiry(auth: &Value) -> ApiResult<Value> {
    match auth.get("expires_at") {
        None | Some(Value::Null) => Ok(Value::Null),
        Some(Value::String(s)) => match parse_micros(s) {
            Some(at) if at > now_micros() => Ok(json!(s)),
            Some(_) => Err(ApiError::invalid("auth.expires_at: must be in the future")),
            None => Err(ApiError::invalid("auth.expires_at: not an RFC 3339 timestamp")),
        },
        Some(_) => Err(ApiError::invalid("auth.expires_at: must be a string")),
    }
}

/// `token_endpoint_auth` without its secret; a create or a change of method needs the secret.
fn endpoint_auth(value: &Value, at: &str) -> ApiResult<Value> {
    match value.get("type").and_then(Value::as_str) {
        Some("none") => Ok(json!({"type": "none"})),
        Some(kind @ ("client_secret_basic" | "client_secret_post")) => {
            secret(value, "client_secret", at)?;
            Ok(json!({"type": kind}))
        }
        _ => Err(ApiError::invalid(format!(
            "{at}.type: must be none, client_secret_basic or client_secret_post"
        ))),
    }
}

fn refresh(value: &Value) -> ApiResult<Value> {
    let at = "auth.refresh";
    secret(value, "refresh_token", at)?;
    let mut out = json!({
        "client_id": text(value, "client_id", at)?,
        "token_endpoint": url(value, "token_endpoint", at)?,
        "token_endpoint_auth": endpoint_auth(
            value.get("token_endpoint_auth").unwrap_or(&Value::Null),
            "auth.refresh.token_endpoint_auth",
        )?,
    });
    for key in ["scope", "resource"] {
        if let Some(v) = value.get(key).filter(|v| v.is_string()) {
            out[key] = v.clone();
        }
    }
    Ok(out)
}

fn networking(value: Option<&Value>) -> ApiResult<Value> {
    let Some(value) = value else {
        return Err(ApiError::invalid("auth.networking: field required"));
    };
    match value.get("type").and_then(Value::as_str) {
        Some("unrestricted") => Ok(json!({"type": "unrestricted"})),
        Some("limited") => {
            let hosts = value.get("allowed_hosts").and_then(Value::as_array).ok_or_else(|| {
                ApiError::invalid("auth.networking.allowed_hosts: field required")
            })?;
            if hosts.is_empty() || hosts.len() > MAX_ALLOWED_HOSTS {
                return Err(ApiError::invalid(format!(
                    "auth.networking.allowed_hosts: between 1 and {MAX_ALLOWED_HOSTS} hosts"
                )));
            }
            for host in hosts {
                let ok = host.as_str().is_some_and(|h| {
                    !h.is_empty() && !h.contains("://") && !h.contains('/') && !h.contains(':')
                });
                if !ok {
                    return Err(ApiError::invalid(format!(
                        "auth.networking.allowed_hosts: {host} is not a host name, IPv4 address or *. wildcard"
                    )));
                }
            }
            Ok(json!({"type": "limited", "allowed_hosts": hosts}))
        }
        _ => Err(ApiError::invalid("auth.networking.type: must be unrestricted or limited")),
    }
}

/// Where the secret may be substituted; each flag left out keeps `current`'s.
fn injection(value: Option<&Value>, current: &Value) -> Value {
    let flag = |key: &str| {
        value
            .and_then(|v| v.get(key))
            .and_then(Value::as_bool)
            .or_else(|| current.get(key).and_then(Value::as_bool))
    };
    // Like the Console's credentials: header only unless asked otherwise.
    json!({"header": flag("header").unwrap_or(true), "body": flag("body").unwrap_or(false)})
}

fn is_env_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Checks a create's `auth` and returns its stored (secret-free) form.
pub fn create(auth: &Value) -> ApiResult<Value> {
    match auth.get("type").and_then(Value::as_str) {
        Some("static_bearer") => {
            secret(auth, "token", "auth")?;
            Ok(
                json!({"type": "static_bearer", "mcp_server_url": url(auth, "mcp_server_url", "auth")?}),
            )
        }
        Some("mcp_oauth") => {
            secret(auth, "access_token", "auth")?;
            let mut out = json!({"type": "mcp_oauth", "mcp_server_url": url(auth, "mcp_server_url", "auth")?,
                "expires_at": expiry(auth)?});
            match auth.get("refresh") {
                None | Some(Value::Null) => {}
                Some(r) => out["refresh"] = refresh(r)?,
            }
            Ok(out)
        }
        Some("environment_variable") => {
            let name = text(auth, "secret_name", "auth")?;
            if !is_env_name(name) {
                return Err(ApiError::invalid(
                    "auth.secret_name: letters, digits and underscores, not starting with a digit",
                ));
            }
            secret(auth, "secret_value", "auth")?;
            Ok(json!({"type": "environment_variable", "secret_name": name,
                "networking": networking(auth.get("networking"))?,
                "injection_location": injection(auth.get("injection_location"), &Value::Null)}))
        }
        _ => Err(ApiError::invalid(
            "auth.type: must be mcp_oauth, static_bearer or environment_variable",
        )),
    }
}

/// Merges an update's `auth` into the stored form: the type and key never change, secrets
/// that are sent replace the stored ones, and what is left out is kept.
pub fn update(stored: &Value, patch: &Value) -> ApiResult<Value> {
    if patch.get("type") != stored.get("type") {
        return Err(ApiError::invalid("auth.type cannot change"));
    }
    for key in ["mcp_server_url", "secret_name"] {
        if patch.get(key).is_some_and(|v| Some(v) != stored.get(key)) {
            return Err(ApiError::invalid(format!("auth.{key} cannot change")));
        }
    }
    let mut out = stored.clone();
    let sent = |key: &str| patch.get(key).is_some_and(|v| !v.is_null());
    match stored["type"].as_str() {
        Some("static_bearer") if sent("token") => secret(patch, "token", "auth")?,
        Some("mcp_oauth") => {
            if sent("access_token") {
                secret(patch, "access_token", "auth")?;
            }
            if patch.get("expires_at").is_some() {
                out["expires_at"] = expiry(patch)?;
            }
            if let Some(r) = patch.get("refresh").filter(|r| r.is_object()) {
                let Some(current) = stored.get("refresh").filter(|c| c.is_object()) else {
                    return Err(ApiError::invalid(
                        "auth.refresh: this credential was created without a refresh token",
                    ));
                };
                let mut merged = current.clone();
                if r.get("refresh_token").is_some_and(|v| !v.is_null()) {
                    secret(r, "refresh_token", "auth.refresh")?;
                }
                match r.get("scope").and_then(Value::as_str) {
                    Some("") => drop(merged.as_object_mut().map(|m| m.remove("scope"))),
                    Some(scope) => merged["scope"] = json!(scope),
                    None => {}
                }
                if let Some(method) = r.get("token_endpoint_auth") {
                    merged["token_endpoint_auth"] =
                        endpoint_auth(method, "auth.refresh.token_endpoint_auth")?;
                }
                out["refresh"] = merged;
            }
        }
        Some("environment_variable") => {
            if sent("secret_value") {
                secret(patch, "secret_value", "auth")?;
            }
            if sent("networking") {
                out["networking"] = networking(patch.get("networking"))?;
            }
            out["injection_location"] =
                injection(patch.get("injection_location"), &stored["injection_location"]);
        }
        _ => {}
    }
    Ok(out)
}

/// The simulator's verdict on an MCP OAuth credential. It reaches no real server, so the
/// expiry decides: a token still valid (or of unknown expiry) is valid; an expired one is
/// refreshed when a refresh token is stored, and invalid otherwise, as the API's probe would
/// find it answered with 401.
pub fn validation(stored: &Map<String, Value>, vault_id: &str, at: &str) -> Value {
    let auth = &stored["auth"];
    let has_refresh = auth.get("refresh").is_some_and(Value::is_object);
    let expired =
        auth["expires_at"].as_str().and_then(parse_micros).is_some_and(|t| t <= now_micros());
    let mut out = json!({"type": "vault_credential_validation", "credential_id": stored["id"],
        "vault_id": vault_id, "has_refresh_token": has_refresh, "validated_at": at,
        "status": "valid", "mcp_probe": null, "refresh": null});
    if expired && has_refresh {
        out["refresh"] = json!({"status": "succeeded", "http_response": null});
    } else if expired {
        out["status"] = json!("invalid");
        out["refresh"] = json!({"status": "no_refresh_token", "http_response": null});
        out["mcp_probe"] = json!({"method": "initialize", "http_response": {"status_code": 401,
            "content_type": "application/json", "body": "{\"error\":\"invalid_token\"}", "body_truncated": false}});
    }
    out
}
