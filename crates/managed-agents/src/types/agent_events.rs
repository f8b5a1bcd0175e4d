//! Events the agent produces (`agent.*`).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::common::{ContentBlock, Extra};
use super::event_parts::{EvaluatedPermission, PermissionEvaluation, event};

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
