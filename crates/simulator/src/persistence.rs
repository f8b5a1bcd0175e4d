//! The optional snapshot file. Written to a temporary file and renamed over the old one, so a
//! crash mid-write leaves the previous snapshot intact.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::state::Store;

/// Loads a snapshot; a missing file is an empty store. Sessions that were mid-turn come back
/// idle: their turn belonged to the old process.
pub fn load(path: &Path) -> std::io::Result<Store> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Store::default()),
        Err(e) => return Err(e),
    };
    let mut store: Store = serde_json::from_slice(&bytes).map_err(std::io::Error::other)?;
    for rec in store.sessions.values_mut() {
        if rec.status == "running" || rec.status == "rescheduling" {
            rec.status = "idle".to_owned();
        }
        rec.running_since = None;
        rec.queue.clear();
        rec.pending.clear();
    }
    crate::ids::seed_counter(store.id_counter);
    Ok(store)
}

fn temp_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".tmp");
    path.with_file_name(name)
}

/// Serialises the store (the caller holds the lock only for this).
pub fn serialize(store: &mut Store) -> Vec<u8> {
    store.id_counter = crate::ids::counter();
    serde_json::to_vec(store).unwrap_or_default()
}

/// Writes bytes to `path` atomically: temp file, fsync, rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let temp = temp_path(path);
    let mut file = std::fs::File::create(&temp)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    std::fs::rename(&temp, path)
}
