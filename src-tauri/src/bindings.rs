//! The list of commands the web view may call, and the TypeScript bindings generated from it.

use tauri::Runtime;
use tauri_specta::collect_commands;

use crate::commands;

pub fn builder<R: Runtime>() -> tauri_specta::Builder<R> {
    tauri_specta::Builder::<R>::new().commands(collect_commands![
        commands::settings::settings_get,
        commands::settings::settings_set_theme,
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
