//! The one way to the OS keychain. API keys are stored here and nowhere else.
//!
//! Every call runs on one worker thread, one at a time, and the caller waits at most
//! [`CALL_TIMEOUT`]: a locked keychain may sit on an unlock prompt, and the app must neither
//! hang nor run two prompts at once. If no keychain is usable at start (no Secret Service on
//! the session bus, keyring compiled without a platform store, …) the app fails closed: keys
//! are kept in memory for this run only and the UI says so. There is no file fallback.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError, mpsc};
use std::time::Duration;

use serde::Serialize;
use tokio::sync::oneshot;

/// How long one keychain call may take before the app gives up on it.
pub const CALL_TIMEOUT: Duration = Duration::from_secs(10);

/// The account name under which a profile's key is stored.
pub fn account_of(profile_id: &str) -> String {
    format!("profile:{profile_id}")
}

/// Where keys are kept this run, as the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum KeyStorage {
    /// The OS keychain: keys survive a restart.
    Keychain,
    /// No keychain was usable: keys last until the app quits.
    Memory { reason: String },
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeychainError {
    #[error("The keychain did not answer within {} s (is it locked?).", CALL_TIMEOUT.as_secs())]
    Timeout,
    #[error("The keychain failed: {0}")]
    Failed(String),
}

/// What the worker thread talks to: the OS store, or memory.
trait SecretStore: Send {
    fn get(&mut self, account: &str) -> Result<Option<String>, KeychainError>;
    fn set(&mut self, account: &str, secret: &str) -> Result<(), KeychainError>;
    fn delete(&mut self, account: &str) -> Result<(), KeychainError>;
}

struct OsStore {
    service: String,
}

impl OsStore {
    fn entry(&self, account: &str) -> Result<keyring::Entry, KeychainError> {
        keyring::Entry::new(&self.service, account).map_err(failed)
    }

    /// Whether the platform store answers at all. keyring falls back to its mock store (which
    /// forgets every key) when built without a platform feature, so that is refused too.
    fn probe(&self) -> Result<(), String> {
        let entry = self.entry("probe").map_err(|e| e.to_string())?;
        if entry.get_credential().downcast_ref::<keyring::mock::MockCredential>().is_some() {
            return Err("this build has no platform keychain (keyring's mock store)".into());
        }
        match entry.get_password() {
            Ok(_) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(e.to_string()),
        }
    }
}

impl SecretStore for OsStore {
    fn get(&mut self, account: &str) -> Result<Option<String>, KeychainError> {
        match self.entry(account)?.get_password() {
            Ok(secret) => Ok(Some(secret)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(failed(e)),
        }
    }

    fn set(&mut self, account: &str, secret: &str) -> Result<(), KeychainError> {
        self.entry(account)?.set_password(secret).map_err(failed)
    }

    fn delete(&mut self, account: &str) -> Result<(), KeychainError> {
        match self.entry(account)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(failed(e)),
        }
    }
}

fn failed(error: keyring::Error) -> KeychainError {
    KeychainError::Failed(error.to_string())
}

#[derive(Default)]
struct MemoryStore(HashMap<String, String>);

impl SecretStore for MemoryStore {
    fn get(&mut self, account: &str) -> Result<Option<String>, KeychainError> {
        Ok(self.0.get(account).cloned())
    }

    fn set(&mut self, account: &str, secret: &str) -> Result<(), KeychainError> {
        self.0.insert(account.to_owned(), secret.to_owned());
        Ok(())
    }

    fn delete(&mut self, account: &str) -> Result<(), KeychainError> {
        self.0.remove(account);
        Ok(())
    }
}

type Job = Box<dyn FnOnce(&mut dyn SecretStore) + Send>;

/// A handle to the keychain worker. Cheap to clone; the worker ends with the last handle.
#[derive(Clone)]
pub struct Keychain {
    jobs: Arc<Mutex<mpsc::Sender<Job>>>,
    storage: KeyStorage,
    timeout: Duration,
}

