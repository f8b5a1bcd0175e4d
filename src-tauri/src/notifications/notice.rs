//! What a notification says, decided in plain Rust: which status changes are news, the line
//! that sums up a call, and what an action on a notification about a call does.

use managed_agents::types::SessionEvent;
use serde_json::Value;

use crate::desktop::NoteAction;
use crate::monitor::DailySpend;
use crate::pending::PendingCall;
use crate::relay::{LiveStatus, SessionStatusChanged};
use crate::settings::NotificationPrefs;

/// How long an input summary may be, in characters.
pub const SUMMARY_CHARS: usize = 80;

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
    /// Send a `user.tool_confirmation` for the call (a deny with [`super::DENY_REASON`]).
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

/// How far a day's spend has come: 0 below 80 % of the cap, 1 near it, 2 at it.
pub(super) fn daily_level(daily: &DailySpend) -> u8 {
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
