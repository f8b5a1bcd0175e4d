//! A benchmark, not a test (skipped by `scripts/test`): a 50 MiB file uploaded and downloaded
//! through the real window against the simulator, three times. Prints the throughput and the
//! app process's peak memory growth during each transfer (goal: at most 16 MiB, streamed, not
//! buffered whole); asserts only that the download is byte-identical.

use std::time::{Duration, Instant};

use agent_desk_e2e::dialogs::Dialogs;
use agent_desk_e2e::live::Api;
use agent_desk_e2e::{App, Launch, PeakMemory, Result};
use managed_agents_sim::SimConfig;

const SIZE: usize = 50 * 1024 * 1024;
const RUNS: usize = 3;

async fn until(app: &App, script: &str) -> Result<Duration> {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(120) {
        if app.eval(script).await?.as_bool() == Some(true) {
            return Ok(start.elapsed());
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    Err(format!("timed out waiting for {script}").into())
}

/// Runs `transfer` (a click) and waits for `done`; returns the time and the app's peak growth
/// over its resident size just before, in KiB.
async fn measure(app: &App, probe: PeakMemory, click: &str, done: &str) -> Result<(Duration, i64)> {
    tokio::time::sleep(Duration::from_millis(500)).await;
    let (before, _) = probe.read()?;
    probe.reset()?;
    app.click(click).await?;
    let took = until(app, done).await?;
    let (_, peak) = probe.read()?;
    Ok((took, peak as i64 - before as i64))
}

fn mib_per_s(took: Duration) -> f64 {
    SIZE as f64 / (1024.0 * 1024.0) / took.as_secs_f64()
}

/// See BENCHMARKS.md, "Files: a 50 MiB upload and download".
/// `xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- scripts/with-keyring \
///  cargo test -p agent-desk-e2e --test files_bench -- --ignored bench_ --nocapture`
#[tokio::test]
#[ignore = "a benchmark: run by hand, see BENCHMARKS.md"]
async fn bench_a_50_mib_file_up_and_down() -> Result<()> {
    let api = Api::start(SimConfig::default()).await?;
    let work = tempfile::tempdir()?;
    let dialogs = Dialogs::new(work.path())?;
    let big = work.path().join("big.bin");
    let content: Vec<u8> = (0..SIZE).map(|i| (i % 251) as u8).collect();
    std::fs::write(&big, &content)?;

    let app = Launch::new("files-bench").dialogs(&dialogs).start().await?;
    let mut app = app;
    app.use_profile(&api.sim).await?;
    app.click("nav [data-section='files']").await?;
    app.expect_section("files").await?;
    let probe = app.app_process()?;

    for run in 1..=RUNS {
        dialogs.answer("open", &[&big])?;
        let uploads = app.eval("return document.querySelectorAll('[data-upload]').length").await?;
        let n = uploads.as_u64().unwrap_or(0) + 1;
        let done = format!(
            "const all = document.querySelectorAll('[data-upload]'); \
             return all.length === {n} && all[{}].dataset.uploadStatus === 'done'",
            n - 1
        );
        let (up, up_growth) =
            measure(&app, probe, "[data-page='files'] .toolbar button", &done).await?;

        let copy = work.path().join(format!("copy-{run}.bin"));
        dialogs.answer("save", &[&copy])?;
        let saved = format!(
            "const n = document.querySelector(\"[data-testid='download-notice']\"); \
             return !!n && n.textContent.includes('copy-{run}.bin')"
        );
        let row = "[data-file-name='big.bin']:first-child .row-actions button";
        let (down, down_growth) = measure(&app, probe, row, &saved).await?;
        assert!(std::fs::read(&copy)? == content, "run {run}: the download is byte-identical");
        std::fs::remove_file(&copy)?;

        println!(
            "run {run}: upload {:.2} s ({:.0} MiB/s), peak growth {} KiB; \
             download {:.2} s ({:.0} MiB/s), peak growth {} KiB",
            up.as_secs_f64(),
            mib_per_s(up),
            up_growth,
            down.as_secs_f64(),
            mib_per_s(down),
            down_growth
        );
    }
    app.screenshot("after").await?;
    app.close().await
}
