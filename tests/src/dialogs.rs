//! The debug build's stand-in for the native open, save and folder dialogs
//! (`AGENT_DESK_TEST_DIALOGS`): a test writes the answer, then clicks.

use std::path::{Path, PathBuf};

use crate::Result;

/// A folder of answers for one app.
pub struct Dialogs {
    dir: PathBuf,
}

impl Dialogs {
    /// Answers kept in a new folder `dialogs` under `parent`.
    pub fn new(parent: &Path) -> Result<Self> {
        let dir = parent.join("dialogs");
        std::fs::create_dir_all(&dir)?;
        Ok(Self { dir })
    }

    /// The folder, for `AGENT_DESK_TEST_DIALOGS`.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Answers the next dialogs of `kind` (`open`, `save`, `folder`) with `paths`.
    pub fn answer(&self, kind: &str, paths: &[&Path]) -> Result<()> {
        let lines: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        std::fs::write(self.dir.join(kind), lines.join("\n"))?;
        Ok(())
    }
}
