//! Numbered screenshots of every step of a test, under `target/e2e-screenshots/<test>/`.

use std::path::{Path, PathBuf};

use crate::Result;

pub(crate) struct Screenshots {
    dir: PathBuf,
    taken: u32,
}

impl Screenshots {
    pub(crate) fn for_test(test: &str) -> Result<Self> {
        let dir = target_dir().join("e2e-screenshots").join(test);
        // Start clean so a folder never mixes two runs.
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        std::fs::create_dir_all(&dir)?;
        Ok(Self { dir, taken: 0 })
    }

    pub(crate) fn next_path(&mut self, step: &str) -> PathBuf {
        self.taken += 1;
        let slug: String = step
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
            .collect();
        self.dir.join(format!("{:02}-{slug}.png", self.taken))
    }
}

/// The workspace's `target/` directory (or `CARGO_TARGET_DIR`).
pub(crate) fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap_or(Path::new(".")).join("target")
    })
}
