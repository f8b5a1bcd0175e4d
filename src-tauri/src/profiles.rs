//! Profiles: where the API is, how to authenticate, and which key (kept in the keychain).
//!
//! The non-secret part of a profile lives in the settings file; its key lives in the keychain
//! under the profile's id. The built-in Demo profile is never stored: it always exists and
//! points at the simulator this run started.

use serde::{Deserialize, Serialize};

use crate::error::IpcError;

/// The id of the built-in Demo profile.
pub const DEMO_PROFILE_ID: &str = "demo";

/// Limits of the profile form, checked again here because the web view is not trusted.
pub const NAME_MAX: usize = 64;
const FIELD_MAX: usize = 512;
/// The shortest key accepted; real keys are far longer, this only catches a stray keystroke.
pub const KEY_MIN: usize = 8;

/// Which header carries the key.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "kebab-case")]
pub enum AuthHeader {
    /// `x-api-key: <key>` (the documented curl form).
    #[default]
    XApiKey,
    /// `Authorization: Bearer <key>` (what the official SDK sends).
    Bearer,
}

impl From<AuthHeader> for managed_agents::AuthMode {
    fn from(header: AuthHeader) -> Self {
        match header {
            AuthHeader::XApiKey => Self::XApiKey,
            AuthHeader::Bearer => Self::Bearer,
        }
    }
}

/// The most a daily cap may be, in cents: $1,000,000, beyond any real day; it only keeps the
/// sums far from overflowing.
pub const DAILY_CAP_MAX_CENTS: u64 = 100_000_000;

/// A profile's own limit on what its sessions may cost in one local day, which the API does not
/// have (see `monitor/daily.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DailyCap {
    /// In whole US cents, more than 0.
    pub cents: u64,
    /// Whether the app interrupts the profile's running sessions once the day's spend reaches
    /// the cap; without it, the cap only warns.
    pub interrupt: bool,
}

/// What the profile form edits: everything but the id and the key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ProfileDraft {
    pub name: String,
    pub base_url: String,
    pub auth: AuthHeader,
    pub api_version: String,
    pub workspace_id: Option<String>,
    /// Off (`None`) by default, and for profiles saved before it existed.
    #[serde(default)]
    pub daily_cap: Option<DailyCap>,
}

impl Default for ProfileDraft {
    fn default() -> Self {
        Self {
            name: String::new(),
            base_url: managed_agents::DEFAULT_BASE_URL.to_owned(),
            auth: AuthHeader::default(),
            api_version: managed_agents::DEFAULT_API_VERSION.to_owned(),
            workspace_id: None,
            daily_cap: None,
        }
    }
}

impl ProfileDraft {
    /// Trims what a person typed and refuses what cannot work, naming the field.
    pub fn validated(mut self) -> Result<Self, IpcError> {
        self.name = self.name.trim().to_owned();
        self.base_url = self.base_url.trim().trim_end_matches('/').to_owned();
        self.api_version = self.api_version.trim().to_owned();
        self.workspace_id =
            self.workspace_id.map(|w| w.trim().to_owned()).filter(|w| !w.is_empty());
        if self.name.is_empty() {
            return Err(IpcError::invalid_input("The profile needs a name."));
        }
        if self.name.chars().count() > NAME_MAX {
            return Err(IpcError::invalid_input(format!(
                "The name is longer than {NAME_MAX} characters."
            )));
        }
        check_base_url(&self.base_url)?;
        if self.api_version.is_empty() || self.api_version.len() > FIELD_MAX {
            return Err(IpcError::invalid_input("The API version is empty or too long."));
        }
        if let Some(workspace) = &self.workspace_id {
            let valid = workspace.len() <= FIELD_MAX
                && workspace.chars().all(|c| c.is_ascii_alphanumeric() || "_-".contains(c));
            if !valid {
                return Err(IpcError::invalid_input(
                    "The workspace id may only hold letters, digits, '_' and '-'.",
                ));
            }
        }
        if let Some(cap) = self.daily_cap
            && !(1..=DAILY_CAP_MAX_CENTS).contains(&cap.cents)
        {
            return Err(IpcError::invalid_input(
                "The daily cap is more than $0 and at most $1,000,000.",
            ));
        }
        Ok(self)
    }
}

