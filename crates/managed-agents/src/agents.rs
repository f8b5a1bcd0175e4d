//! `/v1/agents`: create, read, update (versioned), list, archive, list versions.

use crate::client::{Client, seg};
use crate::config::Beta;
use crate::error::Error;
use crate::pagination::{Page, PageRequest};
use crate::query::{Query, ToQuery};
use crate::types::{Agent, CreateAgentRequest, ListAgentsQuery, PageQuery, UpdateAgentRequest};

/// Agents: model, prompt, tools, versioned. Get it with [`Client::agents`].
#[derive(Debug, Clone, Copy)]
pub struct Agents<'c> {
    client: &'c Client,
}

impl Client {
    /// The agents resource.
    pub fn agents(&self) -> Agents<'_> {
        Agents { client: self }
    }
}

impl Agents<'_> {
    /// `POST /v1/agents`: create an agent (version 1).
    pub async fn create(&self, request: &CreateAgentRequest) -> Result<Agent, Error> {
        self.client.post("/v1/agents".into(), request, Beta::ManagedAgents).await
    }

    /// `GET /v1/agents/{agent_id}`: the latest version, or `version` if given.
    pub async fn retrieve(&self, agent_id: &str, version: Option<u32>) -> Result<Agent, Error> {
        let mut q = Query::new();
        q.opt("version", version);
        let path = format!("/v1/agents/{}", seg(agent_id)?);
        self.client.get(path, q, Beta::ManagedAgents).await
    }

    /// `POST /v1/agents/{agent_id}`: update; creates a new version. Set `version` in the
    /// request to fail (409) instead of overwriting someone else's change.
    pub async fn update(
        &self,
        agent_id: &str,
        request: &UpdateAgentRequest,
    ) -> Result<Agent, Error> {
        let path = format!("/v1/agents/{}", seg(agent_id)?);
        self.client.post(path, request, Beta::ManagedAgents).await
    }

    /// `GET /v1/agents`: one page of agents.
    pub async fn list(&self, query: &ListAgentsQuery) -> Result<Page<Agent>, Error> {
        PageRequest::first(self.client, "/v1/agents".into(), query.to_query(), Beta::ManagedAgents)
            .await
    }

    /// `POST /v1/agents/{agent_id}/archive`: archive (agents cannot be deleted).
    pub async fn archive(&self, agent_id: &str) -> Result<Agent, Error> {
        let path = format!("/v1/agents/{}/archive", seg(agent_id)?);
        self.client.post_empty(path, Beta::ManagedAgents).await
    }

    /// `GET /v1/agents/{agent_id}/versions`: one page of versions (one `Agent` per version).
    pub async fn list_versions(
        &self,
        agent_id: &str,
        query: &PageQuery,
    ) -> Result<Page<Agent>, Error> {
        let path = format!("/v1/agents/{}/versions", seg(agent_id)?);
        PageRequest::first(self.client, path, query.to_query(), Beta::ManagedAgents).await
    }
}
