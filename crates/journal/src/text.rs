//! The text of an event a person might search for: what was said, which tool was called with
//! what, what came back, what failed. Thinking events carry no text; status events none worth
//! finding.

use serde_json::Value;

/// The searchable text of `event`, or `None` when it has none.
pub fn searchable(event: &Value) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    let kind = event["type"].as_str().unwrap_or_default();
    if kind == "agent.thinking" {
        return None;
    }
    if let Some(name) = event["name"].as_str() {
        parts.push(name.to_owned());
    }
    if let Some(server) = event["mcp_server_name"].as_str() {
        parts.push(server.to_owned());
    }
    if let Some(input) = event.get("input").filter(|i| !i.is_null()) {
        collect_strings(input, &mut parts);
    }
    if let Some(content) = event.get("content") {
        collect_text(content, &mut parts);
    }
    if let Some(error) = event.get("error").filter(|e| e.is_object()) {
        for key in ["type", "message"] {
            if let Some(s) = error[key].as_str() {
                parts.push(s.to_owned());
            }
        }
    }
    let text = parts.join("\n");
    (!text.trim().is_empty()).then_some(text)
}

/// The `text` of content blocks (or a bare string).
fn collect_text(content: &Value, out: &mut Vec<String>) {
    match content {
        Value::String(s) => out.push(s.clone()),
        Value::Array(blocks) => {
            for block in blocks {
                match block.get("text").and_then(Value::as_str) {
                    Some(text) => out.push(text.to_owned()),
                    None => {
                        if let Some(inner) = block.get("content") {
                            collect_text(inner, out);
                        }
                    }
                }
            }
        }
        _ => {}
    }
}

/// Every string inside a tool's input (keys too: `file_path`, `command`), so a search for a
/// path or a command finds the call.
fn collect_strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        Value::Object(map) => {
            for (key, v) in map {
                out.push(key.clone());
                collect_strings(v, out);
            }
        }
        Value::Number(n) => out.push(n.to_string()),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn messages_calls_results_and_errors_have_text_thinking_has_none() {
        let message = json!({"type": "agent.message", "content": [{"type": "text", "text": "Found the bug"}]});
        assert_eq!(searchable(&message).as_deref(), Some("Found the bug"));
        let call =
            json!({"type": "agent.tool_use", "name": "bash", "input": {"command": "cargo test"}});
        assert_eq!(searchable(&call).as_deref(), Some("bash\ncommand\ncargo test"));
        let result = json!({"type": "agent.tool_result", "content": [{"type": "text", "text": "42 passed"}]});
        assert_eq!(searchable(&result).as_deref(), Some("42 passed"));
        let error = json!({"type": "session.error", "error": {"type": "mcp_connection_failed_error", "message": "refused"}});
        assert_eq!(searchable(&error).as_deref(), Some("mcp_connection_failed_error\nrefused"));
        assert_eq!(searchable(&json!({"type": "agent.thinking"})), None);
        assert_eq!(searchable(&json!({"type": "session.status_idle"})), None);
    }
}
