//! A loopback proxy between the WebDriver client and `tauri-driver` that resends a request
//! whose connection was dropped before any answer came.
//!
//! `tauri-driver` 2.1.0 forwards each command to `WebKitWebDriver` over pooled keep-alive
//! connections and does not retry when a pooled connection turns out to be closed: it logs
//! "Error serving connection … Connection reset by peer" and drops the client's connection
//! without an answer. The command never reached `WebKitWebDriver`, so sending it again is what a
//! careful client does; fantoccini does not, and a test would fail on a command that was never
//! run. This proxy does, and opens a fresh connection to `tauri-driver` for every request so
//! that its own side never races a keep-alive close either.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, Method, Response, StatusCode, Uri};

use crate::Result;

/// How often one request is sent before the proxy gives up and answers 502.
const ATTEMPTS: u32 = 5;

/// A running proxy; it stops with the thread that owns its runtime when dropped.
pub(crate) struct Resend {
    pub(crate) port: u16,
    pub(crate) resent: Arc<AtomicU32>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

struct Upstream {
    client: reqwest::Client,
    base: String,
    resent: Arc<AtomicU32>,
}

impl Resend {
    /// Listens on a free loopback port and forwards everything to `127.0.0.1:<upstream>`.
    pub(crate) fn start(upstream: u16) -> Result<Self> {
        let listener = std::net::TcpListener::bind(("127.0.0.1", 0))?;
        listener.set_nonblocking(true)?;
        let port = listener.local_addr()?.port();
        let resent = Arc::new(AtomicU32::new(0));
        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(0)
            .connect_timeout(Duration::from_secs(5))
            .build()?;
        let upstream = Arc::new(Upstream {
            client,
            base: format!("http://127.0.0.1:{upstream}"),
            resent: Arc::clone(&resent),
        });
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        // Its own thread and runtime: a test that blocks its runtime for a moment must not stall
        // the commands it is waiting for.
        std::thread::Builder::new().name("webdriver-resend".into()).spawn(move || {
            let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
                Ok(runtime) => runtime,
                Err(error) => return eprintln!("webdriver proxy: no runtime: {error}"),
            };
            runtime.block_on(async move {
                let Ok(listener) = tokio::net::TcpListener::from_std(listener) else { return };
                let app = axum::Router::new().fallback(forward).with_state(upstream);
                let serve = axum::serve(listener, app.into_make_service());
                let _ = serve
                    .with_graceful_shutdown(async {
                        let _ = stopped.await;
                    })
                    .await;
            });
        })?;
        Ok(Self { port, resent, stop: Some(stop) })
    }
}

impl Drop for Resend {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

async fn forward(
    State(upstream): State<Arc<Upstream>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response<Body> {
    let path = uri.path_and_query().map_or("/", |p| p.as_str());
    let url = format!("{}{path}", upstream.base);
    let mut last_error = String::new();
    for attempt in 0..ATTEMPTS {
        if attempt > 0 {
            upstream.resent.fetch_add(1, Ordering::Relaxed);
            tokio::time::sleep(Duration::from_millis(50 * u64::from(attempt))).await;
        }
        let mut request = upstream.client.request(method.clone(), &url).body(body.clone());
        if let Some(kind) = headers.get(axum::http::header::CONTENT_TYPE) {
            request = request.header(axum::http::header::CONTENT_TYPE, kind);
        }
        match request.send().await {
            Ok(answer) => {
                let status = answer.status();
                let kind = answer.headers().get(axum::http::header::CONTENT_TYPE).cloned();
                // An answer that breaks off half-way is an answer lost too: resend.
                let Ok(bytes) = answer.bytes().await else { continue };
                let mut response = Response::new(Body::from(bytes));
                *response.status_mut() = status;
                if let Some(kind) = kind {
                    response.headers_mut().insert(axum::http::header::CONTENT_TYPE, kind);
                }
                return response;
            }
            // No answer at all: the command was dropped on the way, not run.
            Err(error) => last_error = error.to_string(),
        }
    }
    let mut response = Response::new(Body::from(format!(
        "{{\"value\":{{\"error\":\"unknown error\",\"message\":\"tauri-driver dropped the request {ATTEMPTS} times: {}\"}}}}",
        last_error.replace('"', "'")
    )));
    *response.status_mut() = StatusCode::BAD_GATEWAY;
    response
}
