//! `/v1/memory_stores`: stores, memories and versions (beta `agent-memory-2026-07-22`).

use crate::client::{Client, seg};
use crate::config::Beta;
use crate::error::Error;
use crate::pagination::{Page, PageRequest};
use crate::query::{Query, ToQuery};
use crate::types::{
    CreateMemoryRequest, CreateMemoryStoreRequest, Deleted, ListMemoriesQuery,
    ListMemoryStoresQuery, ListMemoryVersionsQuery, Memory, MemoryListItem, MemoryStore,
    MemoryVersion, UpdateMemoryRequest, UpdateMemoryStoreRequest,
};

/// Memory stores. Get it with [`Client::memory_stores`].
#[derive(Debug, Clone, Copy)]
pub struct MemoryStores<'c> {
    client: &'c Client,
}

/// The memories of one store. Get it with [`MemoryStores::memories`].
#[derive(Debug, Clone, Copy)]
pub struct Memories<'c> {
    client: &'c Client,
    store_id: &'c str,
}

/// The memory versions of one store. Get it with [`MemoryStores::memory_versions`].
#[derive(Debug, Clone, Copy)]
pub struct MemoryVersions<'c> {
    client: &'c Client,
    store_id: &'c str,
}

const BETA: Beta = Beta::Memory;

impl Client {
    /// The memory stores resource.
    pub fn memory_stores(&self) -> MemoryStores<'_> {
        MemoryStores { client: self }
    }
}

fn store_path(store_id: &str, rest: &str) -> Result<String, Error> {
    Ok(format!("/v1/memory_stores/{}{rest}", seg(store_id)?))
}

fn view(view: Option<&str>) -> Query {
    let mut q = Query::new();
    q.opt("view", view);
    q
}

impl<'c> MemoryStores<'c> {
    /// `POST /v1/memory_stores`.
    pub async fn create(&self, request: &CreateMemoryStoreRequest) -> Result<MemoryStore, Error> {
        self.client.post("/v1/memory_stores".into(), request, BETA).await
    }

    /// `GET /v1/memory_stores/{id}`.
    pub async fn retrieve(&self, store_id: &str) -> Result<MemoryStore, Error> {
        self.client.get(store_path(store_id, "")?, Query::new(), BETA).await
    }

    /// `POST /v1/memory_stores/{id}`.
    pub async fn update(
        &self,
        store_id: &str,
        request: &UpdateMemoryStoreRequest,
    ) -> Result<MemoryStore, Error> {
        self.client.post(store_path(store_id, "")?, request, BETA).await
    }

    /// `GET /v1/memory_stores`: one page.
    pub async fn list(&self, query: &ListMemoryStoresQuery) -> Result<Page<MemoryStore>, Error> {
        PageRequest::first(self.client, "/v1/memory_stores".into(), query.to_query(), BETA).await
    }

    /// `DELETE /v1/memory_stores/{id}`.
    pub async fn delete(&self, store_id: &str) -> Result<Deleted, Error> {
        self.client.delete(store_path(store_id, "")?, Query::new(), BETA).await
    }

    /// `POST /v1/memory_stores/{id}/archive` (cannot be undone).
    pub async fn archive(&self, store_id: &str) -> Result<MemoryStore, Error> {
        self.client.post_empty(store_path(store_id, "/archive")?, BETA).await
    }

    /// The memories of one store.
    pub fn memories(&self, store_id: &'c str) -> Memories<'c> {
        Memories { client: self.client, store_id }
    }

    /// The memory versions of one store.
    pub fn memory_versions(&self, store_id: &'c str) -> MemoryVersions<'c> {
        MemoryVersions { client: self.client, store_id }
    }
}

impl Memories<'_> {
    fn item(&self, memory_id: &str) -> Result<String, Error> {
        store_path(self.store_id, &format!("/memories/{}", seg(memory_id)?))
    }

    /// `POST /v1/memory_stores/{id}/memories` (`view`: `basic` or `full`).
    pub async fn create(
        &self,
        request: &CreateMemoryRequest,
        view_: Option<&str>,
    ) -> Result<Memory, Error> {
        let path = store_path(self.store_id, "/memories")?;
        let req = crate::client::Request::new(reqwest::Method::POST, path, BETA)
            .query(view(view_))
            .json(request)?;
        self.client.json(&req).await
    }

    /// `GET /v1/memory_stores/{id}/memories/{memory_id}` (default view `full`).
    pub async fn retrieve(&self, memory_id: &str, view_: Option<&str>) -> Result<Memory, Error> {
        self.client.get(self.item(memory_id)?, view(view_), BETA).await
    }

    /// `POST /v1/memory_stores/{id}/memories/{memory_id}`: 409 if the precondition fails.
    pub async fn update(
        &self,
        memory_id: &str,
        request: &UpdateMemoryRequest,
        view_: Option<&str>,
    ) -> Result<Memory, Error> {
        let req = crate::client::Request::new(reqwest::Method::POST, self.item(memory_id)?, BETA)
            .query(view(view_))
            .json(request)?;
        self.client.json(&req).await
    }

    /// `GET /v1/memory_stores/{id}/memories`: one page of memories and prefixes.
    pub async fn list(&self, query: &ListMemoriesQuery) -> Result<Page<MemoryListItem>, Error> {
        let path = store_path(self.store_id, "/memories")?;
        PageRequest::first(self.client, path, query.to_query(), BETA).await
    }

    /// `DELETE /v1/memory_stores/{id}/memories/{memory_id}`, optionally only if the content is
    /// still `expected_content_sha256`.
    pub async fn delete(
        &self,
        memory_id: &str,
        expected_content_sha256: Option<&str>,
    ) -> Result<Deleted, Error> {
        let mut q = Query::new();
        q.opt("expected_content_sha256", expected_content_sha256);
        self.client.delete(self.item(memory_id)?, q, BETA).await
    }
}

impl MemoryVersions<'_> {
    fn item(&self, version_id: &str, rest: &str) -> Result<String, Error> {
        store_path(self.store_id, &format!("/memory_versions/{}{rest}", seg(version_id)?))
    }

    /// `GET /v1/memory_stores/{id}/memory_versions`: one page.
    pub async fn list(
        &self,
        query: &ListMemoryVersionsQuery,
    ) -> Result<Page<MemoryVersion>, Error> {
        let path = store_path(self.store_id, "/memory_versions")?;
        PageRequest::first(self.client, path, query.to_query(), BETA).await
    }

    /// `GET /v1/memory_stores/{id}/memory_versions/{memory_version_id}`.
    pub async fn retrieve(
        &self,
        version_id: &str,
        view_: Option<&str>,
    ) -> Result<MemoryVersion, Error> {
        self.client.get(self.item(version_id, "")?, view(view_), BETA).await
    }

    /// `POST /v1/memory_stores/{id}/memory_versions/{memory_version_id}/redact`.
    pub async fn redact(&self, version_id: &str) -> Result<MemoryVersion, Error> {
        self.client.post_empty(self.item(version_id, "/redact")?, BETA).await
    }
}
