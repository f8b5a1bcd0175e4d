//! What the Demo profile's scripted agent can show, for the New session dialog: the words of a
//! first message that start each script. The simulator's own table, so the two never drift.

use serde::Serialize;
use tauri::State;

use crate::profiles::DEMO_PROFILE_ID;
use crate::state::AppState;

/// One demo script.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct DemoScriptInfo {
    pub name: String,
    /// Any of these in the first message starts it.
    pub words: Vec<String>,
    pub shows: String,
    /// A first message that starts it.
    pub example: String,
}

/// The demo scripts, in the order the demo tries them, while the Demo is the active profile;
/// none for a real API, whose agents follow no script.
#[tauri::command]
#[specta::specta]
pub fn demo_scripts(state: State<'_, AppState>) -> Vec<DemoScriptInfo> {
    if state.settings().active_profile != DEMO_PROFILE_ID {
        return Vec::new();
    }
    managed_agents_sim::DEMO_SCRIPTS
        .iter()
        .map(|s| DemoScriptInfo {
            name: s.name.to_owned(),
            words: s.words.iter().map(|w| (*w).to_owned()).collect(),
            shows: s.shows.to_owned(),
            example: s.example.to_owned(),
        })
        .collect()
}
