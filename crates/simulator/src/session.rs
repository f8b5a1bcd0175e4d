//! The session state machine: emitting events, status changes and usage. What the client sends
//! is taken in by [`crate::inbox`]; the demo agent's turns run in [`crate::turn`]; both use the
//! rules held here, and this module uses neither.

use std::sync::Arc;

use serde_json::{Value, json};

use crate::error::{ApiError, ApiResult};
use crate::ids::{new_id, now_micros, rfc3339};
use crate::pricing;
use crate::state::{Frame, SessionRecord, StoredEvent};

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
