//! Every session's status, live, whether or not it is open: the list's badges and the desktop
//! notifications of the whole profile come from here.
//!
//! Polling the list alone cannot do it: a session waiting for approval is plain `idle` in the
//! list, and "needs approval" with its count is known only from its latest `session.status_idle`
//! event. So the monitor
//! - reads the list (the [`MonitorConfig::list_limit`] newest sessions) every
//!   [`MonitorConfig::poll`], backing off up to [`MonitorConfig::max_backoff`] while the API
//!   cannot be reached, when every known badge turns "reconnecting";
//! - watches live (the event stream without deltas, through the same loss-free feed as the
//!   open session) every session that is running, rescheduling or waiting for the person, at most
//!   [`MonitorConfig::max_watched`] at once, newest first; the others follow the list;
//! - asks once, with one cheap request, whether an idle session it has not watched waits for
//!   the person (its latest `session.status_idle` event), and again only when the list says the
//!   session changed (`updated_at` or its usage, which every model request adds to);
//! - reports each change once, through the same outlet as the open session's relay;
//! - adds up what the profile's listed sessions cost since local midnight against the
//!   profile's daily cap, if it has one (`daily.rs`), and at the cap interrupts every running
//!   session of the profile when the person chose that.
//!
//! Plain Rust and Tokio, no Tauri: the app gives it a way to get the active profile's client
//! and the outlets, the tests give it a simulator and collectors.

#[cfg(test)]
mod cable;
mod daily;
mod watcher;

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use managed_agents::Client;
use managed_agents::types::{
    EventParams, ListSessionsQuery, SendEventsRequest, Session, SessionStatus,
};
use serde::Serialize;
use tokio::sync::mpsc;

pub use daily::{Clock, DailySpend, Today};

use crate::locks::lock;
use crate::profiles::DailyCap;
use crate::relay::{LiveStatus, SessionStatusChanged, StatusOutlet, near_budget};
use daily::Ledger;
use watcher::{Report, Watcher};

/// How the monitor paces itself.
#[derive(Debug, Clone)]
pub struct MonitorConfig {
    /// Between two reads of the list while the API answers.
    pub poll: Duration,
    /// The longest wait between reads while it does not.
    pub max_backoff: Duration,
    /// Sessions watched live at once; the rest follow the list.
    pub max_watched: usize,
    /// How many of the newest sessions the list read covers.
    pub list_limit: u32,
    /// Where the local day comes from, for the daily cap.
    pub clock: Clock,
}

impl Default for MonitorConfig {
    fn default() -> Self {
        Self {
            poll: Duration::from_millis(1500),
            max_backoff: Duration::from_secs(30),
            max_watched: 50,
            list_limit: 100,
            clock: Clock::default(),
        }
    }
}

/// What the monitor covers, for the list to say when it cannot watch everything.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, specta::Type, tauri_specta::Event)]
#[serde(rename_all = "camelCase")]
#[tauri_specta(event_name = "sessions://monitor")]
pub struct MonitorSummary {
    /// Sessions watched live now.
    pub watched: u32,
    /// Active sessions beyond the limit, following the list instead (a few seconds behind).
    pub over_limit: u32,
    /// The limit.
    pub max_watched: u32,
    /// The API could not be reached at the last read.
    pub reconnecting: bool,
    /// Tool calls that wait for the person, over every session of the profile: the sidebar's
    /// badge and the window title.
    pub waiting_calls: u32,
    /// The day's spend against the profile's daily cap; absent while it has none.
    pub daily: Option<DailySpend>,
}

/// The statuses known now, for a list that was just loaded.
#[derive(Debug, Clone, Default, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct LiveSnapshot {
    pub statuses: Vec<SessionStatusChanged>,
    pub summary: MonitorSummary,
}

/// The active profile's id, and its client or `None` while there is none usable (no key, or
/// the keychain did not answer this time).
pub type ClientSource = Arc<
    dyn Fn() -> Pin<Box<dyn Future<Output = (String, Option<Arc<Client>>)> + Send>> + Send + Sync,
>;

