//! The client's SSE decoder beside the official TypeScript SDK (1.17.0, pinned in
//! `benches/sdk-compare`), both reading the same bytes from one loopback server in the same run.
//!
//! - events/s: a session stream of 10,000 events of about 1 KiB (`benches/support/sample.rs`),
//!   written in 16 KiB pieces; each side opens the stream and reads it to the end, 15 times (after one
//!   warm-up read); the median and the spread are printed.
//! - memory: one 4 MiB agent message written in 1,460-byte pieces (one TCP segment each); the
//!   growth of each process's peak resident set while reading it (Node gives no other peak). The
//!   Rust side reads it first, before anything else has left freed memory around to reuse.
//!
//! Run: `cargo run --release -p managed-agents --example decode_vs_sdk` (it runs `npm ci` in
//! `benches/sdk-compare` the first time).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout,
    missing_docs,
    reason = "benchmark"
)]

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use futures_util::StreamExt;
use managed_agents::types::StreamEventsQuery;
use managed_agents::{Client, Config};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

#[path = "../benches/support/sample.rs"]
mod sample;

const RUNS: usize = 15;

/// Serves `GET /v1/sessions/{events|big}/events/stream` on loopback from its own thread.
fn serve() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let events: &'static [u8] = sample::session_stream().leak().as_bytes();
    let big: &'static [u8] = sample::big_event_stream().leak().as_bytes();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread().enable_io().build().unwrap();
        rt.block_on(async move {
            listener.set_nonblocking(true).unwrap();
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            loop {
                let (mut socket, _) = listener.accept().await.unwrap();
                tokio::spawn(async move {
                    let mut request = Vec::new();
                    let mut buf = [0u8; 4096];
                    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                        let n = socket.read(&mut buf).await.unwrap();
                        if n == 0 {
                            return;
                        }
                        request.extend_from_slice(&buf[..n]);
                    }
                    let (body, piece) = if request.starts_with(b"GET /v1/sessions/big/") {
                        (big, 1460)
                    } else {
                        (events, 16 * 1024)
                    };
                    socket
                        .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\nconnection: close\r\n\r\n")
                        .await
                        .unwrap();
                    for chunk in body.chunks(piece) {
                        if socket.write_all(chunk).await.is_err() {
                            return;
                        }
                    }
                    let _ = socket.shutdown().await;
                });
            }
        });
    });
    url
}

/// Reads the stream to its end on this thread; the runtime's worker reads the connection.
fn read_all(rt: &tokio::runtime::Runtime, client: &Client, session: &str) -> usize {
    rt.block_on(read_stream(client, session))
}

async fn read_stream(client: &Client, session: &str) -> usize {
    let mut stream = client.events(session).stream(&StreamEventsQuery::default()).await.unwrap();
    let mut n = 0;
    while let Some(event) = stream.next().await {
        std::hint::black_box(event.unwrap());
        n += 1;
    }
    n
}

/// Median, lowest and highest.
fn spread(mut values: Vec<f64>) -> (f64, f64, f64) {
    values.sort_by(f64::total_cmp);
    (values[values.len() / 2], values[0], values[values.len() - 1])
}

/// The process's peak resident set (VmHWM) in KiB, after resetting it when `reset`.
fn peak_rss_kib(reset: bool) -> u64 {
    if reset {
        // Writing 5 to clear_refs resets VmHWM to the current resident set (Linux).
        std::fs::write("/proc/self/clear_refs", "5").unwrap();
    }
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

fn node(fixture: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let out =
        Command::new("node").arg("decode.mjs").args(args).current_dir(fixture).output().unwrap();
    assert!(out.status.success(), "node failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn main() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/sdk-compare");
    if !fixture.join("node_modules").exists() {
        let ok = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&fixture)
            .status()
            .unwrap();
        assert!(ok.success(), "npm ci failed in {}", fixture.display());
    }
    let url = serve();
    let client = Client::new(Config::new("bench-key").with_base_url(&url)).unwrap();
    // Multi-threaded like the app's runtime: the connection is read on the worker while the
    // stream is decoded on this thread. (Both on the worker is slower: nothing overlaps.)
    let rt =
        tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();

    let rss_before = peak_rss_kib(true);
    assert_eq!(read_all(&rt, &client, "big"), 1);
    let rust_big_mib = (peak_rss_kib(false) - rss_before) as f64 / 1024.0;

    // Warm both up once (connection set-up, JIT), then measure.
    assert_eq!(read_all(&rt, &client, "events"), sample::EVENTS);
    let mut rust = Vec::new();
    for _ in 0..RUNS {
        let start = Instant::now();
        assert_eq!(read_all(&rt, &client, "events"), sample::EVENTS);
        rust.push(sample::EVENTS as f64 / start.elapsed().as_secs_f64());
    }
    let runs = (RUNS + 1).to_string();
    let ts: Vec<f64> = node(&fixture, &[&url, "events", &runs])
        .iter()
        .skip(1)
        .map(|run| {
            assert_eq!(run["events"], sample::EVENTS);
            sample::EVENTS as f64 / (run["ms"].as_f64().unwrap() / 1000.0)
        })
        .collect();
    // What the transport alone costs: the same bytes through reqwest, not decoded.
    let http = reqwest::Client::builder().build().unwrap();
    let mut bytes_only = Vec::new();
    for _ in 0..RUNS {
        let start = Instant::now();
        let url = format!("{url}/v1/sessions/events/events/stream");
        let mut body = rt.block_on(http.get(url).send()).unwrap().bytes_stream();
        while let Some(chunk) = rt.block_on(body.next()) {
            std::hint::black_box(chunk.unwrap());
        }
        bytes_only.push(sample::EVENTS as f64 / start.elapsed().as_secs_f64());
    }
    let (rust, ts, bytes_only) = (spread(rust), spread(ts), spread(bytes_only));
    println!("{} events of ~1 KiB over loopback, {RUNS} reads each:", sample::EVENTS);
    for (who, (median, low, high)) in
        [("managed-agents (Rust)", rust), ("TypeScript SDK 1.17.0", ts)]
    {
        println!("  {who:<22} median {median:>7.0} events/s (lowest {low:.0}, highest {high:.0})");
    }
    println!("  ratio of the medians:  {:.2}×", rust.0 / ts.0);
    println!(
        "  the bytes alone, read with reqwest and not decoded: median {:.0} events/s",
        bytes_only.0
    );

    let big = node(&fixture, &[&url, "big"]);
    assert_eq!(big[0]["events"], 1);
    println!("one 4 MiB event in 1,460-byte pieces, growth of the peak resident set:");
    println!("  managed-agents (Rust)  {rust_big_mib:.1} MiB");
    println!("  TypeScript SDK 1.17.0  {:.1} MiB", big[0]["peak_rss_growth_mib"].as_f64().unwrap());
}
