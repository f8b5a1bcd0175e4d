//! Pieces that session events are made of: stop reasons, errors, permission evaluations, usage.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::common::{Extra, Money};

/// Declares an open string enum: known values get variants, anything else is kept in `Other`.
/// The API adds values monthly, so an unknown value must decode, not fail.
macro_rules! open_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident = $wire:literal,)* }) => {
        $(#[$m])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "specta", derive(specta::Type))]
        pub enum $name {
            $($(#[$vm])* #[serde(rename = $wire)] $variant,)*
            /// A value this crate does not know, kept as sent.
            #[serde(untagged)]
            Other(String),
        }

        impl $name {
            /// The wire spelling of this value.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::Other(s) => s,
                }
            }
        }
    };
}
pub(crate) use open_enum;

/// Declares an event struct with the common envelope (`id`, `processed_at`, unknown fields).
/// `server` events always carry `processed_at`; `client` events (user.*, system.message) may
/// have it absent or null until the server has processed them.
macro_rules! event {
    (server $(#[$m:meta])* $name:ident { $($body:tt)* }) => {
        $(#[$m])*
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[cfg_attr(feature = "specta", derive(specta::Type))]
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
        #[cfg_attr(feature = "specta", derive(specta::Type))]
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
pub(crate) use event;

open_enum! {
    /// The result of a policy check on a tool call (`evaluated_permission`).
    EvaluatedPermission {
        /// The call runs.
        Allow = "allow",
        /// The call waits for a `user.tool_confirmation`.
        Ask = "ask",
        /// The call does not run.
        Deny = "deny",
    }
}

open_enum! {
    /// The answer in a `user.tool_confirmation`.
    ConfirmationResult {
        /// Let the tool run.
        Allow = "allow",
        /// Refuse the call.
        Deny = "deny",
    }
}

/// Which permission policy produced `evaluated_permission` on a tool-use event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum PermissionEvaluation {
    /// The policy allows every call.
    AlwaysAllow {
        /// Fields this crate does not know.
        #[serde(flatten)]
        extra: Extra,
    },
    /// The policy asks the client for every call.
    AlwaysAsk {
        /// Fields this crate does not know.
        #[serde(flatten)]
        extra: Extra,
    },
    /// The server judged this call.
    Auto {
        /// The server's verdict.
        evaluated_permission: AutoPermission,
        /// Fields this crate does not know.
        #[serde(flatten)]
        extra: Extra,
    },
    /// A policy this crate does not know, kept as raw JSON.
    #[serde(untagged)]
    Unknown(Value),
}

/// The server's verdict under the `auto` policy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum AutoPermission {
    /// Judged safe.
    Allow {
        /// Fields this crate does not know.
        #[serde(flatten)]
        extra: Extra,
    },
    /// No judgement: ask the client.
    Ask {
        /// Why (open registry: `indeterminate`, `high_risk`, …).
        reason_code: String,
        /// Fields this crate does not know.
        #[serde(flatten)]
        extra: Extra,
    },
    /// Judged too risky (or no credit left).
    Deny {
        /// Why (open registry).
        reason_code: String,
        /// Fields this crate does not know.
        #[serde(flatten)]
        extra: Extra,
    },
    /// A verdict this crate does not know, kept as raw JSON.
    #[serde(untagged)]
    Unknown(Value),
}

/// Why a session (or thread) went idle: `session.status_idle.stop_reason`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum StopReason {
    /// The turn finished normally (also after an interrupt).
    EndTurn {
        /// Fields this crate does not know.
        #[serde(flatten)]
        extra: Extra,
    },
    /// Blocked on client input for these event ids. The latest idle event is authoritative.
    RequiresAction {
        /// Ids of the tool-use events that wait for an answer.
        event_ids: Vec<String>,
        /// Fields this crate does not know.
        #[serde(flatten)]
        extra: Extra,
    },
    /// Repeated errors used up the retry budget.
    RetriesExhausted {
        /// Fields this crate does not know.
        #[serde(flatten)]
        extra: Extra,
    },
    /// The session's budget was reached.
    BudgetReached {
        /// Fields this crate does not know.
        #[serde(flatten)]
        extra: Extra,
    },
    /// The model refused; see `stop_details`.
    Refusal {
        /// Fields this crate does not know.
        #[serde(flatten)]
        extra: Extra,
    },
    /// A reason this crate does not know, kept as raw JSON. Treat it as a turn end.
    #[serde(untagged)]
    Unknown(Value),
}

/// Details that go with some stop reasons (a refusal's category and explanation).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StopDetails {
    /// Detail type, e.g. `"refusal"`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Refusal category (open: `cyber`, `bio`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// A human-readable explanation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
    /// Fields this crate does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The error inside a `session.error` event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SessionError {
    /// Error type (open: `model_overloaded_error`, `mcp_connection_failed_error`, …).
    #[serde(rename = "type")]
    pub kind: String,
    /// Human-readable message.
    pub message: String,
    /// Whether the server retries by itself.
    pub retry_status: RetryStatus,
    /// Type-specific fields (`mcp_server_name`, `credential_id`, `repository_url`, …).
    #[serde(flatten)]
    pub extra: Extra,
}

