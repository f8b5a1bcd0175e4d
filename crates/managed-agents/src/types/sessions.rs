//! Sessions, their resources and threads, and the queries of session and event lists.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::agents::{McpServer, ModelConfig, Tool};
use super::common::{Extra, Metadata, MetadataPatch, some};
use super::event_parts::{Budget, SessionUsage, open_enum};
use super::user_events::EventParams;
use crate::query::{CreatedAtRange, Query, ToQuery};

open_enum! {
    /// A session's or thread's status. Sessions start `idle`; an archived session reports
    /// `terminated`.
    SessionStatus {
        /// Recovering from an error (its event is `session.status_rescheduled`).
        Rescheduling = "rescheduling",
        /// Working.
        Running = "running",
        /// Waiting (see the last `session.status_idle` for why).
        Idle = "idle",
        /// Final.
        Terminated = "terminated",
    }
}

/// A session (`type: "session"`): a running agent instance in an environment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Session {
    /// `sesn_…`.
    pub id: String,
    /// Always `"session"`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Current status.
    pub status: SessionStatus,
    /// The agent snapshot taken at creation.
    pub agent: SessionAgent,
    /// The environment it runs in.
    pub environment_id: String,
    /// Title: absent, `null` or a value.
    #[serde(default, deserialize_with = "some", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub title: Option<Option<String>>,
    /// Metadata.
    #[serde(default)]
    pub metadata: Metadata,
    /// Mounted resources.
    #[serde(default)]
    pub resources: Vec<SessionResource>,
    /// Vaults whose credentials the session may use.
    #[serde(default)]
    pub vault_ids: Vec<String>,
    /// Budget: absent, `null` (none) or a value.
    #[serde(default, deserialize_with = "some", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<Budget>))]
    pub budget: Option<Option<Budget>>,
    /// Cumulative usage.
    #[serde(default)]
    pub usage: SessionUsage,
    /// `{active_seconds?, duration_seconds?}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stats: Option<Value>,
    /// Outcome evaluations.
    #[serde(default)]
    pub outcome_evaluations: Vec<Value>,
    /// The deployment that started it: absent, `null` or a value.
    #[serde(default, deserialize_with = "some", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub deployment_id: Option<Option<String>>,
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

/// The agent snapshot inside a session (the agent's fields minus timestamps and metadata).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SessionAgent {
    /// `agent_…`.
    pub id: String,
    /// Always `"agent"`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The version snapshotted.
    pub version: u64,
    /// Name.
    pub name: String,
    /// Description: absent, `null` or a value.
    #[serde(default, deserialize_with = "some", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub description: Option<Option<String>>,
    /// System prompt: absent, `null` or a value.
    #[serde(default, deserialize_with = "some", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub system: Option<Option<String>>,
    /// Model.
    pub model: ModelConfig,
    /// Tools.
    pub tools: Vec<Tool>,
    /// MCP servers.
    pub mcp_servers: Vec<McpServer>,
    /// Skills.
    pub skills: Vec<Value>,
    /// Execution identity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub execution_identity: Option<Value>,
    /// Multiagent roster: absent, `null` or a value.
    #[serde(default, deserialize_with = "some", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<Value>))]
    pub multiagent: Option<Option<Value>>,
    /// Fields this crate does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A resource mounted in a session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum SessionResource {
    /// A GitHub repository (its token is write-only and never returned).
    GithubRepository {
        /// `sesrsc_…`.
        id: String,
        /// Repository URL.
        url: String,
        /// Where it is mounted.
        mount_path: String,
        /// `{type:"branch",name}` or `{type:"commit",sha}`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        checkout: Option<Value>,
        /// RFC 3339.
        created_at: String,
        /// RFC 3339.
        updated_at: String,
        /// Fields this crate does not know.
        #[serde(flatten)]
        extra: Extra,
    },
    /// A file from the Files API.
    File {
        /// `sesrsc_…`.
        id: String,
        /// `file_…`.
        file_id: String,
        /// Where it is mounted.
        mount_path: String,
        /// RFC 3339.
        created_at: String,
        /// RFC 3339.
        updated_at: String,
        /// Fields this crate does not know.
        #[serde(flatten)]
        extra: Extra,
    },
    /// A memory store (this resource has no `id`).
    MemoryStore {
        /// `memstore_…`.
        memory_store_id: String,
        /// `read_write` or `read_only`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        access: Option<String>,
        /// Instructions for the agent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        instructions: Option<String>,
        /// Fields this crate does not know (name, description, mount_path, …).
        #[serde(flatten)]
        extra: Extra,
    },
    /// A resource type this crate does not know, kept as raw JSON.
    #[serde(untagged)]
    Unknown(Value),
}

