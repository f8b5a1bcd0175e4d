//! Environments: container templates (networking, packages) that sessions run in.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::common::{Extra, Metadata, MetadataPatch, some};
use crate::query::{Query, ToQuery};

/// An environment (`type: "environment"`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Environment {
    /// `env_…`.
    pub id: String,
    /// Always `"environment"`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Display name.
    pub name: String,
    /// Description: absent, `null` or a value.
    #[serde(default, deserialize_with = "some", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub description: Option<Option<String>>,
    /// Metadata.
    #[serde(default)]
    pub metadata: Metadata,
    /// `organization` or `account`.
    #[serde(default, deserialize_with = "some", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub scope: Option<Option<String>>,
    /// `{type:"cloud", networking, packages}` or `{type:"self_hosted"}`.
    pub config: EnvironmentConfig,
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

/// An environment's `config`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum EnvironmentConfig {
    /// A sandbox the API runs.
    Cloud {
        /// `{type:"unrestricted"}` or `{type:"limited", allowed_hosts, allow_mcp_servers,
        /// allow_package_managers}`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        networking: Option<Value>,
        /// `{apt, cargo, gem, go, npm, pip}` package lists.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        packages: Option<Value>,
        /// Fields this crate does not know.
        #[serde(flatten)]
        extra: Extra,
    },
    /// A sandbox the client's own worker runs.
    SelfHosted {
        /// Fields this crate does not know.
        #[serde(flatten)]
        extra: Extra,
    },
    /// A config type this crate does not know, kept as raw JSON.
    #[serde(untagged)]
    Unknown(Value),
}

/// Body of `POST /v1/environments`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CreateEnvironmentRequest {
    /// Display name.
    pub name: String,
    /// Cloud or self-hosted config.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config: Option<EnvironmentConfig>,
    /// Description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
    /// `organization` (API orgs) or `account`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}

/// Body of `POST /v1/environments/{environment_id}`; fields left out are kept.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct UpdateEnvironmentRequest {
    /// New config (the `type` cannot change).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config: Option<EnvironmentConfig>,
    /// New description, or `Some(None)` to clear.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Option<String>>,
    /// Metadata patch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<MetadataPatch>,
    /// New name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New scope.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}

/// Query of lists that take `include_archived`, `limit` and `page` (environments, vaults,
/// credentials).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ListArchivableQuery {
    /// Include archived items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_archived: Option<bool>,
    /// Page size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Cursor from a previous page's `next_page`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
}

impl ToQuery for ListArchivableQuery {
    fn to_query(&self) -> Query {
        let mut q = Query::new();
        q.opt("include_archived", self.include_archived)
            .opt("limit", self.limit)
            .opt("page", self.page.as_deref());
        q
    }
}

/// Query of `GET /v1/environments`.
pub type ListEnvironmentsQuery = ListArchivableQuery;
