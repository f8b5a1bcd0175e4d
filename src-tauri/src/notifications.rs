//! Desktop notifications for watched sessions: when one needs approval, finishes its turn or
//! fails while the window is not focused. Which changes are worth a notification is decided
//! here, in plain Rust; showing one is `Desktop::notify`.
//!
//! Clicking a notification cannot be observed on every desktop (Windows reports it only while
//! the toast is on screen, a notification server may not report it). What can be observed is
//! the window coming back to the front, which is what clicking a notification does where it
//! works: so the next time the main window gains focus after a notification, the app opens the
//! session it was about.
//!
//! A session that starts waiting for the person gets a notification about its first call that
//! waits (its tool and a line of its input). When the call asks for a confirmation, the
//! notification carries Allow and Deny: choosing one sends that answer for exactly that call
//! (`act`). A click on such a notification shows the call in the approvals inbox. A custom tool
//! call needs a result typed in the app, so its notification carries no actions.
//!
//! The profile's daily cap says twice a day at most, once at 80 % and once at the cap, whether
//! the window is in front or not: the strip that says so in the window shows only on the
//! Sessions list.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicI32, Ordering};
use std::time::Duration;

use managed_agents::types::{ConfirmationResult, EventParams, SendEventsRequest, SessionEvent};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tauri::{AppHandle, Manager, Runtime};
use tauri_specta::Event;

use crate::desktop::{Actionable, Desktop, NoteAction};
use crate::monitor::{DailySpend, MonitorSummary};
use crate::pending::{PendingCall, pending_calls};
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

/// Asks the web view to show the approvals inbox with one call current: the person clicked a
/// notification about it.
#[derive(
    Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type, tauri_specta::Event,
)]
#[serde(rename_all = "camelCase")]
#[tauri_specta(event_name = "inbox://open")]
pub struct InboxOpenRequested {
    pub session_id: String,
    /// The tool-use event's id.
    pub call_id: String,
}

/// What the agent is told when the person chose Deny on a notification.
pub const DENY_REASON: &str = "Denied from a desktop notification";

/// How long an input summary may be, in characters.
const SUMMARY_CHARS: usize = 80;

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
    // A call answered from a notification while others wait: the next one gets its own.
    let next = notifier.next_after_answer(previous.as_ref(), change);
    let notice = |name: &str| {
        notice_for(previous.as_ref(), change, &prefs, name)
            .or_else(|| next.then(|| next_call_notice(change, &prefs, name)).flatten())
    };
    if notice("").is_none() || desktop.main_window_focused() {
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
        let notice = notice_for(previous.as_ref(), &change, &prefs, &title)
            .or_else(|| next.then(|| next_call_notice(&change, &prefs, &title)).flatten());
        let Some(notice) = notice else { return };
        let call = match notice.approval {
            true => first_call(&state, &change.session_id).await,
            false => None,
        };
        let (desktop, notifier) = (app.state::<Desktop>(), app.state::<Notifier>());
        let shown = match call {
            Some(call) => {
                let body = approval_body(&notice.body, &call);
                let allow_deny = call.confirmable;
                let id = notifier.approval_shown(&profile, &change.session_id, call);
                let note = Actionable { id, title: notice.title, body, allow_deny };
                desktop.notify_with_actions(&note)
            }
            None => desktop.notify(&notice.title, &notice.body),
        };
        match shown {
            Ok(()) => notifier.shown(&profile, &change.session_id),
            Err(error) => eprintln!("Agent Desk: a notification could not be shown: {error}"),
        }
    });
}

/// The first call `session_id` waits on, read from the active profile's API; `None` when it
/// cannot be read in time (the notification then says only how many calls wait).
async fn first_call(state: &AppState, session_id: &str) -> Option<NotedCall> {
    tokio::time::timeout(TITLE_WAIT, async {
        let client = state.client().await.ok()?;
        pending_calls(&client, session_id).await.ok()?.calls.first().and_then(noted_call)
    })
    .await
    .ok()
    .flatten()
}

