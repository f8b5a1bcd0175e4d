//! The redirect target: an HTTP listener on 127.0.0.1 at a port the OS picks (RFC 8252 §7.3),
//! which takes the one answer whose `state` matches and shows the browser a line to close it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::{Query, State};
use axum::response::Html;
use axum::routing::get;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

use crate::{Error, Result};

type Answer = std::result::Result<String, String>;

struct Waiting {
    state: String,
    reply: Option<oneshot::Sender<Answer>>,
}

/// A listener waiting for the browser to come back with a code.
pub struct Loopback {
    redirect_uri: String,
    answer: Option<oneshot::Receiver<Answer>>,
    server: tokio::task::JoinHandle<()>,
}

const DONE: &str = "<!doctype html><meta charset=utf-8><title>Agent Desk</title>\
<body style=\"font-family:system-ui;margin:3em\"><h1>Signed in</h1>\
<p>Agent Desk has what it needs. You can close this tab.</p>";
const REFUSED: &str = "<!doctype html><meta charset=utf-8><title>Agent Desk</title>\
<body style=\"font-family:system-ui;margin:3em\"><h1>Not signed in</h1>\
<p>The sign-in was refused or cancelled. Agent Desk says why; you can close this tab.</p>";
const STRANGER: &str = "<!doctype html><meta charset=utf-8><title>Agent Desk</title>\
<body style=\"font-family:system-ui;margin:3em\"><h1>Not for this sign-in</h1>\
<p>This answer does not belong to the sign-in Agent Desk is waiting for.</p>";

async fn callback(
    State(waiting): State<Arc<Mutex<Waiting>>>,
    Query(query): Query<HashMap<String, String>>,
) -> Html<&'static str> {
    let mut waiting = waiting.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if query.get("state") != Some(&waiting.state) {
        // Another page cannot end (or steer) this sign-in: without our state it is ignored.
        return Html(STRANGER);
    }
    let Some(reply) = waiting.reply.take() else { return Html(DONE) };
    let answer = match (query.get("code"), query.get("error")) {
        (Some(code), None) => Ok(code.clone()),
        (_, Some(error)) => {
            let described = query.get("error_description").map(|d| format!(": {d}"));
            Err(format!("{error}{}", described.unwrap_or_default()))
        }
        (None, None) => Err("the answer carried neither a code nor an error".into()),
    };
    let page = if answer.is_ok() { DONE } else { REFUSED };
    let _ = reply.send(answer);
    Html(page)
}

impl Loopback {
    /// Starts listening; the answer must carry `state`.
    pub async fn start(state: &str) -> Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", 0))
            .await
            .map_err(|e| Error::Listener(e.to_string()))?;
        let port = listener.local_addr().map_err(|e| Error::Listener(e.to_string()))?.port();
        let (reply, answer) = oneshot::channel();
        let waiting = Arc::new(Mutex::new(Waiting { state: state.to_owned(), reply: Some(reply) }));
        let app = Router::new().route("/callback", get(callback)).with_state(waiting);
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Ok(Self {
            redirect_uri: format!("http://127.0.0.1:{port}/callback"),
            answer: Some(answer),
            server,
        })
    }

    pub fn redirect_uri(&self) -> &str {
        &self.redirect_uri
    }

    /// The code, once the browser brings it; an error the authorization server sent back is
    /// [`Error::Refused`]. The listener stops either way.
    pub async fn code(mut self, limit: std::time::Duration) -> Result<String> {
        let answer =
            self.answer.take().ok_or_else(|| Error::Listener("already answered".into()))?;
        let outcome = tokio::time::timeout(limit, answer).await;
        self.server.abort();
        match outcome {
            Ok(Ok(Ok(code))) => Ok(code),
            Ok(Ok(Err(refusal))) => Err(Error::Refused(refusal)),
            Ok(Err(_)) => Err(Error::Listener("the listener stopped".into())),
            Err(_) => Err(Error::TimedOut(limit.as_secs() / 60)),
        }
    }
}

impl Drop for Loopback {
    fn drop(&mut self) {
        self.server.abort();
    }
}
