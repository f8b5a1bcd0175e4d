//! The session state machine: emitting events, status changes, usage, and accepting what the
//! client sends. The demo agent's turns run in [`crate::turn`]; this module holds the rules.

use std::sync::Arc;

use serde_json::{Value, json};

use crate::error::{ApiError, ApiResult};
use crate::ids::{new_id, now_micros, rfc3339};
use crate::pricing;
use crate::state::{Frame, Resolution, SessionRecord, Shared, Store, StoredEvent};

/// Stores an event of the primary thread, stamps `id` and `processed_at`, and sends it to streams.
pub fn emit(rec: &mut SessionRecord, event: Value) -> String {
    emit_in(rec, None, false, event)
}

/// Stores an event of `thread` (`None` = primary); `primary` also shows it on the session stream.
pub fn emit_in(
    rec: &mut SessionRecord,
    thread: Option<&str>,
    primary: bool,
    mut event: Value,
) -> String {
    let id = match event.get("id").and_then(Value::as_str) {
        Some(id) => id.to_owned(),
        None => new_id("sevt"),
    };
    let at = now_micros();
    event["id"] = json!(id);
    event["processed_at"] = json!(rfc3339(at));
    rec.next_seq += 1;
    let stored = StoredEvent {
        seq: rec.next_seq,
        at: Some(at),
        thread: thread.map(str::to_owned),
        primary,
        event,
    };
    broadcast(rec, &stored);
    rec.events.push(stored);
    id
}

/// Sends a stored event to every stream that should see it; drops streams that went away.
pub fn broadcast(rec: &mut SessionRecord, stored: &StoredEvent) {
    let frame = Frame::Event(Arc::new(stored.event.clone()));
    let primary_id = primary_thread_id(rec);
    rec.live.subscribers.retain(|sub| {
        let wanted = match (&sub.thread, &stored.thread) {
            (None, None) => true,
            (None, Some(_)) => stored.primary,
            (Some(want), Some(got)) => want == got,
            (Some(want), None) => Some(want.as_str()) == primary_id.as_deref(),
        };
        !wanted || sub.tx.send(frame.clone()).is_ok()
    });
}

/// Sends a stream-only preview (`event_start` / `event_delta`) to primary streams that asked for
/// previews of `kind` (`agent.message` or `agent.thinking`). Previews are never stored.
pub fn preview(rec: &mut SessionRecord, kind: &str, frame: Value) {
    let frame = Frame::Event(Arc::new(frame));
    let primary_id = primary_thread_id(rec);
    rec.live.subscribers.retain(|sub| {
        let on_primary = sub.thread.is_none() || sub.thread == primary_id;
        let wants = if kind == "agent.thinking" { sub.thinking_deltas } else { sub.message_deltas };
        !(on_primary && wants) || sub.tx.send(frame.clone()).is_ok()
    });
}

/// The primary thread's id (every session has one).
pub fn primary_thread_id(rec: &SessionRecord) -> Option<String> {
    rec.threads.first().and_then(|t| t["id"].as_str()).map(str::to_owned)
}

/// Moves the session to `running`, emitting `session.status_running` if it was not running.
pub fn set_running(rec: &mut SessionRecord) {
    if rec.status != "running" {
        rec.status = "running".to_owned();
        rec.running_since = Some(now_micros());
        set_thread_status(rec, 0, "running");
        emit(rec, json!({"type": "session.status_running"}));
    }
}

/// Stops the runtime meter (idle, rescheduling and terminated time is free).
pub fn stop_meter(rec: &mut SessionRecord) {
    if let Some(since) = rec.running_since.take() {
        rec.usage.active_micros += now_micros() - since;
    }
}

/// Ends a stretch of work: `session.usage`, then `session.status_idle` with `stop_reason`.
pub fn go_idle(rec: &mut SessionRecord, stop_reason: Value) {
    stop_meter(rec);
    rec.status = "idle".to_owned();
    set_thread_status(rec, 0, "idle");
    let mut usage_event = json!({"type": "session.usage", "usage": usage_json(rec)});
    if rec.object["budget"].is_object() {
        usage_event["budget"] = rec.object["budget"].clone();
    }
    emit(rec, usage_event);
    emit(
        rec,
        json!({"type": "session.status_idle", "stop_reason": stop_reason, "stop_details": null}),
    );
}

