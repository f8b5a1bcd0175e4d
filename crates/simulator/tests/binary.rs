//! The `managed-agents-sim` binary prints its URL, serves, and keeps its snapshot across runs.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn spawn(state: &std::path::Path) -> (Server, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_managed-agents-sim"))
        .args(["--port", "0", "--typing-speed", "0", "--state"])
        .arg(state)
        .stdout(Stdio::piped())
        .spawn()
        .expect("start the binary");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).expect("read the URL");
    (Server(child), line.trim().to_owned())
}

#[tokio::test]
async fn binary_prints_its_url_and_serves() {
    let dir = std::env::temp_dir().join(format!("sim-bin-{}", std::process::id()));
    let state = dir.join("state.json");
    let (server, url) = spawn(&state);
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    let http = reqwest::Client::builder().build().unwrap();
    let created = http
        .post(format!("{url}/v1/environments"))
        .header("x-api-key", "any")
        .header("anthropic-beta", "managed-agents-2026-04-01")
        .json(&serde_json::json!({"name": "from-binary"}))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 200);
    // The snapshot is written within a second of a change; wait for it instead of sleeping.
    while !state.exists() {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    drop(server);
    let (_server, url) = spawn(&state);
    let list: serde_json::Value = http
        .get(format!("{url}/v1/environments"))
        .header("x-api-key", "any")
        .header("anthropic-beta", "managed-agents-2026-04-01")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list["data"][0]["name"], "from-binary");
    let _ = std::fs::remove_dir_all(dir);
}
