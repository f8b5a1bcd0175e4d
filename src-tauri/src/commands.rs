//! Thin `#[tauri::command]` adapters, one module per area, named `noun_verb`.

pub mod agents;
pub mod api_files;
mod caller;
pub mod demo;
pub mod environments;
pub mod files;
pub mod links;
pub mod memory;
pub mod profiles;
pub mod session_resources;
pub mod sessions;
pub mod settings;
pub mod skills;
pub mod vaults;
