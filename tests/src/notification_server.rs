//! A stand-in for the desktop's notification server (`org.freedesktop.Notifications`, the
//! Desktop Notifications Specification) on the test's session bus: it records every
//! notification the app sends and, when the test says so, reports what a person did with one
//! (`ActionInvoked`, `NotificationClosed`), as a real server does. Linux only.
//!
//! Start it before the app: it must own the bus name when the app sends its first notification.
//! The window tests run under `dbus-run-session`, whose bus has no other notification server.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use zbus::object_server::SignalEmitter;
use zbus::zvariant::OwnedValue;
use zbus::{Connection, interface};

use crate::Result;

const NAME: &str = "org.freedesktop.Notifications";
const PATH: &str = "/org/freedesktop/Notifications";
/// How long a test waits for a notification.
const PATIENCE: Duration = Duration::from_secs(60);

/// One notification as the app sent it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    /// The id the server gave it: what the signals about it carry.
    pub id: u32,
    pub app_name: String,
    pub summary: String,
    pub body: String,
    /// Its actions as sent: key, label, key, label, …
    pub actions: Vec<String>,
}

impl Shown {
    /// The keys of its actions (`default` is the click on the notification itself).
    pub fn action_keys(&self) -> Vec<&str> {
        self.actions.iter().step_by(2).map(String::as_str).collect()
    }

    /// The label of the action `key`.
    pub fn label(&self, key: &str) -> Option<&str> {
        let at = self.actions.iter().step_by(2).position(|k| k == key)?;
        self.actions.get(at * 2 + 1).map(String::as_str)
    }
}

struct Server {
    shown: Arc<Mutex<Vec<Shown>>>,
}

#[interface(name = "org.freedesktop.Notifications")]
impl Server {
    fn get_capabilities(&self) -> Vec<String> {
        vec!["actions".to_owned(), "body".to_owned()]
    }

    fn get_server_information(&self) -> (String, String, String, String) {
        let info = ["agent-desk-e2e stand-in", "agent-desk", env!("CARGO_PKG_VERSION"), "1.2"];
        info.map(str::to_owned).into()
    }

    #[allow(clippy::too_many_arguments)]
    fn notify(
        &self,
        app_name: String,
        replaces_id: u32,
        _app_icon: String,
        summary: String,
        body: String,
        actions: Vec<String>,
        _hints: HashMap<String, OwnedValue>,
        _expire_timeout: i32,
    ) -> u32 {
        let mut shown = self.shown.lock().unwrap_or_else(|e| e.into_inner());
        let id = match replaces_id {
            0 => u32::try_from(shown.len()).unwrap_or(u32::MAX - 1) + 1,
            id => id,
        };
        shown.push(Shown { id, app_name, summary, body, actions });
        id
    }

    /// Closed by the app: reported with reason 3 ("closed by a call to CloseNotification").
    async fn close_notification(
        &self,
        id: u32,
        #[zbus(signal_emitter)] emitter: SignalEmitter<'_>,
    ) -> zbus::fdo::Result<()> {
        Self::notification_closed(&emitter, id, 3).await?;
        Ok(())
    }

    #[zbus(signal)]
    async fn action_invoked(
        emitter: &SignalEmitter<'_>,
        id: u32,
        action_key: &str,
    ) -> zbus::Result<()>;

    #[zbus(signal)]
    async fn notification_closed(
        emitter: &SignalEmitter<'_>,
        id: u32,
        reason: u32,
    ) -> zbus::Result<()>;
}

/// The stand-in server; it gives the bus name up when dropped.
pub struct NotificationServer {
    connection: Connection,
    shown: Arc<Mutex<Vec<Shown>>>,
}

impl NotificationServer {
    /// Takes `org.freedesktop.Notifications` on the session bus; fails if another owns it.
    pub async fn start() -> Result<Self> {
        let shown = Arc::new(Mutex::new(Vec::new()));
        let server = Server { shown: Arc::clone(&shown) };
        let connection = zbus::connection::Builder::session()?
            .serve_at(PATH, server)?
            .name(NAME)?
            .build()
            .await
            .map_err(|e| format!("cannot own {NAME} on the session bus: {e}"))?;
        Ok(Self { connection, shown })
    }

    /// Every notification received so far, oldest first.
    pub fn shown(&self) -> Vec<Shown> {
        self.shown.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Waits for a notification for which `wanted` holds, and returns the first one.
    pub async fn wait_for(&self, what: &str, wanted: impl Fn(&Shown) -> bool) -> Result<Shown> {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(found) = self.shown().into_iter().find(|n| wanted(n)) {
                return Ok(found);
            }
            if Instant::now() > deadline {
                return Err(format!("no notification {what}; received: {:#?}", self.shown()).into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Reports that the person chose action `key` of notification `id` (`default` for a click
    /// on the notification itself), then that the notification closed, as servers do.
    pub async fn invoke(&self, id: u32, key: &str) -> Result<()> {
        let emitter = self.emitter().await?;
        Server::action_invoked(&emitter, id, key).await?;
        // Reason 2: dismissed by the user.
        Server::notification_closed(&emitter, id, 2).await?;
        Ok(())
    }

    /// Reports that notification `id` closed with `reason` (1 expired, 2 dismissed).
    pub async fn close(&self, id: u32, reason: u32) -> Result<()> {
        Server::notification_closed(&self.emitter().await?, id, reason).await?;
        Ok(())
    }

    async fn emitter(&self) -> Result<SignalEmitter<'static>> {
        let iface = self.connection.object_server().interface::<_, Server>(PATH).await?;
        Ok(iface.signal_emitter().clone())
    }
}
