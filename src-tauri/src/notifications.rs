//! Desktop notifications for watched sessions: when one needs approval, finishes its turn or
//! fails while the window is not focused. Which changes are worth a notification is decided
//! here, in plain Rust; showing one is `Desktop::notify`.
//!
//! Clicking a notification cannot be observed on every desktop (tauri-plugin-notification
//! reports no clicks on Linux and Windows). What can be observed is the window coming back to
//! the front, which is what clicking a notification does where it works: so the next time the
//! main window gains focus after a notification, the app opens the session it was about.
//!
//! The profile's daily cap says twice a day at most, once at 80 % and once at the cap, whether
//! the window is in front or not: the strip that says so in the window shows only on the
//! Sessions list.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager, Runtime};

use crate::desktop::Desktop;
use crate::monitor::{DailySpend, MonitorSummary};
use crate::relay::{LiveStatus, SessionStatusChanged};
use crate::settings::NotificationPrefs;
use crate::state::AppState;

/// How long a notification waits for the session's title before it names the session by id.
const TITLE_WAIT: Duration = Duration::from_secs(3);

/// Asks the web view to open a session: the one of the newest notification, once the window
/// is back in front.
#[derive(
    Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type, tauri_specta::Event,
)]
#[serde(rename_all = "camelCase")]
#[tauri_specta(event_name = "session://open")]
pub struct SessionOpenRequested {
    pub session_id: String,
}

/// Shows a notification for `change` if the preferences ask for one and the window is not in
/// front. Called for every status change a watch reports.
pub fn deliver<R: Runtime>(app: &AppHandle<R>, change: &SessionStatusChanged) {
    let (Some(state), Some(desktop), Some(notifier)) =
        (app.try_state::<AppState>(), app.try_state::<Desktop>(), app.try_state::<Notifier>())
    else {
        return;
    };
    // A lost connection changes what the app knows, not what the session did.
    if change.reconnecting {
        return;
    }
    let previous = notifier.record(change);
    let prefs = state.settings().notifications;
    if notice_for(previous.as_ref(), change, &prefs, "").is_none() || desktop.main_window_focused()
    {
        return;
    }
    let (app, change) = (app.clone(), change.clone());
    // The session belongs to the profile active now; the notification opens it only under it.
    let profile = state.settings().active_profile;
    tauri::async_runtime::spawn(async move {
        let state = app.state::<AppState>();
        let title = tokio::time::timeout(TITLE_WAIT, async {
            let client = state.client().await.ok()?;
            client.sessions().retrieve(&change.session_id).await.ok()?.title.flatten()
        })
        .await
        .ok()
        .flatten()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| format!("Session {}", change.session_id));
        let Some(notice) = notice_for(previous.as_ref(), &change, &prefs, &title) else { return };
        match app.state::<Desktop>().notify(&notice.title, &notice.body) {
            Ok(()) => app.state::<Notifier>().shown(&profile, &change.session_id),
            Err(error) => eprintln!("Agent Desk: a notification could not be shown: {error}"),
        }
    });
}

/// Says once a day when the active profile's spend nears its daily cap and once when it
/// reaches it. Called for every summary the monitor publishes.
pub fn deliver_daily<R: Runtime>(app: &AppHandle<R>, summary: &MonitorSummary) {
    let (Some(state), Some(desktop), Some(notifier), Some(daily)) = (
        app.try_state::<AppState>(),
        app.try_state::<Desktop>(),
        app.try_state::<Notifier>(),
        summary.daily.as_ref(),
    ) else {
        return;
    };
    let settings = state.settings();
    let profile = settings.active_profile.clone();
    let previous = notifier.record_daily(&profile, daily);
    let name = settings.profile(&profile).map_or("Demo", |p| p.draft.name.as_str());
    if let Some(notice) = daily_notice_for(previous, daily, &settings.notifications, name)
        && let Err(error) = desktop.notify(&notice.title, &notice.body)
    {
        eprintln!("Agent Desk: a notification could not be shown: {error}");
    }
}

/// How far a day's spend has come: 0 below 80 % of the cap, 1 near it, 2 at it.
fn daily_level(daily: &DailySpend) -> u8 {
    u8::from(daily.near) + u8::from(daily.reached)
}

/// "$8.10" for 810 cents.
pub fn dollars(cents: u64) -> String {
    format!("${}.{:02}", cents / 100, cents % 100)
}

