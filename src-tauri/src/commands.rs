//! Thin `#[tauri::command]` adapters, one module per area, named `noun_verb`.

pub mod settings;
