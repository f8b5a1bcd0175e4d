//! The day's spend of a profile, for its daily cap: the list cost its sessions accrued since
//! local midnight, summed over every session the monitor has listed today.
//!
//! A session's cost comes from `managed_agents::pricing`: the server's `usage.list_cost`, or the
//! price table where the server sends none. Its cost *today* is its cost now minus its cost at
//! local midnight. The API keeps no history of usage over time, so the cost at midnight is known
//! only for sessions created today (nothing) and for sessions this run saw before midnight (their
//! last cost before it). For an older session seen for the first time today, the first cost seen
//! stands in for it. What that misses: what such a session spent between midnight and the first
//! read of this run (the app started at 9:00, a session ran from 1:00 to 2:00: that hour is not
//! counted), and what sessions beyond the newest the monitor lists (100) spend. The figure can
//! be too low, never too high.
//!
//! A session that leaves the list (archived, deleted, pushed out) keeps what it spent today.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::Arc;

use chrono::{DateTime, Local, NaiveDate, Utc};
use managed_agents::pricing::{self, UNITS_PER_CENT};
use managed_agents::types::Session;
use serde::Serialize;

use crate::profiles::DailyCap;

/// The local day now: its date and the instant its midnight was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Today {
    pub date: NaiveDate,
    pub midnight: DateTime<Utc>,
}

impl Today {
    /// The local day of this machine now.
    pub fn local() -> Self {
        let now = Local::now();
        let date = now.date_naive();
        let midnight = date
            .and_hms_opt(0, 0, 0)
            .and_then(|m| m.and_local_timezone(Local).earliest())
            // A zone that skips midnight (a DST change at 0:00): the day began at its first hour.
            .or_else(|| date.and_hms_opt(1, 0, 0)?.and_local_timezone(Local).earliest())
            .map_or_else(|| now.with_timezone(&Utc), |m| m.with_timezone(&Utc));
        Self { date, midnight }
    }
}

/// Where the monitor learns the day: the machine's local clock, or a test's.
#[derive(Clone)]
pub struct Clock(Arc<dyn Fn() -> Today + Send + Sync>);

impl Clock {
    pub fn new(today: impl Fn() -> Today + Send + Sync + 'static) -> Self {
        Self(Arc::new(today))
    }

    pub fn today(&self) -> Today {
        (self.0)()
    }
}

impl Default for Clock {
    fn default() -> Self {
        Self::new(Today::local)
    }
}

impl fmt::Debug for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Clock")
    }
}

/// What the day's spend is against the profile's cap, in the monitor's summary. Absent while
/// the profile has no cap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct DailySpend {
    /// The local day it covers, `YYYY-MM-DD`.
    pub date: String,
    /// The list cost of the profile's sessions since local midnight, in whole US cents.
    pub spent_cents: u64,
    /// The profile's daily cap, in whole US cents.
    pub cap_cents: u64,
    /// The spend is at 80 % of the cap or more.
    pub near: bool,
    /// The spend reached the cap.
    pub reached: bool,
    /// The app interrupts the profile's running sessions at the cap.
    pub interrupts: bool,
    /// The sessions the app interrupted today because the cap was reached, oldest first.
    pub interrupted: Vec<String>,
}

/// One session's cost today, in units of 10⁻⁸ USD.
struct Spend {
    /// Its cost when the day began (or when first seen today, see the module's note).
    start: u64,
    /// Its cost at the latest read.
    now: u64,
    /// The day of the latest read that listed it.
    seen: NaiveDate,
}

/// One profile's day.
#[derive(Default)]
pub struct Ledger {
    date: Option<NaiveDate>,
    sessions: HashMap<String, Spend>,
    /// Interrupted today for the cap, oldest first.
    interrupted: Vec<String>,
    /// Sent an interrupt and not yet seen at rest: not sent another.
    interrupting: HashSet<String>,
    /// Every page of running sessions was read and interrupted once today.
    swept: bool,
}

