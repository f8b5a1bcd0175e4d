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

use managed_agents::types::{ConfirmationResult, EventParams, SendEventsRequest};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager, Runtime};
use tauri_specta::Event;

use crate::desktop::{Actionable, Desktop, NoteAction};
use crate::monitor::{DailySpend, MonitorSummary};
use crate::pending::pending_calls;
use crate::relay::{LiveStatus, SessionStatusChanged};
use crate::state::AppState;

mod notice;
use notice::daily_level;
pub use notice::*;

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
mod tests;
