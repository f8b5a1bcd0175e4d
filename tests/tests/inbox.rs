//! The approvals inbox in the real window: calls that wait in several sessions at once, answered
//! from one place by keyboard, each session then going on; a call answered elsewhere leaves by
//! itself; Enter opens the session at the call. (A call whose session was deleted meanwhile is
//! the controller's test: here the monitor would race the answer to it.)

use agent_desk_e2e::live::Api;
use agent_desk_e2e::{App, Key, Launch, Result};
use managed_agents_sim::SimConfig;
use serde_json::Value;

const CURRENT: &str = "[data-inbox-item][aria-current='true']";

async fn app_on(test: &str, api: &Api) -> Result<App> {
    let mut app = Launch::new(test).start().await?;
    app.use_profile(&api.sim).await?;
    Ok(app)
}

/// The calls the inbox lists now, as (session id, call id), top to bottom.
async fn listed(app: &App) -> Result<Vec<(String, String)>> {
    let value = app
        .eval(
            "return [...document.querySelectorAll('[data-inbox-item]')] \
             .map((el) => [el.dataset.sessionId, el.dataset.inboxItem])",
        )
        .await?;
    let pair = |v: &Value| {
        let text = |i: usize| v[i].as_str().unwrap_or_default().to_owned();
        (text(0), text(1))
    };
    Ok(value.as_array().into_iter().flatten().map(pair).collect())
}

/// Moves the keyboard's place with `k` to the top, then with `j` to `session`'s first call;
/// returns that call's id.
async fn go_to(app: &App, session: &str) -> Result<String> {
    let calls = listed(app).await?;
    for _ in 0..calls.len() {
        app.chord(&[], 'k').await?;
    }
    let index = calls.iter().position(|(s, _)| s == session).ok_or("the session is listed")?;
    for _ in 0..index {
        app.chord(&[], 'j').await?;
    }
    let call = calls[index].1.clone();
    let selector = format!("{CURRENT}[data-inbox-item='{call}']");
    app.wait_until("the keyboard is on the call", async |app| Ok(app.count(&selector).await? == 1))
        .await?;
    Ok(call)
}

/// Chooses every call of `session` with `x`; returns their ids.
async fn choose_all_of(app: &App, session: &str) -> Result<Vec<String>> {
    let first = go_to(app, session).await?;
    let calls: Vec<String> =
        listed(app).await?.into_iter().filter(|(s, _)| s == session).map(|(_, c)| c).collect();
    assert_eq!(calls.first(), Some(&first), "a session's calls are listed together");
    for (i, _) in calls.iter().enumerate() {
        if i > 0 {
            app.chord(&[], 'j').await?;
        }
        app.chord(&[], 'x').await?;
    }
    let chosen = format!("{} chosen", calls.len());
    app.expect_text(&chosen).await?;
    Ok(calls)
}

/// Waits until `call` has left the inbox.
async fn gone(app: &App, call: &str) -> Result<()> {
    let selector = format!("[data-inbox-item='{call}']");
    app.wait_until(&format!("{call} leaves the inbox"), async |app| {
        Ok(app.count(&selector).await? == 0)
    })
    .await
}

/// How often the session has started running, per the API.
async fn runs(api: &Api, session: &str) -> Result<usize> {
    let events = api.events_of_type(session, "session.status_running").await?;
    Ok(events.as_array().map_or(0, Vec::len))
}

