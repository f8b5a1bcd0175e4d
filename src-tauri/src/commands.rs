//! Thin `#[tauri::command]` adapters, one module per area, named `noun_verb`.

mod caller;
pub mod profiles;
pub mod sessions;
pub mod settings;