/// The tool calls that wait for the person, over `statuses`.
fn calls_waiting(statuses: &[SessionStatusChanged]) -> u32 {
    statuses
        .iter()
        .filter(|s| s.status == LiveStatus::RequiresAction)
        .fold(0u32, |sum, s| sum.saturating_add(s.pending))
}

/// Where the summary goes: `emit` in the app.
pub type SummaryOutlet = Arc<dyn Fn(MonitorSummary) + Send + Sync>;

/// The running monitor. Dropping it stops the task and every watch.
pub struct Monitor {
    shared: Arc<Mutex<LiveSnapshot>>,
    caps: Caps,
    task: tokio::task::AbortHandle,
}

/// Each profile's daily cap, by profile id (a profile without one is absent).
type Caps = Arc<Mutex<HashMap<String, DailyCap>>>;

impl Drop for Monitor {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Monitor {
    /// Starts the monitor inside the current Tokio runtime.
    pub fn start(
        config: MonitorConfig,
        source: ClientSource,
        on_status: StatusOutlet,
        on_summary: SummaryOutlet,
    ) -> Self {
        let shared = Arc::new(Mutex::new(LiveSnapshot::default()));
        let caps = Caps::default();
        let mut run = Run::new(config, on_status, on_summary, Arc::clone(&shared));
        run.caps = Arc::clone(&caps);
        let task = tokio::spawn(run.go(source));
        Self { shared, caps, task: task.abort_handle() }
    }

    /// The daily caps of every profile, as the settings say now; the next read of the list
    /// applies them.
    pub fn set_daily_caps(&self, caps: HashMap<String, DailyCap>) {
        *lock(&self.caps) = caps;
    }

    /// The statuses reported so far for the current profile, and the summary.
    pub fn snapshot(&self) -> LiveSnapshot {
        lock(&self.shared).clone()
    }
}

/// What the monitor knows of one session.
#[derive(Default)]
struct Known {
    /// What the list said of it at the last read beyond its status: `updated_at` and usage.
    fingerprint: String,
    /// The last status reported, without the reconnecting flag.
    reported: Option<SessionStatusChanged>,
    /// Whether its latest idle event was looked at since `updated_at` last changed.
    idle_checked: bool,
    /// How many calls wait for the person, as its latest idle event or its watch said; `None`
    /// when nothing waits (or it is not known yet).
    waiting: Option<u32>,
}

struct Run {
    config: MonitorConfig,
    on_status: StatusOutlet,
    on_summary: SummaryOutlet,
    shared: Arc<Mutex<LiveSnapshot>>,
    profile: Option<String>,
    known: HashMap<String, Known>,
    watchers: HashMap<String, Watcher>,
    reports: (mpsc::UnboundedSender<Report>, mpsc::UnboundedReceiver<Report>),
    reconnecting: bool,
    /// Reads of the list that failed in a row.
    failures: u32,
    over_limit: u32,
    caps: Caps,
    /// Each profile's day, kept across profile switches: money spent stays spent.
    ledgers: HashMap<String, Ledger>,
    /// The active profile's day against its cap, as the summary carries it.
    daily: Option<DailySpend>,
}

impl Run {
    fn new(
        config: MonitorConfig,
        on_status: StatusOutlet,
        on_summary: SummaryOutlet,
        shared: Arc<Mutex<LiveSnapshot>>,
    ) -> Self {
        Self {
            config,
            on_status,
            on_summary,
            shared,
            profile: None,
            known: HashMap::new(),
            watchers: HashMap::new(),
            reports: mpsc::unbounded_channel(),
            reconnecting: false,
            failures: 0,
            over_limit: 0,
            caps: Caps::default(),
            ledgers: HashMap::new(),
            daily: None,
        }
    }

    async fn go(mut self, source: ClientSource) {
        let mut wait = Duration::ZERO;
        loop {
            tokio::select! {
                () = tokio::time::sleep(wait) => {
                    let (profile, client) = source().await;
                    self.switch_to(&profile);
                    wait = match client {
                        Some(client) => self.poll(&client).await,
                        // A client that cannot be built this time keeps what is known and
                        // watched: only another profile starts over.
                        None => self.config.poll,
                    };
                }
                Some(report) = self.reports.1.recv() => self.on_report(report),
            }
        }
    }

