//! The app's settings: one typed, versioned struct stored under one key, never holding a secret.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::profiles::{DEMO_PROFILE_ID, DailyCap, Profile};

/// The shape of [`Settings`] this build writes. Raise it when the shape changes and teach
/// [`Settings::from_stored`] to carry the older shape over.
pub const SETTINGS_VERSION: u32 = 2;

/// The file (in the app data directory) and the key under which the settings are stored.
pub const STORE_FILE: &str = "settings.json";
pub const STORE_KEY: &str = "settings";

/// How many recent items are remembered.
pub const RECENT_MAX: usize = 20;

/// Light, dark, or whatever the OS uses at the moment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum ThemePreference {
    #[default]
    System,
    Light,
    Dark,
}

/// Which desktop notifications a person wants while the window is not focused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct NotificationPrefs {
    pub enabled: bool,
    /// A watched session waits for a tool confirmation or a custom tool result.
    pub approvals: bool,
    /// A watched session finished its turn.
    pub turn_ended: bool,
    /// A watched session failed or was terminated.
    pub failures: bool,
    /// A watched session's cost reached 80 % of its budget, or the session stopped at it; and
    /// the profile's spend today reached 80 % of its daily cap, or the cap.
    /// Settings saved before it existed turn it on.
    #[serde(default = "on")]
    pub budget: bool,
}

fn on() -> bool {
    true
}

impl Default for NotificationPrefs {
    fn default() -> Self {
        Self { enabled: true, approvals: true, turn_ended: true, failures: true, budget: true }
    }
}

/// The main window's last size and place, in logical pixels, restored at the next start.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct WindowGeometry {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    pub maximized: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum RecentKind {
    Agent,
    Environment,
    Session,
}

/// Something a person opened lately, for quick access.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct RecentItem {
    pub kind: RecentKind,
    pub id: String,
    pub title: String,
    pub profile_id: String,
}

/// The most session tabs remembered per profile.
pub const TABS_MAX: usize = 50;

/// The session tabs open for one profile, restored at the next start.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SessionTabs {
    /// Session ids, in tab order, at most [`TABS_MAX`].
    pub open: Vec<String>,
    /// The tab shown; `None` shows the list of sessions.
    pub active: Option<String>,
    /// The session shown beside the active one, in the split view.
    pub split: Option<String>,
    /// The left side's share of the width in the split view, 0.2–0.8.
    pub ratio: f64,
}

impl SessionTabs {
    /// What a damaged or hand-edited entry can still give: unique ids, at most [`TABS_MAX`],
    /// an active and split tab only among them, a ratio in range.
    fn sanitized(mut self) -> Self {
        let mut seen = std::collections::HashSet::new();
        self.open.retain(|id| !id.is_empty() && seen.insert(id.clone()));
        self.open.truncate(TABS_MAX);
        let open = |id: &Option<String>| id.as_ref().is_some_and(|id| self.open.contains(id));
        if !open(&self.active) {
            self.active = None;
        }
        if !open(&self.split) || self.split == self.active {
            self.split = None;
        }
        self.ratio = if self.ratio.is_finite() { self.ratio.clamp(0.2, 0.8) } else { 0.5 };
        self
    }
}

/// Only serialized: reading goes through [`Settings::from_stored`], field by field.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    pub version: u32,
    pub theme: ThemePreference,
    /// The profile the app talks to; [`DEMO_PROFILE_ID`] on first start.
    pub active_profile: String,
    /// The user's profiles, without keys (those are in the keychain). Demo is not stored.
    pub profiles: Vec<Profile>,
    pub notifications: NotificationPrefs,
    pub window: Option<WindowGeometry>,
    /// Newest first, at most [`RECENT_MAX`].
    pub recent: Vec<RecentItem>,
    /// Each profile's open session tabs, by profile id.
    pub tabs: BTreeMap<String, SessionTabs>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            version: SETTINGS_VERSION,
            theme: ThemePreference::default(),
            active_profile: DEMO_PROFILE_ID.to_owned(),
            profiles: Vec::new(),
            notifications: NotificationPrefs::default(),
            window: None,
            recent: Vec::new(),
            tabs: BTreeMap::new(),
        }
    }
}

