//! `/v1/vaults` and their credentials.

use crate::client::{Client, seg};
use crate::config::Beta;
use crate::error::Error;
use crate::pagination::{Page, PageRequest};
use crate::query::{Query, ToQuery};
use crate::types::{
    CreateCredentialRequest, CreateVaultRequest, Credential, CredentialValidation, Deleted,
    ListArchivableQuery, UpdateCredentialRequest, UpdateVaultRequest, Vault,
};

/// Vaults. Get it with [`Client::vaults`].
#[derive(Debug, Clone, Copy)]
pub struct Vaults<'c> {
    client: &'c Client,
}

/// The credentials of one vault. Get it with [`Vaults::credentials`].
#[derive(Debug, Clone, Copy)]
pub struct Credentials<'c> {
    client: &'c Client,
    vault_id: &'c str,
}

impl Client {
    /// The vaults resource.
    pub fn vaults(&self) -> Vaults<'_> {
        Vaults { client: self }
    }
}

fn vault_path(vault_id: &str, rest: &str) -> Result<String, Error> {
    Ok(format!("/v1/vaults/{}{rest}", seg(vault_id)?))
}

impl<'c> Vaults<'c> {
    /// `POST /v1/vaults`.
    pub async fn create(&self, request: &CreateVaultRequest) -> Result<Vault, Error> {
        self.client.post("/v1/vaults".into(), request, Beta::ManagedAgents).await
    }

    /// `GET /v1/vaults/{vault_id}`.
    pub async fn retrieve(&self, vault_id: &str) -> Result<Vault, Error> {
        let path = vault_path(vault_id, "")?;
        self.client.get(path, Query::new(), Beta::ManagedAgents).await
    }

    /// `POST /v1/vaults/{vault_id}`.
    pub async fn update(
        &self,
        vault_id: &str,
        request: &UpdateVaultRequest,
    ) -> Result<Vault, Error> {
        let path = vault_path(vault_id, "")?;
        self.client.post(path, request, Beta::ManagedAgents).await
    }

    /// `GET /v1/vaults`: one page.
    pub async fn list(&self, query: &ListArchivableQuery) -> Result<Page<Vault>, Error> {
        PageRequest::first(self.client, "/v1/vaults".into(), query.to_query(), Beta::ManagedAgents)
            .await
    }

    /// `DELETE /v1/vaults/{vault_id}`.
    pub async fn delete(&self, vault_id: &str) -> Result<Deleted, Error> {
        let path = vault_path(vault_id, "")?;
        self.client.delete(path, Query::new(), Beta::ManagedAgents).await
    }

    /// `POST /v1/vaults/{vault_id}/archive`.
    pub async fn archive(&self, vault_id: &str) -> Result<Vault, Error> {
        let path = vault_path(vault_id, "/archive")?;
        self.client.post_empty(path, Beta::ManagedAgents).await
    }

    /// The credentials of one vault.
    pub fn credentials(&self, vault_id: &'c str) -> Credentials<'c> {
        Credentials { client: self.client, vault_id }
    }
}

impl Credentials<'_> {
    fn path(&self, rest: &str) -> Result<String, Error> {
        vault_path(self.vault_id, &format!("/credentials{rest}"))
    }

    fn item(&self, credential_id: &str, rest: &str) -> Result<String, Error> {
        self.path(&format!("/{}{rest}", seg(credential_id)?))
    }

    /// `POST /v1/vaults/{vault_id}/credentials`.
    pub async fn create(&self, request: &CreateCredentialRequest) -> Result<Credential, Error> {
        self.client.post(self.path("")?, request, Beta::ManagedAgents).await
    }

    /// `GET /v1/vaults/{vault_id}/credentials/{credential_id}`.
    pub async fn retrieve(&self, credential_id: &str) -> Result<Credential, Error> {
        self.client.get(self.item(credential_id, "")?, Query::new(), Beta::ManagedAgents).await
    }

    /// `POST /v1/vaults/{vault_id}/credentials/{credential_id}` (the auth `type` cannot change).
    pub async fn update(
        &self,
        credential_id: &str,
        request: &UpdateCredentialRequest,
    ) -> Result<Credential, Error> {
        self.client.post(self.item(credential_id, "")?, request, Beta::ManagedAgents).await
    }

    /// `GET /v1/vaults/{vault_id}/credentials`: one page.
    pub async fn list(&self, query: &ListArchivableQuery) -> Result<Page<Credential>, Error> {
        PageRequest::first(self.client, self.path("")?, query.to_query(), Beta::ManagedAgents).await
    }

    /// `DELETE /v1/vaults/{vault_id}/credentials/{credential_id}`.
    pub async fn delete(&self, credential_id: &str) -> Result<Deleted, Error> {
        self.client.delete(self.item(credential_id, "")?, Query::new(), Beta::ManagedAgents).await
    }

    /// `POST /v1/vaults/{vault_id}/credentials/{credential_id}/archive`.
    pub async fn archive(&self, credential_id: &str) -> Result<Credential, Error> {
        self.client.post_empty(self.item(credential_id, "/archive")?, Beta::ManagedAgents).await
    }

    /// `POST /v1/vaults/{vault_id}/credentials/{credential_id}/mcp_oauth_validate`: probe the
    /// MCP server with the stored token (and try a refresh).
    pub async fn mcp_oauth_validate(
        &self,
        credential_id: &str,
    ) -> Result<CredentialValidation, Error> {
        self.client
            .post_empty(self.item(credential_id, "/mcp_oauth_validate")?, Beta::ManagedAgents)
            .await
    }
}