    /// Another profile is another API: nothing known carries over.
    fn switch_to(&mut self, profile: &str) {
        if self.profile.as_deref() != Some(profile) {
            self.forget();
            self.profile = Some(profile.to_owned());
        }
    }

    /// Reads the list once; returns how long to wait before the next read.
    async fn poll(&mut self, client: &Arc<Client>) -> Duration {
        let query = ListSessionsQuery {
            limit: Some(self.config.list_limit),
            include_archived: Some(false),
            ..Default::default()
        };
        let page = match client.sessions().list(&query).await {
            Ok(page) => page,
            Err(_) => {
                self.set_reconnecting(true);
                self.failures = self.failures.saturating_add(1);
                let factor = 1u32 << self.failures.min(6);
                return self.config.poll.saturating_mul(factor).min(self.config.max_backoff);
            }
        };
        self.failures = 0;
        self.set_reconnecting(false);
        let listed: HashMap<&str, &Session> =
            page.data.iter().map(|s| (s.id.as_str(), s)).collect();
        let gone: Vec<String> =
            self.known.keys().filter(|id| !listed.contains_key(id.as_str())).cloned().collect();
        for id in gone {
            self.vanished(&id, client).await;
        }
        let mut over_limit = 0;
        // Newest first, as the list comes: those get the live watches when there are too many.
        for session in &page.data {
            over_limit += u32::from(!self.listed(session, client).await);
        }
        self.over_limit = over_limit;
        self.follow_spend(client, &page.data).await;
        self.publish_summary();
        self.config.poll
    }

    /// Adds the listed sessions' costs to the profile's day and, at its cap, interrupts the
    /// running sessions if the person chose that.
    async fn follow_spend(&mut self, client: &Client, listed: &[Session]) {
        let Some(profile) = self.profile.clone() else { return };
        let today = self.config.clock.today();
        let cap = lock(&self.caps).get(&profile).copied();
        let ledger = self.ledgers.entry(profile).or_default();
        ledger.roll(&today);
        for session in listed {
            ledger.see(session, &today);
        }
        self.daily = match cap {
            Some(cap) => {
                if cap.interrupt && ledger.against(&cap).reached {
                    stop_running(client, ledger, listed).await;
                }
                Some(ledger.against(&cap))
            }
            None => None,
        };
    }

    /// Follows one listed session; `false` if it should be watched but the limit is reached.
    async fn listed(&mut self, session: &Session, client: &Arc<Client>) -> bool {
        let known = self.known.entry(session.id.clone()).or_default();
        // Usage grows with every model request, so a turn that ran between two reads (and may
        // have ended waiting for the person) changes it even where `updated_at` does not move.
        let usage = serde_json::to_string(&session.usage).unwrap_or_default();
        let fingerprint = format!("{} {usage}", session.updated_at);
        if known.fingerprint != fingerprint {
            known.fingerprint = fingerprint;
            known.idle_checked = false;
            known.waiting = None;
        }
        if self.watchers.contains_key(&session.id) {
            // The watch knows better than the list.
            return true;
        }
        if session.status == SessionStatus::Idle && !known.idle_checked {
            known.idle_checked = true;
            known.waiting = waiting_calls(client, &session.id).await;
        }
        // A waiting session is watched too (when there is room), so the answer shows at once.
        let needs_watch = match &session.status {
            SessionStatus::Running | SessionStatus::Rescheduling => true,
            SessionStatus::Idle => known.waiting.is_some(),
            _ => false,
        };
        if needs_watch {
            if self.watchers.len() >= self.config.max_watched {
                self.report_listed(session);
                return false;
            }
            let watcher = Watcher::start(client, &session.id, self.reports.0.clone());
            self.watchers.insert(session.id.clone(), watcher);
            return true;
        }
        self.report_listed(session);
        true
    }