impl Settings {
    /// Reads what any version of the app stored. Fields it cannot read fall back to their
    /// defaults one by one, so a damaged or future settings file never keeps the app from
    /// starting and never costs the user the settings that are still readable.
    ///
    /// Version 1 held only `theme`; every field added since has a default, so carrying it over
    /// is reading it. A field whose meaning changes in a later version gets a step here.
    pub fn from_stored(stored: Option<&Value>) -> Self {
        let mut settings = Self::default();
        let Some(Value::Object(fields)) = stored else { return settings };
        read(fields, "theme", &mut settings.theme);
        read(fields, "notifications", &mut settings.notifications);
        read(fields, "window", &mut settings.window);
        read(fields, "recent", &mut settings.recent);
        settings.recent.truncate(RECENT_MAX);
        if let Some(Value::Array(profiles)) = fields.get("profiles") {
            // One damaged profile costs only itself; a repeated id keeps the first.
            for profile in profiles.iter().filter_map(|p| Profile::deserialize(p).ok()) {
                let taken = profile.id == DEMO_PROFILE_ID
                    || settings.profiles.iter().any(|p| p.id == profile.id);
                if !taken {
                    settings.profiles.push(profile);
                }
            }
        }
        if let Some(Value::Object(tabs)) = fields.get("tabs") {
            // One damaged entry costs only its profile's tabs.
            for (profile, entry) in tabs {
                if let Ok(entry) = SessionTabs::deserialize(entry) {
                    settings.tabs.insert(profile.clone(), entry.sanitized());
                }
            }
        }
        read(fields, "activeProfile", &mut settings.active_profile);
        if !settings.has_profile(&settings.active_profile) {
            settings.active_profile = DEMO_PROFILE_ID.to_owned();
        }
        settings
    }

    /// Remembers `profile`'s open tabs (a profile that no longer exists keeps none).
    pub fn set_tabs(&mut self, profile: &str, tabs: SessionTabs) {
        let tabs = tabs.sanitized();
        if !self.has_profile(profile) || tabs.open.is_empty() {
            self.tabs.remove(profile);
        } else {
            self.tabs.insert(profile.to_owned(), tabs);
        }
    }

    pub fn has_profile(&self, id: &str) -> bool {
        id == DEMO_PROFILE_ID || self.profiles.iter().any(|p| p.id == id)
    }

    pub fn profile(&self, id: &str) -> Option<&Profile> {
        self.profiles.iter().find(|p| p.id == id)
    }

    /// The daily cap of each profile that has one, by profile id.
    pub fn daily_caps(&self) -> std::collections::HashMap<String, DailyCap> {
        self.profiles.iter().filter_map(|p| Some((p.id.clone(), p.draft.daily_cap?))).collect()
    }

    /// Puts `item` first, dropping an older entry for the same object and the oldest beyond
    /// [`RECENT_MAX`].
    pub fn remember(&mut self, item: RecentItem) {
        self.recent.retain(|r| !(r.kind == item.kind && r.id == item.id));
        self.recent.insert(0, item);
        self.recent.truncate(RECENT_MAX);
    }
}

