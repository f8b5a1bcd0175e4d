//! What the session tests share: a simulator the test controls, a profile for it added by
//! clicking, and waits on what the session page says about itself (its `data-*` attributes).

use std::time::{Duration, Instant};

use managed_agents::types::{
    ContentBlock, CreateAgentRequest, CreateEnvironmentRequest, CreateSessionRequest, EventParams,
    ListEventsQuery, SendEventsRequest, SessionEvent, StopReason, Tool,
};
use managed_agents::{ApiKey, Client, Config};
use managed_agents_sim::{SimConfig, SimHandle};
use serde_json::json;

use crate::{App, Result};

/// The key of the test profile: fake, and its last four characters are what the app shows.
pub const KEY: &str = "fake-e2e-sessions-key-S3s5";
/// The session page.
pub const PAGE: &str = "[aria-label='Session']";
/// The strip of open session tabs above the Sessions section.
pub const TAB_STRIP: &str = "[role='tablist'][aria-label='Open sessions']";
/// How long a session flow may take to reach what a test waits for.
const FLOW_PATIENCE: Duration = Duration::from_secs(60);

/// A simulator, a client on it, and an agent and environment made for the session tests.
pub struct Api {
    pub sim: SimHandle,
    pub client: Client,
    pub agent: String,
    pub environment: String,
}

impl Api {
    /// Starts a simulator with `config` and seeds it with [`seed`].
    pub async fn start(config: SimConfig) -> Result<Self> {
        let sim = managed_agents_sim::start(config).await?;
        let client = client(&sim)?;
        let (agent, environment) = seed(&client).await?;
        Ok(Self { sim, client, agent, environment })
    }

    /// Creates a session titled `title`, sending `message` first if there is one.
    pub async fn session(&self, title: &str, message: Option<&str>) -> Result<String> {
        let request = CreateSessionRequest {
            title: Some(title.to_owned()),
            ..CreateSessionRequest::new(&self.agent, &self.environment)
        };
        let session = self.client.sessions().create(&request).await?.id;
        if let Some(text) = message {
            self.say(&session, text).await?;
        }
        Ok(session)
    }

    /// An agent whose tools never ask (for flows that must keep running, like the long task).
    pub async fn runner_agent(&self) -> Result<String> {
        let toolset = Tool::AgentToolset20260401 {
            default_config: Some(json!({ "enabled": true })),
            configs: None,
            extra: Default::default(),
        };
        let agent = CreateAgentRequest {
            tools: Some(vec![toolset]),
            ..CreateAgentRequest::new("Runner", "claude-sonnet-4-6")
        };
        Ok(self.client.agents().create(&agent).await?.id)
    }

    /// Creates a session titled `title` with [`Api::runner_agent`].
    pub async fn session_allowing_all(&self, title: &str) -> Result<String> {
        let agent = self.runner_agent().await?;
        let request = CreateSessionRequest {
            title: Some(title.to_owned()),
            ..CreateSessionRequest::new(&agent, &self.environment)
        };
        Ok(self.client.sessions().create(&request).await?.id)
    }

    /// Sends `text` to `session` as the user, as another client would.
    pub async fn say(&self, session: &str, text: &str) -> Result<()> {
        let message = EventParams::UserMessage { content: vec![ContentBlock::text(text)] };
        self.client.events(session).send(&SendEventsRequest { events: vec![message] }).await?;
        Ok(())
    }

    /// How many calls the session's latest idle event says wait, per the API.
    pub async fn waiting_calls(&self, session: &str) -> Result<Option<usize>> {
        let query = ListEventsQuery {
            types: vec!["session.status_idle".into()],
            order: Some("desc".into()),
            limit: Some(1),
            ..Default::default()
        };
        let page = self.client.events(session).list(&query).await?;
        Ok(match page.data.first() {
            Some(SessionEvent::SessionStatusIdle(idle)) => match &idle.stop_reason {
                StopReason::RequiresAction { event_ids, .. } => Some(event_ids.len()),
                _ => None,
            },
            _ => None,
        })
    }

    /// The events the API lists for `session`: what a view of it must hold, each once.
    pub async fn listed_events(&self, session: &str) -> Result<usize> {
        let mut count = 0;
        let mut query = ListEventsQuery { limit: Some(1000), ..Default::default() };
        loop {
            let page = self.client.events(session).list(&query).await?;
            count += page.data.len();
            match page.next_page {
                Some(next) => query.page = Some(next),
                None => return Ok(count),
            }
        }
    }

