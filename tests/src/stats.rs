//! What the benchmarks print of a set of timings.

/// "p50 …, p95 …, p99 …, max … ms" of `values`, or `None` when there are none.
pub fn spread(values: &[f64]) -> Option<String> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let last = sorted.len().checked_sub(1)?;
    let at = |q: f64| sorted[(last as f64 * q) as usize];
    Some(format!(
        "p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        at(0.5),
        at(0.95),
        at(0.99),
        at(1.0)
    ))
}