/// The notification for the day's spend, given the level already told today (0: nothing yet).
pub fn daily_notice_for(
    told: u8,
    daily: &DailySpend,
    prefs: &NotificationPrefs,
    profile_name: &str,
) -> Option<Notice> {
    let level = daily_level(daily);
    if !prefs.enabled || !prefs.budget || level <= told {
        return None;
    }
    let (spent, cap) = (dollars(daily.spent_cents), dollars(daily.cap_cents));
    let body = match (daily.reached, daily.interrupts, daily.interrupted.len()) {
        (false, ..) => format!("Today's spend is {spent} of the {cap} daily cap (80 % or more)."),
        (true, false, _) => format!(
            "Today's spend {spent} reached the {cap} daily cap. Sessions go on: the cap only warns."
        ),
        (true, true, 1) => {
            format!(
                "Today's spend {spent} reached the {cap} daily cap: 1 running session was interrupted."
            )
        }
        (true, true, n) => {
            format!(
                "Today's spend {spent} reached the {cap} daily cap: {n} running sessions were interrupted."
            )
        }
    };
    Some(Notice { title: format!("Daily cap of {profile_name}"), body })
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub title: String,
    pub body: String,
}

/// The notification for `change`, given the status this app saw before for that session
/// (`None`: this is the first report, which only sums up the history, so it is no news).
pub fn notice_for(
    previous: Option<&SessionStatusChanged>,
    change: &SessionStatusChanged,
    prefs: &NotificationPrefs,
    session_name: &str,
) -> Option<Notice> {
    let previous = previous?;
    if !prefs.enabled || previous == change {
        return None;
    }
    let stopped_at_budget = change.stop_reason.as_deref() == Some("budget_reached");
    if prefs.budget && change.budget_near && !previous.budget_near && !stopped_at_budget {
        let body = "Near its budget: 80 % of it or more is spent.".to_owned();
        return Some(Notice { title: session_name.to_owned(), body });
    }
    let body = match change.status {
        LiveStatus::Idle if prefs.budget && stopped_at_budget => {
            "Stopped at its budget: raise it to let the session go on.".to_owned()
        }
        LiveStatus::RequiresAction if prefs.approvals => {
            let more =
                previous.status == LiveStatus::RequiresAction && change.pending <= previous.pending;
            if more {
                // The same wait with fewer calls left: the person is already answering.
                return None;
            }
            match change.pending {
                1 => "Needs approval: 1 tool call waits for you.".to_owned(),
                n => format!("Needs approval: {n} tool calls wait for you."),
            }
        }
        LiveStatus::Idle
            if prefs.turn_ended && change.stop_reason.as_deref() == Some("end_turn") =>
        {
            "Finished its turn.".to_owned()
        }
        LiveStatus::Idle
            if prefs.failures && change.stop_reason.as_deref() == Some("retries_exhausted") =>
        {
            "Failed: the retries are exhausted.".to_owned()
        }
        LiveStatus::Terminated if prefs.failures => {
            "Failed: the session was terminated.".to_owned()
        }
        _ => return None,
    };
    Some(Notice { title: session_name.to_owned(), body })
}

/// What this run has seen of each watched session, and the session (with its profile) of the
/// newest notification nobody has looked at yet.
#[derive(Default)]
pub struct Notifier {
    seen: Mutex<HashMap<String, SessionStatusChanged>>,
    unseen: Mutex<Option<(String, String)>>,
    /// How far each profile's day has been told, by profile and date (see `daily_level`).
    daily: Mutex<HashMap<(String, String), u8>>,
}

impl Notifier {
    /// Records `change` and returns the status seen before it. Two watches of one session report
    /// the same change twice; the second finds it already seen and makes no notification.
    pub fn record(&self, change: &SessionStatusChanged) -> Option<SessionStatusChanged> {
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        if change.status.is_final() {
            return seen.remove(&change.session_id);
        }
        seen.insert(change.session_id.clone(), change.clone())
    }

    /// Records how far `profile`'s day has come and returns how far it had been told before.
    /// The level never goes down within a day: a cap raised and reached again says nothing new.
    pub fn record_daily(&self, profile: &str, daily: &DailySpend) -> u8 {
        let mut told = self.daily.lock().unwrap_or_else(|e| e.into_inner());
        // Only today's entry of each profile is worth keeping.
        told.retain(|(p, date), _| p != profile || *date == daily.date);
        let level = told.entry((profile.to_owned(), daily.date.clone())).or_default();
        let before = *level;
        *level = before.max(daily_level(daily));
        before
    }

    pub fn shown(&self, profile_id: &str, session_id: &str) {
        let shown = Some((profile_id.to_owned(), session_id.to_owned()));
        *self.unseen.lock().unwrap_or_else(|e| e.into_inner()) = shown;
    }