    /// The events of `session` of one type, as JSON.
    pub async fn events_of_type(&self, session: &str, kind: &str) -> Result<serde_json::Value> {
        let query = ListEventsQuery { types: vec![kind.to_owned()], ..Default::default() };
        Ok(serde_json::to_value(self.client.events(session).list(&query).await?.data)?)
    }
}

/// A client of the simulator with the test key.
pub fn client(api: &SimHandle) -> Result<Client> {
    let config = Config { base_url: api.base_url(), ..Config::new(ApiKey::new(KEY)) };
    Ok(Client::new(config)?)
}

/// An agent whose bash and edit calls ask first, with one custom tool; and an environment.
pub async fn seed(client: &Client) -> Result<(String, String)> {
    let toolset = Tool::AgentToolset20260401 {
        default_config: Some(
            json!({ "enabled": true, "permission_policy": { "type": "always_allow" } }),
        ),
        configs: Some(vec![
            json!({ "name": "bash", "permission_policy": { "type": "always_ask" } }),
            json!({ "name": "edit", "permission_policy": { "type": "always_ask" } }),
        ]),
        extra: Default::default(),
    };
    let ticket = Tool::Custom {
        name: "lookup_ticket".into(),
        description: "Reads a ticket from the tracker".into(),
        input_schema: json!({ "type": "object", "properties": { "ticket_id": { "type": "string" } } }),
        extra: Default::default(),
    };
    let agent = CreateAgentRequest {
        tools: Some(vec![toolset, ticket]),
        ..CreateAgentRequest::new("Coder", "claude-sonnet-4-6")
    };
    let agent = client.agents().create(&agent).await?;
    let environment = CreateEnvironmentRequest { name: "box".into(), ..Default::default() };
    let environment = client.environments().create(&environment).await?;
    Ok((agent.id, environment.id))
}

impl App {
    /// Adds a profile for `api` by clicking, and makes it the active one.
    pub async fn use_profile(&mut self, api: &SimHandle) -> Result<()> {
        self.use_profile_at(&api.base_url()).await
    }

    /// Like [`use_profile`](Self::use_profile), for an API at `base_url` (a proxy in front of
    /// the simulator, say).
    pub async fn use_profile_at(&mut self, base_url: &str) -> Result<()> {
        self.click("nav [data-section='settings']").await?;
        self.press_button("[data-page='settings']", "Add profile").await?;
        self.fill("Name", "Test API").await?;
        self.fill("Base URL", base_url).await?;
        self.fill("API key", KEY).await?;
        self.press_button("[data-page='settings']", "Save profile").await?;
        self.expect_text("••••S3s5").await?;
        self.press_button("nav, aside, body", "Switch profile").await?;
        self.press_button("[role='menu']", "Test API").await?;
        self.wait_until("the profile is active", async |app| {
            let text = app.find("[data-testid='active-profile']").await?.text().await?;
            Ok(text.starts_with("Test API"))
        })
        .await
    }

    /// Waits until the app's monitor of every session follows each of `sessions` (it reports
    /// only what changes after it first read a session).
    pub async fn wait_monitored(&self, sessions: &[&str]) -> Result<()> {
        let what = format!("the monitor follows {sessions:?}");
        self.wait_until(&what, async |app| {
            let live = app
                .eval(
                    "return window.__TAURI_INTERNALS__.invoke('sessions_live') \
                     .then((live) => live.statuses.map((s) => s.sessionId));",
                )
                .await?;
            let known: Vec<&str> =
                live.as_array().into_iter().flatten().filter_map(|v| v.as_str()).collect();
            Ok(sessions.iter().all(|s| known.contains(s)))
        })
        .await
    }

    /// Opens the Sessions section and, from its list, the session `id` (in a tab).
    pub async fn open_session(&self, id: &str) -> Result<()> {
        self.click("nav [data-section='sessions']").await?;
        // With sessions open in tabs, the list is the first tab.
        let list = format!("{TAB_STRIP} [data-tab='list']");
        if self.count(&list).await? > 0 {
            self.click(&list).await?;
        }
        self.click(&format!("[data-session-id='{id}'] button")).await?;
        self.wait_until("the session page shows it", async |app| {
            Ok(app.page_attr("data-session-id").await? == id)
        })
        .await
    }

