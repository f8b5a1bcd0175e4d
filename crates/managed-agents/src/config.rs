//! Connection settings of one profile: where, who, which API version, how long to wait.

use std::fmt;
use std::time::Duration;

use crate::retry::RetryPolicy;

/// The default base URL of the Managed Agents API.
pub const DEFAULT_BASE_URL: &str = "https://api.anthropic.com";

/// The API version sent in `anthropic-version` unless a profile overrides it (the documented
/// curl form; the SDK 2.10 sends `2026-10-21`).
pub const DEFAULT_API_VERSION: &str = "2023-06-01";

/// `anthropic-beta` of every managed-agents endpoint.
pub const BETA_MANAGED_AGENTS: &str = "managed-agents-2026-04-01";

/// `anthropic-beta` of memory store endpoints.
pub const BETA_AGENT_MEMORY: &str = "agent-memory-2026-07-22";

/// The `User-Agent` of every request.
pub const USER_AGENT: &str = concat!("agent-desk-managed-agents/", env!("CARGO_PKG_VERSION"));

/// An API key. It is never printed: `Debug` shows only that a key is set, so a `Config` can be
/// logged safely. There is deliberately no `Display` and no public accessor.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    /// Wraps a key.
    pub fn new(key: impl Into<String>) -> Self {
        Self(key.into())
    }

    /// The key itself, for the auth header only.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(<redacted>)")
    }
}

impl From<String> for ApiKey {
    fn from(key: String) -> Self {
        Self(key)
    }
}

impl From<&str> for ApiKey {
    fn from(key: &str) -> Self {
        Self(key.to_owned())
    }
}

/// Which header carries the API key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AuthMode {
    /// `x-api-key: <key>` (the documented curl form; the default of Agent Desk).
    #[default]
    XApiKey,
    /// `Authorization: Bearer <key>` (what the official SDK 2.10 sends).
    Bearer,
}

/// Settings of one client. Build it with [`Config::new`] and the `with_*` methods.
#[derive(Debug, Clone)]
pub struct Config {
    /// Base URL without a trailing slash, e.g. `https://api.anthropic.com`.
    pub base_url: String,
    /// The key (secret).
    pub api_key: ApiKey,
    /// Which header carries the key.
    pub auth_mode: AuthMode,
    /// `anthropic-version`.
    pub api_version: String,
    /// `anthropic-workspace-id`, for keys that act on several workspaces.
    pub workspace_id: Option<String>,
    /// TCP/TLS connect timeout (`None`: no limit).
    pub connect_timeout: Option<Duration>,
    /// Whole-request timeout of REST calls (`None`: no limit). Never applied to the SSE stream,
    /// which is long-lived: the feed has its own stall detection.
    pub request_timeout: Option<Duration>,
    /// How long an idle pooled connection is kept (`None`: forever). reqwest's default is 90 s.
    pub pool_idle_timeout: Option<Duration>,
    /// `User-Agent`.
    pub user_agent: String,
    /// When and how often REST calls are retried.
    pub retry: RetryPolicy,
    /// Largest accepted SSE event, in bytes. A bigger one is an error, not an out-of-memory.
    pub max_event_bytes: usize,
}

impl Config {
    /// Defaults for `api_key`: production URL, `x-api-key`, version 2023-06-01, connect timeout
    /// 5 s and request timeout 600 s (the SDK's), 2 retries, 16 MiB event cap.
    pub fn new(api_key: impl Into<ApiKey>) -> Self {
        Self {
            base_url: DEFAULT_BASE_URL.to_owned(),
            api_key: api_key.into(),
            auth_mode: AuthMode::default(),
            api_version: DEFAULT_API_VERSION.to_owned(),
            workspace_id: None,
            connect_timeout: Some(Duration::from_secs(5)),
            request_timeout: Some(Duration::from_secs(600)),
            pool_idle_timeout: Some(Duration::from_secs(90)),
            user_agent: USER_AGENT.to_owned(),
            retry: RetryPolicy::default(),
            max_event_bytes: 16 * 1024 * 1024,
        }
    }

    /// Another base URL (e.g. the local simulator). A trailing slash is removed.
    pub fn with_base_url(mut self, url: impl Into<String>) -> Self {
        let url: String = url.into();
        self.base_url = url.trim_end_matches('/').to_owned();
        self
    }

    /// Another auth header.
    pub fn with_auth_mode(mut self, mode: AuthMode) -> Self {
        self.auth_mode = mode;
        self
    }

    /// Another `anthropic-version`.
    pub fn with_api_version(mut self, version: impl Into<String>) -> Self {
        self.api_version = version.into();
        self
    }

    /// Send `anthropic-workspace-id`.
    pub fn with_workspace_id(mut self, id: impl Into<String>) -> Self {
        self.workspace_id = Some(id.into());
        self
    }

    /// Connect timeout (`None`: no limit).
    pub fn with_connect_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Request timeout of REST calls (`None`: no limit).
    pub fn with_request_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.request_timeout = timeout;
        self
    }

    /// Idle pooled connection lifetime (`None`: forever).
    pub fn with_pool_idle_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.pool_idle_timeout = timeout;
        self
    }

    /// Another `User-Agent`.
    pub fn with_user_agent(mut self, ua: impl Into<String>) -> Self {
        self.user_agent = ua.into();
        self
    }

    /// Another retry policy (e.g. [`RetryPolicy::none`]).
    pub fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Another SSE event size cap.
    pub fn with_max_event_bytes(mut self, bytes: usize) -> Self {
        self.max_event_bytes = bytes;
        self
    }
}

/// Which `anthropic-beta` a resource needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Beta {
    /// `managed-agents-2026-04-01`: agents, environments, sessions, events, threads, vaults.
    ManagedAgents,
    /// `agent-memory-2026-07-22`: memory stores.
    Memory,
    /// No header: files and skills are GA in this API version.
    None,
}

impl Beta {
    pub(crate) fn header(self) -> Option<&'static str> {
        match self {
            Self::ManagedAgents => Some(BETA_MANAGED_AGENTS),
            Self::Memory => Some(BETA_AGENT_MEMORY),
            Self::None => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_key() {
        let config = Config::new("sk-ant-secret-1234").with_workspace_id("wrkspc_1");
        let printed = format!("{config:?} {:?}", config.api_key);
        assert!(!printed.contains("sk-ant-secret-1234"), "{printed}");
        assert!(printed.contains("<redacted>"));
        assert!(printed.contains("wrkspc_1"));
    }

    #[test]
    fn base_url_loses_trailing_slash() {
        assert_eq!(
            Config::new("k").with_base_url("http://127.0.0.1:9/").base_url,
            "http://127.0.0.1:9"
        );
    }
}
