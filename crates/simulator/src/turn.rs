//! Runs the demo agent's turns for one session: one task per busy session, started when an
//! input arrives at an idle session and ended when the queue is empty.
//!
//! The task takes the store lock for each step and never across a sleep, so requests (and other
//! sessions) are served while it types. Interrupts and answers reach it through `Live::wake`.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use serde_json::{Value, json};

use crate::demo::{self, Call, Step};
use crate::ids::new_id;
use crate::pricing;
use crate::session::{self, emit, emit_in, go_idle, mark_processed, preview, set_running};
use crate::state::{SessionRecord, Shared};

mod outputs;

use outputs::{delta_frame, fill_thread_fields, finish_call, set_evaluation};

/// How a turn ended.
enum End {
    Done,
    Interrupted,
    /// The session was deleted or archived, or the server is stopping.
    Gone,
}

/// A call waiting for the client (confirmation or custom tool result).
struct Waiting {
    event_id: String,
    call: Call,
    /// Run by the client (self-hosted sandbox): its `user.tool_result` is the result.
    client_runs: bool,
}

/// Drives the session from `first` (already marked processed) until its queue is empty.
pub async fn run(shared: Arc<Shared>, session_id: String, first: String) {
    let mut input = first;
    loop {
        let (steps, self_hosted) = {
            let store = shared.lock();
            let Some(rec) = store.sessions.get(&session_id) else {
                return;
            };
            let event = rec
                .events
                .iter()
                .find(|e| e.event["id"] == input.as_str())
                .map(|e| e.event.clone());
            let env = rec.object["environment_id"].as_str().unwrap_or_default();
            let self_hosted =
                store.environments.get(env).is_some_and(|e| e["config"]["type"] == "self_hosted");
            let mut steps: Vec<Step> = crate::mcp_auth::auth_errors(&store, &rec.object)
                .into_iter()
                .map(Step::Event)
                .collect();
            steps.extend(demo::script_for(&event.unwrap_or(Value::Null), &rec.object["agent"]));
            (steps, self_hosted)
        };
        let end = Turn {
            shared: &shared,
            session_id: &session_id,
            open_request: None,
            open_evaluation: None,
            self_hosted,
            threads: Vec::new(),
            idle_threads: Vec::new(),
            thread_requests: HashMap::new(),
        }
        .execute(steps)
        .await;
        let mut store = shared.lock();
        let Some(rec) = store.sessions.get_mut(&session_id) else {
            return;
        };
        if matches!(end, End::Gone) || rec.status == "terminated" {
            rec.live.worker = false;
            return;
        }
        if let Some(next) = rec.queue.pop_front() {
            mark_processed(rec, &next);
            set_running(rec);
            input = next;
        } else {
            rec.live.worker = false;
            go_idle(rec, json!({"type": "end_turn"}));
            return;
        }
    }
}

struct Turn<'a> {
    shared: &'a Arc<Shared>,
    session_id: &'a str,
    open_request: Option<String>,
    /// Built-in tools run in the client's own sandbox (`self_hosted` environment).
    self_hosted: bool,
    /// An outcome evaluation in progress: (start event id, outcome id).
    open_evaluation: Option<(String, String)>,
    /// Child threads created in this turn: (thread id, agent name), by creation index (which
    /// scripts name them by, so one that went idle keeps its place).
    threads: Vec<(String, String)>,
    /// Thread ids of `threads` that went idle: an interrupt leaves them be.
    idle_threads: Vec<String>,
    /// The open model request of each child thread, by thread id: its end names it.
    thread_requests: HashMap<String, String>,
}

