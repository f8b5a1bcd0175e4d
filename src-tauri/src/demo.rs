//! The Demo profile's API: the simulator, started in-process on loopback, with its state kept in
//! the app data directory so the demo's agents and sessions survive a restart.

use std::path::Path;

use managed_agents_sim::{SimConfig, SimHandle};

/// The snapshot file of the demo's state, in the app data directory.
pub const SNAPSHOT_FILE: &str = "demo.json";

/// The key the Demo profile sends: the simulator accepts any, a real API none like it.
pub const DEMO_KEY: &str = "agent-desk-demo";

/// Starts the simulator on `data_dir/demo.json`. A snapshot that cannot be read is moved aside
/// (so nothing is lost) and the demo starts empty rather than not at all.
pub async fn start(data_dir: &Path) -> std::io::Result<SimHandle> {
    let snapshot = data_dir.join(SNAPSHOT_FILE);
    let config = |snapshot| SimConfig { snapshot: Some(snapshot), ..SimConfig::default() };
    match managed_agents_sim::start(config(snapshot.clone())).await {
        Ok(sim) => Ok(sim),
        Err(error) if snapshot.exists() => {
            let aside = data_dir.join(format!("{SNAPSHOT_FILE}.unreadable"));
            eprintln!("Agent Desk: demo state unreadable ({error}); kept as {}", aside.display());
            std::fs::rename(&snapshot, &aside)?;
            managed_agents_sim::start(config(snapshot)).await
        }
        Err(error) => Err(error),
    }
}

#[cfg(test)]
mod tests {
    #[tokio::test]
    async fn a_damaged_demo_state_is_set_aside_and_the_demo_starts() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(super::SNAPSHOT_FILE), "{ not json").unwrap();
        let sim = super::start(dir.path()).await.unwrap();
        assert!(sim.base_url().starts_with("http://127.0.0.1:"));
        let aside = std::fs::read_to_string(dir.path().join("demo.json.unreadable")).unwrap();
        assert_eq!(aside, "{ not json");
        sim.shutdown().await;
    }
}
