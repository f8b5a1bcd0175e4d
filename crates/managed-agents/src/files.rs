//! `/v1/files` and `/v1/skills` (no beta header in this API version).

use bytes::Bytes;
use tokio::io::AsyncWrite;

use crate::client::{Client, Part, seg};
use crate::config::Beta;
use crate::error::Error;
use crate::pagination::{Page, PageRequest};
use crate::query::{Query, ToQuery};
use crate::transfer::{Progress, UploadFile, write_body};
use crate::types::{
    Deleted, FileMetadata, FileUpload, ListFilesQuery, ListSkillsQuery, PageQuery, Skill,
    SkillVersion,
};

/// Files. Get it with [`Client::files`].
#[derive(Debug, Clone, Copy)]
pub struct Files<'c> {
    client: &'c Client,
}

/// Skills. Get it with [`Client::skills`].
#[derive(Debug, Clone, Copy)]
pub struct Skills<'c> {
    client: &'c Client,
}

impl Client {
    /// The files resource.
    pub fn files(&self) -> Files<'_> {
        Files { client: self }
    }

    /// The skills resource.
    pub fn skills(&self) -> Skills<'_> {
        Skills { client: self }
    }
}

fn file_path(file_id: &str, rest: &str) -> Result<String, Error> {
    Ok(format!("/v1/files/{}{rest}", seg(file_id)?))
}

impl Files<'_> {
    /// `POST /v1/files` (multipart `file`, optional `expires_in_seconds` 3600..7776000).
    pub async fn upload(
        &self,
        file: FileUpload,
        expires_in_seconds: Option<u32>,
    ) -> Result<FileMetadata, Error> {
        let mut parts = vec![Part::File("file", file)];
        if let Some(s) = expires_in_seconds {
            parts.push(Part::Text("expires_in_seconds", s.to_string()));
        }
        self.client.multipart("/v1/files".into(), parts, Beta::None).await
    }

    /// `POST /v1/files` streaming `file` from disk: never held whole in memory, no request
    /// timeout, progress reported as it is read. Dropping the future cancels the upload; the
    /// API stores nothing of a cut-off body.
    pub async fn upload_file(
        &self,
        file: UploadFile,
        expires_in_seconds: Option<u32>,
    ) -> Result<FileMetadata, Error> {
        let mut parts = vec![Part::Stream("file", file)];
        if let Some(s) = expires_in_seconds {
            parts.push(Part::Text("expires_in_seconds", s.to_string()));
        }
        self.client.multipart("/v1/files".into(), parts, Beta::None).await
    }

    /// `GET /v1/files`: one page. With `scope_id` (a session id: the files it created) the
    /// managed-agents beta header is sent, which the API requires for that filter.
    pub async fn list(&self, query: &ListFilesQuery) -> Result<Page<FileMetadata>, Error> {
        let beta = if query.scope_id.is_some() { Beta::ManagedAgents } else { Beta::None };
        PageRequest::first(self.client, "/v1/files".into(), query.to_query(), beta).await
    }

    /// `GET /v1/files/{file_id}`: metadata.
    pub async fn retrieve_metadata(&self, file_id: &str) -> Result<FileMetadata, Error> {
        self.client.get(file_path(file_id, "")?, Query::new(), Beta::None).await
    }

    /// `GET /v1/files/{file_id}/content`: the bytes.
    pub async fn download(&self, file_id: &str) -> Result<Bytes, Error> {
        self.client.download(file_path(file_id, "/content")?, Beta::None).await
    }

    /// `GET /v1/files/{file_id}/content` written to `out` chunk by chunk as it arrives, with no
    /// request timeout; `progress` is told the bytes written so far. Returns their total. On an
    /// error `out` holds what arrived before it: the caller removes it.
    pub async fn download_to<W: AsyncWrite + Unpin>(
        &self,
        file_id: &str,
        out: &mut W,
        progress: Option<&(dyn Fn(u64) + Send + Sync)>,
    ) -> Result<u64, Error> {
        let response =
            self.client.download_response(file_path(file_id, "/content")?, Beta::None).await?;
        write_body(response, out, progress).await
    }

    /// `DELETE /v1/files/{file_id}`.
    pub async fn delete(&self, file_id: &str) -> Result<Deleted, Error> {
        self.client.delete(file_path(file_id, "")?, Query::new(), Beta::None).await
    }
}