/// `retry_status` of a session error.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RetryStatus {
    /// `retrying`, `exhausted` or `terminal` (open).
    #[serde(rename = "type")]
    pub kind: RetryStatusType,
    /// Fields this crate does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

open_enum! {
    /// How a session error will play out.
    RetryStatusType {
        /// The server retries by itself; wait.
        Retrying = "retrying",
        /// The turn is dead; queued inputs were flushed; the session goes idle.
        Exhausted = "exhausted",
        /// The session will terminate.
        Terminal = "terminal",
    }
}

/// Token counts of one model request (`span.model_request_end.model_usage`), also used for outcome
/// evaluations. The four counts are required: a default would add a key on re-serialization
/// that the API never sent (the fuzz target checks this).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ModelUsage {
    /// Input tokens.
    pub input_tokens: u64,
    /// Output tokens.
    pub output_tokens: u64,
    /// Tokens written to the prompt cache.
    pub cache_creation_input_tokens: u64,
    /// Tokens read from the prompt cache.
    pub cache_read_input_tokens: u64,
    /// `standard` or `fast`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speed: Option<String>,
    /// Fields this crate does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Cumulative usage of a session or thread. Every field is optional on the wire.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SessionUsage {
    /// Input tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input_tokens: Option<u64>,
    /// Output tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output_tokens: Option<u64>,
    /// Tokens read from the prompt cache.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache_read_input_tokens: Option<u64>,
    /// Cache writes by lifetime.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache_creation: Option<CacheCreation>,
    /// Server tool calls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_tool_use: Option<ServerToolUse>,
    /// Active (billed) runtime in seconds, deduplicated across threads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active_seconds: Option<f64>,
    /// List price of the usage so far.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list_cost: Option<Money>,
    /// Fields this crate does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Cache writes by lifetime.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CacheCreation {
    /// Tokens written with a 5-minute lifetime.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ephemeral_5m_input_tokens: Option<u64>,
    /// Tokens written with a 1-hour lifetime.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ephemeral_1h_input_tokens: Option<u64>,
    /// Fields this crate does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Counts of server-side tool calls.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ServerToolUse {
    /// Web searches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web_search_requests: Option<u64>,
    /// Web fetches (not metered; always 0 today).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web_fetch_requests: Option<u64>,
    /// Fields this crate does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A session budget: `{type:"limit", max_list_cost}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Budget {
    /// Always `"limit"` today.
    #[serde(rename = "type")]
    pub kind: String,
    /// The session stops (`budget_reached`) when its list cost reaches this.
    pub max_list_cost: Money,
    /// Fields this crate does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The rubric of a `user.define_outcome`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Rubric {
    /// Inline text.
    Text {
        /// The rubric text.
        content: String,
        /// Fields this crate does not know.
        #[serde(flatten)]
        extra: Extra,
    },
    /// A file uploaded with the Files API.
    File {
        /// The file id.
        file_id: String,
        /// Fields this crate does not know.
        #[serde(flatten)]
        extra: Extra,
    },
    /// A rubric type this crate does not know, kept as raw JSON.
    #[serde(untagged)]
    Unknown(Value),
}

/// One phase of a workflow run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct WorkflowPhase {
    /// Phase id.
    pub id: String,
    /// Phase name.
    pub name: String,
    /// Description: absent, `null` or a value.
    #[serde(
        default,
        deserialize_with = "super::common::some",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub description: Option<Option<String>>,
    /// Fields this crate does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The error of a workflow run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct WorkflowError {
    /// `timeout_error`, `program_error`, `unknown_error`, … (open).
    #[serde(rename = "type")]
    pub kind: String,
    /// Human-readable message.
    pub message: String,
    /// Fields this crate does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// How a workflow run ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum WorkflowRunResult {
    /// It ran to the end.
    Completed {
        /// Fields this crate does not know.
        #[serde(flatten)]
        extra: Extra,
    },
    /// It was stopped.
    Stopped {
        /// Fields this crate does not know.
        #[serde(flatten)]
        extra: Extra,
    },
    /// It failed.
    Error {
        /// Why.
        error: WorkflowError,
        /// Fields this crate does not know.
        #[serde(flatten)]
        extra: Extra,
    },
    /// A result this crate does not know, kept as raw JSON.
    #[serde(untagged)]
    Unknown(Value),
}

/// The event an `event_start` opens a preview for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PreviewedEvent {
    /// `agent.message` or `agent.thinking`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The id the final event will carry.
    pub id: String,
    /// Fields this crate does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The body of an `event_delta`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ContentDelta {
    /// Always `"content_delta"` today.
    #[serde(rename = "type")]
    pub kind: String,
    /// Which content block to append to (missing means 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<u64>,
    /// The text to append (a text block).
    pub content: super::common::ContentBlock,
    /// Fields this crate does not know.
    #[serde(flatten)]
    pub extra: Extra,
}
