//! Minimal valid JSON of each resource, as the API reference describes them.

use serde_json::{Value, json};

pub const T: &str = "2026-11-18T10:00:00Z";

pub fn agent() -> Value {
    json!({"id":"agent_1","type":"agent","name":"Repo fixer","description":null,"system":"Be brief.",
        "model":{"id":"claude-opus-4-6","effort":{"type":"high"},"speed":"standard"},
        "tools":[{"type":"agent_toolset_20260401","default_config":{"enabled":true,"permission_policy":{"type":"always_ask"}},"configs":[]},
                 {"type":"custom","name":"lookup","description":"d","input_schema":{"type":"object"}}],
        "mcp_servers":[],"skills":[],"metadata":{"team":"a"},"multiagent":null,
        "execution_identity":{"type":"service_account"},"version":3,"created_at":T,"updated_at":T,"archived_at":null})
}

pub fn environment() -> Value {
    json!({"id":"env_1","type":"environment","name":"py","description":null,"metadata":{},"scope":"organization",
        "config":{"type":"cloud","networking":{"type":"unrestricted"},"packages":{"type":"packages","pip":["pytest"]}},
        "created_at":T,"updated_at":T,"archived_at":null})
}

pub fn session() -> Value {
    json!({"id":"sesn_1","type":"session","status":"idle",
        "agent":{"id":"agent_1","type":"agent","version":3,"name":"Repo fixer","description":null,"system":null,
            "model":{"id":"claude-opus-4-6"},"tools":[],"mcp_servers":[],"skills":[],"multiagent":null},
        "environment_id":"env_1","title":null,"metadata":{},"resources":[
            {"type":"memory_store","memory_store_id":"memstore_1","access":"read_only"},
            {"type":"file","id":"sesrsc_1","file_id":"file_1","mount_path":"/mnt/x","created_at":T,"updated_at":T}],
        "vault_ids":[],"budget":null,"usage":{"input_tokens":10,"list_cost":{"amount":"3","currency":"USD"}},
        "stats":{"active_seconds":1.5},"outcome_evaluations":[],"created_at":T,"updated_at":T})
}

pub fn resource() -> Value {
    json!({"type":"file","id":"sesrsc_1","file_id":"file_1","mount_path":"/mnt/session/uploads/file_1","created_at":T,"updated_at":T})
}

pub fn thread() -> Value {
    json!({"id":"sthr_1","type":"session_thread","session_id":"sesn_1","parent_thread_id":null,"status":"idle",
        "agent":{"type":"agent","id":"agent_1","version":3},"created_at":T,"updated_at":T})
}

pub fn vault() -> Value {
    json!({"id":"vlt_1","type":"vault","display_name":"Keys","metadata":{},"created_at":T,"updated_at":T})
}

pub fn credential() -> Value {
    json!({"id":"vcrd_1","type":"vault_credential","vault_id":"vlt_1","display_name":"gh",
        "auth":{"type":"static_bearer","mcp_server_url":"https://mcp.example"},"metadata":{},"created_at":T,"updated_at":T})
}

pub fn validation() -> Value {
    json!({"type":"vault_credential_validation","credential_id":"vcrd_1","vault_id":"vlt_1","status":"valid",
        "has_refresh_token":false,"validated_at":T})
}

pub fn memory_store() -> Value {
    json!({"id":"memstore_1","type":"memory_store","name":"notes","description":"d","metadata":{},"created_at":T,"updated_at":T})
}

pub fn memory() -> Value {
    json!({"id":"mem_1","type":"memory","memory_store_id":"memstore_1","path":"/a.md","content":null,
        "content_sha256":"abc","content_size_bytes":3,"memory_version_id":"memver_1","created_at":T,"updated_at":T})
}

pub fn memory_version() -> Value {
    json!({"id":"memver_1","type":"memory_version","memory_id":"mem_1","memory_store_id":"memstore_1",
        "operation":"created","created_by":{"type":"api_actor","api_key_id":"apikey_1"},"created_at":T})
}

pub fn file() -> Value {
    json!({"id":"file_1","type":"file","filename":"a.txt","mime_type":"text/plain","size_bytes":3,"created_at":T,"downloadable":true})
}

pub fn skill() -> Value {
    json!({"id":"skill_1","type":"skill","display_name":"PDF","latest_version_id":"v1","source":{"type":"custom"},"created_at":T,"updated_at":T})
}

pub fn skill_version() -> Value {
    json!({"id":"v1","type":"skill_version","skill_id":"skill_1","name":"pdf","description":"d","created_at":T})
}

pub fn deleted(kind: &str) -> Value {
    json!({"id":"x_1","type":kind})
}

pub fn page(items: Vec<Value>, next: Option<&str>) -> Value {
    json!({"data":items,"next_page":next})
}

/// A `user.message` echo with `id` and text.
pub fn user_message(id: &str, text: &str) -> Value {
    json!({"type":"user.message","id":id,"processed_at":T,"content":[{"type":"text","text":text}]})
}