fn skill_path(skill_id: &str, rest: &str) -> Result<String, Error> {
    Ok(format!("/v1/skills/{}{rest}", seg(skill_id)?))
}

fn file_parts(files: Vec<FileUpload>) -> Vec<Part> {
    files.into_iter().map(|f| Part::File("files[]", f)).collect()
}

impl Skills<'_> {
    /// `POST /v1/skills`: multipart `files[]`, all under one top-level directory with `SKILL.md`
    /// at its root (put that path in each [`FileUpload::filename`]).
    pub async fn create(
        &self,
        files: Vec<FileUpload>,
        display_name: Option<&str>,
    ) -> Result<Skill, Error> {
        let mut parts = file_parts(files);
        if let Some(name) = display_name {
            parts.push(Part::Text("display_name", name.to_owned()));
        }
        self.client.multipart("/v1/skills".into(), parts, Beta::None).await
    }

    /// [`Skills::create`], telling `progress` the bytes sent so far (all files together).
    pub async fn create_with_progress(
        &self,
        files: Vec<FileUpload>,
        display_name: Option<&str>,
        progress: Progress,
    ) -> Result<Skill, Error> {
        let mut parts = file_parts(files);
        if let Some(name) = display_name {
            parts.push(Part::Text("display_name", name.to_owned()));
        }
        self.client
            .multipart_with_progress("/v1/skills".into(), parts, Beta::None, Some(progress))
            .await
    }

    /// [`Skills::create_version`], telling `progress` the bytes sent so far.
    pub async fn create_version_with_progress(
        &self,
        skill_id: &str,
        files: Vec<FileUpload>,
        progress: Progress,
    ) -> Result<SkillVersion, Error> {
        let path = skill_path(skill_id, "/versions")?;
        self.client
            .multipart_with_progress(path, file_parts(files), Beta::None, Some(progress))
            .await
    }

    /// `GET /v1/skills/{skill_id}`.
    pub async fn retrieve(&self, skill_id: &str) -> Result<Skill, Error> {
        self.client.get(skill_path(skill_id, "")?, Query::new(), Beta::None).await
    }

    /// `GET /v1/skills`: one page.
    pub async fn list(&self, query: &ListSkillsQuery) -> Result<Page<Skill>, Error> {
        PageRequest::first(self.client, "/v1/skills".into(), query.to_query(), Beta::None).await
    }

    /// `DELETE /v1/skills/{skill_id}`.
    pub async fn delete(&self, skill_id: &str) -> Result<Deleted, Error> {
        self.client.delete(skill_path(skill_id, "")?, Query::new(), Beta::None).await
    }

    /// `POST /v1/skills/{skill_id}/versions`: multipart `files[]`.
    pub async fn create_version(
        &self,
        skill_id: &str,
        files: Vec<FileUpload>,
    ) -> Result<SkillVersion, Error> {
        self.client
            .multipart(skill_path(skill_id, "/versions")?, file_parts(files), Beta::None)
            .await
    }

    /// `GET /v1/skills/{skill_id}/versions`: one page.
    pub async fn list_versions(
        &self,
        skill_id: &str,
        query: &PageQuery,
    ) -> Result<Page<SkillVersion>, Error> {
        PageRequest::first(
            self.client,
            skill_path(skill_id, "/versions")?,
            query.to_query(),
            Beta::None,
        )
        .await
    }

    /// `GET /v1/skills/{skill_id}/versions/{version}` (`version` = an id or `latest`).
    pub async fn retrieve_version(
        &self,
        skill_id: &str,
        version: &str,
    ) -> Result<SkillVersion, Error> {
        let path = skill_path(skill_id, &format!("/versions/{}", seg(version)?))?;
        self.client.get(path, Query::new(), Beta::None).await
    }

    /// `DELETE /v1/skills/{skill_id}/versions/{version}`.
    pub async fn delete_version(&self, skill_id: &str, version: &str) -> Result<Deleted, Error> {
        let path = skill_path(skill_id, &format!("/versions/{}", seg(version)?))?;
        self.client.delete(path, Query::new(), Beta::None).await
    }

    /// `GET /v1/skills/{skill_id}/versions/{version}/content`: the archive bytes.
    pub async fn download_version(&self, skill_id: &str, version: &str) -> Result<Bytes, Error> {
        let path = skill_path(skill_id, &format!("/versions/{}/content", seg(version)?))?;
        self.client.download(path, Beta::None).await
    }
}