#[tokio::test]
#[ignore = "needs a display: run through scripts/test"]
async fn three_waiting_sessions_are_answered_from_the_inbox_by_keyboard() -> Result<()> {
    let api = Api::start(SimConfig::default()).await?;
    let deploy = api.session("Deploy to staging", Some("Deploy to staging")).await?;
    let release = api.session("Cut the release", Some("Deploy the release")).await?;
    let ticket = api.session("Triage the ticket", Some("Look up the custom ticket")).await?;
    let mut app = app_on("inbox-keyboard", &api).await?;
    for session in [&deploy, &release, &ticket] {
        app.wait_until("the session waits", async |_| {
            Ok(api.waiting_calls(session).await?.is_some())
        })
        .await?;
    }

    app.click("nav [data-section='inbox']").await?;
    app.expect_section("inbox").await?;
    app.wait_until("every waiting session is listed", async |app| {
        let sessions: Vec<String> = listed(app).await?.into_iter().map(|(s, _)| s).collect();
        Ok([&deploy, &release, &ticket].iter().all(|s| sessions.contains(s)))
    })
    .await?;
    // The sidebar's badge counts what the inbox lists.
    let shown = listed(&app).await?.len();
    app.wait_until("the badge counts every call", async |app| {
        let badge = app
            .eval("return document.querySelector('[data-testid=waiting-calls]')?.textContent")
            .await?;
        Ok(badge.as_str().map(str::trim) == Some(shown.to_string().as_str()))
    })
    .await?;
    app.screenshot("three-waiting").await?;

    // The approvals script waits on two calls at once: both are chosen with `x`, then
    // allowed together with `a`.
    let before = runs(&api, &deploy).await?;
    let calls = choose_all_of(&app, &deploy).await?;
    app.screenshot("two-chosen").await?;
    app.chord(&[], 'a').await?;
    let answers = api.events_of_type(&deploy, "user.tool_confirmation").await?;
    for call in &calls {
        gone(&app, call).await?;
        assert!(answers.to_string().contains(&format!("\"tool_use_id\":\"{call}\"")), "{answers}");
    }
    assert!(!answers.to_string().contains("\"deny\""), "{answers}");
    app.wait_until(
        "the allowed session goes on",
        async |_| Ok(runs(&api, &deploy).await? > before),
    )
    .await?;

    // Denied together with `d`, one reason and Enter.
    let before = runs(&api, &release).await?;
    let calls = choose_all_of(&app, &release).await?;
    app.chord(&[], 'd').await?;
    let reason = app.field("Reason (optional, shown to the agent)").await?;
    app.wait_until("the reason field has the focus", async |app| {
        Ok(app.eval("return document.activeElement?.tagName").await?.as_str() == Some("INPUT"))
    })
    .await?;
    reason.send_keys("Not on a Friday.").await?;
    app.screenshot("deny-reason").await?;
    app.press(Key::Enter).await?;
    for call in &calls {
        gone(&app, call).await?;
    }
    let answers = api.events_of_type(&release, "user.tool_confirmation").await?;
    assert_eq!(answers.to_string().matches("Not on a Friday.").count(), calls.len(), "{answers}");
    assert!(!answers.to_string().contains("\"allow\""), "{answers}");
    app.wait_until(
        "the denied session goes on",
        async |_| Ok(runs(&api, &release).await? > before),
    )
    .await?;

    // Answer the custom tool: `a` puts the cursor in its result, Ctrl+Enter sends it.
    let before = runs(&api, &ticket).await?;
    let call = go_to(&app, &ticket).await?;
    app.chord(&[], 'a').await?;
    let result = app.field("Result for the agent (your client runs this tool)").await?;
    app.wait_until("the result field has the focus", async |app| {
        Ok(app.eval("return document.activeElement?.tagName").await?.as_str() == Some("TEXTAREA"))
    })
    .await?;
    result.send_keys("APP-1234: the parser drops trailing commas.").await?;
    app.chord(&[Key::Control], char::from(Key::Enter)).await?;
    gone(&app, &call).await?;
    let results = api.events_of_type(&ticket, "user.custom_tool_result").await?;
    assert!(results.to_string().contains("trailing commas"), "{results}");
    app.wait_until("the answered session goes on", async |_| {
        Ok(runs(&api, &ticket).await? > before)
    })
    .await?;
    app.screenshot("answered").await?;
    app.close().await
}

#[tokio::test]
#[ignore = "needs a display: run through scripts/test"]
async fn enter_opens_a_session_at_its_call_and_a_call_answered_elsewhere_leaves() -> Result<()> {
    let api = Api::start(SimConfig::default()).await?;
    let first = api.session("First", Some("Deploy to staging")).await?;
    let second = api.session("Second", Some("Deploy to staging")).await?;
    let mut app = app_on("inbox-elsewhere", &api).await?;
    for session in [&first, &second] {
        app.wait_until("the session waits", async |_| {
            Ok(api.waiting_calls(session).await?.is_some())
        })
        .await?;
    }
    app.click("nav [data-section='inbox']").await?;
    app.wait_until("both are listed", async |app| Ok(listed(app).await?.len() >= 2)).await?;

    // Enter opens the session, scrolled to the call.
    let call = go_to(&app, &first).await?;
    app.press(Key::Enter).await?;
    app.wait_until("the session is open", async |app| {
        Ok(app.page_attr("data-session-id").await? == first)
    })
    .await?;
    // Scrolled there, and its row has the focus (so `a` and `d` answer it).
    let focused = "return document.activeElement?.closest('[data-item-id]')?.dataset.itemId";
    app.wait_until("its call has the focus", async |app| {
        Ok(app.eval(focused).await?.as_str() == Some(call.as_str()))
    })
    .await?;
    app.screenshot("opened-at-call").await?;

    // Answered there (another client, here): it leaves the inbox without a reload.
    app.click("nav [data-section='inbox']").await?;
    app.wait_until("the inbox is read again", async |app| Ok(listed(app).await?.len() >= 2))
        .await?;
    let call = go_to(&app, &second).await?;
    let confirm = managed_agents::types::EventParams::UserToolConfirmation {
        tool_use_id: call.clone(),
        result: managed_agents::types::ConfirmationResult::Allow,
        deny_message: None,
    };
    let request = managed_agents::types::SendEventsRequest { events: vec![confirm] };
    api.client.events(&second).send(&request).await?;
    gone(&app, &call).await?;

    app.screenshot("answered-elsewhere").await?;
    app.close().await
}
