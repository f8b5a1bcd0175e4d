//! What the client sends (`POST /v1/sessions/{id}/events`): checked, stored unprocessed, tool
//! answers resolved, and the demo agent's turn started when the session was waiting.

use std::sync::Arc;

use serde_json::{Value, json};

use crate::error::{ApiError, ApiResult};
use crate::ids::new_id;
use crate::session::{emit, emit_requires_action, mark_processed, set_running};
use crate::state::{Resolution, SessionRecord, Shared, Store, StoredEvent};

fn store_unprocessed(rec: &mut SessionRecord, mut event: Value) -> String {
    let id = new_id("sevt");
    event["id"] = json!(id);
    event["processed_at"] = Value::Null;
    rec.next_seq += 1;
    rec.events.push(StoredEvent {
        seq: rec.next_seq,
        at: None,
        thread: None,
        primary: false,
        event,
    });
    id
}

const SENDABLE: [&str; 7] = [
    "user.message",
    "user.interrupt",
    "user.tool_confirmation",
    "user.custom_tool_result",
    "user.tool_result",
    "user.define_outcome",
    "system.message",
];

/// Checks a batch before anything is applied, so a bad batch changes nothing.
fn validate(store: &Store, rec: &SessionRecord, events: &[Value]) -> ApiResult<()> {
    if rec.status == "terminated" || rec.object["archived_at"].is_string() {
        return Err(ApiError::conflict("Cannot send events to an archived or terminated session"));
    }
    if events.is_empty() {
        return Err(ApiError::invalid("events: must contain at least one event"));
    }
    let self_hosted = store
        .environments
        .get(rec.object["environment_id"].as_str().unwrap_or_default())
        .is_some_and(|env| env["config"]["type"] == "self_hosted");
    for (index, event) in events.iter().enumerate() {
        let kind = event["type"].as_str().unwrap_or_default();
        let settles = matches!(
            kind,
            "user.tool_confirmation"
                | "user.tool_result"
                | "user.custom_tool_result"
                | "user.interrupt"
        );
        if rec.live.at_budget && !settles {
            return Err(ApiError::invalid(
                "the session reached its budget: only user.tool_confirmation, user.tool_result, \
                 user.custom_tool_result and user.interrupt are accepted until the budget is raised",
            )
            .with_code("budget_reached"));
        }
        if !SENDABLE.contains(&kind) {
            return Err(ApiError::invalid(format!(
                "events.{index}.type: unsupported event type '{kind}'"
            )));
        }
        match kind {
            "user.message" | "system.message"
                if event["content"].as_array().is_none_or(|c| c.is_empty()) =>
            {
                return Err(ApiError::invalid(format!(
                    "events.{index}.content: must be a non-empty list"
                )));
            }
            "user.tool_confirmation" => {
                let target = event["tool_use_id"].as_str().unwrap_or_default();
                let asked = rec
                    .events
                    .iter()
                    .any(|e| e.event["id"] == target && e.event["evaluated_permission"] == "ask");
                if !asked || !rec.pending.iter().any(|p| p == target) {
                    return Err(ApiError::invalid(format!(
                        "events.{index}.tool_use_id: {target} is not a tool use awaiting confirmation"
                    )));
                }
                if !matches!(event["result"].as_str(), Some("allow" | "deny")) {
                    return Err(ApiError::invalid(format!(
                        "events.{index}.result: must be 'allow' or 'deny'"
                    )));
                }
            }
            "user.custom_tool_result" => {
                let target = event["custom_tool_use_id"].as_str().unwrap_or_default();
                if !rec.pending.iter().any(|p| p == target) {
                    return Err(ApiError::invalid(format!(
                        "events.{index}.custom_tool_use_id: {target} is not a custom tool use awaiting a result"
                    )));
                }
            }
            "user.tool_result"
                if self_hosted
                    && !rec.pending.iter().any(|p| event["tool_use_id"] == p.as_str()) =>
            {
                return Err(ApiError::invalid(format!(
                    "events.{index}.tool_use_id: not a tool use awaiting a result"
                )));
            }
            "user.tool_result" if !self_hosted => {
                return Err(ApiError::invalid(
                    "user.tool_result is only accepted in self_hosted environments",
                ));
            }
            "system.message" => {
                let previous = index.checked_sub(1).and_then(|i| events[i]["type"].as_str());
                if index + 1 != events.len()
                    || !matches!(
                        previous,
                        Some("user.message" | "user.tool_result" | "user.custom_tool_result")
                    )
                {
                    return Err(ApiError::invalid(
                        "system.message must be the last event and follow the event it goes with",
                    ));
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// `POST /v1/sessions/{id}/events`: validates the batch, applies it, and returns the echoes.
pub fn send_events(
    shared: &Arc<Shared>,
    session_id: &str,
    events: Vec<Value>,
) -> ApiResult<Vec<Value>> {
    let mut store = shared.lock();
    let rec =
        store.sessions.get(session_id).ok_or_else(|| ApiError::not_found("session", session_id))?;
    validate(&store, rec, &events)?;
    let rec = store
        .sessions
        .get_mut(session_id)
        .ok_or_else(|| ApiError::not_found("session", session_id))?;
    let mut echoed_ids = Vec::new();
    let mut resolved_any = false;
    for mut event in events {
        let kind = event["type"].as_str().unwrap_or_default().to_owned();
        match kind.as_str() {
            "user.message" | "user.define_outcome" => {
                if kind == "user.define_outcome" {
                    event["outcome_id"] = json!(new_id("outc"));
                    if event["max_iterations"].is_null() {
                        event["max_iterations"] = json!(3);
                    }
                }
                let id = store_unprocessed(rec, event);
                rec.queue.push_back(id.clone());
                echoed_ids.push(id);
            }
            "user.interrupt" => {
                if rec.live.worker && !rec.live.at_budget {
                    // The worker acts on it at its next step and then stamps `processed_at`.
                    let id = store_unprocessed(rec, event);
                    rec.live.interrupts.push(id.clone());
                    rec.live.wake.notify_one();
                    echoed_ids.push(id);
                } else {
                    // Interrupting an idle session is a no-op, but the event is still recorded.
                    echoed_ids.push(emit(rec, event));
                }
            }
            "user.tool_confirmation" | "user.custom_tool_result" | "user.tool_result" => {
                let target_key = match kind.as_str() {
                    "user.custom_tool_result" => "custom_tool_use_id",
                    _ => "tool_use_id",
                };
                let target = event[target_key].as_str().unwrap_or_default().to_owned();
                let allow = kind != "user.tool_confirmation" || event["result"] == "allow";
                let deny_message = event["deny_message"].as_str().map(str::to_owned);
                echoed_ids.push(emit(rec, event));
                rec.pending.retain(|p| *p != target);
                rec.resolutions.insert(target, Resolution { allow, deny_message });
                resolved_any = true;
            }
            _ => echoed_ids.push(emit(rec, event)),
        }
    }
    if resolved_any {
        if rec.pending.is_empty() {
            rec.live.wake.notify_one();
        } else if rec.status == "idle" {
            // A partial answer: the idle is repeated with what is still pending.
            emit_requires_action(rec);
        }
    }
    let mut start = None;
    if !rec.live.worker
        && let Some(first) = rec.queue.pop_front()
    {
        mark_processed(rec, &first);
        set_running(rec);
        rec.live.worker = true;
        start = Some(first);
    }
    let echoes = echoed_ids
        .iter()
        .filter_map(|id| {
            rec.events.iter().find(|e| e.event["id"] == id.as_str()).map(|e| e.event.clone())
        })
        .collect();
    drop(store);
    if let Some(first) = start {
        tokio::spawn(crate::turn::run(Arc::clone(shared), session_id.to_owned(), first));
    }
    Ok(echoes)
}