impl Ledger {
    /// Starts a new day when the date changed: each session's cost at the last read before
    /// midnight is where its new day starts; one not listed in the day that ended is dropped.
    pub fn roll(&mut self, today: &Today) {
        let Some(date) = self.date else {
            self.date = Some(today.date);
            return;
        };
        if date == today.date {
            return;
        }
        self.sessions.retain(|_, s| s.seen == date);
        for spend in self.sessions.values_mut() {
            spend.start = spend.now;
        }
        self.date = Some(today.date);
        self.interrupted.clear();
        self.interrupting.clear();
        self.swept = false;
    }

    /// Takes what the list says of `session` now.
    pub fn see(&mut self, session: &Session, today: &Today) {
        let cost = pricing::session_cost(&session.usage, &session.agent.model).units;
        let spend = self.sessions.entry(session.id.clone()).or_insert_with(|| {
            let created_today = DateTime::parse_from_rfc3339(&session.created_at)
                .is_ok_and(|created| created >= today.midnight);
            Spend { start: if created_today { 0 } else { cost }, now: cost, seen: today.date }
        });
        spend.now = cost;
        spend.seen = today.date;
        if !matches!(
            session.status,
            managed_agents::types::SessionStatus::Running
                | managed_agents::types::SessionStatus::Rescheduling
        ) {
            // At rest: a later run is news, and gets its own interrupt.
            self.interrupting.remove(&session.id);
        }
    }

    /// What was spent today, in whole cents (rounded half up).
    pub fn spent_cents(&self) -> u64 {
        let units = self
            .sessions
            .values()
            .fold(0u64, |sum, s| sum.saturating_add(s.now.saturating_sub(s.start)));
        units.saturating_add(UNITS_PER_CENT / 2) / UNITS_PER_CENT
    }

    /// The day's spend against `cap`.
    pub fn against(&self, cap: &DailyCap) -> DailySpend {
        let spent = self.spent_cents();
        DailySpend {
            date: self.date.map(|d| d.to_string()).unwrap_or_default(),
            spent_cents: spent,
            cap_cents: cap.cents,
            near: u128::from(spent) * 10 >= u128::from(cap.cents) * 8,
            reached: spent >= cap.cents,
            interrupts: cap.interrupt,
            interrupted: self.interrupted.clone(),
        }
    }

    /// Whether an interrupt should go to `session` now: not while one sent earlier has not yet
    /// brought it to rest.
    pub fn should_interrupt(&self, session: &str) -> bool {
        !self.interrupting.contains(session)
    }

    /// An interrupt for the cap reached `session`.
    pub fn interrupted(&mut self, session: &str) {
        self.interrupting.insert(session.to_owned());
        if !self.interrupted.iter().any(|s| s == session) {
            self.interrupted.push(session.to_owned());
        }
    }

    /// Whether every page of running sessions still has to be read today: the first time the
    /// cap is reached, beyond the newest sessions the monitor lists.
    pub fn sweep_due(&self) -> bool {
        !self.swept
    }

