//! File transfers between this machine and the API: which local files the web view may upload
//! (only those the person chose in the dialog or dropped on the window, so a web view running
//! hostile content cannot send `~/.ssh` anywhere), the running transfers it may cancel, and
//! progress reports spaced out for IPC.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use futures_util::future::{AbortHandle, Abortable};
use serde::{Deserialize, Serialize};

/// The Files API's documented per-file limit (500 MB).
pub const MAX_UPLOAD_BYTES: u64 = 500 * 1000 * 1000;

/// A local file the person chose or dropped, as the upload list shows it before sending.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct LocalFile {
    pub path: String,
    pub name: String,
    pub size_bytes: u64,
    pub mime_type: String,
    /// Why it cannot be uploaded (a folder, too large, unreadable); nothing is sent for it.
    pub problem: Option<String>,
}

/// Files the person dropped on the window, already allowed for upload. Rust takes them from
/// the window's own drop event, so the web view learns of a path only when a person dropped it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type, tauri_specta::Event)]
#[tauri_specta(event_name = "files://dropped")]
pub struct FilesDropped {
    pub files: Vec<LocalFile>,
}

/// How far a transfer has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct TransferProgress {
    pub done: u64,
    pub total: u64,
}

#[derive(Debug, Default)]
pub struct Transfers {
    allowed: Mutex<HashSet<PathBuf>>,
    running: Mutex<HashMap<String, AbortHandle>>,
    /// Transfers cancelled before their command got to run them (the click raced the start).
    cancelled_early: Mutex<HashSet<String>>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Transfers {
    /// Lets the web view upload `paths` (chosen or dropped by the person).
    pub fn allow(&self, paths: &[PathBuf]) {
        lock(&self.allowed).extend(paths.iter().cloned());
    }

    /// [`Transfers::allow`], then each path as the upload list shows it.
    pub fn allow_and_describe(&self, paths: &[PathBuf]) -> Vec<LocalFile> {
        self.allow(paths);
        paths.iter().map(|path| describe(path)).collect()
    }

    pub fn is_allowed(&self, path: &Path) -> bool {
        lock(&self.allowed).contains(path)
    }

    /// Runs `work` as transfer `id`, which [`Transfers::cancel`] stops; `None` if it was.
    /// Stopping drops the future, and with it the request and its connection.
    pub async fn run<F: Future>(&self, id: &str, work: F) -> Option<F::Output> {
        if lock(&self.cancelled_early).remove(id) {
            return None;
        }
        let (handle, registration) = AbortHandle::new_pair();
        lock(&self.running).insert(id.to_owned(), handle);
        let _done = Unregister { transfers: self, id };
        Abortable::new(work, registration).await.ok()
    }

    /// [`Transfers::run`] for a command: its error becomes the web view's, `Ok(None)` is a
    /// cancel.
    pub async fn run_cancellable<T, E: Into<crate::error::IpcError>>(
        &self,
        id: &str,
        work: impl Future<Output = Result<T, E>>,
    ) -> Result<Option<T>, crate::error::IpcError> {
        match self.run(id, work).await {
            Some(result) => result.map(Some).map_err(Into::into),
            None => Ok(None),
        }
    }

    /// Cancels transfer `id`, now or as soon as it starts; true if it was running.
    pub fn cancel(&self, id: &str) -> bool {
        let running = lock(&self.running).remove(id).map(|h| h.abort()).is_some();
        if !running {
            lock(&self.cancelled_early).insert(id.to_owned());
        }
        running
    }
}

struct Unregister<'a> {
    transfers: &'a Transfers,
    id: &'a str,
}

impl Drop for Unregister<'_> {
    fn drop(&mut self) {
        lock(&self.transfers.running).remove(self.id);
    }
}

/// What the upload list needs to know of `path`, and why it cannot go if it cannot.
pub fn describe(path: &Path) -> LocalFile {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mime_type = mime_guess::from_path(path).first_or_octet_stream().essence_str().to_owned();
    let (size_bytes, problem) = match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => {
            (0, Some("is a folder: choose the files inside it, or a .zip of it".to_owned()))
        }
        Ok(m) if m.len() > MAX_UPLOAD_BYTES => (
            m.len(),
            Some(format!("is {}; the Files API takes files up to 500 MB", megabytes(m.len()))),
        ),
        Ok(m) => (m.len(), None),
        Err(e) => (0, Some(format!("cannot be read: {e}"))),
    };
    LocalFile { path: path.display().to_string(), name, size_bytes, mime_type, problem }
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

