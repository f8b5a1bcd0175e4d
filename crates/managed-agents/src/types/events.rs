//! The 44 session event types of the stream union as one enum, [`SessionEvent`].
//!
//! Decoding is lenient where the API is open and exact where it is not: an unknown `type`
//! becomes [`SessionEvent::Unknown`] with the raw JSON, unknown fields land in each struct's
//! `extra`, so every event re-serializes to the JSON it came from. The structs live in
//! `user_events`, `agent_events` and `session_events`.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::agent_events::*;
use super::session_events::*;
use super::user_events::*;

/// Declares [`SessionEvent`] and its accessors from one table, so the 44 wire names are
/// written once.
macro_rules! session_event {
    ($($(#[$m:meta])* $variant:ident($ty:ty) = $wire:literal, $idkind:ident;)*) => {
        /// One session event: the 44 types of the stream union (the list endpoint returns the
        /// same minus `event_start`/`event_delta`), dispatched on the JSON `type`.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[cfg_attr(feature = "specta", derive(specta::Type))]
        #[serde(tag = "type")]
        pub enum SessionEvent {
            $($(#[$m])* #[serde(rename = $wire)] $variant($ty),)*
            /// A type this crate does not know (or a known type that failed to decode), kept as
            /// raw JSON so it can be shown in a raw view and re-serialized without loss.
            #[serde(untagged)]
            Unknown(Value),
        }

        /// Every event `type` this crate knows, in the order of the API reference.
        pub const EVENT_TYPES: &[&str] = &[$($wire,)*];

        impl SessionEvent {
            /// The wire `type` of this event.
            pub fn event_type(&self) -> &str {
                match self {
                    $(Self::$variant(_) => $wire,)*
                    Self::Unknown(v) => v.get("type").and_then(Value::as_str).unwrap_or(""),
                }
            }

            /// The event id. `None` for `event_start`/`event_delta` previews (which have none).
            pub fn id(&self) -> Option<&str> {
                match self {
                    $(Self::$variant(e) => session_event!(@id $idkind e),)*
                    Self::Unknown(v) => v.get("id").and_then(Value::as_str),
                }
            }

            /// Decodes one event whose SSE frame is named `name` (its `event:` field).
            ///
            /// The name only says which variant to try first: decoding the variant's struct
            /// straight from the text skips serde's buffering of the whole object, which the
            /// internally tagged enum needs to find its tag. The JSON `type` stays authoritative:
            /// when it is missing or names another type, or the struct does not decode, the
            /// event is decoded by its `type` as [`Deserialize`] does (unknown types are kept).
            pub fn from_named_json(name: &str, json: &str) -> serde_json::Result<Self> {
                match name {
                    $($wire => {
                        if let Ok(mut event) = serde_json::from_str::<$ty>(json) {
                            // The struct keeps the tag among its unknown fields: take it out, so
                            // the event equals what the tagged decode gives.
                            if event.extra.get("type").and_then(Value::as_str) == Some($wire) {
                                event.extra.remove("type");
                                return Ok(Self::$variant(event));
                            }
                        }
                    })*
                    _ => {}
                }
                serde_json::from_str(json)
            }

            /// When the server processed the event; `None` for previews and queued inputs.
            pub fn processed_at(&self) -> Option<&str> {
                match self {
                    $(Self::$variant(e) => session_event!(@at $idkind e),)*
                    Self::Unknown(v) => v.get("processed_at").and_then(Value::as_str),
                }
            }
        }
    };
    (@id server $e:ident) => { Some($e.id.as_str()) };
    (@id client $e:ident) => { Some($e.id.as_str()) };
    (@id preview $e:ident) => { { let _ = $e; None } };
    (@at server $e:ident) => { Some($e.processed_at.as_str()) };
    (@at client $e:ident) => { $e.processed_at.as_deref() };
    (@at preview $e:ident) => { { let _ = $e; None } };
}

session_event! {
    /// `user.message`
    UserMessage(UserMessageEvent) = "user.message", client;
    /// `user.interrupt`
    UserInterrupt(UserInterruptEvent) = "user.interrupt", client;
    /// `user.tool_confirmation`
    UserToolConfirmation(UserToolConfirmationEvent) = "user.tool_confirmation", client;
    /// `user.custom_tool_result`
    UserCustomToolResult(UserCustomToolResultEvent) = "user.custom_tool_result", client;
    /// `user.tool_result`
    UserToolResult(UserToolResultEvent) = "user.tool_result", client;
    /// `user.define_outcome`
    UserDefineOutcome(UserDefineOutcomeEvent) = "user.define_outcome", client;
    /// `system.message`
    SystemMessage(SystemMessageEvent) = "system.message", client;
    /// `agent.message`
    AgentMessage(AgentMessageEvent) = "agent.message", server;
    /// `agent.thinking`
    AgentThinking(AgentThinkingEvent) = "agent.thinking", server;
    /// `agent.tool_use`
    AgentToolUse(AgentToolUseEvent) = "agent.tool_use", server;
    /// `agent.tool_result`
    AgentToolResult(AgentToolResultEvent) = "agent.tool_result", server;
    /// `agent.mcp_tool_use`
    AgentMcpToolUse(AgentMcpToolUseEvent) = "agent.mcp_tool_use", server;
    /// `agent.mcp_tool_result`
    AgentMcpToolResult(AgentMcpToolResultEvent) = "agent.mcp_tool_result", server;
    /// `agent.custom_tool_use`
    AgentCustomToolUse(AgentCustomToolUseEvent) = "agent.custom_tool_use", server;
    /// `agent.thread_message_sent`
    AgentThreadMessageSent(AgentThreadMessageSentEvent) = "agent.thread_message_sent", server;
    /// `agent.thread_message_received`
    AgentThreadMessageReceived(AgentThreadMessageReceivedEvent) = "agent.thread_message_received", server;
    /// `agent.thread_context_compacted`
    AgentThreadContextCompacted(AgentThreadContextCompactedEvent) = "agent.thread_context_compacted", server;
    /// `session.status_running`
    SessionStatusRunning(SessionStatusRunningEvent) = "session.status_running", server;
    /// `session.status_idle`
    SessionStatusIdle(SessionStatusIdleEvent) = "session.status_idle", server;
    /// `session.status_rescheduled`
    SessionStatusRescheduled(SessionStatusRescheduledEvent) = "session.status_rescheduled", server;
    /// `session.status_terminated`
    SessionStatusTerminated(SessionStatusTerminatedEvent) = "session.status_terminated", server;
    /// `session.error`
    SessionError(SessionErrorEvent) = "session.error", server;
    /// `session.deleted`
    SessionDeleted(SessionDeletedEvent) = "session.deleted", server;
    /// `session.updated`
    SessionUpdated(SessionUpdatedEvent) = "session.updated", server;
    /// `session.usage`
    SessionUsage(SessionUsageEvent) = "session.usage", server;
    /// `session.thread_created`
    SessionThreadCreated(SessionThreadCreatedEvent) = "session.thread_created", server;
    /// `session.thread_status_running`
    SessionThreadStatusRunning(SessionThreadStatusRunningEvent) = "session.thread_status_running", server;
    /// `session.thread_status_idle`
    SessionThreadStatusIdle(SessionThreadStatusIdleEvent) = "session.thread_status_idle", server;
    /// `session.thread_status_rescheduled`
    SessionThreadStatusRescheduled(SessionThreadStatusRescheduledEvent) = "session.thread_status_rescheduled", server;
    /// `session.thread_status_terminated`
    SessionThreadStatusTerminated(SessionThreadStatusTerminatedEvent) = "session.thread_status_terminated", server;
    /// `span.model_request_start`
    SpanModelRequestStart(SpanModelRequestStartEvent) = "span.model_request_start", server;
    /// `span.model_request_end`
    SpanModelRequestEnd(SpanModelRequestEndEvent) = "span.model_request_end", server;
    /// `span.outcome_evaluation_start`
    SpanOutcomeEvaluationStart(SpanOutcomeEvaluationStartEvent) = "span.outcome_evaluation_start", server;
    /// `span.outcome_evaluation_ongoing`
    SpanOutcomeEvaluationOngoing(SpanOutcomeEvaluationOngoingEvent) = "span.outcome_evaluation_ongoing", server;
    /// `span.outcome_evaluation_end`
    SpanOutcomeEvaluationEnd(SpanOutcomeEvaluationEndEvent) = "span.outcome_evaluation_end", server;
    /// `workflow_run.created`
    WorkflowRunCreated(WorkflowRunCreatedEvent) = "workflow_run.created", server;
    /// `workflow_run.status_running`
    WorkflowRunStatusRunning(WorkflowRunStatusRunningEvent) = "workflow_run.status_running", server;
    /// `workflow_run.status_idle`
    WorkflowRunStatusIdle(WorkflowRunStatusIdleEvent) = "workflow_run.status_idle", server;
    /// `workflow_run.phase_started`
    WorkflowRunPhaseStarted(WorkflowRunPhaseStartedEvent) = "workflow_run.phase_started", server;
    /// `workflow_run.phase_ended`
    WorkflowRunPhaseEnded(WorkflowRunPhaseEndedEvent) = "workflow_run.phase_ended", server;
    /// `workflow_run.error`
    WorkflowRunError(WorkflowRunErrorEvent) = "workflow_run.error", server;
    /// `workflow_run.status_ended`
    WorkflowRunStatusEnded(WorkflowRunStatusEndedEvent) = "workflow_run.status_ended", server;
    /// `event_start` (stream only)
    EventStart(EventStartEvent) = "event_start", preview;
    /// `event_delta` (stream only)
    EventDelta(EventDeltaEvent) = "event_delta", preview;
}

/// The stream union has the same members as [`SessionEvent`]; this alias keeps the SDK's name.
pub type StreamSessionEvent = SessionEvent;

impl SessionEvent {
    /// Whether this is a live preview (`event_start`/`event_delta`): never listed, never
    /// replayed, dropped on reconnect.
    pub fn is_preview(&self) -> bool {
        matches!(self, Self::EventStart(_) | Self::EventDelta(_))
    }
}

/// Body of `POST /v1/sessions/{id}/events`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SendEventsRequest {
    /// The events, processed in order.
    pub events: Vec<EventParams>,
}

/// Response of `POST /v1/sessions/{id}/events`: the accepted events echoed with server ids.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SendEventsResponse {
    /// The echoed events (`data` may be absent on the wire).
    #[serde(default)]
    pub data: Vec<SessionEvent>,
}