/// The `agent` of a session create request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(untagged)]
pub enum SessionAgentParam {
    /// `"agent_…"`: the latest version, pinned at creation.
    Id(String),
    /// `{type:"agent", id, version?}` or `{type:"agent_with_overrides", id, version?, model?,
    /// system?, tools?, mcp_servers?, skills?}`.
    Object(AgentReference),
}

/// An agent reference object in a session create request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum AgentReference {
    /// A specific agent (and version).
    Agent {
        /// `agent_…`.
        id: String,
        /// Version; latest when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        version: Option<u64>,
    },
    /// An agent with per-session overrides; each given field replaces the agent's value.
    AgentWithOverrides {
        /// `agent_…`.
        id: String,
        /// Version; latest when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        version: Option<u64>,
        /// Other override fields (`model`, `system`, `tools`, `mcp_servers`, `skills`).
        #[serde(flatten)]
        overrides: Extra,
    },
}

/// Body of `POST /v1/sessions`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CreateSessionRequest {
    /// Which agent.
    pub agent: SessionAgentParam,
    /// Which environment.
    pub environment_id: String,
    /// Title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
    /// Resources to mount (github_repository / file / memory_store params).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resources: Option<Vec<Value>>,
    /// Vaults.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vault_ids: Option<Vec<String>>,
    /// Budget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Budget>,
    /// Up to 50 `user.message` / `user.define_outcome` events to start with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initial_events: Option<Vec<EventParams>>,
}

impl CreateSessionRequest {
    /// A session of the latest version of `agent_id` in `environment_id`.
    pub fn new(agent_id: impl Into<String>, environment_id: impl Into<String>) -> Self {
        Self {
            agent: SessionAgentParam::Id(agent_id.into()),
            environment_id: environment_id.into(),
            title: None,
            metadata: None,
            resources: None,
            vault_ids: None,
            budget: None,
            initial_events: None,
        }
    }
}

/// Body of `POST /v1/sessions/{session_id}`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct UpdateSessionRequest {
    /// New title, or `Some(None)` to clear.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Option<String>>,
    /// Metadata patch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<MetadataPatch>,
    /// New budget (replaces), or `Some(None)` to remove.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Option<Budget>>,
    /// `{tools?, mcp_servers?}`; only while the session is not running.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent: Option<Value>,
}

/// Query of `GET /v1/sessions`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ListSessionsQuery {
    /// Only sessions of this agent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_id: Option<String>,
    /// Only sessions of this agent version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_version: Option<u64>,
    /// Only sessions of this deployment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deployment_id: Option<String>,
    /// Only sessions using this memory store.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory_store_id: Option<String>,
    /// `created_at[gt/gte/lt/lte]`.
    #[serde(default)]
    pub created_at: CreatedAtRange,
    /// Include archived sessions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_archived: Option<bool>,
    /// Page size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// `asc` or `desc` (default `desc` by `created_at`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<String>,
    /// Cursor (`next_page` or `prev_page`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    /// `statuses[]`.
    #[serde(default)]
    pub statuses: Vec<SessionStatus>,
}

impl ToQuery for ListSessionsQuery {
    fn to_query(&self) -> Query {
        let mut q = Query::new();
        q.opt("agent_id", self.agent_id.as_deref())
            .opt("agent_version", self.agent_version)
            .opt("deployment_id", self.deployment_id.as_deref())
            .opt("memory_store_id", self.memory_store_id.as_deref());
        self.created_at.write(&mut q);
        q.opt("include_archived", self.include_archived)
            .opt("limit", self.limit)
            .opt("order", self.order.as_deref())
            .opt("page", self.page.as_deref());
        let statuses: Vec<&str> = self.statuses.iter().map(SessionStatus::as_str).collect();
        q.list("statuses[]", &statuses);
        q
    }
}

