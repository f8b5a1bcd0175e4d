//! One `reqwest::Client` per profile, the request plumbing and the retry loop. The verbs here
//! are `pub(crate)`: the public surface is the resource handles (`client.sessions().list(&q)`).

use std::sync::Arc;

use bytes::Bytes;
use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderValue};
use reqwest::{Method, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::config::{AuthMode, Beta, Config};
use crate::error::{ApiError, Error};
use crate::query::Query;
use crate::retry::{next_delay, retry_after, should_retry, should_retry_transport};
use crate::types::FileUpload;

/// A Managed Agents API client for one profile. Cheap to share: hold it in an `Arc` and call
/// the resource handles (`client.agents()`, `client.sessions()`, …) from any task.
#[derive(Debug, Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    http: reqwest::Client,
    config: Config,
}

/// The body of a request, kept in a form that can be sent again on a retry (a multipart form
/// cannot be cloned, so its parts are kept and the form is rebuilt per attempt).
#[derive(Debug, Clone)]
pub(crate) enum Body {
    None,
    Json(Bytes),
    Multipart(Vec<Part>),
}

/// One part of a multipart upload.
#[derive(Debug, Clone)]
pub(crate) enum Part {
    Text(&'static str, String),
    File(&'static str, FileUpload),
    /// A file streamed from disk.
    Stream(&'static str, crate::transfer::UploadFile),
}

/// Everything needed to (re)send one request.
#[derive(Debug, Clone)]
pub(crate) struct Request {
    pub(crate) method: Method,
    pub(crate) path: String,
    pub(crate) query: Query,
    pub(crate) beta: Beta,
    pub(crate) body: Body,
    pub(crate) accept: &'static str,
    /// Whether the whole-request timeout applies: not to file transfers, which take as long as
    /// the file is large (the person can cancel them).
    pub(crate) timeout: bool,
    /// Told the bytes of in-memory file parts sent so far (from 0 on each attempt).
    pub(crate) progress: Option<crate::transfer::Reporter>,
}

impl Request {
    pub(crate) fn new(method: Method, path: String, beta: Beta) -> Self {
        Self {
            method,
            path,
            query: Query::new(),
            beta,
            body: Body::None,
            accept: "application/json",
            timeout: true,
            progress: None,
        }
    }

    /// A file transfer: no whole-request timeout.
    pub(crate) fn transfer(mut self) -> Self {
        self.timeout = false;
        self
    }

    pub(crate) fn query(mut self, query: Query) -> Self {
        self.query = query;
        self
    }

    pub(crate) fn json<B: Serialize + ?Sized>(mut self, body: &B) -> Result<Self, Error> {
        let bytes = serde_json::to_vec(body)
            .map_err(|e| Error::InvalidArgument(format!("cannot encode the body: {e}")))?;
        self.body = Body::Json(bytes.into());
        Ok(self)
    }
}

impl Client {
    /// A client for `config`. Fails only if the TLS backend cannot start or a header value is
    /// not valid (e.g. a key with a newline).
    pub fn new(config: Config) -> Result<Self, Error> {
        let mut builder = reqwest::Client::builder()
            .user_agent(config.user_agent.clone())
            .default_headers(default_headers(&config)?)
            .pool_idle_timeout(config.pool_idle_timeout);
        if let Some(t) = config.connect_timeout {
            builder = builder.connect_timeout(t);
        }
        let http = builder.build().map_err(Error::Transport)?;
        Ok(Self { inner: Arc::new(Inner { http, config }) })
    }

    /// The settings this client was built with.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    fn url(&self, path: &str, query: &Query) -> String {
        let mut url = format!("{}{path}", self.inner.config.base_url);
        if !query.is_empty() {
            url.push('?');
            url.push_str(&query.encode());
        }
        url
    }

    fn build(&self, req: &Request, timeout: bool) -> Result<reqwest::RequestBuilder, Error> {
        let mut b = self
            .inner
            .http
            .request(req.method.clone(), self.url(&req.path, &req.query))
            .header(ACCEPT, req.accept);
        if let Some(beta) = req.beta.header() {
            b = b.header("anthropic-beta", beta);
        }
        if timeout && let Some(t) = self.inner.config.request_timeout {
            b = b.timeout(t);
        }
        Ok(match &req.body {
            Body::None => b,
            Body::Json(bytes) => b.header(CONTENT_TYPE, "application/json").body(bytes.clone()),
            Body::Multipart(parts) => {
                b.multipart(form(parts, req.progress.as_ref().map(|r| &r.0))?)
            }
        })
    }

    /// Sends once, with no retry. A non-2xx status becomes [`Error::Api`].
    pub(crate) async fn send_once(&self, req: &Request, timeout: bool) -> Result<Response, Error> {
        let response = self.build(req, timeout)?.send().await.map_err(Error::Transport)?;
        if response.status().is_success() { Ok(response) } else { Err(read_error(response).await) }
    }

    /// Sends with the retry policy: see `retry.rs`.
    pub(crate) async fn send(&self, req: &Request) -> Result<Response, Error> {
        let policy = self.inner.config.retry;
        let mut retries = 0;
        loop {
            let (error, delay) = match self.build(req, req.timeout)?.send().await {
                Ok(r) if r.status().is_success() => return Ok(r),
                Ok(r) => {
                    let retry = should_retry(r.status(), r.headers());
                    let delay = next_delay(&policy, retries, retry_after(r.headers()));
                    let error = read_error(r).await;
                    (error, delay.filter(|_| retry))
                }
                Err(e) => {
                    let delay = next_delay(&policy, retries, None);
                    let retry = should_retry_transport(&e);
                    (Error::Transport(e), delay.filter(|_| retry))
                }
            };
            match delay {
                Some(d) if retries < policy.max_retries => {
                    tokio::time::sleep(d).await;
                    retries += 1;
                }
                _ => return Err(error),
            }
        }
    }

    /// Sends with retries and decodes a JSON answer.
    pub(crate) async fn json<T: DeserializeOwned>(&self, req: &Request) -> Result<T, Error> {
        let response = self.send(req).await?;
        decode(response).await
    }

    pub(crate) async fn get<T: DeserializeOwned>(
        &self,
        path: String,
        query: Query,
        beta: Beta,
    ) -> Result<T, Error> {
        self.json(&Request::new(Method::GET, path, beta).query(query)).await
    }

    pub(crate) async fn post<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        path: String,
        body: &B,
        beta: Beta,
    ) -> Result<T, Error> {
        self.json(&Request::new(Method::POST, path, beta).json(body)?).await
    }

    /// A POST without a body (archive, validate, redact).
    pub(crate) async fn post_empty<T: DeserializeOwned>(
        &self,
        path: String,
        beta: Beta,
    ) -> Result<T, Error> {
        self.json(&Request::new(Method::POST, path, beta)).await
    }

    pub(crate) async fn delete<T: DeserializeOwned>(
        &self,
        path: String,
        query: Query,
        beta: Beta,
    ) -> Result<T, Error> {
        self.json(&Request::new(Method::DELETE, path, beta).query(query)).await
    }

    pub(crate) async fn multipart<T: DeserializeOwned>(
        &self,
        path: String,
        parts: Vec<Part>,
        beta: Beta,
    ) -> Result<T, Error> {
        self.multipart_with_progress(path, parts, beta, None).await
    }

    /// A multipart upload whose in-memory file parts report their progress.
    pub(crate) async fn multipart_with_progress<T: DeserializeOwned>(
        &self,
        path: String,
        parts: Vec<Part>,
        beta: Beta,
        progress: Option<crate::transfer::Progress>,
    ) -> Result<T, Error> {
        let streamed = parts.iter().any(|p| matches!(p, Part::Stream(..)));
        let mut req = Request::new(Method::POST, path, beta);
        req.body = Body::Multipart(parts);
        req.progress = progress.map(crate::transfer::Reporter);
        if streamed {
            req = req.transfer();
        }
        self.json(&req).await
    }

    /// Downloads bytes (`Accept: application/binary`).
    pub(crate) async fn download(&self, path: String, beta: Beta) -> Result<Bytes, Error> {
        let response = self.send(&Self::download_request(path, beta)).await?;
        response.bytes().await.map_err(Error::Transport)
    }

    /// Starts a download and hands back the response to be read as a stream.
    pub(crate) async fn download_response(
        &self,
        path: String,
        beta: Beta,
    ) -> Result<Response, Error> {
        self.send(&Self::download_request(path, beta).transfer()).await
    }

    fn download_request(path: String, beta: Beta) -> Request {
        let mut req = Request::new(Method::GET, path, beta);
        req.accept = "application/binary";
        req
    }

    /// Opens an SSE stream: one attempt, no request timeout (the stream is long-lived; the feed
    /// decides about reconnecting). Checks that the answer is an event stream.
    pub(crate) async fn open_stream(&self, path: String, query: Query) -> Result<Response, Error> {
        let req = Request::new(Method::GET, path, Beta::ManagedAgents).query(query);
        let response = self.send_once(&req, false).await?;
        let ct = response.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
        if !ct.starts_with("text/event-stream") {
            return Err(crate::error::StreamError::NotEventStream(ct.to_owned()).into());
        }
        Ok(response)
    }
}

fn default_headers(config: &Config) -> Result<HeaderMap, Error> {
    let value = |s: &str, what: &str| {
        HeaderValue::from_str(s)
            .map_err(|_| Error::InvalidArgument(format!("{what} is not a valid header value")))
    };
    let mut h = HeaderMap::new();
    let mut key = match config.auth_mode {
        AuthMode::XApiKey => value(config.api_key.expose(), "the API key")?,
        AuthMode::Bearer => value(&format!("Bearer {}", config.api_key.expose()), "the API key")?,
    };
    // Marked sensitive so that reqwest/hyper never print it in their own Debug output.
    key.set_sensitive(true);
    match config.auth_mode {
        AuthMode::XApiKey => h.insert("x-api-key", key),
        AuthMode::Bearer => h.insert(AUTHORIZATION, key),
    };
    h.insert("anthropic-version", value(&config.api_version, "the API version")?);
    if let Some(ws) = &config.workspace_id {
        h.insert("anthropic-workspace-id", value(ws, "the workspace id")?);
    }
    Ok(h)
}

fn form(
    parts: &[Part],
    progress: Option<&crate::transfer::Progress>,
) -> Result<reqwest::multipart::Form, Error> {
    let sent = progress.map(|report| {
        report(0);
        crate::transfer::Counter::new(std::sync::Arc::clone(report))
    });
    let mut form = reqwest::multipart::Form::new();
    for part in parts {
        form = match part {
            Part::Text(name, value) => form.text(*name, value.clone()),
            Part::File(name, file) => {
                let body = |file: &FileUpload| match &sent {
                    Some(counter) => counter.part(&file.bytes),
                    None => reqwest::multipart::Part::bytes(file.bytes.clone()),
                };
                let p = body(file).file_name(file.filename.clone());
                // An unparsable MIME type is sent without one rather than failing the upload.
                let p = match p.mime_str(&file.mime_type) {
                    Ok(p) => p,
                    Err(_) => body(file).file_name(file.filename.clone()),
                };
                form.part(*name, p)
            }
            Part::Stream(name, file) => form.part(*name, file.part()?),
        };
    }
    Ok(form)
}

/// Turns an error response into [`Error::Api`], keeping `request-id` and the retry advice.
pub(crate) async fn read_error(response: Response) -> Error {
    let status = response.status().as_u16();
    let request_id =
        response.headers().get("request-id").and_then(|v| v.to_str().ok()).map(str::to_owned);
    let retry = retry_after(response.headers());
    match response.bytes().await {
        Ok(body) => {
            ApiError::from_body(status, &String::from_utf8_lossy(&body), request_id, retry).into()
        }
        Err(e) => Error::Transport(e),
    }
}

async fn decode<T: DeserializeOwned>(response: Response) -> Result<T, Error> {
    let body = response.bytes().await.map_err(Error::Transport)?;
    serde_json::from_slice(&body).map_err(|e| Error::decode(e, &body))
}

/// Percent-encodes one id for a path segment, so an id can never change the path.
pub(crate) fn seg(id: &str) -> Result<String, Error> {
    if id.is_empty() || id == "." || id == ".." {
        return Err(Error::InvalidArgument(format!("{id:?} is not a valid id")));
    }
    Ok(crate::query::encode_value(id))
}