impl Keychain {
    /// Opens the OS keychain under `service` (the app's identifier, so that builds with another
    /// identifier never see these keys), or memory if it is unusable. Blocks for the probe.
    pub fn open(service: &str) -> Self {
        let store = OsStore { service: service.to_owned() };
        let (tx, rx) = std::sync::mpsc::channel();
        let probe = std::thread::Builder::new()
            .name("keychain-probe".into())
            .spawn(move || {
                let _ = tx.send(store.probe().map(|()| store));
            })
            .map_err(|e| e.to_string());
        let outcome = match probe {
            Ok(_) => rx.recv_timeout(CALL_TIMEOUT).unwrap_or_else(|_| {
                Err(format!("the keychain did not answer within {} s", CALL_TIMEOUT.as_secs()))
            }),
            Err(e) => Err(e),
        };
        match outcome {
            Ok(store) => Self::start(Box::new(store), KeyStorage::Keychain, CALL_TIMEOUT),
            Err(reason) => Self::memory(reason),
        }
    }

    /// Keys in memory only, for this run: the fail-closed mode, and the store of unit tests.
    pub fn memory(reason: impl Into<String>) -> Self {
        let storage = KeyStorage::Memory { reason: reason.into() };
        Self::start(Box::<MemoryStore>::default(), storage, CALL_TIMEOUT)
    }

    fn start(mut store: Box<dyn SecretStore>, storage: KeyStorage, timeout: Duration) -> Self {
        let (jobs, rx) = mpsc::channel::<Job>();
        // If the thread cannot start, every call fails with "the worker is gone" below.
        let _ = std::thread::Builder::new().name("keychain".into()).spawn(move || {
            while let Ok(job) = rx.recv() {
                job(store.as_mut());
            }
        });
        Self { jobs: Arc::new(Mutex::new(jobs)), storage, timeout }
    }

    pub fn storage(&self) -> &KeyStorage {
        &self.storage
    }

    pub async fn get(&self, profile_id: &str) -> Result<Option<String>, KeychainError> {
        let account = account_of(profile_id);
        self.call(move |store| store.get(&account)).await
    }

    pub async fn set(&self, profile_id: &str, secret: String) -> Result<(), KeychainError> {
        let account = account_of(profile_id);
        self.call(move |store| store.set(&account, &secret)).await
    }

    pub async fn delete(&self, profile_id: &str) -> Result<(), KeychainError> {
        let account = account_of(profile_id);
        self.call(move |store| store.delete(&account)).await
    }

