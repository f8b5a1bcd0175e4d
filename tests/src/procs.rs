//! Reading the app's process tree from `/proc`, for the memory figures of the benchmarks.

use std::collections::HashMap;

use crate::Result;

/// CPU time (user + system, in clock ticks) used so far by every process below `root`,
/// excluding the WebDriver plumbing.
pub(crate) fn cpu_ticks_of_descendants(root: u32) -> Result<u64> {
    let mut parent_of = HashMap::new();
    let mut ticks_of = HashMap::new();
    for entry in std::fs::read_dir("/proc")? {
        let Some(pid) = entry?.file_name().to_str().and_then(|n| n.parse::<u32>().ok()) else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else { continue };
        // The name is in parentheses and may hold spaces: the fields start after the last ')'.
        let Some((head, rest)) = stat.rsplit_once(')') else { continue };
        let name = head.split_once('(').map_or("", |(_, n)| n);
        let fields: Vec<&str> = rest.split_whitespace().collect();
        let field = |i: usize| fields.get(i).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
        // After the name: state(0) ppid(1) … utime(11) stime(12).
        parent_of.insert(pid, u32::try_from(field(1)).unwrap_or(0));
        if !name.starts_with("WebKitWebDriver") {
            ticks_of.insert(pid, field(11) + field(12));
        }
    }
    let below = |mut pid: u32| {
        while let Some(&parent) = parent_of.get(&pid) {
            if parent == root {
                return true;
            }
            pid = parent;
        }
        false
    };
    Ok(ticks_of.iter().filter(|(pid, _)| below(**pid)).map(|(_, t)| t).sum())
}

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

/// The first process below `root` whose name starts with `name`.
pub(crate) fn descendant_named(root: u32, name: &str) -> Result<Option<u32>> {
    let mut parent_of = HashMap::new();
    let mut named = Vec::new();
    for entry in std::fs::read_dir("/proc")? {
        let Some(pid) = entry?.file_name().to_str().and_then(|n| n.parse::<u32>().ok()) else {
            continue;
        };
        let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status")) else { continue };
        let field = |key: &str| status.lines().find_map(|l| l.strip_prefix(key)).map(str::trim);
        let Some(ppid) = field("PPid:").and_then(|p| p.parse::<u32>().ok()) else { continue };
        parent_of.insert(pid, ppid);
        if field("Name:").is_some_and(|n| n.starts_with(name)) {
            named.push(pid);
        }
    }
    Ok(named.into_iter().find(|pid| {
        let mut at = *pid;
        while let Some(&parent) = parent_of.get(&at) {
            if parent == root {
                return true;
            }
            at = parent;
        }
        false
    }))
}

/// One process's resident memory now and at its peak, with the peak resettable (Linux keeps
/// the high-water mark `VmHWM`; writing 5 to `clear_refs` starts it again from now).
#[derive(Debug, Clone, Copy)]
pub struct PeakMemory {
    pub pid: u32,
}

impl PeakMemory {
    /// Starts the peak again from the current resident size.
    pub fn reset(&self) -> Result<()> {
        std::fs::write(format!("/proc/{}/clear_refs", self.pid), "5")?;
        Ok(())
    }

    /// `(VmRSS, VmHWM)` in KiB.
    pub fn read(&self) -> Result<(u64, u64)> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid))?;
        let kib = |key: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(key))
                .and_then(|v| v.trim().trim_end_matches(" kB").parse::<u64>().ok())
                .ok_or_else(|| format!("no {key} in /proc/{}/status", self.pid))
        };
        Ok((kib("VmRSS:")?, kib("VmHWM:")?))
    }
}