    /// What the list says, for a session nobody watches (beyond the limit, or at rest): with
    /// the calls its idle event says wait, if any.
    fn report_listed(&mut self, session: &Session) {
        let known = self.known.entry(session.id.clone()).or_default();
        let (status, pending) = match (&session.status, known.waiting) {
            (SessionStatus::Running, _) => (LiveStatus::Running, 0),
            (SessionStatus::Rescheduling, _) => (LiveStatus::Rescheduling, 0),
            (SessionStatus::Terminated, _) => (LiveStatus::Terminated, 0),
            (SessionStatus::Idle, Some(pending)) => (LiveStatus::RequiresAction, pending),
            // An idle session the watch left or the check found not waiting, or an unknown
            // status: the previous report (with its stop reason) stays if it was idle too.
            _ => (LiveStatus::Idle, 0),
        };
        let budget = session.budget.clone().flatten();
        let budget_near = near_budget(session.usage.list_cost.as_ref(), budget.as_ref());
        if known.reported.as_ref().is_some_and(|r| {
            r.status == status && r.pending == pending && r.budget_near == budget_near
        }) {
            return;
        }
        let stop_reason = (status == LiveStatus::RequiresAction).then(|| "requires_action".into());
        self.report(SessionStatusChanged {
            session_id: session.id.clone(),
            status,
            pending,
            stop_reason,
            reconnecting: false,
            budget_near,
        });
    }

    /// A known session is no longer among the listed ones: deleted, archived, or pushed past
    /// the newest `list_limit`. A deletion or an archive is news; the third is not.
    async fn vanished(&mut self, id: &str, client: &Arc<Client>) {
        self.watchers.remove(id);
        let status = match client.sessions().retrieve(id).await {
            Err(e) if e.status() == Some(404) => Some(LiveStatus::Deleted),
            Ok(session) if matches!(session.archived_at, Some(Some(_))) => {
                Some(LiveStatus::Archived)
            }
            _ => None,
        };
        if let Some(status) = status {
            self.report(SessionStatusChanged {
                session_id: id.to_owned(),
                status,
                pending: 0,
                stop_reason: None,
                reconnecting: false,
                budget_near: false,
            });
        }
        self.known.remove(id);
        lock(&self.shared).statuses.retain(|s| s.session_id != id);
    }

    fn on_report(&mut self, report: Report) {
        match report {
            Report::Status(change) => {
                let id = change.session_id.clone();
                let rests = matches!(change.status, LiveStatus::Idle | LiveStatus::Terminated)
                    || change.status.is_final();
                if let Some(known) = self.known.get_mut(&id) {
                    // The watch knows best; a stale count would start a watch again and again.
                    known.waiting =
                        (change.status == LiveStatus::RequiresAction).then_some(change.pending);
                }
                if self.known.contains_key(&id) || change.status.is_final() {
                    self.report(change);
                }
                if rests {
                    // Nothing more will happen until someone sends an event; the list will see.
                    self.watchers.remove(&id);
                    if let Some(known) = self.known.get_mut(&id) {
                        known.idle_checked = true;
                    }
                    self.publish_summary();
                }
            }
            Report::Connection { session_id, reconnecting } => {
                let Some(known) = self.known.get(&session_id) else { return };
                if let Some(last) = &known.reported {
                    let change = SessionStatusChanged { reconnecting, ..last.clone() };
                    self.send(change);
                }
            }
            Report::Ended { session_id } => {
                self.watchers.remove(&session_id);
                self.publish_summary();
            }
        }
    }

    /// Reports `change` if it is news, and remembers it.
    fn report(&mut self, change: SessionStatusChanged) {
        let known = self.known.entry(change.session_id.clone()).or_default();
        if known.reported.as_ref() == Some(&change) {
            return;
        }
        known.reported = Some(change.clone());
        if change.status.is_final() {
            self.known.remove(&change.session_id);
            self.watchers.remove(&change.session_id);
        }
        let shown = SessionStatusChanged { reconnecting: self.reconnecting, ..change };
        self.send(shown);
    }