/// Re-emits the idle with the ids still pending (after a partial answer).
pub fn emit_requires_action(rec: &mut SessionRecord) {
    let ids = rec.pending.clone();
    go_idle(rec, json!({"type": "requires_action", "event_ids": ids}));
}

fn set_thread_status(rec: &mut SessionRecord, index: usize, status: &str) {
    if let Some(thread) = rec.threads.get_mut(index) {
        thread["status"] = json!(status);
        thread["updated_at"] = json!(crate::ids::now());
    }
}

/// The `usage` object (SessionUsage) with `list_cost` priced from tokens and runtime.
pub fn usage_json(rec: &SessionRecord) -> Value {
    let u = &rec.usage;
    let live = rec.running_since.map_or(0, |since| now_micros() - since);
    let active = u.active_micros + live;
    let cost = u.cost_micro_usd + pricing::runtime_cost(active);
    json!({
        "input_tokens": u.input_tokens,
        "output_tokens": u.output_tokens,
        "cache_read_input_tokens": u.cache_read_input_tokens,
        "cache_creation": {
            "ephemeral_5m_input_tokens": u.cache_5m_tokens,
            "ephemeral_1h_input_tokens": u.cache_1h_tokens,
        },
        "server_tool_use": {
            "web_search_requests": u.web_search_requests,
            "web_fetch_requests": u.web_fetch_requests,
        },
        "active_seconds": active as f64 / 1e6,
        "list_cost": {"amount": pricing::cents(cost), "currency": "USD"},
    })
}

/// The list cost so far (tokens, searches and runtime) in 10⁻⁸ USD.
pub fn list_cost_units(rec: &SessionRecord) -> u64 {
    let live = rec.running_since.map_or(0, |since| now_micros() - since);
    rec.usage.cost_micro_usd + pricing::runtime_cost(rec.usage.active_micros + live)
}

/// The budget cap in 10⁻⁸ USD, if the session has one.
pub fn budget_cap(rec: &SessionRecord) -> Option<u64> {
    let cents: u64 = rec.object["budget"]["max_list_cost"]["amount"].as_str()?.parse().ok()?;
    Some(cents * 1_000_000)
}

/// Checks a `budget` value: `{type:"limit", max_list_cost:{amount:"<whole cents>", currency:"USD"}}`.
pub fn check_budget(budget: &Value) -> ApiResult<()> {
    let amount = budget["max_list_cost"]["amount"].as_str().unwrap_or_default();
    let valid = budget["type"] == "limit"
        && budget["max_list_cost"]["currency"] == "USD"
        && !amount.is_empty()
        && !amount.starts_with('0')
        && amount.chars().all(|c| c.is_ascii_digit());
    if valid {
        Ok(())
    } else {
        Err(ApiError::invalid(
            "budget: expected {type:\"limit\", max_list_cost:{amount:\"<whole cents>\", currency:\"USD\"}}",
        ))
    }
}

/// The full session object as the API returns it.
pub fn render(rec: &SessionRecord) -> Value {
    let mut out = rec.object.clone();
    let live = rec.running_since.map_or(0, |since| now_micros() - since);
    let created = out["created_at"].as_str().and_then(crate::ids::parse_micros).unwrap_or(0);
    out["status"] = json!(rec.status);
    out["usage"] = usage_json(rec);
    out["resources"] = json!(rec.resources);
    out["stats"] = json!({
        "active_seconds": (rec.usage.active_micros + live) as f64 / 1e6,
        "duration_seconds": (now_micros() - created) as f64 / 1e6,
    });
    out
}

/// Marks a queued input processed: stamps `processed_at`, moves it to the end of the order,
/// and sends the echo to streams. Returns the event.
pub fn mark_processed(rec: &mut SessionRecord, id: &str) -> Option<Value> {
    rec.next_seq += 1;
    let seq = rec.next_seq;
    let index = rec.events.iter().position(|e| e.event["id"] == id)?;
    let at = now_micros();
    let stored = &mut rec.events[index];
    stored.at = Some(at);
    stored.seq = seq;
    stored.event["processed_at"] = json!(rfc3339(at));
    let snapshot = stored.clone();
    broadcast(rec, &snapshot);
    Some(snapshot.event)
}

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