/// Does what the person chose on notification `id`: answers its call (Allow, Deny) or shows it
/// in the inbox (a click). A plain notification's click only brings the window to the front,
/// which opens its session (see `window_came_to_front`).
pub fn act<R: Runtime>(app: &AppHandle<R>, id: i32, action: NoteAction) {
    let (Some(state), Some(notifier)) = (app.try_state::<AppState>(), app.try_state::<Notifier>())
    else {
        return;
    };
    let Some(approval) = notifier.take_approval(id) else {
        if action == NoteAction::Clicked {
            present_main_window(app);
        }
        return;
    };
    if state.settings().active_profile != approval.profile {
        eprintln!("Agent Desk: a notification of another profile was acted on; nothing was sent");
        return;
    }
    // Answered or opened here: the window coming to the front must not open the session too.
    notifier.forget_unseen(&approval.session_id);
    match answer_for(&action, &approval.call) {
        Answer::Confirm { allow } => {
            notifier.answered(&approval.session_id);
            let app = app.clone();
            tauri::async_runtime::spawn(async move {
                let state = app.state::<AppState>();
                let (session, call) = (approval.session_id, approval.call.tool_use_id);
                if let Err(error) = confirm(&state, &session, &call, allow).await {
                    app.state::<Notifier>().take_answered(&session);
                    let what = if allow { "Allow" } else { "Deny" };
                    eprintln!(
                        "Agent Desk: {what} chosen on a notification was not taken for {call}: {error}"
                    );
                }
            });
        }
        Answer::OpenInbox => {
            present_main_window(app);
            let request = InboxOpenRequested {
                session_id: approval.session_id,
                call_id: approval.call.tool_use_id,
            };
            if let Err(error) = request.emit(app) {
                eprintln!("Agent Desk: the notified call could not be shown: {error}");
            }
        }
        Answer::Nothing => {}
    }
}

/// Sends the answer to one call through the active profile's client, as the session page does.
async fn confirm(
    state: &AppState,
    session_id: &str,
    tool_use_id: &str,
    allow: bool,
) -> Result<(), String> {
    let client = state.client().await.map_err(|e| e.message)?;
    let (result, deny_message) = match allow {
        true => (ConfirmationResult::Allow, None),
        false => (ConfirmationResult::Deny, Some(DENY_REASON.to_owned())),
    };
    let event = EventParams::UserToolConfirmation {
        tool_use_id: tool_use_id.to_owned(),
        result,
        deny_message,
    };
    let request = SendEventsRequest { events: vec![event] };
    client.events(session_id).send(&request).await.map(drop).map_err(|e| e.to_string())
}

/// Brings the main window to the front, as clicking a notification does where the desktop
/// does it by itself.
fn present_main_window<R: Runtime>(app: &AppHandle<R>) {
    let Some(window) = app.get_webview_window("main") else { return };
    let _ = window.unminimize();
    let _ = window.show();
    if let Err(error) = window.set_focus() {
        eprintln!("Agent Desk: the window could not be brought to the front: {error}");
    }
}

/// The call a notification is about, as much of it as the notification needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotedCall {
    /// The tool-use event's id: what an answer names.
    pub tool_use_id: String,
    /// The tool's name (`bash`; `server/tool` for an MCP tool).
    pub name: String,
    /// One line of its input (`$ ./deploy.sh` for a command).
    pub summary: String,
    /// Whether Allow or Deny answers it; a custom tool needs a result typed in the app.
    pub confirmable: bool,
}

/// The call of `pending`, if it is a tool call.
pub fn noted_call(pending: &PendingCall) -> Option<NotedCall> {
    let (id, name, input, confirmable) = match &pending.event {
        SessionEvent::AgentToolUse(e) => (&e.id, e.name.clone(), &e.input, true),
        SessionEvent::AgentMcpToolUse(e) => {
            (&e.id, format!("{}/{}", e.mcp_server_name, e.name), &e.input, true)
        }
        SessionEvent::AgentCustomToolUse(e) => (&e.id, e.name.clone(), &e.input, false),
        _ => return None,
    };
    Some(NotedCall { tool_use_id: id.clone(), name, summary: input_summary(input), confirmable })
}

/// One line of a call's input: a command as `$ command`, a path or address as itself, anything
/// else as compact JSON; at most [`SUMMARY_CHARS`] characters.
pub fn input_summary(input: &Value) -> String {
    let text = |key: &str| input.get(key).and_then(Value::as_str).filter(|t| !t.trim().is_empty());
    let line = if let Some(command) = text("command") {
        format!("$ {}", first_line(command))
    } else if let Some(found) =
        ["file_path", "path", "url", "query", "pattern"].into_iter().find_map(text)
    {
        first_line(found)
    } else if input.as_object().is_some_and(|o| o.is_empty()) || input.is_null() {
        String::new()
    } else {
        input.to_string()
    };
    clip(&line, SUMMARY_CHARS)
}

/// The first line of `text`, with `…` when more follows.
fn first_line(text: &str) -> String {
    let trimmed = text.trim();
    match trimmed.split_once('\n') {
        Some((first, _)) => format!("{} …", first.trim_end()),
        None => trimmed.to_owned(),
    }
}