    /// Waits until `check` holds, polling; the error shows what the page says.
    pub async fn wait_until(
        &self,
        what: &str,
        check: impl AsyncFn(&App) -> Result<bool>,
    ) -> Result<()> {
        let deadline = Instant::now() + FLOW_PATIENCE;
        loop {
            if check(self).await.unwrap_or(false) {
                return Ok(());
            }
            if Instant::now() > deadline {
                let page = self.eval("return document.querySelector('main').innerText").await?;
                let page = page.as_str().unwrap_or_default().to_owned();
                return Err(
                    format!("timed out waiting until {what}; the page shows:\n{page}").into()
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// An attribute of the session page (`data-status`, `data-awaiting`, …), or "".
    pub async fn page_attr(&self, name: &str) -> Result<String> {
        let value = self
            .eval(&format!(
                "const el = document.querySelector({PAGE:?}); return el ? el.getAttribute({name:?}) : null"
            ))
            .await?;
        Ok(value.as_str().unwrap_or_default().to_owned())
    }

    /// How many elements match `css` right now.
    pub async fn count(&self, css: &str) -> Result<u64> {
        let value = self.eval(&format!("return document.querySelectorAll({css:?}).length")).await?;
        Ok(value.as_u64().unwrap_or(0))
    }

    /// Waits until the session page's status is `status`.
    pub async fn wait_status(&self, status: &str) -> Result<()> {
        self.wait_until(&format!("the session is {status}"), async |app| {
            Ok(app.page_attr("data-status").await? == status)
        })
        .await
    }

    /// Waits until `count` calls wait for the person.
    pub async fn wait_awaiting(&self, count: usize) -> Result<()> {
        self.wait_until(&format!("{count} calls wait"), async |app| {
            Ok(app.page_attr("data-awaiting").await? == count.to_string())
        })
        .await
    }

    /// Brings the first call that waits for the person on screen with the pending bar, and
    /// waits until its row (or its card, which takes `a` and `d`) has the focus.
    pub async fn show_first_pending(&self) -> Result<()> {
        // The button takes the focus when clicked, so focus inside a row can only be the
        // pending bar's doing.
        self.eval("document.activeElement?.blur()").await?;
        self.press_button(PAGE, "Show first").await?;
        self.wait_until("the waiting call has the focus", async |app| {
            let focused =
                app.eval("return !!document.activeElement?.closest('[data-item-id]')").await?;
            Ok(focused.as_bool() == Some(true))
        })
        .await
    }

    /// The open tabs' session ids, in tab order.
    pub async fn tab_ids(&self) -> Result<Vec<String>> {
        let value = self
            .eval(&format!(
                "return [...document.querySelectorAll(\"{TAB_STRIP} [data-tab]\")] \
                 .map((t) => t.dataset.tab).filter((t) => t !== 'list')"
            ))
            .await?;
        let ids = value.as_array().into_iter().flatten().filter_map(|v| v.as_str());
        Ok(ids.map(str::to_owned).collect())
    }

    /// The id of the open session.
    pub async fn session_id(&self) -> Result<String> {
        self.page_attr("data-session-id").await
    }

    /// Answers every call that waits with Allow, until the session is idle with none waiting.
    pub async fn allow_until_idle(&self) -> Result<()> {
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            let awaiting = self.page_attr("data-awaiting").await?;
            if self.page_attr("data-status").await? == "idle" && awaiting == "0" {
                return Ok(());
            }
            if awaiting != "0" && !awaiting.is_empty() {
                self.show_first_pending().await?;
                self.chord(&[], 'a').await?;
                self.wait_until("the answer is taken", async |app| {
                    Ok(app.page_attr("data-awaiting").await? != awaiting
                        || app.page_attr("data-status").await? == "running")
                })
                .await?;
            }
            if Instant::now() > deadline {
                return Err("the session did not come to rest".into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

/// The simulator config for flows that watch text being typed: slow enough for screenshots.
pub fn slow_typing() -> SimConfig {
    SimConfig {
        typing: managed_agents_sim::TypingSpeed::CharsPerSecond(60),
        ..SimConfig::default()
    }
}
