//! A schema-valid but hostile fake of the API: the simulator seen through a proxy that gives
//! sessions token counts the schema allows (its integers are unbounded) and fixed-width integers
//! may not hold. Every request is forwarded as is; streams pass through unbuffered.

use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, Method, Response, StatusCode, Uri};

use crate::Result;

/// Past `u32::MAX`, well inside `u64`: every session gets it as its input tokens.
pub const WIDE_TOKENS: u64 = 5_000_000_000;
/// Past `u64::MAX`: the session titled as the proxy was told gets it.
pub const HUGE_TOKENS: &str = "184467440737095516160";
/// Stands for [`HUGE_TOKENS`] until the body is text again (a JSON value cannot hold it).
const MARKER: u64 = 4_242_424_242_424;

/// A running proxy; it stops when dropped.
pub struct OddApi {
    pub base_url: String,
    server: tokio::task::JoinHandle<()>,
}

struct Upstream {
    client: reqwest::Client,
    base: String,
    odd_title: String,
}

impl OddApi {
    /// Forwards to `upstream` (the simulator's base URL); the session titled `odd_title` carries
    /// [`HUGE_TOKENS`], every other one [`WIDE_TOKENS`].
    pub async fn start(upstream: &str, odd_title: &str) -> Result<Self> {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
        let base_url = format!("http://{}", listener.local_addr()?);
        // No request timeout: the session streams stay open as long as the app reads them.
        let client = reqwest::Client::builder().connect_timeout(Duration::from_secs(5)).build()?;
        let upstream = Arc::new(Upstream {
            client,
            base: upstream.trim_end_matches('/').to_owned(),
            odd_title: odd_title.to_owned(),
        });
        let app = axum::Router::new().fallback(forward).with_state(upstream);
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Ok(Self { base_url, server })
    }
}

impl Drop for OddApi {
    fn drop(&mut self) {
        self.server.abort();
    }
}

/// Whether `path` is the sessions list or one session (not its events, threads or resources).
fn is_session_read(method: &Method, path: &str) -> bool {
    let Some(rest) = path.strip_prefix("/v1/sessions") else { return false };
    *method == Method::GET && (rest.is_empty() || !rest[1..].contains('/'))
}

fn widen(session: &mut serde_json::Value, odd_title: &str) {
    let odd = session["title"].as_str() == Some(odd_title);
    session["usage"]["input_tokens"] = (if odd { MARKER } else { WIDE_TOKENS }).into();
}

async fn forward(
    State(upstream): State<Arc<Upstream>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response<Body> {
    let path = uri.path_and_query().map_or("/", |p| p.as_str());
    let mut request = upstream.client.request(method.clone(), format!("{}{path}", upstream.base));
    for (name, value) in &headers {
        if name != axum::http::header::HOST {
            request = request.header(name, value);
        }
    }
    let answer = match request.body(body).send().await {
        Ok(answer) => answer,
        Err(error) => {
            let mut response = Response::new(Body::from(error.to_string()));
            *response.status_mut() = StatusCode::BAD_GATEWAY;
            return response;
        }
    };
    let status = answer.status();
    let answer_headers = answer.headers().clone();
    let body = if status.is_success() && is_session_read(&method, uri.path()) {
        let Ok(bytes) = answer.bytes().await else { return Response::new(Body::empty()) };
        let Ok(mut json) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
            return Response::new(Body::from(bytes));
        };
        if let Some(items) = json["data"].as_array_mut() {
            items.iter_mut().for_each(|s| widen(s, &upstream.odd_title));
        } else {
            widen(&mut json, &upstream.odd_title);
        }
        Body::from(json.to_string().replace(&MARKER.to_string(), HUGE_TOKENS))
    } else {
        Body::from_stream(answer.bytes_stream())
    };
    let mut response = Response::new(body);
    *response.status_mut() = status;
    for (name, value) in &answer_headers {
        if name != axum::http::header::CONTENT_LENGTH
            && name != axum::http::header::TRANSFER_ENCODING
        {
            response.headers_mut().insert(name, value.clone());
        }
    }
    response
}
