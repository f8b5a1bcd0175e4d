//! The relay's side of the latency benchmark (`--features bench`, see `BENCHMARKS.md`).

use std::time::{SystemTime, UNIX_EPOCH};

/// Wall-clock milliseconds since the Unix epoch: the web view's `performance.timeOrigin +
/// performance.now()` reads the same clock, so the two can be subtracted.
pub fn now_ms() -> f64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}
