//! Journal figures for BENCHMARKS.md: append throughput, bytes per event on disk, and search
//! over a million journaled events. A scripted run, not a test:
//! `cargo run --release -p journal --example bench_journal [EVENTS]` (default 1,000,000).
#![allow(clippy::print_stdout, reason = "a benchmark prints its figures")]

use std::time::Instant;

use journal::{Journal, SearchQuery};

/// Words for the made-up transcripts: common ones, and rarer ones searched for below.
const WORDS: &[&str] = &[
    "the",
    "parser",
    "rejects",
    "leap",
    "day",
    "test",
    "passes",
    "cargo",
    "build",
    "release",
    "notes",
    "merged",
    "pull",
    "request",
    "workspace",
    "timeout",
    "retry",
    "stream",
    "session",
    "agent",
    "tool",
    "result",
    "error",
    "config",
    "deploy",
    "staging",
    "database",
    "migration",
    "index",
    "query",
    "cache",
    "latency",
    "memory",
    "budget",
    "token",
    "refresh",
    "vault",
];

fn event(i: usize) -> String {
    // A mix like a coding session's: messages, tool calls and results, status events.
    let pick = |k: usize| WORDS[(i.wrapping_mul(2_654_435_761).wrapping_add(k * 97)) % WORDS.len()];
    let text: Vec<&str> = (0..24).map(pick).collect();
    let at = format!(
        "2026-12-{:02}T{:02}:{:02}:{:02}Z",
        1 + i / 86_400 % 28,
        i / 3600 % 24,
        i / 60 % 60,
        i % 60
    );
    match i % 5 {
        0 => serde_json::json!({"type": "agent.message", "id": format!("ev{i}"), "processed_at": at,
            "content": [{"type": "text", "text": text.join(" ")}]}),
        1 => serde_json::json!({"type": "agent.tool_use", "id": format!("ev{i}"), "processed_at": at,
            "name": "bash", "input": {"command": format!("cargo {} --{}", pick(1), pick(2))}}),
        2 => serde_json::json!({"type": "agent.tool_result", "id": format!("ev{i}"), "processed_at": at,
            "tool_use_id": format!("ev{}", i - 1), "content": [{"type": "text", "text": text[..12].join(" ")}]}),
        3 => serde_json::json!({"type": "span.model_request_end", "id": format!("ev{i}"), "processed_at": at,
            "model_usage": {"input_tokens": 1200, "output_tokens": 300}}),
        _ => serde_json::json!({"type": "session.status_running", "id": format!("ev{i}"), "processed_at": at}),
    }
    .to_string()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let total: usize = std::env::args().nth(1).map_or(Ok(1_000_000), |n| n.parse())?;
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("bench.journal");
    let mut journal = Journal::open(&path)?;
    let sessions = 100;
    let batch = 500;
    let events: Vec<String> = (0..total).map(event).collect();
    let json_bytes: usize = events.iter().map(String::len).sum();

    let started = Instant::now();
    for (n, chunk) in events.chunks(batch).enumerate() {
        journal.append(&format!("sesn_{:03}", n % sessions), chunk)?;
    }
    let took = started.elapsed();
    println!(
        "append: {total} events in batches of {batch}: {:.2} s, {:.0} events/s",
        took.as_secs_f64(),
        total as f64 / took.as_secs_f64()
    );
    drop(journal);
    let journal = Journal::open(&path)?;
    let on_disk = std::fs::metadata(&path)?.len()
        + std::fs::metadata(dir.path().join("bench.journal-wal")).map(|m| m.len()).unwrap_or(0);
    println!(
        "on disk: {:.1} MiB, {:.0} bytes per event (the events' JSON: {:.0} bytes each)",
        on_disk as f64 / 1_048_576.0,
        on_disk as f64 / total as f64,
        json_bytes as f64 / total as f64
    );

    for text in ["migration", "leap day", "cargo build", "vault refresh tok", "nothinglikethis"] {
        let mut times = Vec::new();
        let mut hits = 0;
        for _ in 0..40 {
            let started = Instant::now();
            hits = journal
                .search(&SearchQuery { text: text.into(), limit: 50, ..SearchQuery::default() })?
                .len();
            times.push(started.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "search {text:?}: {hits} hits shown, p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms",
            times[times.len() / 2],
            times[times.len() * 95 / 100],
            times[times.len() - 1]
        );
    }
    let started = Instant::now();
    let window = journal.events("sesn_000", 0, 10_000)?;
    println!(
        "read a session's first {} events: {:.1} ms",
        window.len(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    Ok(())
}