    /// The session to open now that the window is in front, if a notification came first and
    /// its profile is still the active one: a session id means nothing to another profile's API.
    pub fn take_unseen(&self, active_profile: &str) -> Option<String> {
        let unseen = self.unseen.lock().unwrap_or_else(|e| e.into_inner()).take()?;
        (unseen.0 == active_profile).then_some(unseen.1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(status: LiveStatus, pending: u32, stop: Option<&str>) -> SessionStatusChanged {
        SessionStatusChanged {
            budget_near: false,
            session_id: "sesn_1".into(),
            status,
            pending,
            stop_reason: stop.map(str::to_owned),
            reconnecting: false,
        }
    }

    fn all_on() -> NotificationPrefs {
        NotificationPrefs::default()
    }

    #[test]
    fn the_first_report_is_history_not_news() {
        let waiting = change(LiveStatus::RequiresAction, 2, Some("requires_action"));
        assert_eq!(notice_for(None, &waiting, &all_on(), "Fix tests"), None);
    }

    #[test]
    fn approvals_turn_ends_and_failures_each_say_what_happened() {
        let running = change(LiveStatus::Running, 0, None);
        let cases = [
            (
                change(LiveStatus::RequiresAction, 2, Some("requires_action")),
                "Needs approval: 2 tool calls wait for you.",
            ),
            (
                change(LiveStatus::RequiresAction, 1, Some("requires_action")),
                "Needs approval: 1 tool call waits for you.",
            ),
            (change(LiveStatus::Idle, 0, Some("end_turn")), "Finished its turn."),
            (
                change(LiveStatus::Idle, 0, Some("retries_exhausted")),
                "Failed: the retries are exhausted.",
            ),
            (change(LiveStatus::Terminated, 0, None), "Failed: the session was terminated."),
        ];
        for (next, body) in cases {
            let notice = notice_for(Some(&running), &next, &all_on(), "Fix tests").unwrap();
            assert_eq!((notice.title.as_str(), notice.body.as_str()), ("Fix tests", body));
        }
        // Running again, rescheduling and an idle that only waits are not worth a notification.
        let idle = change(LiveStatus::Idle, 0, Some("end_turn"));
        assert_eq!(notice_for(Some(&idle), &running, &all_on(), "x"), None);
        let rescheduling = change(LiveStatus::Rescheduling, 0, None);
        assert_eq!(notice_for(Some(&running), &rescheduling, &all_on(), "x"), None);
    }

    #[test]
    fn answering_one_of_several_approvals_is_not_news_but_a_new_one_is() {
        let two = change(LiveStatus::RequiresAction, 2, Some("requires_action"));
        let one = change(LiveStatus::RequiresAction, 1, Some("requires_action"));
        assert_eq!(notice_for(Some(&two), &one, &all_on(), "x"), None);
        assert!(notice_for(Some(&one), &two, &all_on(), "x").is_some());
    }

    #[test]
    fn each_preference_turns_its_kind_off() {
        let running = change(LiveStatus::Running, 0, None);
        let waiting = change(LiveStatus::RequiresAction, 1, Some("requires_action"));
        let done = change(LiveStatus::Idle, 0, Some("end_turn"));
        let failed = change(LiveStatus::Terminated, 0, None);
        let off = NotificationPrefs { enabled: false, ..all_on() };
        for next in [&waiting, &done, &failed] {
            assert_eq!(notice_for(Some(&running), next, &off, "x"), None);
        }
        let no_approvals = NotificationPrefs { approvals: false, ..all_on() };
        assert_eq!(notice_for(Some(&running), &waiting, &no_approvals, "x"), None);
        assert!(notice_for(Some(&running), &done, &no_approvals, "x").is_some());
        let no_turns = NotificationPrefs { turn_ended: false, ..all_on() };
        assert_eq!(notice_for(Some(&running), &done, &no_turns, "x"), None);
        let no_failures = NotificationPrefs { failures: false, ..all_on() };
        assert_eq!(notice_for(Some(&running), &failed, &no_failures, "x"), None);
    }

    #[test]
    fn a_budget_warns_once_at_80_percent_and_says_when_the_session_stopped_at_it() {
        let running = change(LiveStatus::Running, 0, None);
        let near = SessionStatusChanged { budget_near: true, ..running.clone() };
        let warning = notice_for(Some(&running), &near, &all_on(), "Migrate").unwrap();
        assert_eq!(warning.body, "Near its budget: 80 % of it or more is spent.");
        // Still near: no second warning.
        assert_eq!(notice_for(Some(&near), &near, &all_on(), "Migrate"), None);
        let stopped = SessionStatusChanged {
            status: LiveStatus::Idle,
            stop_reason: Some("budget_reached".into()),
            ..near.clone()
        };
        let notice = notice_for(Some(&running), &stopped, &all_on(), "Migrate").unwrap();
        assert_eq!(notice.body, "Stopped at its budget: raise it to let the session go on.");
        let no_budget = NotificationPrefs { budget: false, ..all_on() };
        assert_eq!(notice_for(Some(&running), &near, &no_budget, "x"), None);
        assert_eq!(notice_for(Some(&near), &stopped, &no_budget, "x"), None);
    }

    fn day(spent: u64, interrupts: bool, interrupted: usize) -> DailySpend {
        DailySpend {
            date: "2026-08-10".into(),
            spent_cents: spent,
            cap_cents: 1000,
            near: spent * 10 >= 8000,
            reached: spent >= 1000,
            interrupts,
            interrupted: (0..interrupted).map(|i| format!("sesn_{i}")).collect(),
        }
    }

    #[test]
    fn the_daily_cap_says_once_at_80_percent_and_once_at_the_cap_each_day() {
        let notifier = Notifier::default();
        let prefs = all_on();
        let mut told = Vec::new();
        for spent in [500, 810, 900, 1003, 1200] {
            let daily = day(spent, true, 2);
            let before = notifier.record_daily("p_1", &daily);
            if let Some(notice) = daily_notice_for(before, &daily, &prefs, "Work") {
                told.push(notice);
            }
        }
        assert_eq!(told.len(), 2);
        assert_eq!(told[0].title, "Daily cap of Work");
        assert_eq!(told[0].body, "Today's spend is $8.10 of the $10.00 daily cap (80 % or more).");
        assert_eq!(
            told[1].body,
            "Today's spend $10.03 reached the $10.00 daily cap: 2 running sessions were interrupted."
        );
        // Another profile, and the next day, start again.
        assert_eq!(notifier.record_daily("p_2", &day(1200, true, 0)), 0);
        let tomorrow = DailySpend { date: "2026-08-11".into(), ..day(900, true, 0) };
        assert_eq!(notifier.record_daily("p_1", &tomorrow), 0);
    }

    #[test]
    fn a_cap_that_only_warns_says_so_and_the_budget_preference_turns_it_off() {
        let reached = day(1000, false, 0);
        let notice = daily_notice_for(0, &reached, &all_on(), "Demo").unwrap();
        assert_eq!(
            notice.body,
            "Today's spend $10.00 reached the $10.00 daily cap. Sessions go on: the cap only warns."
        );
        let one = daily_notice_for(1, &day(1000, true, 1), &all_on(), "Demo").unwrap();
        assert!(one.body.ends_with("1 running session was interrupted."), "{}", one.body);
        let off = NotificationPrefs { budget: false, ..all_on() };
        assert_eq!(daily_notice_for(0, &reached, &off, "Demo"), None);
        assert_eq!(daily_notice_for(0, &day(100, true, 0), &all_on(), "Demo"), None);
        assert_eq!(daily_notice_for(2, &reached, &all_on(), "Demo"), None);
    }

    #[test]
    fn a_change_reported_by_two_watches_is_seen_once() {
        let notifier = Notifier::default();
        let running = change(LiveStatus::Running, 0, None);
        let done = change(LiveStatus::Idle, 0, Some("end_turn"));
        assert_eq!(notifier.record(&running), None);
        let before = notifier.record(&done).unwrap();
        assert!(notice_for(Some(&before), &done, &all_on(), "x").is_some());
        // The second watch's copy of the same change finds it already seen.
        let again = notifier.record(&done).unwrap();
        assert_eq!(notice_for(Some(&again), &done, &all_on(), "x"), None);
    }

    #[test]
    fn the_unseen_session_is_taken_once() {
        let notifier = Notifier::default();
        assert_eq!(notifier.take_unseen("demo"), None);
        notifier.shown("demo", "sesn_1");
        notifier.shown("demo", "sesn_2");
        assert_eq!(notifier.take_unseen("demo").as_deref(), Some("sesn_2"));
        assert_eq!(notifier.take_unseen("demo"), None);
    }

    #[test]
    fn a_notification_of_another_profile_opens_nothing() {
        let notifier = Notifier::default();
        notifier.shown("work", "sesn_1");
        assert_eq!(notifier.take_unseen("demo"), None);
        assert_eq!(notifier.take_unseen("work"), None, "taken once, even when refused");
    }
}