    async fn call<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut dyn SecretStore) -> Result<T, KeychainError> + Send + 'static,
    ) -> Result<T, KeychainError> {
        let (reply, answer) = oneshot::channel();
        let job: Job = Box::new(move |store| {
            let _ = reply.send(work(store));
        });
        let sent = self.jobs.lock().unwrap_or_else(PoisonError::into_inner).send(job);
        if sent.is_err() {
            return Err(KeychainError::Failed("the keychain worker is gone".into()));
        }
        match tokio::time::timeout(self.timeout, answer).await {
            Ok(Ok(result)) => result,
            Ok(Err(_)) => Err(KeychainError::Failed("the keychain worker is gone".into())),
            Err(_) => Err(KeychainError::Timeout),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A store that never answers, as a keychain waiting on an unlock prompt.
    struct Stuck;

    impl SecretStore for Stuck {
        fn get(&mut self, _: &str) -> Result<Option<String>, KeychainError> {
            std::thread::sleep(Duration::from_secs(3600));
            Ok(None)
        }
        fn set(&mut self, _: &str, _: &str) -> Result<(), KeychainError> {
            Ok(())
        }
        fn delete(&mut self, _: &str) -> Result<(), KeychainError> {
            Ok(())
        }
    }

    #[tokio::test]
    async fn memory_keys_round_trip_per_profile() {
        let keychain = Keychain::memory("test");
        assert_eq!(keychain.get("a").await, Ok(None));
        keychain.set("a", "sk-ant-one".into()).await.unwrap();
        keychain.set("b", "sk-ant-two".into()).await.unwrap();
        assert_eq!(keychain.get("a").await, Ok(Some("sk-ant-one".into())));
        keychain.delete("a").await.unwrap();
        keychain.delete("a").await.unwrap();
        assert_eq!(keychain.get("a").await, Ok(None));
        assert_eq!(keychain.get("b").await, Ok(Some("sk-ant-two".into())));
        assert!(matches!(keychain.storage(), KeyStorage::Memory { .. }));
    }

    #[tokio::test]
    async fn a_keychain_that_does_not_answer_times_out_and_blocks_nothing_else() {
        let keychain =
            Keychain::start(Box::new(Stuck), KeyStorage::Keychain, Duration::from_millis(100));
        assert_eq!(keychain.get("a").await, Err(KeychainError::Timeout));
        // Calls queue behind the stuck one (one at a time) and time out too, without hanging.
        assert_eq!(keychain.set("a", "k".into()).await, Err(KeychainError::Timeout));
    }

    /// A name of our own in the OS keychain, so runs never see each other's keys.
    pub(crate) fn test_service() -> String {
        format!("dev.agentdesk.test.{}", fastrand::u64(..))
    }

    /// Needs a Secret Service: `scripts/test` runs these in a private D-Bus session with
    /// gnome-keyring (`cargo test -p agent-desk -- --ignored os_keychain`).
    #[tokio::test]
    #[ignore = "needs a Secret Service; scripts/test provides one"]
    async fn os_keychain_keeps_a_key_for_the_next_run_and_forgets_it_on_delete() {
        let service = test_service();
        let first = Keychain::open(&service);
        assert_eq!(first.storage(), &KeyStorage::Keychain, "a usable Secret Service");
        first.set("p_1", "sk-ant-api03-os-keychain".into()).await.unwrap();

        // A new handle is a new run: it finds the key in the OS store, not in our memory.
        let next_run = Keychain::open(&service);
        assert_eq!(next_run.get("p_1").await.unwrap().as_deref(), Some("sk-ant-api03-os-keychain"));
        assert_eq!(next_run.get("p_2").await.unwrap(), None);
        next_run.delete("p_1").await.unwrap();
        assert_eq!(Keychain::open(&service).get("p_1").await.unwrap(), None);
        next_run.delete("p_1").await.unwrap();
    }

    /// Without a session bus there is no Secret Service: the app must keep keys in memory and
    /// say so, never fall back to a file. Run in a child process whose environment has no bus.
    #[test]
    fn without_a_session_bus_keys_stay_in_memory() {
        let test = std::env::current_exe().unwrap();
        let output = std::process::Command::new(test)
            .args(["--exact", "keychain::tests::fail_closed_child", "--ignored", "--nocapture"])
            .env_remove("DBUS_SESSION_BUS_ADDRESS")
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .env("XDG_RUNTIME_DIR", std::env::temp_dir().join("agent-desk-no-bus"))
            .output()
            .unwrap();
        let printed = String::from_utf8_lossy(&output.stdout);
        assert!(output.status.success(), "{printed}{}", String::from_utf8_lossy(&output.stderr));
        assert!(printed.contains("1 passed"), "the child test ran: {printed}");
    }

    #[tokio::test]
    #[ignore = "run by without_a_session_bus_keys_stay_in_memory, in an environment with no bus"]
    async fn fail_closed_child() {
        let keychain = Keychain::open(&test_service());
        let KeyStorage::Memory { reason } = keychain.storage() else {
            panic!("no bus, yet a keychain: {:?}", keychain.storage());
        };
        assert!(!reason.is_empty());
        keychain.set("p_1", "sk-ant-api03-memory-only".into()).await.unwrap();
        assert_eq!(keychain.get("p_1").await.unwrap().as_deref(), Some("sk-ant-api03-memory-only"));
    }
}
