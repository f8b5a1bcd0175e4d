//! How a simulator instance is started.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use crate::faults::Faults;

/// How fast the demo agent "types" its messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypingSpeed {
    /// No delays at all: tests and benchmarks use this.
    Instant,
    /// Characters per second for `event_delta` previews; pauses between events scale with it.
    CharsPerSecond(u32),
}

impl Default for TypingSpeed {
    fn default() -> Self {
        Self::CharsPerSecond(300)
    }
}

impl TypingSpeed {
    /// The delay for `chars` characters of output.
    pub(crate) fn delay_for(self, chars: usize) -> Duration {
        match self {
            Self::Instant => Duration::ZERO,
            Self::CharsPerSecond(0) => Duration::ZERO,
            Self::CharsPerSecond(cps) => {
                Duration::from_micros((chars as u64).saturating_mul(1_000_000) / u64::from(cps))
            }
        }
    }
}

/// Everything [`crate::start`] needs.
#[derive(Debug, Clone)]
pub struct SimConfig {
    /// Address to bind; `127.0.0.1:0` lets the OS pick a free port.
    pub bind: SocketAddr,
    /// Snapshot file. Loaded at start if present, rewritten (temp file, then rename) after changes.
    pub snapshot: Option<PathBuf>,
    /// Typing speed of the demo agent.
    pub typing: TypingSpeed,
    /// Fault injection at start; change it later with [`crate::SimHandle::set_faults`].
    pub faults: Faults,
    /// Interval of `event: ping` keep-alives on open streams.
    pub ping_interval: Duration,
}

impl Default for SimConfig {
    fn default() -> Self {
        Self {
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            snapshot: None,
            typing: TypingSpeed::default(),
            faults: Faults::default(),
            ping_interval: Duration::from_secs(15),
        }
    }
}
