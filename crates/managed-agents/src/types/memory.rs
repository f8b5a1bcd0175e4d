//! Memory stores, memories and memory versions (beta `agent-memory-2026-07-22`).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::common::{Extra, Metadata, MetadataPatch, some};
use crate::query::{CreatedAtRange, Query, ToQuery};

/// A memory store (`type: "memory_store"`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MemoryStore {
    /// `memstore_…`.
    pub id: String,
    /// Always `"memory_store"`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Name.
    pub name: String,
    /// Description shown to the agent: absent, `null` or a value.
    #[serde(default, deserialize_with = "some", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub description: Option<Option<String>>,
    /// Metadata.
    #[serde(default)]
    pub metadata: Metadata,
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

/// Body of `POST /v1/memory_stores`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CreateMemoryStoreRequest {
    /// Name (1–255).
    pub name: String,
    /// Description (≤ 1024), shown to the agent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
}

/// Body of `POST /v1/memory_stores/{id}`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct UpdateMemoryStoreRequest {
    /// New name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New description, or `Some(None)` to clear.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Option<String>>,
    /// Metadata patch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<MetadataPatch>,
}

/// Query of `GET /v1/memory_stores`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ListMemoryStoresQuery {
    /// `created_at[gte/lte]`.
    #[serde(default)]
    pub created_at: CreatedAtRange,
    /// Include archived stores.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_archived: Option<bool>,
    /// Page size (1..100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Cursor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
}

impl ToQuery for ListMemoryStoresQuery {
    fn to_query(&self) -> Query {
        let mut q = Query::new();
        self.created_at.write(&mut q);
        q.opt("include_archived", self.include_archived)
            .opt("limit", self.limit)
            .opt("page", self.page.as_deref());
        q
    }
}

/// A memory (`type: "memory"`): one file-like entry of a store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Memory {
    /// `mem_…`.
    pub id: String,
    /// The store.
    pub memory_store_id: String,
    /// Path in the store.
    pub path: String,
    /// Content: `null` with `view=basic`.
    #[serde(default, deserialize_with = "some", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub content: Option<Option<String>>,
    /// SHA-256 of the content (use it as a precondition on update).
    pub content_sha256: String,
    /// Size in bytes.
    pub content_size_bytes: u64,
    /// The current version.
    pub memory_version_id: String,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339.
    pub updated_at: String,
    /// Fields this crate does not know (`type`, …).
    #[serde(flatten)]
    pub extra: Extra,
}

/// One item of a memory list: a memory or a path prefix ("directory").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum MemoryListItem {
    /// A memory.
    Memory(Memory),
    /// A prefix that holds memories.
    MemoryPrefix {
        /// The prefix (ends with `/`).
        path: String,
    },
    /// An item type this crate does not know, kept as raw JSON.
    #[serde(untagged)]
    Unknown(Value),
}

/// Body of `POST /v1/memory_stores/{id}/memories`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CreateMemoryRequest {
    /// Path in the store.
    pub path: String,
    /// Content (≤ 100 kB) or `None`.
    pub content: Option<String>,
}

/// Body of `POST /v1/memory_stores/{id}/memories/{memory_id}`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct UpdateMemoryRequest {
    /// New content.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<Option<String>>,
    /// New path (rename).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// `{type:"content_sha256", content_sha256}`: fails with 409 if the content changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precondition: Option<Value>,
}

/// Query of `GET /v1/memory_stores/{id}/memories`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ListMemoriesQuery {
    /// Only under this prefix (ends with `/`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path_prefix: Option<String>,
    /// How deep (0 = all).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub depth: Option<u32>,
    /// Page size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Cursor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    /// `basic` (no content) or `full`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub view: Option<String>,
}

impl ToQuery for ListMemoriesQuery {
    fn to_query(&self) -> Query {
        let mut q = Query::new();
        q.opt("path_prefix", self.path_prefix.as_deref())
            .opt("depth", self.depth)
            .opt("limit", self.limit)
            .opt("page", self.page.as_deref())
            .opt("view", self.view.as_deref());
        q
    }
}

/// A memory version (`type: "memory_version"`): one change to a memory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MemoryVersion {
    /// `memver_…`.
    pub id: String,
    /// The memory.
    pub memory_id: String,
    /// The store.
    pub memory_store_id: String,
    /// `created`, `modified` or `deleted`.
    pub operation: String,
    /// RFC 3339.
    pub created_at: String,
    /// Fields this crate does not know (path, content, actors, redaction, …).
    #[serde(flatten)]
    pub extra: Extra,
}

/// Query of `GET /v1/memory_stores/{id}/memory_versions`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ListMemoryVersionsQuery {
    /// Only versions of this memory.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory_id: Option<String>,
    /// Only versions made by this session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_id: Option<String>,
    /// Only versions made with this API key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_key_id: Option<String>,
    /// Only versions made by this service account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_account_id: Option<String>,
    /// `created`, `modified` or `deleted`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operation: Option<String>,
    /// `created_at[gte/lte]`.
    #[serde(default)]
    pub created_at: CreatedAtRange,
    /// Page size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Cursor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    /// `basic` or `full`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub view: Option<String>,
}

impl ToQuery for ListMemoryVersionsQuery {
    fn to_query(&self) -> Query {
        let mut q = Query::new();
        q.opt("memory_id", self.memory_id.as_deref())
            .opt("session_id", self.session_id.as_deref())
            .opt("api_key_id", self.api_key_id.as_deref())
            .opt("service_account_id", self.service_account_id.as_deref())
            .opt("operation", self.operation.as_deref());
        self.created_at.write(&mut q);
        q.opt("limit", self.limit)
            .opt("page", self.page.as_deref())
            .opt("view", self.view.as_deref());
        q
    }
}
