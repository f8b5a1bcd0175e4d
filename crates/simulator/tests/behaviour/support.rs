//! A tiny client for the tests: JSON requests and a stream reader, loopback only.
#![allow(
    clippy::unwrap_used,
    reason = "test support: a failed request must fail the test that made it"
)]

use std::time::Duration;

use eventsource_stream::Eventsource;
use futures_util::StreamExt;
use managed_agents_sim::{SimConfig, SimHandle, TypingSpeed};
use reqwest::StatusCode;
use serde_json::{Value, json};
use tokio::sync::mpsc;

pub struct Api {
    pub sim: SimHandle,
    pub http: reqwest::Client,
}

pub async fn sim(typing: TypingSpeed) -> Api {
    let config = SimConfig { typing, ..SimConfig::default() };
    let sim = managed_agents_sim::start(config).await.expect("start");
    Api { sim, http: reqwest::Client::builder().build().unwrap() }
}

impl Api {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.sim.base_url())
    }

    fn auth(&self, rb: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        rb.header("x-api-key", "test-key")
            .header("anthropic-version", "2026-10-21")
            .header("anthropic-beta", "managed-agents-2026-04-01")
    }

    pub async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        let res = self.auth(self.http.post(self.url(path))).json(&body).send().await.unwrap();
        (res.status(), res.json().await.unwrap_or(Value::Null))
    }

    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        let res = self.auth(self.http.get(self.url(path))).send().await.unwrap();
        (res.status(), res.json().await.unwrap_or(Value::Null))
    }

    pub async fn delete(&self, path: &str) -> (StatusCode, Value) {
        let res = self.auth(self.http.delete(self.url(path))).send().await.unwrap();
        (res.status(), res.json().await.unwrap_or(Value::Null))
    }

    /// An agent with the given tools, an environment, and a session; returns the session id.
    pub async fn session_with_tools(&self, tools: Value) -> String {
        let (status, agent) = self
            .post(
                "/v1/agents",
                json!({"name": "Tester", "model": "claude-sonnet-4-6", "tools": tools}),
            )
            .await;
        assert_eq!(status, 200, "{agent}");
        let name = format!("env-{}", agent["id"].as_str().unwrap());
        let (_, env) = self.post("/v1/environments", json!({"name": name})).await;
        let (status, session) = self
            .post("/v1/sessions", json!({"agent": agent["id"], "environment_id": env["id"]}))
            .await;
        assert_eq!(status, 200, "{session}");
        session["id"].as_str().unwrap().to_owned()
    }

    pub async fn session(&self) -> String {
        self.session_with_tools(json!([{"type": "agent_toolset_20260401"}])).await
    }

    pub async fn say(&self, session: &str, text: &str) -> Value {
        let (status, body) = self.post(&format!("/v1/sessions/{session}/events"), json!({"events": [{"type": "user.message", "content": [{"type": "text", "text": text}]}]})).await;
        assert_eq!(status, 200, "{body}");
        body["data"][0].clone()
    }

    /// Opens the session stream; events arrive on the returned reader.
    pub async fn stream(&self, session: &str, query: &str) -> Events {
        let res = self
            .auth(self.http.get(self.url(&format!("/v1/sessions/{session}/events/stream{query}"))))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let (tx, rx) = mpsc::unbounded_channel();
        tokio::spawn(async move {
            let mut events = res.bytes_stream().eventsource();
            while let Some(Ok(frame)) = events.next().await {
                if frame.event == "ping" {
                    continue;
                }
                if let Ok(value) = serde_json::from_str::<Value>(&frame.data)
                    && tx.send(value).is_err()
                {
                    break;
                }
            }
        });
        Events { rx }
    }

    pub async fn events(&self, session: &str) -> Vec<Value> {
        let (_, page) = self.get(&format!("/v1/sessions/{session}/events?limit=1000")).await;
        page["data"].as_array().cloned().unwrap_or_default()
    }
}

pub struct Events {
    rx: mpsc::UnboundedReceiver<Value>,
}

impl Events {
    /// Next event, or `None` when the stream ended.
    pub async fn next(&mut self) -> Option<Value> {
        tokio::time::timeout(Duration::from_secs(20), self.rx.recv())
            .await
            .expect("stream stalled for 20 s")
    }

    /// Reads until an event satisfies `stop`; returns everything read, that event included.
    pub async fn until(&mut self, stop: impl Fn(&Value) -> bool) -> Vec<Value> {
        let mut seen = Vec::new();
        while let Some(event) = self.next().await {
            let done = stop(&event);
            seen.push(event);
            if done {
                return seen;
            }
        }
        panic!("stream ended before the expected event; saw {seen:?}");
    }

    pub async fn until_idle(&mut self) -> Vec<Value> {
        self.until(|e| e["type"] == "session.status_idle").await
    }
}

pub fn types(events: &[Value]) -> Vec<&str> {
    events.iter().map(|e| e["type"].as_str().unwrap_or_default()).collect()
}

/// Sends a hand-built multipart form (the workspace's reqwest has no multipart feature).
pub async fn multipart(
    api: &Api,
    path: &str,
    parts: &[(&str, Option<&str>, &[u8])],
) -> (StatusCode, Value) {
    let boundary = "simboundary7d1f";
    let mut body = Vec::new();
    for (name, filename, data) in parts {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"").as_bytes(),
        );
        if let Some(filename) = filename {
            body.extend_from_slice(
                format!("; filename=\"{filename}\"\r\nContent-Type: text/plain").as_bytes(),
            );
        }
        body.extend_from_slice(b"\r\n\r\n");
        body.extend_from_slice(data);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    let res = api
        .http
        .post(api.url(path))
        .header("x-api-key", "k")
        .header("content-type", format!("multipart/form-data; boundary={boundary}"))
        .body(body)
        .send()
        .await
        .unwrap();
    (res.status(), res.json().await.unwrap_or(Value::Null))
}
