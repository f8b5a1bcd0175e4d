//! `/v1/environments`: container templates.

use crate::client::{Client, seg};
use crate::config::Beta;
use crate::error::Error;
use crate::pagination::{Page, PageRequest};
use crate::query::{Query, ToQuery};
use crate::types::{
    CreateEnvironmentRequest, Deleted, Environment, ListEnvironmentsQuery, UpdateEnvironmentRequest,
};

/// Environments. Get it with [`Client::environments`].
#[derive(Debug, Clone, Copy)]
pub struct Environments<'c> {
    client: &'c Client,
}

impl Client {
    /// The environments resource.
    pub fn environments(&self) -> Environments<'_> {
        Environments { client: self }
    }
}

impl Environments<'_> {
    /// `POST /v1/environments`: create an environment.
    pub async fn create(&self, request: &CreateEnvironmentRequest) -> Result<Environment, Error> {
        self.client.post("/v1/environments".into(), request, Beta::ManagedAgents).await
    }

    /// `GET /v1/environments/{environment_id}`.
    pub async fn retrieve(&self, environment_id: &str) -> Result<Environment, Error> {
        let path = format!("/v1/environments/{}", seg(environment_id)?);
        self.client.get(path, Query::new(), Beta::ManagedAgents).await
    }

    /// `POST /v1/environments/{environment_id}`: update (the config `type` cannot change).
    pub async fn update(
        &self,
        environment_id: &str,
        request: &UpdateEnvironmentRequest,
    ) -> Result<Environment, Error> {
        let path = format!("/v1/environments/{}", seg(environment_id)?);
        self.client.post(path, request, Beta::ManagedAgents).await
    }

    /// `GET /v1/environments`: one page.
    pub async fn list(&self, query: &ListEnvironmentsQuery) -> Result<Page<Environment>, Error> {
        PageRequest::first(
            self.client,
            "/v1/environments".into(),
            query.to_query(),
            Beta::ManagedAgents,
        )
        .await
    }

    /// `DELETE /v1/environments/{environment_id}`.
    pub async fn delete(&self, environment_id: &str) -> Result<Deleted, Error> {
        let path = format!("/v1/environments/{}", seg(environment_id)?);
        self.client.delete(path, Query::new(), Beta::ManagedAgents).await
    }

    /// `POST /v1/environments/{environment_id}/archive`: no new sessions can use it.
    pub async fn archive(&self, environment_id: &str) -> Result<Environment, Error> {
        let path = format!("/v1/environments/{}/archive", seg(environment_id)?);
        self.client.post_empty(path, Beta::ManagedAgents).await
    }
}