/// `text` cut to `max` characters, the last one `…` when cut.
fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(max - 1).collect();
    cut.push('…');
    cut
}

/// The body of a notification about `call`: what waits, then the call on a line of its own.
pub fn approval_body(waiting: &str, call: &NotedCall) -> String {
    let what = match (call.confirmable, call.summary.is_empty()) {
        (true, true) => call.name.clone(),
        (true, false) => format!("{}: {}", call.name, call.summary),
        (false, true) => format!("{} (a custom tool: answer it in Agent Desk)", call.name),
        (false, false) => {
            format!("{} (a custom tool: answer it in Agent Desk): {}", call.name, call.summary)
        }
    };
    format!("{waiting}\n{what}")
}

/// What an action on a notification about a call does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Send a `user.tool_confirmation` for the call (a deny with [`DENY_REASON`]).
    Confirm {
        allow: bool,
    },
    /// Show the call in the approvals inbox.
    OpenInbox,
    Nothing,
}

pub fn answer_for(action: &NoteAction, call: &NotedCall) -> Answer {
    match action {
        NoteAction::Clicked => Answer::OpenInbox,
        NoteAction::Chose(key) if call.confirmable && key == "allow" => {
            Answer::Confirm { allow: true }
        }
        NoteAction::Chose(key) if call.confirmable && key == "deny" => {
            Answer::Confirm { allow: false }
        }
        NoteAction::Chose(_) => Answer::Nothing,
    }
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
    Some(Notice { title: format!("Daily cap of {profile_name}"), body, approval: false })
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub title: String,
    pub body: String,
    /// Whether it says that calls wait for the person (it then names the first one).
    pub approval: bool,
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
        return Some(Notice { title: session_name.to_owned(), body, approval: false });
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
    let approval = change.status == LiveStatus::RequiresAction;
    Some(Notice { title: session_name.to_owned(), body, approval })
}

/// The notification for the calls still waiting after one was answered from a notification
/// (`notice_for` says nothing of a wait that only shrank: the person is answering in the app).
pub fn next_call_notice(
    change: &SessionStatusChanged,
    prefs: &NotificationPrefs,
    session_name: &str,
) -> Option<Notice> {
    if !prefs.enabled || !prefs.approvals || change.status != LiveStatus::RequiresAction {
        return None;
    }
    let body = match change.pending {
        0 => return None,
        1 => "Needs approval: 1 more tool call waits for you.".to_owned(),
        n => format!("Needs approval: {n} more tool calls wait for you."),
    };
    Some(Notice { title: session_name.to_owned(), body, approval: true })
}

/// What this run has seen of each watched session, and the session (with its profile) of the
/// newest notification nobody has looked at yet.
#[derive(Default)]
pub struct Notifier {
    seen: Mutex<HashMap<String, SessionStatusChanged>>,
    unseen: Mutex<Option<(String, String)>>,
    /// How far each profile's day has been told, by profile and date (see `daily_level`).
    daily: Mutex<HashMap<(String, String), u8>>,
    /// The notifications about a call not yet acted on, by notification id.
    approvals: Mutex<HashMap<i32, Approval>>,
    last_id: AtomicI32,
    /// Sessions one of whose calls was just answered from a notification.
    answered: Mutex<std::collections::HashSet<String>>,
}

/// A notification about one call: the profile and session it belongs to, and the call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Approval {
    pub profile: String,
    pub session_id: String,
    pub call: NotedCall,
}