/// Query of `GET /v1/sessions/{session_id}/events`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ListEventsQuery {
    /// `created_at[gt/gte/lt/lte]`, compared with the events' `processed_at`.
    #[serde(default)]
    pub created_at: CreatedAtRange,
    /// Page size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// `asc` (default, by `processed_at`) or `desc`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<String>,
    /// Cursor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    /// `types[]`: exact event types.
    #[serde(default)]
    pub types: Vec<String>,
}

impl ToQuery for ListEventsQuery {
    fn to_query(&self) -> Query {
        let mut q = Query::new();
        self.created_at.write(&mut q);
        q.opt("limit", self.limit)
            .opt("order", self.order.as_deref())
            .opt("page", self.page.as_deref())
            .list("types[]", &self.types);
        q
    }
}

/// Options of the live stream (`GET …/events/stream`, `GET …/threads/{id}/stream`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StreamEventsQuery {
    /// `event_deltas[]`: `agent.message` and/or `agent.thinking` to get live previews.
    #[serde(default)]
    pub event_deltas: Vec<String>,
}

impl ToQuery for StreamEventsQuery {
    fn to_query(&self) -> Query {
        let mut q = Query::new();
        q.list("event_deltas[]", &self.event_deltas);
        q
    }
}

/// Query of `GET /v1/sessions/{session_id}/threads`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ListThreadsQuery {
    /// Page size (default 1000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Cursor (forward only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    /// `statuses[]`.
    #[serde(default)]
    pub statuses: Vec<SessionStatus>,
}

impl ToQuery for ListThreadsQuery {
    fn to_query(&self) -> Query {
        let mut q = Query::new();
        q.opt("limit", self.limit).opt("page", self.page.as_deref());
        let statuses: Vec<&str> = self.statuses.iter().map(SessionStatus::as_str).collect();
        q.list("statuses[]", &statuses);
        q
    }
}

/// A session thread (`type: "session_thread"`): the primary one plus any child threads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SessionThread {
    /// `sthr_…`.
    pub id: String,
    /// Always `"session_thread"`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The session.
    pub session_id: String,
    /// Parent thread: `null` for the primary.
    #[serde(default, deserialize_with = "some", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub parent_thread_id: Option<Option<String>>,
    /// Status.
    pub status: SessionStatus,
    /// `{type:"agent",…}`, `{type:"advisor", model}` or `{type:"inline", …}`.
    pub agent: Value,
    /// The workflow run: absent, `null` or a value.
    #[serde(default, deserialize_with = "some", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub workflow_run_id: Option<Option<String>>,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339.
    pub updated_at: String,
    /// Fields this crate does not know (stats, usage, archived_at, …).
    #[serde(flatten)]
    pub extra: Extra,
}

/// Body of `POST /v1/sessions/{session_id}/resources` (`type` is always `"file"`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AddSessionResourceRequest {
    /// Always `"file"`.
    #[serde(rename = "type")]
    pub kind: String,
    /// `file_…`.
    pub file_id: String,
    /// Default `/mnt/session/uploads/<file_id>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mount_path: Option<String>,
}

impl AddSessionResourceRequest {
    /// Mount a file at the default path.
    pub fn file(file_id: impl Into<String>) -> Self {
        Self { kind: "file".into(), file_id: file_id.into(), mount_path: None }
    }
}

/// Body of `POST /v1/sessions/{session_id}/resources/{resource_id}` (token rotation).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct UpdateSessionResourceRequest {
    /// The new token (github_repository only).
    pub authorization_token: String,
}

impl std::fmt::Debug for UpdateSessionResourceRequest {
    // The token is a secret: never print it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UpdateSessionResourceRequest")
            .field("authorization_token", &"<redacted>")
            .finish()
    }
}
