//! The app's settings: one typed, versioned struct stored under one key, never holding a secret.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The shape of [`Settings`] this build writes. Raise it when the shape changes and teach
/// [`Settings::from_stored`] to carry the older shape over.
pub const SETTINGS_VERSION: u32 = 1;

/// The file (in the app data directory) and the key under which the settings are stored.
pub const STORE_FILE: &str = "settings.json";
pub const STORE_KEY: &str = "settings";

/// Light, dark, or whatever the OS uses at the moment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum ThemePreference {
    #[default]
    System,
    Light,
    Dark,
}

/// Only serialized: reading goes through [`Settings::from_stored`], field by field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    pub version: u32,
    pub theme: ThemePreference,
}

impl Default for Settings {
    fn default() -> Self {
        Self { version: SETTINGS_VERSION, theme: ThemePreference::default() }
    }
}

impl Settings {
    /// Reads what any version of the app stored. Fields it cannot read fall back to their
    /// defaults one by one, so a damaged or future settings file never keeps the app from
    /// starting and never costs the user the settings that are still readable.
    pub fn from_stored(stored: Option<&Value>) -> Self {
        let mut settings = Self::default();
        let Some(Value::Object(fields)) = stored else { return settings };
        if let Some(theme) =
            fields.get("theme").and_then(|v| serde_json::from_value(v.clone()).ok())
        {
            settings.theme = theme;
        }
        settings
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn nothing_stored_gives_the_defaults() {
        assert_eq!(Settings::from_stored(None), Settings::default());
        assert_eq!(Settings::default().theme, ThemePreference::System);
    }

    #[test]
    fn a_stored_value_survives_a_round_trip() {
        let settings = Settings { theme: ThemePreference::Dark, ..Settings::default() };
        let stored = serde_json::to_value(&settings).unwrap();
        assert_eq!(stored, json!({ "version": 1, "theme": "dark" }));
        assert_eq!(Settings::from_stored(Some(&stored)), settings);
    }

    #[test]
    fn readable_fields_are_kept_when_others_are_damaged_or_unknown() {
        let stored = json!({ "version": 7, "theme": "light", "futureField": [1, 2], "x": null });
        let settings = Settings::from_stored(Some(&stored));
        assert_eq!(settings.theme, ThemePreference::Light);
        assert_eq!(settings.version, SETTINGS_VERSION);

        let damaged = json!({ "version": "one", "theme": "sepia" });
        assert_eq!(Settings::from_stored(Some(&damaged)), Settings::default());
        assert_eq!(Settings::from_stored(Some(&json!("garbage"))), Settings::default());
    }
}