fn read<T: DeserializeOwned>(fields: &Map<String, Value>, key: &str, into: &mut T) {
    if let Some(value) = fields.get(key).and_then(|v| T::deserialize(v).ok()) {
        *into = value;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profiles::ProfileDraft;
    use serde_json::json;

    #[test]
    fn tabs_are_kept_per_profile_and_a_damaged_entry_is_made_sound() {
        let mut settings = Settings::default();
        let tabs = SessionTabs {
            open: vec!["s1".into(), "s2".into(), "s1".into(), String::new()],
            active: Some("s2".into()),
            split: Some("s9".into()),
            ratio: 3.0,
        };
        settings.set_tabs("demo", tabs);
        settings.set_tabs("gone", SessionTabs { open: vec!["s3".into()], ..Default::default() });
        let stored = serde_json::to_value(&settings).unwrap();
        let read = Settings::from_stored(Some(&stored));
        let demo = &read.tabs["demo"];
        assert_eq!(demo.open, ["s1", "s2"], "unique, none empty");
        assert_eq!(demo.active.as_deref(), Some("s2"));
        assert_eq!(demo.split, None, "a split tab that is not open is dropped");
        assert!((demo.ratio - 0.8).abs() < f64::EPSILON, "the ratio is clamped");
        assert!(!read.tabs.contains_key("gone"), "no tabs for a profile that does not exist");
        // Closing the last tab forgets the entry; a damaged one is skipped, not fatal.
        settings.set_tabs("demo", SessionTabs::default());
        assert!(settings.tabs.is_empty());
        let damaged = json!({ "tabs": { "demo": { "open": 7 } }, "theme": "dark" });
        let read = Settings::from_stored(Some(&damaged));
        assert!(read.tabs.is_empty());
        assert_eq!(read.theme, ThemePreference::Dark);
    }

    #[test]
    fn nothing_stored_gives_the_defaults() {
        let settings = Settings::from_stored(None);
        assert_eq!(settings, Settings::default());
        assert_eq!(settings.theme, ThemePreference::System);
        assert_eq!(settings.active_profile, "demo");
        assert!(settings.notifications.enabled);
    }

    #[test]
    fn a_stored_value_survives_a_round_trip() {
        let mut settings = Settings { theme: ThemePreference::Dark, ..Settings::default() };
        let profile = Profile::new(ProfileDraft { name: "Work".into(), ..Default::default() });
        settings.active_profile = profile.id.clone();
        settings.profiles.push(profile);
        settings.window = Some(WindowGeometry {
            x: 10.0,
            y: 20.0,
            width: 1000.0,
            height: 700.0,
            maximized: false,
        });
        settings.remember(RecentItem {
            kind: RecentKind::Agent,
            id: "agent_1".into(),
            title: "Coder".into(),
            profile_id: "demo".into(),
        });
        let stored = serde_json::to_value(&settings).unwrap();
        assert_eq!(stored["version"], 2);
        assert_eq!(stored["profiles"][0]["baseUrl"], "https://api.anthropic.com");
        assert_eq!(Settings::from_stored(Some(&stored)), settings);
    }

    #[test]
    fn notification_prefs_saved_before_the_budget_kind_have_it_on() {
        let stored = json!({ "version": 2, "notifications":
            { "enabled": true, "approvals": false, "turnEnded": true, "failures": true } });
        let prefs = Settings::from_stored(Some(&stored)).notifications;
        assert!(prefs.budget);
        assert!(!prefs.approvals, "the rest is read as saved");
    }

    #[test]
    fn a_profiles_daily_cap_is_kept_and_profiles_saved_before_it_have_none() {
        let mut settings = Settings::default();
        let cap = crate::profiles::DailyCap { cents: 1000, interrupt: true };
        settings.profiles.push(Profile::new(ProfileDraft {
            name: "Capped".into(),
            daily_cap: Some(cap),
            ..Default::default()
        }));
        let stored = serde_json::to_value(&settings).unwrap();
        assert_eq!(stored["profiles"][0]["dailyCap"], json!({ "cents": 1000, "interrupt": true }));
        assert_eq!(Settings::from_stored(Some(&stored)).profiles[0].draft.daily_cap, Some(cap));
        let older = json!({ "profiles": [{ "id": "p_1", "name": "A", "baseUrl": "https://a",
            "auth": "bearer", "apiVersion": "2023-06-01", "workspaceId": null }] });
        assert_eq!(Settings::from_stored(Some(&older)).profiles[0].draft.daily_cap, None);
    }

    #[test]
    fn version_1_settings_are_carried_over() {
        let v1 = json!({ "version": 1, "theme": "light" });
        let settings = Settings::from_stored(Some(&v1));
        assert_eq!(settings.theme, ThemePreference::Light);
        assert_eq!(settings.version, SETTINGS_VERSION);
        assert_eq!(settings.active_profile, "demo");
    }

    #[test]
    fn readable_fields_are_kept_when_others_are_damaged_or_unknown() {
        let stored = json!({
            "version": 7, "theme": "light", "futureField": [1, 2], "x": null,
            "notifications": "loud",
            "profiles": [
                { "id": "p_1", "name": "A", "baseUrl": "https://a", "auth": "bearer",
                  "apiVersion": "2023-06-01", "workspaceId": null },
                { "id": "p_2", "name": 5 },
                { "id": "p_1", "name": "dup", "baseUrl": "https://b", "auth": "x-api-key",
                  "apiVersion": "2023-06-01", "workspaceId": null },
                { "id": "demo", "name": "fake demo", "baseUrl": "https://c", "auth": "x-api-key",
                  "apiVersion": "2023-06-01", "workspaceId": null }
            ],
            "activeProfile": "p_1"
        });
        let settings = Settings::from_stored(Some(&stored));
        assert_eq!(settings.theme, ThemePreference::Light);
        assert_eq!(settings.version, SETTINGS_VERSION);
        assert_eq!(settings.notifications, NotificationPrefs::default());
        assert_eq!(settings.profiles.len(), 1);
        assert_eq!(settings.profiles[0].draft.name, "A");
        assert_eq!(settings.active_profile, "p_1");

        let gone = json!({ "activeProfile": "p_missing" });
        assert_eq!(Settings::from_stored(Some(&gone)).active_profile, "demo");
        let damaged = json!({ "version": "one", "theme": "sepia" });
        assert_eq!(Settings::from_stored(Some(&damaged)), Settings::default());
        assert_eq!(Settings::from_stored(Some(&json!("garbage"))), Settings::default());
    }

    #[test]
    fn recent_items_are_newest_first_unique_and_bounded() {
        let mut settings = Settings::default();
        for i in 0..30 {
            settings.remember(RecentItem {
                kind: RecentKind::Session,
                id: format!("s{}", i % 25),
                title: format!("t{i}"),
                profile_id: "demo".into(),
            });
        }
        assert_eq!(settings.recent.len(), RECENT_MAX);
        assert_eq!(settings.recent[0].title, "t29");
        let ids: std::collections::HashSet<_> = settings.recent.iter().map(|r| &r.id).collect();
        assert_eq!(ids.len(), RECENT_MAX);
    }
}