/// An http(s) URL with a host and nothing after the path; plain http only to this machine,
/// because the key would otherwise cross the network unencrypted.
fn check_base_url(text: &str) -> Result<(), IpcError> {
    let url = url::Url::parse(text)
        .map_err(|e| IpcError::invalid_input(format!("The base URL is not a URL: {e}.")))?;
    let Some(host) = url.host() else {
        return Err(IpcError::invalid_input("The base URL has no host."));
    };
    if url.query().is_some() || url.fragment().is_some() || !url.username().is_empty() {
        return Err(IpcError::invalid_input(
            "The base URL may not carry a query, a fragment or a user name.",
        ));
    }
    let loopback = match host {
        url::Host::Domain(name) => name == "localhost",
        url::Host::Ipv4(ip) => ip.is_loopback(),
        url::Host::Ipv6(ip) => ip.is_loopback(),
    };
    match url.scheme() {
        "https" => Ok(()),
        "http" if loopback => Ok(()),
        "http" => Err(IpcError::invalid_input(
            "Plain http is only allowed to this machine (localhost); use https.",
        )),
        other => {
            Err(IpcError::invalid_input(format!("The base URL's scheme {other:?} is not http(s).")))
        }
    }
}

/// A stored profile: the draft plus its id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    pub id: String,
    #[serde(flatten)]
    pub draft: ProfileDraft,
}

impl Profile {
    pub fn new(draft: ProfileDraft) -> Self {
        let id: String = std::iter::repeat_with(fastrand::alphanumeric).take(12).collect();
        Self { id: format!("p_{}", id.to_lowercase()), draft }
    }
}

/// A profile as the UI sees it: never the key, only whether there is one and its end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ProfileView {
    pub id: String,
    #[serde(flatten)]
    pub draft: ProfileDraft,
    pub is_demo: bool,
    pub has_key: bool,
    /// The last four characters of the key, so a person can tell keys apart.
    pub key_hint: Option<String>,
}

/// The last four characters of a key, or nothing when the key is too short to spare them.
pub fn key_hint(key: &str) -> Option<String> {
    let chars: Vec<char> = key.chars().collect();
    (chars.len() >= KEY_MIN).then(|| chars[chars.len() - 4..].iter().collect())
}

/// Checks a key a person pasted: no whitespace inside, not absurdly short.
pub fn validated_key(key: &str) -> Result<String, IpcError> {
    let key = key.trim();
    if key.chars().count() < KEY_MIN {
        return Err(IpcError::invalid_input(format!(
            "An API key has at least {KEY_MIN} characters."
        )));
    }
    if key.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(IpcError::invalid_input("An API key has no spaces or line breaks inside."));
    }
    Ok(key.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(url: &str) -> ProfileDraft {
        ProfileDraft { name: " Work ".into(), base_url: url.into(), ..ProfileDraft::default() }
    }

    #[test]
    fn a_draft_is_trimmed_and_checked() {
        let valid = draft("https://api.anthropic.com/").validated().unwrap();
        assert_eq!(valid.name, "Work");
        assert_eq!(valid.base_url, "https://api.anthropic.com");
        assert!(draft("http://127.0.0.1:4010").validated().is_ok());
        assert!(draft("http://localhost:4010").validated().is_ok());

        for bad in ["", "api.anthropic.com", "ftp://x.y", "http://example.com", "https://a.b/?k=1"]
        {
            let error = draft(bad).validated().unwrap_err();
            assert!(error.message.contains("URL") || error.message.contains("http"), "{bad}");
        }
        let unnamed = ProfileDraft { name: "  ".into(), ..ProfileDraft::default() };
        assert_eq!(unnamed.validated().unwrap_err().message, "The profile needs a name.");
        let workspace = ProfileDraft {
            workspace_id: Some("wrk 1".into()),
            ..draft("https://api.anthropic.com")
        };
        assert!(workspace.validated().is_err());
    }

    #[test]
    fn a_daily_cap_is_more_than_nothing_and_bounded() {
        let with = |cents| ProfileDraft {
            daily_cap: Some(DailyCap { cents, interrupt: true }),
            ..draft("https://api.anthropic.com")
        };
        assert_eq!(with(1000).validated().unwrap().daily_cap.map(|c| c.cents), Some(1000));
        assert!(with(DAILY_CAP_MAX_CENTS).validated().is_ok());
        for bad in [0, DAILY_CAP_MAX_CENTS + 1] {
            assert!(with(bad).validated().unwrap_err().message.contains("daily cap"), "{bad}");
        }
    }

    #[test]
    fn only_the_last_four_characters_are_shown() {
        assert_eq!(key_hint("sk-ant-api03-abcdWXYZ").as_deref(), Some("WXYZ"));
        assert_eq!(key_hint("short"), None);
        assert_eq!(validated_key("  sk-ant-api03-abcd \n").unwrap(), "sk-ant-api03-abcd");
        assert!(validated_key("sk-ant api03-abcd").is_err());
        assert!(validated_key("abc").is_err());
    }

    #[test]
    fn new_profiles_get_distinct_ids() {
        let a = Profile::new(ProfileDraft::default());
        let b = Profile::new(ProfileDraft::default());
        assert_ne!(a.id, b.id);
        assert!(a.id.starts_with("p_") && a.id.len() == 14, "{}", a.id);
    }
}
