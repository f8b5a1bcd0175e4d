//! `/v1/sessions`: sessions, their resources and their threads. Events are in `events.rs`.

use crate::client::{Client, seg};
use crate::config::Beta;
use crate::error::Error;
use crate::pagination::{Page, PageRequest};
use crate::query::{Query, ToQuery};
use crate::types::{
    AddSessionResourceRequest, CreateSessionRequest, Deleted, ListSessionsQuery, ListThreadsQuery,
    PageQuery, Session, SessionResource, SessionThread, UpdateSessionRequest,
    UpdateSessionResourceRequest,
};

/// Sessions. Get it with [`Client::sessions`].
#[derive(Debug, Clone, Copy)]
pub struct Sessions<'c> {
    client: &'c Client,
}

/// A session's mounted resources. Get it with [`Sessions::resources`].
#[derive(Debug, Clone, Copy)]
pub struct SessionResources<'c> {
    client: &'c Client,
    session_id: &'c str,
}

/// A session's threads. Get it with [`Sessions::threads`].
#[derive(Debug, Clone, Copy)]
pub struct Threads<'c> {
    client: &'c Client,
    session_id: &'c str,
}

impl Client {
    /// The sessions resource.
    pub fn sessions(&self) -> Sessions<'_> {
        Sessions { client: self }
    }
}

fn session_path(session_id: &str, rest: &str) -> Result<String, Error> {
    Ok(format!("/v1/sessions/{}{rest}", seg(session_id)?))
}

impl<'c> Sessions<'c> {
    /// `POST /v1/sessions`: start a session (it begins `idle`, or runs `initial_events`).
    pub async fn create(&self, request: &CreateSessionRequest) -> Result<Session, Error> {
        self.client.post("/v1/sessions".into(), request, Beta::ManagedAgents).await
    }

    /// `GET /v1/sessions/{session_id}`.
    pub async fn retrieve(&self, session_id: &str) -> Result<Session, Error> {
        let path = session_path(session_id, "")?;
        self.client.get(path, Query::new(), Beta::ManagedAgents).await
    }

    /// `POST /v1/sessions/{session_id}`: update title, metadata, budget or tools.
    pub async fn update(
        &self,
        session_id: &str,
        request: &UpdateSessionRequest,
    ) -> Result<Session, Error> {
        let path = session_path(session_id, "")?;
        self.client.post(path, request, Beta::ManagedAgents).await
    }

    /// `GET /v1/sessions`: one page (newest first by default); has `prev_page` too.
    pub async fn list(&self, query: &ListSessionsQuery) -> Result<Page<Session>, Error> {
        PageRequest::first(
            self.client,
            "/v1/sessions".into(),
            query.to_query(),
            Beta::ManagedAgents,
        )
        .await
    }

    /// `DELETE /v1/sessions/{session_id}`: a live stream gets `session.deleted` and ends.
    pub async fn delete(&self, session_id: &str) -> Result<Deleted, Error> {
        let path = session_path(session_id, "")?;
        self.client.delete(path, Query::new(), Beta::ManagedAgents).await
    }

    /// `POST /v1/sessions/{session_id}/archive`: the session then reports `terminated`.
    pub async fn archive(&self, session_id: &str) -> Result<Session, Error> {
        let path = session_path(session_id, "/archive")?;
        self.client.post_empty(path, Beta::ManagedAgents).await
    }

    /// The resources of one session.
    pub fn resources(&self, session_id: &'c str) -> SessionResources<'c> {
        SessionResources { client: self.client, session_id }
    }

    /// The threads of one session.
    pub fn threads(&self, session_id: &'c str) -> Threads<'c> {
        Threads { client: self.client, session_id }
    }
}

impl SessionResources<'_> {
    /// `POST /v1/sessions/{session_id}/resources`: mount a file.
    pub async fn add(&self, request: &AddSessionResourceRequest) -> Result<SessionResource, Error> {
        let path = session_path(self.session_id, "/resources")?;
        self.client.post(path, request, Beta::ManagedAgents).await
    }

    /// `GET /v1/sessions/{session_id}/resources`: one page (limit ≤ 1000).
    pub async fn list(&self, query: &PageQuery) -> Result<Page<SessionResource>, Error> {
        let path = session_path(self.session_id, "/resources")?;
        PageRequest::first(self.client, path, query.to_query(), Beta::ManagedAgents).await
    }

    /// `GET /v1/sessions/{session_id}/resources/{resource_id}`.
    pub async fn retrieve(&self, resource_id: &str) -> Result<SessionResource, Error> {
        let path = session_path(self.session_id, &format!("/resources/{}", seg(resource_id)?))?;
        self.client.get(path, Query::new(), Beta::ManagedAgents).await
    }

    /// `POST /v1/sessions/{session_id}/resources/{resource_id}`: rotate a repository token.
    pub async fn update(
        &self,
        resource_id: &str,
        request: &UpdateSessionResourceRequest,
    ) -> Result<SessionResource, Error> {
        let path = session_path(self.session_id, &format!("/resources/{}", seg(resource_id)?))?;
        self.client.post(path, request, Beta::ManagedAgents).await
    }

    /// `DELETE /v1/sessions/{session_id}/resources/{resource_id}`.
    pub async fn delete(&self, resource_id: &str) -> Result<Deleted, Error> {
        let path = session_path(self.session_id, &format!("/resources/{}", seg(resource_id)?))?;
        self.client.delete(path, Query::new(), Beta::ManagedAgents).await
    }
}

impl Threads<'_> {
    /// `GET /v1/sessions/{session_id}/threads`: one page (default limit 1000).
    pub async fn list(&self, query: &ListThreadsQuery) -> Result<Page<SessionThread>, Error> {
        let path = session_path(self.session_id, "/threads")?;
        PageRequest::first(self.client, path, query.to_query(), Beta::ManagedAgents).await
    }

    /// `GET /v1/sessions/{session_id}/threads/{thread_id}`.
    pub async fn retrieve(&self, thread_id: &str) -> Result<SessionThread, Error> {
        let path = session_path(self.session_id, &format!("/threads/{}", seg(thread_id)?))?;
        self.client.get(path, Query::new(), Beta::ManagedAgents).await
    }

    /// `POST /v1/sessions/{session_id}/threads/{thread_id}/archive`.
    pub async fn archive(&self, thread_id: &str) -> Result<SessionThread, Error> {
        let path = session_path(self.session_id, &format!("/threads/{}/archive", seg(thread_id)?))?;
        self.client.post_empty(path, Beta::ManagedAgents).await
    }
}