    fn send(&self, change: SessionStatusChanged) {
        {
            let mut shared = lock(&self.shared);
            shared.statuses.retain(|s| s.session_id != change.session_id);
            if !change.status.is_final() {
                shared.statuses.push(change.clone());
            }
        }
        (self.on_status)(change);
        // The count of calls that wait may have changed with it.
        self.publish_summary();
    }

    /// The API answered again, or stopped answering: every known badge says so.
    fn set_reconnecting(&mut self, reconnecting: bool) {
        if self.reconnecting == reconnecting {
            return;
        }
        self.reconnecting = reconnecting;
        let reported: Vec<SessionStatusChanged> =
            self.known.values().filter_map(|k| k.reported.clone()).collect();
        for change in reported {
            self.send(SessionStatusChanged { reconnecting, ..change });
        }
        self.publish_summary();
    }

    fn publish_summary(&self) {
        let summary = MonitorSummary {
            watched: u32::try_from(self.watchers.len()).unwrap_or(u32::MAX),
            over_limit: self.over_limit,
            max_watched: u32::try_from(self.config.max_watched).unwrap_or(u32::MAX),
            reconnecting: self.reconnecting,
            waiting_calls: calls_waiting(&lock(&self.shared).statuses),
            daily: self.daily.clone(),
        };
        let changed = {
            let mut shared = lock(&self.shared);
            let changed = shared.summary != summary;
            shared.summary = summary.clone();
            changed
        };
        if changed {
            (self.on_summary)(summary);
        }
    }

    /// Drops every watch and everything known: the profile changed.
    fn forget(&mut self) {
        self.watchers.clear();
        self.known.clear();
        self.profile = None;
        self.over_limit = 0;
        self.failures = 0;
        self.reconnecting = false;
        self.daily = None;
        *lock(&self.shared) = LiveSnapshot::default();
    }
}

fn is_running(session: &Session) -> bool {
    matches!(session.status, SessionStatus::Running | SessionStatus::Rescheduling)
}

/// The cap is reached: interrupts each running session, once per run. The first time in a day
/// every page of running sessions is read, not only the newest listed ones; a failed read or
/// send is tried again at the next read of the list.
async fn stop_running(client: &Client, ledger: &mut Ledger, listed: &[Session]) {
    let mut running: Vec<String> =
        listed.iter().filter(|s| is_running(s)).map(|s| s.id.clone()).collect();
    if ledger.sweep_due()
        && let Some(every) = every_running(client).await
    {
        for id in every {
            if !running.contains(&id) {
                running.push(id);
            }
        }
        ledger.swept();
    }
    for id in running {
        if !ledger.should_interrupt(&id) {
            continue;
        }
        let interrupt = EventParams::UserInterrupt { session_thread_id: None };
        let request = SendEventsRequest { events: vec![interrupt] };
        match client.events(&id).send(&request).await {
            Ok(_) => ledger.interrupted(&id),
            Err(error) => eprintln!("Agent Desk: the daily cap could not interrupt {id}: {error}"),
        }
    }
}

/// Every running or rescheduling session of the profile, over every page; `None` if a page
/// could not be read.
async fn every_running(client: &Client) -> Option<Vec<String>> {
    let mut query = ListSessionsQuery {
        statuses: vec![SessionStatus::Running, SessionStatus::Rescheduling],
        include_archived: Some(false),
        limit: Some(100),
        ..Default::default()
    };
    let mut ids = Vec::new();
    loop {
        let page = client.sessions().list(&query).await.ok()?;
        ids.extend(page.data.into_iter().map(|s| s.id));
        match page.next_page.filter(|p| !p.is_empty()) {
            Some(next) => query.page = Some(next),
            None => return Some(ids),
        }
    }
}

/// How many calls the latest idle event of `session` waits on, when it asks the person for
/// something. An error counts as "no": the list's next change of `updated_at` asks again.
async fn waiting_calls(client: &Client, session: &str) -> Option<u32> {
    let ids = crate::pending::waited_on(client, session).await.ok()?;
    (!ids.is_empty()).then(|| u32::try_from(ids.len()).unwrap_or(u32::MAX))
}

#[cfg(test)]
mod tests;
