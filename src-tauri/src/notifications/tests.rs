//! Which status changes make which notification, and what their actions do.

use super::*;
use crate::pending::PendingCall;
use crate::settings::NotificationPrefs;

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
    assert_eq!(input_summary(&json!({ "file_path": "src/main.rs", "old": "x" })), "src/main.rs");
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
