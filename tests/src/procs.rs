//! Reading the app's process tree from `/proc`, for the memory figures of the benchmarks.

use std::collections::HashMap;

use crate::Result;

/// The resident memory (VmRSS, KiB) of every process below `root`, excluding the WebDriver
/// plumbing, summed per process name.
pub(crate) fn resident_kib_of_descendants(root: u32) -> Result<Vec<(String, u64)>> {
    let mut parent_of = HashMap::new();
    let mut rss_of = HashMap::new();
    for entry in std::fs::read_dir("/proc")? {
        let Some(pid) = entry?.file_name().to_str().and_then(|n| n.parse::<u32>().ok()) else {
            continue;
        };
        // A process can end between listing and reading; skip it.
        let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status")) else { continue };
        let field = |name: &str| {
            status.lines().find_map(|l| l.strip_prefix(name)).map(|v| v.trim().to_owned())
        };
        let (Some(name), Some(ppid)) = (field("Name:"), field("PPid:")) else { continue };
        let rss = field("VmRSS:").and_then(|v| v.trim_end_matches(" kB").parse::<u64>().ok());
        parent_of.insert(pid, ppid.parse::<u32>().unwrap_or(0));
        rss_of.insert(pid, (name, rss.unwrap_or(0)));
    }
    let is_below_root = |mut pid: u32| {
        while let Some(&parent) = parent_of.get(&pid) {
            if parent == root {
                return true;
            }
            pid = parent;
        }
        false
    };
    let mut totals: HashMap<String, u64> = HashMap::new();
    for (pid, (name, rss)) in &rss_of {
        if is_below_root(*pid) && !name.starts_with("WebKitWebDriver") {
            *totals.entry(name.clone()).or_default() += rss;
        }
    }
    let mut totals: Vec<_> = totals.into_iter().collect();
    totals.sort();
    Ok(totals)
}