impl Turn<'_> {
    /// Stores an output file scoped to this session: content first, then the listing.
    fn output(&mut self, filename: &str, mime_type: &str, content: &[u8]) -> Result<(), End> {
        let id = new_id("file");
        if self.shared.blobs.write(&id, content).is_err() {
            // A demo output that cannot be written is left out; the turn goes on.
            return Ok(());
        }
        let meta = json!({"id": id, "type": "file", "filename": filename, "mime_type": mime_type,
            "size_bytes": content.len(), "created_at": crate::ids::now(), "downloadable": true,
            "expires_at": null, "scope": {"type": "session", "id": self.session_id}});
        if self.shared.shutting_down.load(Ordering::Relaxed) {
            return Err(End::Gone);
        }
        self.shared.lock().files.insert(id, crate::state::FileRecord::Meta(meta));
        Ok(())
    }

    async fn pause(&self, chars: usize) {
        let delay = self.shared.config.typing.delay_for(chars);
        if delay.is_zero() {
            tokio::task::yield_now().await;
        } else {
            tokio::time::sleep(delay).await;
        }
    }

    /// Runs `f` on the session under the lock, first acting on a pending interrupt.
    /// `Err(end)` means the turn must stop.
    fn with<R>(&mut self, f: impl FnOnce(&mut Self, &mut SessionRecord) -> R) -> Result<R, End> {
        if self.shared.shutting_down.load(Ordering::Relaxed) {
            return Err(End::Gone);
        }
        let shared = Arc::clone(self.shared);
        let mut store = shared.lock();
        let Some(rec) = store.sessions.get_mut(self.session_id) else {
            return Err(End::Gone);
        };
        if rec.status == "terminated" {
            return Err(End::Gone);
        }
        if !rec.live.interrupts.is_empty() {
            self.interrupt(rec);
            return Err(End::Interrupted);
        }
        Ok(f(self, rec))
    }

    /// Stops at once: closes an open model request (no final message), records the interrupt
    /// echo, and drops whatever the turn was waiting for.
    fn interrupt(&mut self, rec: &mut SessionRecord) {
        if let Some(start) = self.open_request.take() {
            emit(
                rec,
                json!({"type": "span.model_request_end", "model_request_start_id": start, "is_error": false,
                "model_usage": {"input_tokens": 0, "output_tokens": 0, "cache_creation_input_tokens": 0,
                    "cache_read_input_tokens": 0, "speed": "standard"}}),
            );
        }
        if let Some((start, outcome_id)) = self.open_evaluation.take() {
            emit(
                rec,
                json!({"type": "span.outcome_evaluation_end", "outcome_evaluation_start_id": start,
                "outcome_id": outcome_id, "iteration": 0, "result": "interrupted", "explanation": "Interrupted by the user.",
                "usage": {"input_tokens": 0, "output_tokens": 0, "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0}}),
            );
            set_evaluation(rec, &outcome_id, "interrupted", None);
        }
        for id in std::mem::take(&mut rec.live.interrupts) {
            mark_processed(rec, &id);
        }
        rec.pending.clear();
        rec.resolutions.clear();
        let idle = std::mem::take(&mut self.idle_threads);
        for (thread, name) in std::mem::take(&mut self.threads) {
            if idle.contains(&thread) {
                continue;
            }
            emit(
                rec,
                json!({"type": "session.thread_status_idle", "session_thread_id": thread,
                "agent_name": name, "stop_reason": {"type": "end_turn"}, "stop_details": null}),
            );
        }
    }

    async fn execute(mut self, steps: Vec<Step>) -> End {
        let mut waiting: Vec<Waiting> = Vec::new();
        for step in steps {
            if !matches!(step, Step::Call(_))
                && !waiting.is_empty()
                && let Err(end) = self.barrier(std::mem::take(&mut waiting)).await
            {
                return end;
            }
            if let Err(end) = self.step(step, &mut waiting).await {
                return end;
            }
        }
        if !waiting.is_empty()
            && let Err(end) = self.barrier(waiting).await
        {
            return end;
        }
        End::Done
    }

    async fn step(&mut self, step: Step, waiting: &mut Vec<Waiting>) -> Result<(), End> {
        match step {
            Step::Pause(chars) => self.pause(chars).await,
            Step::ModelStart => {
                self.budget_gate().await?;
                self.pause(40).await;
                self.with(|turn, rec| {
                    turn.open_request = Some(emit(rec, json!({"type": "span.model_request_start"})))
                })?;
            }
            Step::Thinking(chars) => {
                let id = new_id("sevt");
                self.with(|_, rec| preview(rec, "agent.thinking", json!({"type": "event_start", "event": {"type": "agent.thinking", "id": id}})))?;
                self.pause(chars).await;
                self.with(|_, rec| emit(rec, json!({"type": "agent.thinking", "id": id})))?;
            }
            Step::Message(text) => self.message(text).await?,
            Step::ModelEnd { input, output, cache_read, cache_write } => {
                self.with(|turn, rec| {
                    let start = turn.open_request.take().unwrap_or_default();
                    let rates = pricing::rates_for(&rec.object["agent"]["model"]);
                    let u = &mut rec.usage;
                    u.input_tokens += input;
                    u.output_tokens += output;
                    u.cache_read_input_tokens += cache_read;
                    u.cache_5m_tokens += cache_write;
                    u.cost_micro_usd += pricing::request_cost(rates, input, output, cache_write, cache_read);
                    let speed = rec.object["agent"]["model"]["speed"].as_str().unwrap_or("standard").to_owned();
                    emit(rec, json!({"type": "span.model_request_end", "model_request_start_id": start, "is_error": false,
                        "model_usage": {"input_tokens": input, "output_tokens": output,
                            "cache_creation_input_tokens": cache_write, "cache_read_input_tokens": cache_read, "speed": speed}}));
                })?;
            }
            Step::Call(call) => self.call(call, waiting).await?,
            Step::Status(status) => {
                self.pause(60).await;
                self.with(|_, rec| {
                    if status == "rescheduling" {
                        session::stop_meter(rec);
                        rec.status = "rescheduling".to_owned();
                        emit(rec, json!({"type": "session.status_rescheduled"}));
                    } else {
                        set_running(rec);
                    }
                })?;
            }
            Step::Event(event) => {
                self.pause(30).await;
                self.with(|_, rec| emit(rec, event))?;
            }
            Step::Evaluate { outcome_id, description } => {
                self.evaluate(outcome_id, description).await?
            }
            Step::Output { filename, mime_type, content } => {
                self.output(filename, mime_type, &content)?;
            }
            Step::NewThread(name) => {
                self.pause(30).await;
                self.with(|turn, rec| {
                    let id = new_id("sthr");
                    let now = crate::ids::now();
                    let mut agent = rec.object["agent"].clone();
                    agent["name"] = json!(name);
                    rec.threads.push(json!({"id": id, "type": "session_thread", "session_id": rec.object["id"],
                        "parent_thread_id": session::primary_thread_id(rec), "status": "running", "agent": agent,
                        "workflow_run_id": null, "created_at": now, "updated_at": now, "archived_at": null}));
                    emit(rec, json!({"type": "session.thread_created", "session_thread_id": id, "agent_name": name, "workflow_run_id": null}));
                    emit_in(rec, Some(&id), true, json!({"type": "session.thread_status_running", "session_thread_id": id, "agent_name": name}));
                    turn.threads.push((id, name));
                })?;
            }
            Step::InThread(index, event) => {
                self.pause(30).await;
                self.with(|turn, rec| {
                    let Some((id, name)) = turn.threads.get(index).cloned() else {
                        return;
                    };
                    let mut event = event;
                    fill_thread_fields(&mut event, &id, &name);
                    let kind = event["type"].as_str().unwrap_or_default().to_owned();
                    let to_primary = kind.starts_with("session.thread_status")
                        || kind.starts_with("agent.thread_message");
                    if kind == "session.thread_status_idle" {
                        if let Some(thread) =
                            rec.threads.iter_mut().find(|t| t["id"] == id.as_str())
                        {
                            thread["status"] = json!("idle");
                        }
                        turn.idle_threads.push(id.clone());
                    }
                    if kind == "span.model_request_end" && event["model_request_start_id"].is_null()
                    {
                        let start = turn.thread_requests.remove(&id).unwrap_or_default();
                        event["model_request_start_id"] = json!(start);
                    }
                    let event_id = emit_in(rec, Some(&id), to_primary, event);
                    if kind == "span.model_request_start" {
                        turn.thread_requests.insert(id.clone(), event_id);
                    }
                })?;
            }
        }
        Ok(())
    }

    /// Types a message: `event_start`, `event_delta`s at typing speed, then the final
    /// `agent.message` with the same id (which replaces the preview).
    async fn message(&mut self, text: String) -> Result<(), End> {
        let id = new_id("sevt");
        self.with(|_, rec| {
            preview(
                rec,
                "agent.message",
                json!({"type": "event_start", "event": {"type": "agent.message", "id": id}}),
            )
        })?;
        let mut chunk = String::new();
        for word in text.split_inclusive(' ') {
            chunk.push_str(word);
            if chunk.len() >= 24 {
                self.pause(chunk.chars().count()).await;
                let delta = std::mem::take(&mut chunk);
                self.with(|_, rec| preview(rec, "agent.message", delta_frame(&id, &delta)))?;
            }
        }
        if !chunk.is_empty() {
            self.pause(chunk.chars().count()).await;
            self.with(|_, rec| preview(rec, "agent.message", delta_frame(&id, &chunk)))?;
        }
        self.with(|_, rec| emit(rec, json!({"type": "agent.message", "id": id, "content": [{"type": "text", "text": text}]})))?;
        Ok(())
    }

    async fn call(&mut self, call: Call, waiting: &mut Vec<Waiting>) -> Result<(), End> {
        self.pause(50).await;
        let client_runs = self.self_hosted && call.mcp_server.is_none() && !call.custom;
        let asked = self.with(|turn, rec| {
            let (use_event, ask) = demo::tool_use_event(&call, &rec.object["agent"])?;
            let thread = call.thread.and_then(|i| turn.threads.get(i).cloned());
            let id = match &thread {
                Some((tid, _)) => {
                    let mut use_event = use_event;
                    if ask {
                        use_event["session_thread_id"] = json!(tid);
                    }
                    // A child's blocking call is cross-posted to the primary stream.
                    emit_in(rec, Some(tid), ask, use_event)
                }
                None => emit(rec, use_event),
            };
            if ask || client_runs {
                rec.pending.push(id.clone());
            }
            Some((id, ask))
        })?;
        let Some((event_id, ask)) = asked else {
            return Ok(());
        };
        if ask || client_runs {
            waiting.push(Waiting { event_id, call, client_runs: client_runs && !ask });
            return Ok(());
        }
        self.pause(120).await;
        let thread = call.thread.and_then(|i| self.threads.get(i).map(|t| t.0.clone()));
        self.with(|_, rec| finish_call(rec, &event_id, &call, None, thread.as_deref()))?;
        Ok(())
    }

    /// One grading pass that is satisfied (the demo's work always passes its own rubric).
    async fn evaluate(&mut self, outcome_id: String, description: String) -> Result<(), End> {
        self.with(|turn, rec| {
            let start = emit(rec, json!({"type": "span.outcome_evaluation_start", "outcome_id": outcome_id, "iteration": 0}));
            let evaluations = rec.object["outcome_evaluations"].as_array_mut();
            if let Some(list) = evaluations {
                list.push(json!({"type": "outcome_evaluation", "outcome_id": outcome_id, "description": description,
                    "iteration": 0, "result": "evaluating", "explanation": null, "completed_at": null}));
            }
            turn.open_evaluation = Some((start, outcome_id.clone()));
        })?;
        self.pause(200).await;
        self.with(|_, rec| emit(rec, json!({"type": "span.outcome_evaluation_ongoing", "outcome_id": outcome_id, "iteration": 0})))?;
        self.pause(200).await;
        self.with(|turn, rec| {
            let Some((start, _)) = turn.open_evaluation.take() else { return };
            let explanation = "The tests pass and the change is limited to the failing case.";
            emit(rec, json!({"type": "span.outcome_evaluation_end", "outcome_evaluation_start_id": start, "outcome_id": outcome_id,
                "iteration": 0, "result": "satisfied", "explanation": explanation,
                "usage": {"input_tokens": 2_210, "output_tokens": 96, "cache_creation_input_tokens": 0, "cache_read_input_tokens": 1_800}}));
            set_evaluation(rec, &outcome_id, "satisfied", Some(explanation));
        })?;
        Ok(())
    }

    /// Budgets are enforced between model requests: at the cap the session pauses (thread idle,
    /// usage, idle with `budget_reached`) until the budget is raised or removed.
    async fn budget_gate(&mut self) -> Result<(), End> {
        let wake = self.with(|_, rec| {
            let cap = session::budget_cap(rec)?;
            if session::list_cost_units(rec) < cap {
                return None;
            }
            rec.live.at_budget = true;
            let thread = session::primary_thread_id(rec);
            let name = rec.object["agent"]["name"].clone();
            emit(rec, json!({"type": "session.thread_status_idle", "session_thread_id": thread, "agent_name": name,
                "stop_reason": {"type": "budget_reached"}, "stop_details": null}));
            go_idle(rec, json!({"type": "budget_reached"}));
            Some(Arc::clone(&rec.live.wake))
        })?;
        let Some(wake) = wake else { return Ok(()) };
        loop {
            wake.notified().await;
            let resumed = self.with(|_, rec| {
                let over = session::budget_cap(rec)
                    .is_some_and(|cap| session::list_cost_units(rec) >= cap);
                if !over {
                    rec.live.at_budget = false;
                    set_running(rec);
                }
                !over
            })?;
            if resumed {
                return Ok(());
            }
        }
    }

    /// Blocks on `requires_action` until every waiting call is answered, then finishes them.
    async fn barrier(&mut self, waiting: Vec<Waiting>) -> Result<(), End> {
        let wake = self.with(|_, rec| {
            if !rec.pending.is_empty() {
                session::emit_requires_action(rec);
            }
            Arc::clone(&rec.live.wake)
        })?;
        loop {
            let done = self.with(|_, rec| rec.pending.is_empty())?;
            if done {
                break;
            }
            wake.notified().await;
        }
        self.with(|turn, rec| {
            set_running(rec);
            for w in &waiting {
                let resolution = rec.resolutions.remove(&w.event_id);
                let thread = w.call.thread.and_then(|i| turn.threads.get(i).map(|t| t.0.clone()));
                if !w.client_runs {
                    finish_call(rec, &w.event_id, &w.call, resolution, thread.as_deref());
                }
            }
        })?;
        Ok(())
    }
}
