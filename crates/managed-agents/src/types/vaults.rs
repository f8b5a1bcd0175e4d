//! Vaults and their credentials (secrets are write-only and never returned).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::common::{Extra, Metadata, MetadataPatch, some};

/// A vault (`type: "vault"`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Vault {
    /// `vlt_…`.
    pub id: String,
    /// Always `"vault"`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Display name (1–255).
    pub display_name: String,
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

/// Body of `POST /v1/vaults`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CreateVaultRequest {
    /// Display name (1–255).
    pub display_name: String,
    /// Metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
}

/// Body of `POST /v1/vaults/{vault_id}`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct UpdateVaultRequest {
    /// New name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// Metadata patch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<MetadataPatch>,
}

/// A credential (`type: "vault_credential"`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Credential {
    /// `vcrd_…`.
    pub id: String,
    /// Always `"vault_credential"`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The vault.
    pub vault_id: String,
    /// Display name: absent, `null` or a value.
    #[serde(default, deserialize_with = "some", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "specta", specta(type = Option<String>))]
    pub display_name: Option<Option<String>>,
    /// `mcp_oauth`, `static_bearer` or `environment_variable`, without secrets.
    pub auth: Value,
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

/// Body of `POST /v1/vaults/{vault_id}/credentials`. `auth` holds secrets: this type is not
/// logged by the client.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CreateCredentialRequest {
    /// `{type:"mcp_oauth"|"static_bearer"|"environment_variable", …}` with its secrets.
    pub auth: Value,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// Metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
}

impl std::fmt::Debug for CreateCredentialRequest {
    // `auth` carries tokens and secret values: never print it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CreateCredentialRequest")
            .field("auth", &"<redacted>")
            .field("display_name", &self.display_name)
            .finish_non_exhaustive()
    }
}

/// Body of `POST /v1/vaults/{vault_id}/credentials/{credential_id}`.
#[derive(Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct UpdateCredentialRequest {
    /// New auth (same `type` as stored).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth: Option<Value>,
    /// New name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// Metadata patch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<MetadataPatch>,
}

impl std::fmt::Debug for UpdateCredentialRequest {
    // `auth` carries tokens and secret values: never print it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UpdateCredentialRequest")
            .field("auth", &self.auth.as_ref().map(|_| "<redacted>"))
            .field("display_name", &self.display_name)
            .finish_non_exhaustive()
    }
}

/// Result of `…/mcp_oauth_validate` (`type: "vault_credential_validation"`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CredentialValidation {
    /// The credential.
    pub credential_id: String,
    /// The vault.
    pub vault_id: String,
    /// `valid`, `invalid` or `unknown`.
    pub status: String,
    /// Whether a refresh token is stored.
    #[serde(default)]
    pub has_refresh_token: bool,
    /// RFC 3339.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validated_at: Option<String>,
    /// Fields this crate does not know (`type`, `mcp_probe`, `refresh`, …).
    #[serde(flatten)]
    pub extra: Extra,
}
