//! Events a turn builds from its steps: previews, thread fields, tool results, evaluations.

use serde_json::{Value, json};

use crate::demo::Call;
use crate::pricing;
use crate::session::{emit, emit_in};
use crate::state::SessionRecord;

pub fn set_evaluation(
    rec: &mut SessionRecord,
    outcome_id: &str,
    result: &str,
    explanation: Option<&str>,
) {
    let completed = crate::ids::now();
    for evaluation in rec.object["outcome_evaluations"].as_array_mut().into_iter().flatten() {
        if evaluation["outcome_id"] == outcome_id {
            evaluation["result"] = json!(result);
            evaluation["explanation"] = json!(explanation);
            evaluation["completed_at"] = json!(completed);
        }
    }
}

pub fn delta_frame(id: &str, text: &str) -> Value {
    json!({"type": "event_delta", "event_id": id,
        "delta": {"type": "content_delta", "index": 0, "content": {"type": "text", "text": text}}})
}

pub fn fill_thread_fields(event: &mut Value, id: &str, name: &str) {
    let kind = event["type"].as_str().unwrap_or_default().to_owned();
    if kind.starts_with("session.thread_status") {
        event["session_thread_id"] = json!(id);
        event["agent_name"] = json!(name);
    }
    if kind == "agent.thread_message_sent" {
        event["to_session_thread_id"] = json!(id);
        event["to_agent_name"] = json!(name);
    }
    if kind == "agent.thread_message_received" {
        event["from_session_thread_id"] = json!(id);
        event["from_agent_name"] = json!(name);
    }
}

/// Emits the result of a call: its scripted output, or the rejection for a denied call.
/// Custom tools need nothing: the client's `user.custom_tool_result` is the result.
pub fn finish_call(
    rec: &mut SessionRecord,
    use_id: &str,
    call: &Call,
    resolution: Option<crate::state::Resolution>,
    thread: Option<&str>,
) {
    if call.custom {
        return;
    }
    let (content, is_error) = match resolution {
        Some(r) if !r.allow => {
            let reason = r.deny_message.unwrap_or_else(|| "no reason given".to_owned());
            (format!("The user denied this tool call: {reason}"), true)
        }
        _ => (call.output.clone(), call.is_error),
    };
    match call.name.as_str() {
        "web_search" if !is_error => rec.usage.web_search_requests += 1,
        "web_search" => {}
        "web_fetch" if !is_error => rec.usage.web_fetch_requests += 1,
        _ => {}
    }
    if call.name == "web_search" && !is_error {
        rec.usage.cost_micro_usd += pricing::WEB_SEARCH;
    }
    let content = json!([{"type": "text", "text": content}]);
    let event = match &call.mcp_server {
        Some(_) => {
            json!({"type": "agent.mcp_tool_result", "mcp_tool_use_id": use_id, "content": content, "is_error": is_error})
        }
        None => {
            json!({"type": "agent.tool_result", "tool_use_id": use_id, "content": content, "is_error": is_error})
        }
    };
    match thread {
        Some(t) => emit_in(rec, Some(t), false, event),
        None => emit(rec, event),
    };
}