/// A progress callback that passes on at most one report per 100 ms, plus the last one, so a
/// fast transfer does not flood IPC. A restart from 0 (a retried upload) is passed on at once.
pub fn spaced(
    total: u64,
    send: impl Fn(TransferProgress) + Send + Sync + 'static,
) -> Arc<dyn Fn(u64) + Send + Sync> {
    let last: Mutex<Option<(Instant, u64)>> = Mutex::new(None);
    Arc::new(move |done| {
        let mut last = lock(&last);
        let due = match *last {
            None => true,
            Some((at, before)) => {
                done >= total || done < before || at.elapsed() >= Duration::from_millis(100)
            }
        };
        if due {
            *last = Some((Instant::now(), done));
            send(TransferProgress { done, total });
        }
    })
}

/// A name from the API (untrusted: an agent chose it) made safe as one file name: its last
/// path component, without control characters; never empty, `.` or `..`.
pub fn safe_file_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = last
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, ':' | '*' | '?' | '"' | '<' | '>' | '|'))
        .collect();
    let clean = clean.trim().trim_start_matches('.').to_owned();
    if clean.is_empty() { "download".to_owned() } else { clean }
}

/// `dir/name`, or `dir/stem (2).ext` and so on when that is taken (also by `taken`, the names
/// chosen earlier in the same batch).
pub fn free_path(dir: &Path, name: &str, taken: &HashSet<PathBuf>) -> PathBuf {
    let name = safe_file_name(name);
    let candidate = dir.join(&name);
    if !candidate.exists() && !taken.contains(&candidate) {
        return candidate;
    }
    let (stem, ext) = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => (stem.to_owned(), format!(".{ext}")),
        _ => (name.clone(), String::new()),
    };
    (2..)
        .map(|n| dir.join(format!("{stem} ({n}){ext}")))
        .find(|p| !p.exists() && !taken.contains(p))
        .unwrap_or(candidate)
}

/// The temporary name a download is written under until it is complete.
pub fn partial_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".part");
    path.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_the_api_cannot_leave_the_folder() {
        assert_eq!(safe_file_name("../../.bashrc"), "bashrc");
        assert_eq!(safe_file_name("/etc/passwd"), "passwd");
        assert_eq!(safe_file_name("a\\b\\c.txt"), "c.txt");
        assert_eq!(safe_file_name(".."), "download");
        assert_eq!(safe_file_name("re\u{7}port\n.txt"), "report.txt");
        assert_eq!(safe_file_name("what?.txt"), "what.txt");
    }

    #[test]
    fn a_taken_name_gets_a_number() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("report.txt"), "x").unwrap();
        let mut taken = HashSet::new();
        let second = free_path(dir.path(), "report.txt", &taken);
        assert_eq!(second, dir.path().join("report (2).txt"));
        taken.insert(second);
        assert_eq!(free_path(dir.path(), "report.txt", &taken), dir.path().join("report (3).txt"));
        assert_eq!(free_path(dir.path(), "chart.png", &taken), dir.path().join("chart.png"));
    }

    #[test]
    fn a_folder_and_a_missing_file_are_described_with_their_problem() {
        let dir = tempfile::tempdir().unwrap();
        assert!(describe(dir.path()).problem.unwrap().contains("folder"));
        assert!(describe(&dir.path().join("gone")).problem.unwrap().contains("cannot be read"));
        let file = dir.path().join("notes.md");
        std::fs::write(&file, "# hi").unwrap();
        let described = describe(&file);
        assert_eq!((described.size_bytes, described.problem), (4, None));
        assert_eq!(described.mime_type, "text/markdown");
    }

    #[test]
    fn only_chosen_paths_may_be_uploaded() {
        let transfers = Transfers::default();
        transfers.allow(&[PathBuf::from("/tmp/chosen.txt")]);
        assert!(transfers.is_allowed(Path::new("/tmp/chosen.txt")));
        assert!(!transfers.is_allowed(Path::new("/home/me/.ssh/id_ed25519")));
    }

    #[test]
    fn progress_is_spaced_but_the_end_always_arrives() {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&seen);
        let report = spaced(1000, move |p| sink.lock().unwrap().push(p.done));
        for done in (0..=1000).step_by(10) {
            report(done);
        }
        let seen = seen.lock().unwrap();
        assert_eq!(seen.first(), Some(&0));
        assert_eq!(seen.last(), Some(&1000));
        assert!(seen.len() < 10, "{seen:?}");
    }

    #[tokio::test]
    async fn a_cancelled_transfer_ends_with_none() {
        let transfers = Arc::new(Transfers::default());
        let running = Arc::clone(&transfers);
        let task =
            tokio::spawn(async move { running.run("t1", std::future::pending::<()>()).await });
        tokio::task::yield_now().await;
        transfers.cancel("t1");
        assert_eq!(task.await.unwrap(), None);
        // A cancel that comes before the start stops it as it starts.
        transfers.cancel("t2");
        assert_eq!(transfers.run("t2", async { 1 }).await, None);
        assert_eq!(transfers.run("t2", async { 1 }).await, Some(1), "once only");
    }
}
