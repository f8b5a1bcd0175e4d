//! Agents: model, system prompt, tools, MCP servers and skills, versioned.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::common::{Extra, Metadata, MetadataPatch, some};
use crate::query::{CreatedAtRange, Query, ToQuery};

/// An agent (`type: "agent"`). Each update creates a new `version`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Agent {
    /// `agent_…`.
    pub id: String,
    /// Always `"agent"`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Display name.
    pub name: String,
    /// Description: absent, `null` or a value.
    #[serde(default, deserialize_with = "some", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub description: Option<Option<String>>,
    /// System prompt: absent, `null` or a value.
    #[serde(default, deserialize_with = "some", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub system: Option<Option<String>>,
    /// The model (requests accept a bare id string; responses always expand it).
    pub model: ModelConfig,
    /// Tools (union on `type`, see [`Tool`]).
    #[serde(default)]
    pub tools: Vec<Tool>,
    /// MCP servers (`{type:"url", name, url}`).
    #[serde(default)]
    pub mcp_servers: Vec<McpServer>,
    /// Skills (`{type, skill_id, version}`).
    #[serde(default)]
    pub skills: Vec<Value>,
    /// Metadata.
    #[serde(default)]
    pub metadata: Metadata,
    /// Multiagent configuration (null when single-threaded), kept as JSON: its shape has two
    /// generations (`coordinator`, `multiagent_20261001`).
    #[serde(default, deserialize_with = "some", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<Value>))]
    pub multiagent: Option<Option<Value>>,
    /// `{type:"service_account"}` or `{type:"aws_role", role_arn}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub execution_identity: Option<Value>,
    /// Starts at 1, +1 on each change. Pass it on update for optimistic concurrency.
    pub version: u64,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339.
    pub updated_at: String,
    /// RFC 3339 when archived: absent, `null` or a value.
    #[serde(default, deserialize_with = "some", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub archived_at: Option<Option<String>>,
    /// Fields this crate does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `ModelConfig` as responses carry it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ModelConfig {
    /// Model id (open: `claude-opus-4-6`, … or any string).
    pub id: String,
    /// `{type: low|medium|high|xhigh|max}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effort: Option<Value>,
    /// Inference geography: absent, `null` or a value.
    #[serde(default, deserialize_with = "some", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub inference_geo: Option<Option<String>>,
    /// `standard` or `fast`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speed: Option<String>,
    /// Fields this crate does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The `model` of a request: a bare id or a full [`ModelConfig`]-like object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(untagged)]
pub enum ModelParam {
    /// Just the model id.
    Id(String),
    /// `{id, effort?, inference_geo?, speed?}` as JSON.
    Config(Value),
}

/// An MCP server an agent may use (each must be referenced by an `mcp_toolset`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct McpServer {
    /// Always `"url"`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Name referenced by `mcp_toolset.mcp_server_name`.
    pub name: String,
    /// Server URL.
    pub url: String,
    /// Fields this crate does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One entry of `tools` (at most 256 tools in all).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "type")]
pub enum Tool {
    /// The built-in toolset (`bash`, `edit`, `read`, `write`, `glob`, `grep`, `web_fetch`,
    /// `web_search`).
    #[serde(rename = "agent_toolset_20260401")]
    AgentToolset20260401 {
        /// `{enabled, permission_policy}` for tools without their own config.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        default_config: Option<Value>,
        /// Per-tool configs (`{name, enabled?, permission_policy?, …}`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        configs: Option<Vec<Value>>,
        /// Fields this crate does not know.
        #[serde(flatten)]
        extra: Extra,
    },
    /// The tools of one MCP server.
    #[serde(rename = "mcp_toolset")]
    McpToolset {
        /// Which server (`mcp_servers[].name`).
        mcp_server_name: String,
        /// Defaults for its tools.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        default_config: Option<Value>,
        /// Per-tool configs.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        configs: Option<Vec<Value>>,
        /// Fields this crate does not know.
        #[serde(flatten)]
        extra: Extra,
    },
    /// A tool the client executes (answered with `user.custom_tool_result`).
    #[serde(rename = "custom")]
    Custom {
        /// 1–128 chars of `[A-Za-z0-9_-]`.
        name: String,
        /// What it does, for the model.
        description: String,
        /// JSON schema of the input (`{type:"object", …}`).
        input_schema: Value,
        /// Fields this crate does not know.
        #[serde(flatten)]
        extra: Extra,
    },
    /// A tool type this crate does not know, kept as raw JSON.
    #[serde(untagged)]
    Unknown(Value),
}

/// Body of `POST /v1/agents`. Build it with [`CreateAgentRequest::new`] and set the optional
/// fields you need.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CreateAgentRequest {
    /// Display name.
    pub name: String,
    /// The model: an id or a config object.
    pub model: ModelParam,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// System prompt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
    /// Tools.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tools: Option<Vec<Tool>>,
    /// MCP servers (max 20).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mcp_servers: Option<Vec<McpServer>>,
    /// Skills.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skills: Option<Vec<Value>>,
    /// Metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
    /// Multiagent configuration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multiagent: Option<Value>,
    /// Execution identity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub execution_identity: Option<Value>,
}

impl CreateAgentRequest {
    /// A request with a name and a model id; every optional field unset.
    pub fn new(name: impl Into<String>, model: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            model: ModelParam::Id(model.into()),
            description: None,
            system: None,
            tools: None,
            mcp_servers: None,
            skills: None,
            metadata: None,
            multiagent: None,
            execution_identity: None,
        }
    }
}

/// Body of `POST /v1/agents/{agent_id}`: every field optional; `None` keeps the stored value and
/// `Some(None)` (JSON `null`) clears it where the API allows.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct UpdateAgentRequest {
    /// The version you read: the update fails if it is no longer current (optimistic
    /// concurrency).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<u64>,
    /// New name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New description, or `Some(None)` to clear.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Option<String>>,
    /// New system prompt, or `Some(None)` to clear.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system: Option<Option<String>>,
    /// New model (replaced whole, except a missing `effort` is kept).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<ModelParam>,
    /// Full replacement; `Some(None)` clears.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tools: Option<Option<Vec<Tool>>>,
    /// Full replacement; `Some(None)` clears.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mcp_servers: Option<Option<Vec<McpServer>>>,
    /// Full replacement; `Some(None)` clears.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skills: Option<Option<Vec<Value>>>,
    /// Metadata patch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<MetadataPatch>,
    /// New multiagent config, or `Some(None)` to clear.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multiagent: Option<Option<Value>>,
    /// New execution identity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub execution_identity: Option<Value>,
}

/// Query of `GET /v1/agents`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ListAgentsQuery {
    /// `created_at[gte]` / `created_at[lte]` (the API documents only these two here).
    #[serde(default)]
    pub created_at: CreatedAtRange,
    /// Include archived agents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_archived: Option<bool>,
    /// Page size (default 20, max 100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Cursor from a previous page's `next_page`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
}

impl ToQuery for ListAgentsQuery {
    fn to_query(&self) -> Query {
        let mut q = Query::new();
        self.created_at.write(&mut q);
        q.opt("include_archived", self.include_archived)
            .opt("limit", self.limit)
            .opt("page", self.page.as_deref());
        q
    }
}

/// Query of `GET /v1/agents/{agent_id}/versions` and other lists with only a cursor.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PageQuery {
    /// Page size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Cursor from a previous page's `next_page`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
}

impl ToQuery for PageQuery {
    fn to_query(&self) -> Query {
        let mut q = Query::new();
        q.opt("limit", self.limit).opt("page", self.page.as_deref());
        q
    }
}
