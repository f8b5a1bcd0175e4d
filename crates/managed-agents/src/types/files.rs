//! Files and skills (no beta header in this API version).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::common::{Extra, some};
use crate::query::{Query, ToQuery};

/// A file's metadata (`type: "file"`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FileMetadata {
    /// `file_…`.
    pub id: String,
    /// File name.
    pub filename: String,
    /// MIME type.
    pub mime_type: String,
    /// Size in bytes. The schema bounds no integer, so counts and sizes are `u64` (the UI reads
    /// them as numbers, exact below 2^53).
    pub size_bytes: u64,
    /// RFC 3339.
    pub created_at: String,
    /// Whether its content can be downloaded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub downloadable: Option<bool>,
    /// RFC 3339 expiry: absent, `null` or a value.
    #[serde(default, deserialize_with = "some", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub expires_at: Option<Option<String>>,
    /// `{type:"session", id}` for files an agent created: absent, `null` or a value.
    #[serde(default, deserialize_with = "some", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<Value>))]
    pub scope: Option<Option<Value>>,
    /// Fields this crate does not know (`type`, …).
    #[serde(flatten)]
    pub extra: Extra,
}

/// Query of `GET /v1/files`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ListFilesQuery {
    /// Page size (1..1000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Cursor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    /// `ids[]` (≤ 100; not with page/limit; one page).
    #[serde(default)]
    pub ids: Vec<String>,
    /// Only files of this scope (e.g. a session id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope_id: Option<String>,
}

impl ToQuery for ListFilesQuery {
    fn to_query(&self) -> Query {
        let mut q = Query::new();
        q.opt("limit", self.limit)
            .opt("page", self.page.as_deref())
            .list("ids[]", &self.ids)
            .opt("scope_id", self.scope_id.as_deref());
        q
    }
}

/// A file to upload: its name, MIME type and bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileUpload {
    /// File name sent in the multipart part (for skills: the path under the top directory).
    pub filename: String,
    /// MIME type.
    pub mime_type: String,
    /// Content.
    pub bytes: Vec<u8>,
}

/// A skill (`type: "skill"`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Skill {
    /// Skill id.
    pub id: String,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// The newest version's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latest_version_id: Option<String>,
    /// `{type: custom|anthropic|anthropic_example|plugin}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Value>,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339.
    pub updated_at: String,
    /// Fields this crate does not know (`type`, …).
    #[serde(flatten)]
    pub extra: Extra,
}

/// A skill version (`type: "skill_version"`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SkillVersion {
    /// Version id.
    pub id: String,
    /// The skill.
    pub skill_id: String,
    /// Kebab-case slug.
    pub name: String,
    /// Description.
    pub description: String,
    /// RFC 3339.
    pub created_at: String,
    /// Fields this crate does not know (`type`, …).
    #[serde(flatten)]
    pub extra: Extra,
}

/// Query of `GET /v1/skills`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ListSkillsQuery {
    /// Page size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Cursor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    /// `custom` or `anthropic`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl ToQuery for ListSkillsQuery {
    fn to_query(&self) -> Query {
        let mut q = Query::new();
        q.opt("limit", self.limit)
            .opt("page", self.page.as_deref())
            .opt("source", self.source.as_deref());
        q
    }
}
