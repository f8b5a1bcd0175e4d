//! Files by clicking, against a simulator. The native dialogs are the debug build's double
//! (`AGENT_DESK_TEST_DIALOGS`: the test writes the answer, then clicks). A 50 MiB upload shows
//! its progress and can be cancelled half-way (the simulator reads uploads slowly, as a slow
//! uplink would), then goes through and downloads byte-identical; a session's outputs are
//! previewed safely and downloaded all at once; a folder is refused before anything is sent.

use agent_desk_e2e::dialogs::Dialogs;
use agent_desk_e2e::live::Api;
use agent_desk_e2e::{App, Launch, Result};
use managed_agents::types::ListFilesQuery;
use managed_agents_sim::{Faults, SimConfig};

const BIG: usize = 50 * 1024 * 1024;

/// 50 MiB that are not one repeated byte, so a shifted or reordered chunk would show.
fn big_content() -> Vec<u8> {
    let mut state: u32 = 0x2545_f491;
    (0..BIG)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state.to_le_bytes()[0]
        })
        .collect()
}

async fn launch(test: &str, dialogs: &Dialogs) -> Result<App> {
    Launch::new(test).dialogs(dialogs).start().await
}

/// The `value` of the progress bar of upload `name`, and its status.
async fn upload_state(app: &App, name: &str) -> Result<(f64, String)> {
    let script = format!(
        "const li = document.querySelector(\"[data-upload='{name}']\"); \
         return li ? [li.querySelector('progress').value, li.dataset.uploadStatus] : [0, '']"
    );
    let state = app.eval(&script).await?;
    Ok((state[0].as_f64().unwrap_or(0.0), state[1].as_str().unwrap_or_default().to_owned()))
}

#[tokio::test]
#[ignore = "needs a display: run through scripts/test"]
async fn a_50_mib_upload_shows_progress_cancels_and_downloads_byte_identical() -> Result<()> {
    let api = Api::start(SimConfig::default()).await?;
    let work = tempfile::tempdir()?;
    let dialogs = Dialogs::new(work.path())?;
    let big = work.path().join("big.bin");
    let content = big_content();
    std::fs::write(&big, &content)?;
    let folder = work.path().join("photos");
    std::fs::create_dir(&folder)?;

    let mut app = launch("files-upload", &dialogs).await?;
    app.use_profile(&api.sim).await?;
    app.click("nav [data-section='files']").await?;
    app.expect_section("files").await?;
    app.expect_text("No files yet").await?;
    app.screenshot("empty").await?;
    let page = "[data-page='files']";

    // A folder is refused before anything is sent; the big file starts, slowly.
    api.sim.set_faults(Faults { upload_bytes_per_sec: Some(8 << 20), ..Faults::default() });
    dialogs.answer("open", &[&folder, &big])?;
    app.press_button(page, "Upload files…").await?;
    app.find("[data-upload='photos'][data-upload-status='refused']").await?;
    app.expect_text("is a folder").await?;
    app.wait_until("the upload is under way", async |app| {
        let (value, status) = upload_state(app, "big.bin").await?;
        Ok(status == "uploading" && value >= 5.0)
    })
    .await?;
    app.screenshot("uploading").await?;
    app.press_button("[data-upload='big.bin']", "Cancel").await?;
    app.find("[data-upload='big.bin'][data-upload-status='cancelled']").await?;
    let stored = api.client.files().list(&ListFilesQuery::default()).await?.data;
    assert!(stored.is_empty(), "a cancelled upload stores nothing: {stored:?}");

    // Sent again, its progress is seen rising before it ends.
    api.sim.set_faults(Faults { upload_bytes_per_sec: Some(25 << 20), ..Faults::default() });
    app.press_button("[data-upload='big.bin']", "Retry").await?;
    let seen = std::sync::Mutex::new(Vec::new());
    app.wait_until("the upload is done", async |app| {
        let (value, status) = upload_state(app, "big.bin").await?;
        let mut seen = seen.lock().map_err(|_| "poisoned")?;
        if status == "uploading" && seen.last() != Some(&value) {
            seen.push(value);
        }
        Ok(status == "done")
    })
    .await?;
    let seen = seen.into_inner().map_err(|_| "poisoned")?;
    assert!(
        seen.iter().filter(|v| **v > 0.0 && **v < 100.0).count() >= 2,
        "the bar moved in steps: {seen:?}"
    );
    let row = "[data-file-name='big.bin']";
    app.find(row).await?;
    app.screenshot("uploaded").await?;
    let stored = api.client.files().list(&ListFilesQuery::default()).await?.data;
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].size_bytes, BIG as u64);

    // Downloaded where the "dialog" says, byte for byte, with no part file left.
    api.sim.set_faults(Faults::default());
    let out = work.path().join("out");
    std::fs::create_dir(&out)?;
    let copy = out.join("big-copy.bin");
    dialogs.answer("save", &[&copy])?;
    app.press_button(row, "Download").await?;
    app.wait_until("the download is saved", async |app| {
        Ok(app.count("[data-testid='download-notice']").await? == 1)
    })
    .await?;
    app.expect_text(&format!("Saved to {}", copy.display())).await?;
    assert!(std::fs::read(&copy)? == content, "the download is byte-identical");
    let left: Vec<_> = std::fs::read_dir(&out)?.collect();
    assert_eq!(left.len(), 1, "only the file, no .part");

    // Deleted after a confirmation.
    app.click(&format!("{row} button[aria-label='Delete big.bin']")).await?;
    app.press_button("[role='dialog']", "Delete").await?;
    app.expect_text("Deleted big.bin.").await?;
    let stored = api.client.files().list(&ListFilesQuery::default()).await?.data;
    assert!(stored.is_empty(), "{stored:?}");
    app.close().await
}

