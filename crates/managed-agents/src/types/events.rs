//! The 44 session event types of the stream union, and the events a client sends.
//!
//! Decoding is lenient where the API is open and exact where it is not: an unknown `type`
//! becomes [`SessionEvent::Unknown`] with the raw JSON, unknown fields land in each struct's
//! `extra`, so every event re-serializes to the JSON it came from.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::common::{ContentBlock, Extra, Metadata, some};
use super::event_parts::{
    Budget, ConfirmationResult, ContentDelta, EvaluatedPermission, ModelUsage,
    PermissionEvaluation, PreviewedEvent, Rubric, SessionError, SessionUsage, StopDetails,
    StopReason, WorkflowError, WorkflowPhase, WorkflowRunResult,
};
use super::sessions::SessionAgent;

/// Declares an event struct with the common envelope (`id`, `processed_at`, unknown fields).
/// `server` events always carry `processed_at`; `client` events (user.*, system.message) may
/// have it absent or null until the server has processed them.
macro_rules! event {
    (server $(#[$m:meta])* $name:ident { $($body:tt)* }) => {
        $(#[$m])*
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        pub struct $name {
            /// Server-assigned event id (opaque; no documented prefix).
            pub id: String,
            /// When the server processed the event (RFC 3339). Lists order and filter by it.
            pub processed_at: String,
            $($body)*
            /// Fields this crate does not know, kept for a lossless round trip.
            #[serde(flatten)]
            pub extra: Extra,
        }
    };
    (client $(#[$m:meta])* $name:ident { $($body:tt)* }) => {
        $(#[$m])*
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        pub struct $name {
            /// Server-assigned event id (opaque; no documented prefix).
            pub id: String,
            /// When the server processed the event; `None` while it is queued.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub processed_at: Option<String>,
            $($body)*
            /// Fields this crate does not know, kept for a lossless round trip.
            #[serde(flatten)]
            pub extra: Extra,
        }
    };
}

event!(client
    /// `user.message`: a message from the user.
    UserMessageEvent {
        /// Text, image, document or redacted blocks.
        pub content: Vec<ContentBlock>,
});
event!(client
    /// `user.interrupt`: stop the running turn.
    UserInterruptEvent {
        /// The thread to stop; absent means every non-archived thread.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub session_thread_id: Option<String>,
});
event!(client
    /// `user.tool_confirmation`: allow or deny a tool call that waits (`evaluated_permission: ask`).
    UserToolConfirmationEvent {
        /// The **event id** of the `agent.tool_use` / `agent.mcp_tool_use`.
        pub tool_use_id: String,
        /// `allow` or `deny`.
        pub result: ConfirmationResult,
        /// Why it was denied (deny only).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub deny_message: Option<String>,
        /// Set by the server for calls cross-posted from a child thread.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub session_thread_id: Option<String>,
});
event!(client
    /// `user.custom_tool_result`: the client's answer to an `agent.custom_tool_use`.
    UserCustomToolResultEvent {
        /// The event id of the `agent.custom_tool_use`.
        pub custom_tool_use_id: String,
        /// The result blocks.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub content: Option<Vec<ContentBlock>>,
        /// Whether the tool failed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub is_error: Option<bool>,
        /// Set by the server for calls cross-posted from a child thread.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub session_thread_id: Option<String>,
});
event!(client
    /// `user.tool_result`: a self-hosted environment's result for an `agent.tool_use`.
    UserToolResultEvent {
        /// The event id of the `agent.tool_use`.
        pub tool_use_id: String,
        /// The result blocks.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub content: Option<Vec<ContentBlock>>,
        /// Whether the tool failed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub is_error: Option<bool>,
        /// Set by the server for cross-posted calls.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub session_thread_id: Option<String>,
});
event!(client
    /// `user.define_outcome`: a goal with a rubric the server evaluates the work against.
    UserDefineOutcomeEvent {
        /// What should be achieved.
        pub description: String,
        /// How to judge it.
        pub rubric: Rubric,
        /// At most this many evaluation rounds (default 3, max 20).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub max_iterations: Option<u32>,
        /// The outcome id (`outc_…`) the echo adds.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub outcome_id: Option<String>,
});
event!(client
    /// `system.message`: a mid-conversation system turn (only some models).
    SystemMessageEvent {
        /// Text blocks.
        pub content: Vec<ContentBlock>,
});

event!(server
    /// `agent.message`: the agent's reply (text and redacted blocks only).
    AgentMessageEvent {
        /// The reply blocks.
        pub content: Vec<ContentBlock>,
});
event!(server
    /// `agent.thinking`: progress signal during extended thinking. Carries no text.
    AgentThinkingEvent {});
event!(server
    /// `agent.tool_use`: the agent calls a built-in tool.
    AgentToolUseEvent {
        /// Tool name (`bash`, `edit`, `read`, …).
        pub name: String,
        /// Tool input, shape by tool.
        pub input: Value,
        /// The policy verdict; absent means allowed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub evaluated_permission: Option<EvaluatedPermission>,
        /// Which policy produced the verdict.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub evaluation: Option<PermissionEvaluation>,
        /// Set when cross-posted from a child thread.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub session_thread_id: Option<String>,
});
event!(server
    /// `agent.tool_result`: the result of a built-in tool call.
    AgentToolResultEvent {
        /// The event id of the `agent.tool_use`.
        pub tool_use_id: String,
        /// Result blocks.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub content: Option<Vec<ContentBlock>>,
        /// Whether the tool failed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub is_error: Option<bool>,
});
event!(server
    /// `agent.mcp_tool_use`: the agent calls a tool of an MCP server.
    AgentMcpToolUseEvent {
        /// The MCP server's name.
        pub mcp_server_name: String,
        /// Tool name.
        pub name: String,
        /// Tool input.
        pub input: Value,
        /// The policy verdict; absent means allowed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub evaluated_permission: Option<EvaluatedPermission>,
        /// Which policy produced the verdict.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub evaluation: Option<PermissionEvaluation>,
        /// Set when cross-posted from a child thread.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub session_thread_id: Option<String>,
});
event!(server
    /// `agent.mcp_tool_result`: the result of an MCP tool call.
    AgentMcpToolResultEvent {
        /// The event id of the `agent.mcp_tool_use`.
        pub mcp_tool_use_id: String,
        /// Result blocks.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub content: Option<Vec<ContentBlock>>,
        /// Whether the tool failed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub is_error: Option<bool>,
});
event!(server
    /// `agent.custom_tool_use`: the agent calls a tool the **client** runs.
    AgentCustomToolUseEvent {
        /// Tool name.
        pub name: String,
        /// Tool input.
        pub input: Value,
        /// Set when cross-posted from a child thread.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub session_thread_id: Option<String>,
});
event!(server
    /// `agent.thread_message_sent`: a message to another thread (multiagent).
    AgentThreadMessageSentEvent {
        /// The receiving thread.
        pub to_session_thread_id: String,
        /// The receiving agent's name.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub to_agent_name: Option<String>,
        /// Message blocks.
        pub content: Vec<ContentBlock>,
});
event!(server
    /// `agent.thread_message_received`: a message from another thread (multiagent).
    AgentThreadMessageReceivedEvent {
        /// The sending thread.
        pub from_session_thread_id: String,
        /// The sending agent's name.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub from_agent_name: Option<String>,
        /// Message blocks.
        pub content: Vec<ContentBlock>,
});
event!(server
    /// `agent.thread_context_compacted`: the context was summarized.
    AgentThreadContextCompactedEvent {});

event!(server
    /// `session.status_running`: the session works.
    SessionStatusRunningEvent {});
event!(server
    /// `session.status_idle`: the session waits; `stop_reason` says why.
    SessionStatusIdleEvent {
        /// Why it stopped.
        pub stop_reason: StopReason,
        /// Refusal details: absent, `null` or a value.
        #[serde(default, deserialize_with = "some", skip_serializing_if = "Option::is_none")]
        pub stop_details: Option<Option<StopDetails>>,
});
event!(server
    /// `session.status_rescheduled`: recovering from an error (status `rescheduling`).
    SessionStatusRescheduledEvent {});
event!(server
    /// `session.status_terminated`: final.
    SessionStatusTerminatedEvent {});
event!(server
    /// `session.error`: an error with its retry status.
    SessionErrorEvent {
        /// The error.
        pub error: SessionError,
});
event!(server
    /// `session.deleted`: the session is gone; the stream ends.
    SessionDeletedEvent {});
event!(server
    /// `session.updated`: only the fields that changed.
    SessionUpdatedEvent {
        /// New title: absent (unchanged), `null` or a value.
        #[serde(default, deserialize_with = "some", skip_serializing_if = "Option::is_none")]
        pub title: Option<Option<String>>,
        /// New metadata (absent when cleared to empty).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub metadata: Option<Metadata>,
        /// Budget: absent (unchanged), `null` (removed) or the new budget.
        #[serde(default, deserialize_with = "some", skip_serializing_if = "Option::is_none")]
        pub budget: Option<Option<Budget>>,
        /// The full new agent snapshot.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub agent: Option<Box<SessionAgent>>,
});
event!(server
    /// `session.usage`: a cumulative usage snapshot (before every idle).
    SessionUsageEvent {
        /// Usage so far.
        pub usage: SessionUsage,
        /// The budget: absent, `null` or a value.
        #[serde(default, deserialize_with = "some", skip_serializing_if = "Option::is_none")]
        pub budget: Option<Option<Budget>>,
});
event!(server
    /// `session.thread_created`: a child thread started.
    SessionThreadCreatedEvent {
        /// The new thread.
        pub session_thread_id: String,
        /// Its agent's name.
        pub agent_name: String,
        /// The workflow run it belongs to: absent, `null` or a value.
        #[serde(default, deserialize_with = "some", skip_serializing_if = "Option::is_none")]
        pub workflow_run_id: Option<Option<String>>,
});
event!(server
    /// `session.thread_status_running`.
    SessionThreadStatusRunningEvent {
        /// The thread.
        pub session_thread_id: String,
        /// Its agent's name.
        pub agent_name: String,
});
event!(server
    /// `session.thread_status_idle`.
    SessionThreadStatusIdleEvent {
        /// The thread.
        pub session_thread_id: String,
        /// Its agent's name.
        pub agent_name: String,
        /// Why it stopped.
        pub stop_reason: StopReason,
        /// Refusal details: absent, `null` or a value.
        #[serde(default, deserialize_with = "some", skip_serializing_if = "Option::is_none")]
        pub stop_details: Option<Option<StopDetails>>,
});
event!(server
    /// `session.thread_status_rescheduled`.
    SessionThreadStatusRescheduledEvent {
        /// The thread.
        pub session_thread_id: String,
        /// Its agent's name.
        pub agent_name: String,
});
event!(server
    /// `session.thread_status_terminated`.
    SessionThreadStatusTerminatedEvent {
        /// The thread.
        pub session_thread_id: String,
        /// Its agent's name.
        pub agent_name: String,
});

event!(server
    /// `span.model_request_start`: a model request began.
    SpanModelRequestStartEvent {});
event!(server
    /// `span.model_request_end`: a model request ended; closes any open delta preview.
    SpanModelRequestEndEvent {
        /// The id of the matching start event.
        pub model_request_start_id: String,
        /// Whether the request failed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub is_error: Option<bool>,
        /// Tokens used.
        pub model_usage: ModelUsage,
});
event!(server
    /// `span.outcome_evaluation_start`.
    SpanOutcomeEvaluationStartEvent {
        /// The outcome.
        pub outcome_id: String,
        /// 0-based round.
        pub iteration: u32,
});
event!(server
    /// `span.outcome_evaluation_ongoing`: heartbeat of an evaluation.
    SpanOutcomeEvaluationOngoingEvent {
        /// The outcome.
        pub outcome_id: String,
        /// 0-based round.
        pub iteration: u32,
});
event!(server
    /// `span.outcome_evaluation_end`: the verdict of one round.
    SpanOutcomeEvaluationEndEvent {
        /// The id of the matching start event.
        pub outcome_evaluation_start_id: String,
        /// The outcome.
        pub outcome_id: String,
        /// 0-based round.
        pub iteration: u32,
        /// `satisfied`, `needs_revision`, `max_iterations_reached`, `failed`, `interrupted` (open).
        pub result: String,
        /// Why.
        pub explanation: String,
        /// Tokens the evaluation used.
        pub usage: ModelUsage,
});

event!(server
    /// `workflow_run.created`.
    WorkflowRunCreatedEvent {
        /// The run.
        pub workflow_run_id: String,
        /// Workflow name.
        pub name: String,
        /// Description: absent, `null` or a value.
        #[serde(default, deserialize_with = "some", skip_serializing_if = "Option::is_none")]
        pub description: Option<Option<String>>,
        /// The phases.
        pub phases: Vec<WorkflowPhase>,
});
event!(server
    /// `workflow_run.status_running`.
    WorkflowRunStatusRunningEvent {
        /// The run.
        pub workflow_run_id: String,
});
event!(server
    /// `workflow_run.status_idle`.
    WorkflowRunStatusIdleEvent {
        /// The run.
        pub workflow_run_id: String,
});
event!(server
    /// `workflow_run.phase_started`.
    WorkflowRunPhaseStartedEvent {
        /// The run.
        pub workflow_run_id: String,
        /// The phase.
        pub workflow_run_phase_id: String,
});
event!(server
    /// `workflow_run.phase_ended`.
    WorkflowRunPhaseEndedEvent {
        /// The run.
        pub workflow_run_id: String,
        /// The phase.
        pub workflow_run_phase_id: String,
        /// The id of the matching `phase_started` event.
        pub phase_started_id: String,
});
event!(server
    /// `workflow_run.error`.
    WorkflowRunErrorEvent {
        /// The run: absent, `null` (no run was created) or a value.
        #[serde(default, deserialize_with = "some", skip_serializing_if = "Option::is_none")]
        pub workflow_run_id: Option<Option<String>>,
        /// The error.
        pub error: WorkflowError,
});
event!(server
    /// `workflow_run.status_ended`: always the last event of a run.
    WorkflowRunStatusEndedEvent {
        /// The run.
        pub workflow_run_id: String,
        /// How it ended.
        pub result: WorkflowRunResult,
});

/// `event_start` (stream only, opt-in): opens a live preview of an event still being produced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventStartEvent {
    /// The previewed event's type and id.
    pub event: PreviewedEvent,
    /// Fields this crate does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `event_delta` (stream only, opt-in): text to append to a preview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventDeltaEvent {
    /// The previewed event's id.
    pub event_id: String,
    /// What to append where.
    pub delta: ContentDelta,
    /// Fields this crate does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Declares [`SessionEvent`] and its accessors from one table, so the 44 wire names are
/// written once.
macro_rules! session_event {
    ($($(#[$m:meta])* $variant:ident($ty:ty) = $wire:literal, $idkind:ident;)*) => {
        /// One session event: the 44 types of the stream union (the list endpoint returns the
        /// same minus `event_start`/`event_delta`), dispatched on the JSON `type`.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

/// One event a client sends with `POST /v1/sessions/{id}/events` (no client-chosen ids).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum EventParams {
    /// A user message.
    #[serde(rename = "user.message")]
    UserMessage {
        /// Text, image or document blocks.
        content: Vec<ContentBlock>,
    },
    /// Interrupt one thread or all.
    #[serde(rename = "user.interrupt")]
    UserInterrupt {
        /// The thread; absent = all.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        session_thread_id: Option<String>,
    },
    /// Allow or deny a waiting tool call.
    #[serde(rename = "user.tool_confirmation")]
    UserToolConfirmation {
        /// The tool-use **event id**.
        tool_use_id: String,
        /// `allow` or `deny`.
        result: ConfirmationResult,
        /// Why (deny only).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        deny_message: Option<String>,
    },
    /// The result of a custom tool.
    #[serde(rename = "user.custom_tool_result")]
    UserCustomToolResult {
        /// The custom tool-use event id.
        custom_tool_use_id: String,
        /// Result blocks.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        content: Option<Vec<ContentBlock>>,
        /// Whether it failed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        is_error: Option<bool>,
    },
    /// The result of a sandbox tool (self-hosted environments only).
    #[serde(rename = "user.tool_result")]
    UserToolResult {
        /// The tool-use event id.
        tool_use_id: String,
        /// Result blocks.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        content: Option<Vec<ContentBlock>>,
        /// Whether it failed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        is_error: Option<bool>,
    },
    /// Define an outcome to work towards.
    #[serde(rename = "user.define_outcome")]
    UserDefineOutcome {
        /// What should be achieved.
        description: String,
        /// How to judge it.
        rubric: Rubric,
        /// At most this many rounds.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max_iterations: Option<u32>,
    },
    /// A system turn; must be last and follow the event it goes with.
    #[serde(rename = "system.message")]
    SystemMessage {
        /// Text blocks.
        content: Vec<ContentBlock>,
    },
}

/// Body of `POST /v1/sessions/{id}/events`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SendEventsRequest {
    /// The events, processed in order.
    pub events: Vec<EventParams>,
}

/// Response of `POST /v1/sessions/{id}/events`: the accepted events echoed with server ids.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SendEventsResponse {
    /// The echoed events (`data` may be absent on the wire).
    #[serde(default)]
    pub data: Vec<SessionEvent>,
}
