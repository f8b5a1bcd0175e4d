//! Events the client sends (`user.*`, `system.message`): their echoes as the stream and the
//! list return them, and the events a client may send (`EventParams`).

use serde::{Deserialize, Serialize};

use super::common::{ContentBlock, Extra};
use super::event_parts::{ConfirmationResult, Rubric, event};

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
        pub max_iterations: Option<u64>,
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

/// One event a client sends with `POST /v1/sessions/{id}/events` (no client-chosen ids).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
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
        max_iterations: Option<u64>,
    },
    /// A system turn; must be last and follow the event it goes with.
    #[serde(rename = "system.message")]
    SystemMessage {
        /// Text blocks.
        content: Vec<ContentBlock>,
    },
}
