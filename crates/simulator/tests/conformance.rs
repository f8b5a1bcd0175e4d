//! Conformance with the official Python SDK: installs `anthropic==2.10.0` into a virtual
//! environment under `target/` (once; later runs reuse it) and runs
//! `tests/conformance/sdk_flows.py` against a simulator on loopback.
//!
//! It fails loudly when Python or PyPI is unreachable: a skipped conformance run would look green.

use std::path::PathBuf;
use std::process::Command;

use managed_agents_sim::{SimConfig, TypingSpeed};

const SDK: &str = "anthropic==2.10.0";

fn venv() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    target.join("sim-conformance-venv")
}

fn ensure_sdk() -> PathBuf {
    let venv = venv();
    let python = venv.join("bin/python");
    let marker = venv.join(format!("{SDK}.installed"));
    if marker.exists() {
        return python;
    }
    if !python.exists() {
        let status = Command::new("python3")
            .args(["-m", "venv"])
            .arg(&venv)
            .status()
            .expect("python3 is required for the SDK conformance test");
        assert!(status.success(), "python3 -m venv failed");
    }
    let output = Command::new(&python)
        .args(["-m", "pip", "install", "--disable-pip-version-check", "-q", SDK])
        .output()
        .expect("run pip");
    assert!(
        output.status.success(),
        "pip install {SDK} failed (is PyPI reachable?):\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    std::fs::write(&marker, SDK).expect("write marker");
    python
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn official_python_sdk_runs_the_main_flows() {
    let python = tokio::task::spawn_blocking(ensure_sdk).await.unwrap();
    let config = SimConfig { typing: TypingSpeed::CharsPerSecond(3_000), ..SimConfig::default() };
    let sim = managed_agents_sim::start(config).await.unwrap();
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/conformance/sdk_flows.py");
    let base = sim.base_url();
    let output =
        tokio::task::spawn_blocking(move || Command::new(python).arg(script).arg(base).output())
            .await
            .unwrap()
            .expect("run the conformance script");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "SDK conformance failed:\n{stdout}\n{stderr}");
    assert!(stdout.contains("conformance ok"), "{stdout}");
    println!("{stdout}");
}