/// How many notifications about a call are remembered; an older one's actions do nothing.
const APPROVALS_KEPT: usize = 100;

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

    /// Remembers a notification about `call` and returns its id.
    pub fn approval_shown(&self, profile: &str, session_id: &str, call: NotedCall) -> i32 {
        let id = self.last_id.fetch_add(1, Ordering::SeqCst) + 1;
        let mut approvals = self.approvals.lock().unwrap_or_else(|e| e.into_inner());
        let approval =
            Approval { profile: profile.to_owned(), session_id: session_id.to_owned(), call };
        approvals.insert(id, approval);
        if approvals.len() > APPROVALS_KEPT {
            approvals.retain(|kept, _| *kept > id - APPROVALS_KEPT as i32);
        }
        id
    }

    /// The call of notification `id`, once: a second action on it does nothing.
    pub fn take_approval(&self, id: i32) -> Option<Approval> {
        self.approvals.lock().unwrap_or_else(|e| e.into_inner()).remove(&id)
    }

    /// Notes that a call of `session_id` was answered from a notification: if the session
    /// still waits on others, its next status change shows the next one.
    pub fn answered(&self, session_id: &str) {
        self.answered.lock().unwrap_or_else(|e| e.into_inner()).insert(session_id.to_owned());
    }

    /// Whether a call of `session_id` was answered from a notification since the last change.
    pub fn take_answered(&self, session_id: &str) -> bool {
        self.answered.lock().unwrap_or_else(|e| e.into_inner()).remove(session_id)
    }

    /// Whether `change` is the wait left after an answer from a notification (the same wait
    /// with fewer calls), which then gets a notification of its own; the mark is used up by it,
    /// or dropped when the session no longer waits.
    pub fn next_after_answer(
        &self,
        previous: Option<&SessionStatusChanged>,
        change: &SessionStatusChanged,
    ) -> bool {
        if change.status != LiveStatus::RequiresAction {
            self.take_answered(&change.session_id);
            return false;
        }
        let shrank = previous
            .is_some_and(|p| p.status == LiveStatus::RequiresAction && change.pending < p.pending);
        shrank && self.take_answered(&change.session_id)
    }

    /// Drops the session to open on focus if it is `session_id`.
    pub fn forget_unseen(&self, session_id: &str) {
        let mut unseen = self.unseen.lock().unwrap_or_else(|e| e.into_inner());
        if unseen.as_ref().is_some_and(|(_, s)| s == session_id) {
            *unseen = None;
        }
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

    fn pending(mut event: serde_json::Value) -> PendingCall {
        event["processed_at"] = "2026-08-10T10:00:00Z".into();
        let event = serde_json::from_value(event).expect("a tool-use event");
        PendingCall { event, thread_agent: None }
    }

    fn bash(command: &str) -> NotedCall {
        NotedCall {
            tool_use_id: "sevt_1".into(),
            name: "bash".into(),
            summary: input_summary(&serde_json::json!({ "command": command })),
            confirmable: true,
        }
    }

    #[test]
    fn a_waiting_call_is_named_with_its_tool_and_a_line_of_its_input() {
        let call = noted_call(&pending(serde_json::json!({
            "type": "agent.tool_use", "id": "sevt_7", "name": "bash",
            "input": { "command": "./scripts/deploy.sh staging" },
        })))
        .unwrap();
        assert_eq!(call, bash("./scripts/deploy.sh staging").with_id("sevt_7"));
        let waiting = "Needs approval: 1 tool call waits for you.";
        assert_eq!(
            approval_body(waiting, &call),
            "Needs approval: 1 tool call waits for you.\nbash: $ ./scripts/deploy.sh staging"
        );

        let mcp = noted_call(&pending(serde_json::json!({
            "type": "agent.mcp_tool_use", "id": "sevt_8", "mcp_server_name": "github",
            "name": "create_issue", "input": { "repo": "acme/app" },
        })))
        .unwrap();
        assert_eq!(
            (mcp.name.as_str(), mcp.summary.as_str()),
            ("github/create_issue", r#"{"repo":"acme/app"}"#)
        );
        assert!(mcp.confirmable);

        let custom = noted_call(&pending(serde_json::json!({
            "type": "agent.custom_tool_use", "id": "sevt_9", "name": "lookup_ticket",
            "input": { "ticket_id": "T-1" },
        })))
        .unwrap();
        assert!(!custom.confirmable, "a custom tool needs a result, not Allow");
        assert_eq!(
            approval_body("Needs approval: 1 tool call waits for you.", &custom),
            "Needs approval: 1 tool call waits for you.\n\
             lookup_ticket (a custom tool: answer it in Agent Desk): {\"ticket_id\":\"T-1\"}"
        );
        let message = pending(serde_json::json!({
            "type": "agent.message", "id": "sevt_10", "content": [],
        }));
        assert_eq!(noted_call(&message), None);
    }

    #[test]
    fn an_input_summary_is_one_short_line() {
        use serde_json::json;
        assert_eq!(input_summary(&json!({ "command": "git tag v1\ngit push" })), "$ git tag v1 …");
        assert_eq!(
            input_summary(&json!({ "file_path": "src/main.rs", "old": "x" })),
            "src/main.rs"
        );
        assert_eq!(input_summary(&json!({})), "");
        let long = input_summary(&json!({ "command": "é".repeat(200) }));
        assert_eq!(long.chars().count(), SUMMARY_CHARS);
        assert!(long.starts_with("$ éé") && long.ends_with('…'), "{long}");
        let bare = NotedCall { summary: String::new(), ..bash("") };
        assert_eq!(approval_body("Needs approval.", &bare), "Needs approval.\nbash");
    }

    #[test]
    fn allow_and_deny_answer_a_confirmation_and_a_click_opens_the_inbox() {
        let call = bash("ls");
        let chose = |key: &str| NoteAction::Chose(key.to_owned());
        assert_eq!(answer_for(&chose("allow"), &call), Answer::Confirm { allow: true });
        assert_eq!(answer_for(&chose("deny"), &call), Answer::Confirm { allow: false });
        assert_eq!(answer_for(&NoteAction::Clicked, &call), Answer::OpenInbox);
        assert_eq!(answer_for(&chose("snooze"), &call), Answer::Nothing);
        // A custom tool's notification carries no actions; one reported anyway sends nothing.
        let custom = NotedCall { confirmable: false, ..call };
        assert_eq!(answer_for(&chose("allow"), &custom), Answer::Nothing);
        assert_eq!(answer_for(&chose("deny"), &custom), Answer::Nothing);
        assert_eq!(answer_for(&NoteAction::Clicked, &custom), Answer::OpenInbox);
        // The plugin reports a click on the notification as `tap`.
        assert_eq!(NoteAction::from_id("tap"), NoteAction::Clicked);
        assert_eq!(NoteAction::from_id("allow"), chose("allow"));
    }

    #[test]
    fn a_notification_about_a_call_is_acted_on_once() {
        let notifier = Notifier::default();
        let first = notifier.approval_shown("demo", "sesn_1", bash("ls"));
        let second = notifier.approval_shown("demo", "sesn_2", bash("pwd"));
        assert_ne!(first, second);
        let taken = notifier.take_approval(first).unwrap();
        assert_eq!((taken.profile.as_str(), taken.session_id.as_str()), ("demo", "sesn_1"));
        assert_eq!(notifier.take_approval(first), None, "a second action does nothing");
        assert_eq!(notifier.take_approval(12345), None, "not one of ours");
        // Acting on it keeps the window coming to the front from opening the session too.
        notifier.shown("demo", "sesn_2");
        notifier.forget_unseen("sesn_1");
        assert_eq!(notifier.take_unseen("demo").as_deref(), Some("sesn_2"));
        notifier.shown("demo", "sesn_2");
        notifier.forget_unseen("sesn_2");
        assert_eq!(notifier.take_unseen("demo"), None);
        // Only the newest are kept.
        for _ in 0..APPROVALS_KEPT {
            notifier.approval_shown("demo", "sesn_3", bash("ls"));
        }
        assert_eq!(notifier.take_approval(second), None);
    }

    #[test]
    fn after_an_answer_from_a_notification_the_next_waiting_call_gets_one() {
        let notifier = Notifier::default();
        let two = change(LiveStatus::RequiresAction, 2, Some("requires_action"));
        let one = change(LiveStatus::RequiresAction, 1, Some("requires_action"));
        // Answered in the app: the shrinking wait is no news.
        assert_eq!(notice_for(Some(&two), &one, &all_on(), "x"), None);
        assert!(!notifier.take_answered("sesn_1"));
        // Answered from a notification: the next call is told, once, when the wait shrinks
        // (a second report of the wait as it was is not it).
        notifier.answered("sesn_1");
        assert!(!notifier.next_after_answer(Some(&two), &two));
        assert!(notifier.next_after_answer(Some(&two), &one));
        let next = next_call_notice(&one, &all_on(), "Ship").unwrap();
        assert_eq!(next.body, "Needs approval: 1 more tool call waits for you.");
        assert!(next.approval);
        assert!(!notifier.next_after_answer(Some(&two), &one));
        // The last call answered: the mark goes with the wait.
        notifier.answered("sesn_1");
        let running = change(LiveStatus::Running, 0, None);
        assert!(!notifier.next_after_answer(Some(&one), &running));
        assert!(!notifier.take_answered("sesn_1"));
        // Nothing left to answer, or approvals turned off: nothing.
        assert_eq!(next_call_notice(&running, &all_on(), "Ship"), None);
        let off = NotificationPrefs { approvals: false, ..all_on() };
        assert_eq!(next_call_notice(&one, &off, "Ship"), None);
    }

    #[test]
    fn only_a_wait_for_the_person_names_a_call() {
        let running = change(LiveStatus::Running, 0, None);
        let waiting = change(LiveStatus::RequiresAction, 1, Some("requires_action"));
        assert!(notice_for(Some(&running), &waiting, &all_on(), "x").unwrap().approval);
        let done = change(LiveStatus::Idle, 0, Some("end_turn"));
        assert!(!notice_for(Some(&running), &done, &all_on(), "x").unwrap().approval);
    }

    impl NotedCall {
        fn with_id(self, id: &str) -> Self {
            Self { tool_use_id: id.to_owned(), ..self }
        }
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