    pub fn swept(&mut self) {
        self.swept = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use serde_json::json;

    fn today(date: (i32, u32, u32)) -> Today {
        let midnight = Utc.with_ymd_and_hms(date.0, date.1, date.2, 0, 0, 0).unwrap();
        Today { date: midnight.date_naive(), midnight }
    }

    fn session(id: &str, created: &str, cents: u64, status: &str) -> Session {
        serde_json::from_value(json!({
            "id": id, "type": "session", "status": status, "environment_id": "env_1",
            "agent": { "id": "agent_1", "type": "agent", "version": 1, "name": "A",
                       "model": { "id": "claude-sonnet-4-6" }, "tools": [], "mcp_servers": [],
                       "skills": [] },
            "usage": { "list_cost": { "amount": cents.to_string(), "currency": "USD" } },
            "created_at": created, "updated_at": created
        }))
        .unwrap()
    }

    const CAP: DailyCap = DailyCap { cents: 1000, interrupt: true };

    #[test]
    fn a_session_created_today_counts_whole_and_an_older_one_from_its_first_cost_today() {
        let day = today((2026, 8, 10));
        let mut ledger = Ledger::default();
        ledger.roll(&day);
        ledger.see(&session("new", "2026-08-10T09:00:00Z", 300, "running"), &day);
        ledger.see(&session("old", "2026-08-09T22:00:00Z", 5000, "running"), &day);
        assert_eq!(ledger.spent_cents(), 300);
        ledger.see(&session("new", "2026-08-10T09:00:00Z", 450, "running"), &day);
        ledger.see(&session("old", "2026-08-09T22:00:00Z", 5360, "running"), &day);
        // All of the new one's 450, and 360 of the old one's 5360.
        assert_eq!(ledger.spent_cents(), 450 + 360);
        let spend = ledger.against(&CAP);
        assert_eq!((spend.spent_cents, spend.near, spend.reached), (810, true, false));
        assert_eq!(spend.date, "2026-08-10");
    }

    #[test]
    fn it_warns_at_80_percent_and_says_when_the_cap_is_reached() {
        let day = today((2026, 8, 10));
        let mut ledger = Ledger::default();
        ledger.roll(&day);
        for (cents, near, reached) in [(799, false, false), (800, true, false), (1000, true, true)]
        {
            ledger.see(&session("s", "2026-08-10T09:00:00Z", cents, "running"), &day);
            let spend = ledger.against(&CAP);
            assert_eq!((spend.near, spend.reached), (near, reached), "{cents}");
        }
    }

    #[test]
    fn a_new_day_starts_each_session_where_the_last_one_left_it() {
        let (monday, tuesday) = (today((2026, 8, 10)), today((2026, 8, 11)));
        let mut ledger = Ledger::default();
        ledger.roll(&monday);
        ledger.see(&session("s", "2026-08-10T09:00:00Z", 900, "running"), &monday);
        ledger.interrupted("s");
        assert_eq!(ledger.spent_cents(), 900);
        ledger.roll(&tuesday);
        assert_eq!(ledger.spent_cents(), 0);
        assert!(ledger.against(&CAP).interrupted.is_empty(), "a new day, a new count");
        ledger.see(&session("s", "2026-08-10T09:00:00Z", 950, "running"), &tuesday);
        assert_eq!(ledger.spent_cents(), 50);
        assert!(ledger.sweep_due());
    }

    #[test]
    fn a_session_that_left_the_list_keeps_what_it_spent_today() {
        let day = today((2026, 8, 10));
        let mut ledger = Ledger::default();
        ledger.roll(&day);
        ledger.see(&session("gone", "2026-08-10T09:00:00Z", 700, "idle"), &day);
        ledger.see(&session("kept", "2026-08-10T09:00:00Z", 100, "idle"), &day);
        ledger.see(&session("kept", "2026-08-10T09:00:00Z", 200, "idle"), &day);
        assert_eq!(ledger.spent_cents(), 900);
    }

    #[test]
    fn one_interrupt_per_run_of_a_session() {
        let day = today((2026, 8, 10));
        let mut ledger = Ledger::default();
        ledger.roll(&day);
        ledger.see(&session("s", "2026-08-10T09:00:00Z", 2000, "running"), &day);
        assert!(ledger.should_interrupt("s"));
        ledger.interrupted("s");
        ledger.see(&session("s", "2026-08-10T09:00:00Z", 2001, "running"), &day);
        assert!(!ledger.should_interrupt("s"), "still stopping: no second interrupt");
        ledger.see(&session("s", "2026-08-10T09:00:00Z", 2001, "idle"), &day);
        assert!(ledger.should_interrupt("s"), "run again, stopped again");
        ledger.interrupted("s");
        assert_eq!(ledger.against(&CAP).interrupted, ["s"]);
    }
}
