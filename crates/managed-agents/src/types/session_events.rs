//! Session, thread, span and workflow events, and the stream-only preview events.

use serde::{Deserialize, Serialize};

use super::common::{Extra, Metadata, some};
use super::event_parts::{
    Budget, ContentDelta, ModelUsage, PreviewedEvent, SessionError, SessionUsage, StopDetails,
    StopReason, WorkflowError, WorkflowPhase, WorkflowRunResult, event,
};
use super::sessions::SessionAgent;

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
        #[cfg_attr(feature = "specta", specta(type = Option<StopDetails>))]
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
        #[cfg_attr(feature = "specta", specta(type = Option<String>))]
        pub title: Option<Option<String>>,
        /// New metadata (absent when cleared to empty).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub metadata: Option<Metadata>,
        /// Budget: absent (unchanged), `null` (removed) or the new budget.
        #[serde(default, deserialize_with = "some", skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "specta", specta(type = Option<Budget>))]
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
        #[cfg_attr(feature = "specta", specta(type = Option<Budget>))]
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
        #[cfg_attr(feature = "specta", specta(type = Option<String>))]
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
        #[cfg_attr(feature = "specta", specta(type = Option<StopDetails>))]
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
        pub iteration: u64,
});
event!(server
    /// `span.outcome_evaluation_ongoing`: heartbeat of an evaluation.
    SpanOutcomeEvaluationOngoingEvent {
        /// The outcome.
        pub outcome_id: String,
        /// 0-based round.
        pub iteration: u64,
});
event!(server
    /// `span.outcome_evaluation_end`: the verdict of one round.
    SpanOutcomeEvaluationEndEvent {
        /// The id of the matching start event.
        pub outcome_evaluation_start_id: String,
        /// The outcome.
        pub outcome_id: String,
        /// 0-based round.
        pub iteration: u64,
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
        #[cfg_attr(feature = "specta", specta(type = Option<String>))]
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
        #[cfg_attr(feature = "specta", specta(type = Option<String>))]
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
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct EventStartEvent {
    /// The previewed event's type and id.
    pub event: PreviewedEvent,
    /// Fields this crate does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `event_delta` (stream only, opt-in): text to append to a preview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct EventDeltaEvent {
    /// The previewed event's id.
    pub event_id: String,
    /// What to append where.
    pub delta: ContentDelta,
    /// Fields this crate does not know.
    #[serde(flatten)]
    pub extra: Extra,
}
