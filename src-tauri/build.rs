fn main() {
    // `generate_context!` refuses to compile when the UI's output directory is missing, which it
    // is in a fresh clone before the first `npm run build`; an empty one lets `cargo check` and
    // `cargo clippy` run anyway (the app then shows a blank page until the UI is built).
    if let Err(error) = std::fs::create_dir_all("../ui/dist") {
        println!("cargo::warning=cannot create ../ui/dist: {error}");
    }
    tauri_build::build();
}
