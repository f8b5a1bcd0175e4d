//! The list of commands the web view may call, and the TypeScript bindings generated from it.

use tauri::Runtime;
use tauri_specta::{collect_commands, collect_events};

use crate::commands::{
    agents, api_files, demo, environments, files, links, memory, profiles, session_resources,
    sessions, settings, skills, vaults,
};
use crate::monitor::MonitorSummary;
use crate::notifications::{InboxOpenRequested, SessionOpenRequested};
use crate::relay::SessionStatusChanged;
use crate::transfers::FilesDropped;

pub fn builder<R: Runtime>() -> tauri_specta::Builder<R> {
    tauri_specta::Builder::<R>::new()
        // Unknown fields and tool inputs are kept as `serde_json::Value`, whose numbers may be
        // 64-bit, and the API's counts and sizes are `u64` because its schema bounds no integer.
        // They reach the web view as JSON, where every number is a JS number anyway: exact below
        // 2^53, rounded above it, never a decoding failure.
        .dangerously_cast_bigints_to_number()
        .disable_serde_phases()
        .commands(collect_commands![
            settings::settings_get,
            settings::settings_set_theme,
            settings::settings_set_notifications,
            settings::recent_remember,
            settings::settings_set_tabs,
            profiles::profiles_list,
            profiles::profile_create,
            profiles::profile_update,
            profiles::profile_set_key,
            profiles::profile_remove_key,
            profiles::profile_delete,
            profiles::profile_activate,
            profiles::profile_test,
            agents::agents_list,
            agents::agent_get,
            agents::agent_create,
            agents::agent_update,
            agents::agent_archive,
            agents::agent_versions,
            environments::environments_list,
            environments::environment_get,
            environments::environment_create,
            environments::environment_update,
            environments::environment_archive,
            environments::environment_delete,
            skills::skills_list,
            skills::skill_versions_list,
            skills::skill_choose_source,
            skills::skill_create,
            skills::skill_version_create,
            skills::skill_version_delete,
            skills::skill_delete,
            files::file_export,
            files::file_import,
            sessions::sessions_list,
            sessions::sessions_live,
            sessions::session_pending_calls,
            sessions::session_get,
            sessions::session_create,
            sessions::session_update,
            sessions::session_archive,
            sessions::session_delete,
            sessions::session_watch,
            sessions::session_watch_thread,
            sessions::session_threads,
            sessions::session_unwatch,
            sessions::session_event_full,
            sessions::session_send_message,
            sessions::session_confirm_tool,
            sessions::session_answer_custom_tool,
            sessions::session_interrupt,
            vaults::vaults_list,
            vaults::vault_get,
            vaults::vault_create,
            vaults::vault_update,
            vaults::vault_archive,
            vaults::vault_delete,
            vaults::vaults_coverage,
            vaults::credentials_list,
            vaults::credential_create,
            vaults::credential_update,
            vaults::credential_archive,
            vaults::credential_delete,
            vaults::credential_validate,
            vaults::credential_connect,
            vaults::credential_connect_cancel,
            memory::memory_stores_list,
            memory::memory_store_create,
            memory::memory_store_archive,
            memory::memory_store_delete,
            memory::memories_list,
            memory::memory_get,
            memory::memory_create,
            memory::memory_update,
            memory::memory_delete,
            memory::memory_versions_list,
            memory::memory_version_redact,
            api_files::files_list,
            api_files::file_delete,
            api_files::files_choose_uploads,
            api_files::file_upload,
            api_files::transfer_cancel,
            api_files::file_preview,
            api_files::file_download,
            api_files::files_download_all,
            session_resources::session_resources_list,
            session_resources::session_resource_add,
            session_resources::session_resource_delete,
            session_resources::session_resource_rotate_token,
            links::link_open,
            demo::demo_scripts,
        ])
        .events(collect_events![
            SessionStatusChanged,
            SessionOpenRequested,
            InboxOpenRequested,
            MonitorSummary,
            FilesDropped
        ])
}

#[cfg(test)]
mod tests {
    use specta_typescript::Typescript;

    /// Writes `ui/src/lib/ipc/bindings.ts`. The test command then fails if the committed file
    /// differs (`git diff --exit-code`), so the UI never builds against stale types.
    #[test]
    fn export_bindings() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../ui/src/lib/ipc/bindings.ts");
        super::builder::<tauri::Wry>()
            .export(
                Typescript::default()
                    .header("// Generated from Rust by tauri-specta. Do not edit.\n"),
                path,
            )
            .expect("the bindings export");
    }
}
