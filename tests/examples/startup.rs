//! Startup time and memory of the real app window, over several launches.
//!
//! Run (needs a display, as the end-to-end tests do):
//! `xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- cargo run -p agent-desk-e2e --example startup -- 10`
//! Set `AGENT_DESK_BIN` to measure another build (e.g. `target/release/agent-desk`).

use std::time::Duration;

use agent_desk_e2e::{Launch, Result};

#[tokio::main]
async fn main() -> Result<()> {
    let runs: usize = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(5);
    let mut startups = Vec::with_capacity(runs);
    let mut memory = Vec::new();
    for _ in 0..runs {
        let app = Launch::new("bench-startup").start().await?;
        startups.push(app.startup());
        // Let the web process settle after the first paint before reading its memory.
        tokio::time::sleep(Duration::from_secs(2)).await;
        memory = app.memory()?;
        app.close().await?;
    }
    startups.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let mean = startups.iter().map(|d| ms(*d)).sum::<f64>() / runs as f64;
    println!("launches: {runs}");
    println!(
        "window request → first page drawn: mean {mean:.0} ms, min {:.0} ms, median {:.0} ms, max {:.0} ms",
        ms(startups[0]),
        ms(startups[runs / 2]),
        ms(startups[runs - 1])
    );
    let total: u64 = memory.iter().map(|(_, kib)| kib).sum();
    println!("resident memory after the last launch: {} MiB in all", total / 1024);
    for (name, kib) in memory {
        println!("  {name:<20} {:>5} MiB", kib / 1024);
    }
    Ok(())
}
