//! The `tauri-driver` process: started on free loopback ports, stopped with SIGTERM.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

use crate::Result;

/// What tauri-driver, WebKitWebDriver and the app print, in the app's data directory.
pub(crate) const LOG_FILE: &str = "tauri-driver.log";

pub(crate) struct TauriDriver {
    child: Child,
    pub(crate) port: u16,
}

impl TauriDriver {
    /// Starts `tauri-driver` with `env` added to its environment, which it passes on to
    /// `WebKitWebDriver` and from there to the app.
    pub(crate) fn start(env: &[(String, String)], log_dir: &Path) -> Result<Self> {
        let port = free_port()?;
        let native_port = free_port()?;
        // Appended, so a relaunched app adds to what the earlier run printed.
        let log =
            std::fs::OpenOptions::new().create(true).append(true).open(log_dir.join(LOG_FILE))?;
        let child = Command::new("tauri-driver")
            .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .envs(env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log)
            .spawn()
            .map_err(|e| format!("cannot start tauri-driver (run scripts/setup): {e}"))?;
        let mut driver = Self { child, port };
        driver.wait_until_listening(Duration::from_secs(15))?;
        Ok(driver)
    }

    pub(crate) fn pid(&self) -> u32 {
        self.child.id()
    }

    fn wait_until_listening(&mut self, limit: Duration) -> Result<()> {
        let addr = SocketAddr::from(([127, 0, 0, 1], self.port));
        let started = Instant::now();
        while started.elapsed() < limit {
            if let Some(status) = self.child.try_wait()? {
                return Err(format!("tauri-driver exited early: {status}").into());
            }
            if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Err(format!("tauri-driver did not listen on {addr} within {limit:?}").into())
    }
}

impl Drop for TauriDriver {
    fn drop(&mut self) {
        let Ok(pid) = i32::try_from(self.child.id()) else {
            return;
        };
        // SIGTERM lets tauri-driver stop WebKitWebDriver (and with it the app) before it exits.
        if kill(Pid::from_raw(pid), Signal::SIGTERM).is_ok() {
            let deadline = Instant::now() + Duration::from_secs(10);
            while Instant::now() < deadline {
                if matches!(self.child.try_wait(), Ok(Some(_))) {
                    return;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        eprintln!("tauri-driver ignored SIGTERM; killing it");
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A loopback port that was free a moment ago. Tests run one at a time, so nobody races us to it.
fn free_port() -> Result<u16> {
    Ok(TcpListener::bind(("127.0.0.1", 0))?.local_addr()?.port())
}
