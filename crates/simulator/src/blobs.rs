//! Where file contents live: a folder beside the snapshot (`demo.json` → `demo.json.files/`),
//! or a temporary folder removed with the simulator when there is no snapshot. Contents are
//! streamed to and from these files, never held whole in memory: the Demo profile runs the
//! simulator inside the app, so a 50 MiB upload must not grow the app by 50 MiB.

use std::io;
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub struct Blobs {
    dir: PathBuf,
    // Kept only so that the temporary folder lives as long as the simulator.
    _temp: Option<tempfile::TempDir>,
}

impl Blobs {
    pub fn for_snapshot(snapshot: Option<&Path>) -> io::Result<Self> {
        match snapshot {
            Some(path) => {
                let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
                name.push(".files");
                let dir = path.with_file_name(name);
                std::fs::create_dir_all(&dir)?;
                Ok(Self { dir, _temp: None })
            }
            None => {
                let temp = tempfile::Builder::new().prefix("managed-agents-sim-").tempdir()?;
                Ok(Self { dir: temp.path().to_owned(), _temp: Some(temp) })
            }
        }
    }

    /// The content of file `id` (ids are `file_…` with no separator, made by the simulator).
    pub fn path(&self, id: &str) -> PathBuf {
        self.dir.join(id)
    }

    /// Where an upload is written until it is complete, so a cut-off upload leaves no file.
    pub fn partial_path(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}.part"))
    }

    /// Writes a small content at once (the demo's outputs).
    pub fn write(&self, id: &str, bytes: &[u8]) -> io::Result<()> {
        std::fs::write(self.path(id), bytes)
    }

    /// Removes a file's content; a missing one is not an error.
    pub fn remove(&self, id: &str) {
        let _ = std::fs::remove_file(self.path(id));
    }
}