#[tokio::test]
#[ignore = "needs a display: run through scripts/test"]
async fn a_sessions_outputs_are_previewed_and_downloaded_all() -> Result<()> {
    let api = Api::start(SimConfig::default()).await?;
    let session = api.session_allowing_all("Fix the parser").await?;
    api.say(&session, "Please fix the failing test.").await?;
    let work = tempfile::tempdir()?;
    let dialogs = Dialogs::new(work.path())?;

    let mut app = launch("files-outputs", &dialogs).await?;
    app.use_profile(&api.sim).await?;
    app.open_session(&session).await?;
    app.wait_status("idle").await?;
    app.click("[role='tab'][id$='-tab-outputs']").await?;
    app.find("[data-file-name='coverage.png']").await?;
    app.find("[data-file-name='test-report.txt']").await?;
    app.screenshot("outputs").await?;

    // The chart is shown as an image: the backend found PNG bytes.
    app.click("[data-file-name='coverage.png'] button[title^='Preview']").await?;
    app.wait_until("the chart is drawn", async |app| {
        let width = app
            .eval("const i = document.querySelector('[data-preview=image] img'); return i ? i.naturalWidth : 0")
            .await?;
        Ok(width.as_u64() == Some(320))
    })
    .await?;
    app.screenshot("image-preview").await?;
    app.press_button("[role='dialog']", "Close").await?;

    // The report is shown as plain text.
    app.click("[data-file-name='test-report.txt'] button[title^='Preview']").await?;
    app.find("[data-preview='text'] pre").await?;
    app.expect_text("Coverage: src/parse.py 93%").await?;
    app.screenshot("text-preview").await?;
    app.press_button("[role='dialog']", "Close").await?;

    // Both into a folder at once.
    let folder = work.path().join("outputs");
    std::fs::create_dir(&folder)?;
    dialogs.answer("folder", &[&folder])?;
    app.press_button("[role='tabpanel']", "Download all…").await?;
    app.expect_text(&format!("Saved 2 files to {}", folder.display())).await?;
    let png = std::fs::read(folder.join("coverage.png"))?;
    assert!(png.starts_with(b"\x89PNG"), "the chart arrived whole");
    let report = std::fs::read_to_string(folder.join("test-report.txt"))?;
    assert!(report.contains("42 passed"), "{report}");
    app.close().await
}

#[tokio::test]
#[ignore = "needs a display: run through scripts/test"]
async fn a_file_is_mounted_in_a_running_session_and_removed() -> Result<()> {
    let api = Api::start(SimConfig::default()).await?;
    let spec = managed_agents::types::FileUpload {
        filename: "spec.md".into(),
        mime_type: "text/markdown".into(),
        bytes: b"# Spec".to_vec(),
    };
    let spec = api.client.files().upload(spec, None).await?;
    let session = api.session("Review the spec", None).await?;
    let work = tempfile::tempdir()?;

    let mut app = launch("files-resources", &Dialogs::new(work.path())?).await?;
    app.use_profile(&api.sim).await?;
    app.open_session(&session).await?;
    app.press_button(agent_desk_e2e::live::PAGE, "Resources").await?;
    app.expect_text("Nothing is mounted in this session.").await?;

    // A relative path is refused at the field; an absolute one mounts the file.
    app.select("File", &spec.id).await?;
    app.fill("Mount path (optional)", "docs/spec.md").await?;
    app.expect_text("A mount path starts with /").await?;
    app.fill("Mount path (optional)", "/mnt/session/uploads/spec.md").await?;
    app.press_button("[role='dialog']", "Mount file").await?;
    app.find("[data-resource-label='spec.md']").await?;
    app.expect_text("Mounted spec.md at /mnt/session/uploads/spec.md.").await?;
    app.screenshot("mounted").await?;
    let mounted = api.client.sessions().resources(&session).list(&Default::default()).await?.data;
    assert_eq!(mounted.len(), 1, "{mounted:?}");

    // Mounting it again at the same path: the API's refusal is shown, the form keeps its text.
    app.fill("Mount path (optional)", "/mnt/session/uploads/spec.md").await?;
    app.press_button("[role='dialog']", "Mount file").await?;
    app.expect_text("is already used by another resource").await?;
    let kept = app.field("Mount path (optional)").await?.prop("value").await?;
    assert_eq!(kept.as_deref(), Some("/mnt/session/uploads/spec.md"));

    // Removed after a confirmation.
    app.click("[data-resource-label='spec.md'] button[aria-label='Remove spec.md']").await?;
    app.press_button("[role='group'][aria-label='Confirm removal']", "Remove").await?;
    app.expect_text("Removed spec.md.").await?;
    let left = api.client.sessions().resources(&session).list(&Default::default()).await?.data;
    assert!(left.is_empty(), "{left:?}");
    app.close().await
}
