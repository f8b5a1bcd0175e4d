//! Desktop notifications with actions, in the real window, against a stand-in notification
//! server on the test's session bus (`agent_desk_e2e::notification_server`): a waiting call's
//! notification carries Allow and Deny; choosing one answers exactly that call through the API;
//! a click on the notification shows the call in the approvals inbox.
//!
//! Linux only: macOS and Windows show actions through their own notification centres, which no
//! test here reaches.
#![cfg(target_os = "linux")]

use agent_desk_e2e::live::Api;
use agent_desk_e2e::notification_server::{NotificationServer, Shown};
use agent_desk_e2e::{App, Launch, Result};
use managed_agents_sim::SimConfig;
use serde_json::Value;

/// The id of the `agent.tool_use` of `session` whose command starts with `command`.
async fn call_id(api: &Api, session: &str, command: &str) -> Result<String> {
    let calls = api.events_of_type(session, "agent.tool_use").await?;
    calls
        .as_array()
        .into_iter()
        .flatten()
        .find(|c| c["input"]["command"].as_str().is_some_and(|c| c.starts_with(command)))
        .and_then(|c| c["id"].as_str().map(str::to_owned))
        .ok_or_else(|| format!("no {command} call in {calls}").into())
}

/// The `user.tool_confirmation` events the API holds for `session`.
async fn confirmations(api: &Api, session: &str) -> Result<Vec<Value>> {
    let events = api.events_of_type(session, "user.tool_confirmation").await?;
    Ok(events.as_array().cloned().unwrap_or_default())
}

/// Waits until the API holds a confirmation for `call`, and returns it.
async fn confirmation_of(app: &App, api: &Api, session: &str, call: &str) -> Result<Value> {
    let what = format!("the API holds an answer to {call}");
    app.wait_until(&what, async |_| {
        Ok(confirmations(api, session).await?.iter().any(|c| c["tool_use_id"] == call))
    })
    .await?;
    let all = confirmations(api, session).await?;
    Ok(all.into_iter().find(|c| c["tool_use_id"] == call).unwrap_or_default())
}

/// Checks that `note` is about a call that waits for a confirmation.
fn assert_allow_deny(note: &Shown, title: &str, line: &str) {
    assert_eq!(note.summary, title, "{note:#?}");
    assert!(note.body.starts_with("Needs approval"), "{note:#?}");
    assert!(note.body.ends_with(line), "the call's tool and input end the body: {note:#?}");
    assert_eq!(note.label("allow"), Some("Allow"), "{note:#?}");
    assert_eq!(note.label("deny"), Some("Deny"), "{note:#?}");
    assert!(note.action_keys().contains(&"default"), "a click is reported: {note:#?}");
}

#[tokio::test]
#[ignore = "needs a display and a session bus: run through scripts/test"]
async fn a_waiting_calls_notification_allows_denies_and_opens_it_in_the_inbox() -> Result<()> {
    // Owns the bus name before the app starts.
    let server = NotificationServer::start().await?;
    let api = Api::start(SimConfig::default()).await?;
    let deploy = api.session("Ship 1.4.2", None).await?;
    let earlier = api.session("Release notes", None).await?;
    let hotfix = api.session("Hotfix", None).await?;
    // The real desktop (not the recording double), with a window that never counts as focused.
    let mut app =
        Launch::new("notification-actions").env("AGENT_DESK_TEST_UNFOCUSED", "1").start().await?;
    app.use_profile(&api.sim).await?;
    app.click("nav [data-section='sessions']").await?;
    app.wait_monitored(&[&deploy, &earlier, &hotfix]).await?;

    // The first call waits: its notification names it and carries Allow and Deny.
    api.say(&deploy, "Deploy to staging").await?;
    let first =
        server.wait_for("about the deploy command", |n| n.body.contains("deploy.sh")).await?;
    assert_allow_deny(&first, "Ship 1.4.2", "bash: $ ./scripts/deploy.sh staging");
    assert!(!first.app_name.is_empty(), "{first:#?}");
    let deploy_call = call_id(&api, &deploy, "./scripts/deploy.sh").await?;
    app.screenshot("first-call-notified").await?;

    // Allow: the API holds an allow for exactly that call, and the session goes on to the next.
    server.invoke(first.id, "allow").await?;
    let allowed = confirmation_of(&app, &api, &deploy, &deploy_call).await?;
    assert_eq!(allowed["result"], "allow", "{allowed}");
    let second = server
        .wait_for("about the tag command", |n| n.id > first.id && n.body.contains("git tag"))
        .await?;
    assert_allow_deny(&second, "Ship 1.4.2", "bash: $ git tag v1.4.2 && git push origin v1.4.2");
    let tag_call = call_id(&api, &deploy, "git tag").await?;

    // Deny: the API holds a deny for that call, with the notification's reason.
    server.invoke(second.id, "deny").await?;
    let denied = confirmation_of(&app, &api, &deploy, &tag_call).await?;
    assert_eq!(denied["result"], "deny", "{denied}");
    assert_eq!(denied["deny_message"], "Denied from a desktop notification", "{denied}");
    assert_eq!(confirmations(&api, &deploy).await?.len(), 2, "one answer per choice");
    app.wait_until("the deploy session ends its turn", async |_| {
        Ok(api.waiting_calls(&deploy).await?.is_none()
            && api
                .events_of_type(&deploy, "session.status_idle")
                .await?
                .as_array()
                .is_some_and(|idle| idle.iter().any(|e| e["stop_reason"]["type"] == "end_turn")))
    })
    .await?;

    // A click on the third notification shows its call in the inbox, with the keyboard on it,
    // though another session's calls, waiting since before, are listed first.
    api.say(&earlier, "Deploy to staging").await?;
    let ignored = server
        .wait_for("about the release notes", |n| n.id > second.id && n.summary == "Release notes")
        .await?;
    api.say(&hotfix, "Deploy to staging").await?;
    let third = server
        .wait_for("about the hotfix's deploy", |n| n.id > ignored.id && n.summary == "Hotfix")
        .await?;
    assert_allow_deny(&third, "Hotfix", "bash: $ ./scripts/deploy.sh staging");
    let hotfix_call = call_id(&api, &hotfix, "./scripts/deploy.sh").await?;
    server.invoke(third.id, "default").await?;
    let current = format!("[data-inbox-item='{hotfix_call}'][aria-current='true']");
    app.wait_until("the inbox shows the call, current", async |app| {
        Ok(app.count("[data-page='inbox']").await? == 1 && app.count(&current).await? == 1)
    })
    .await?;
    app.wait_until("the keyboard is on the call", async |app| {
        let focused = app
            .eval("return document.activeElement?.getAttribute('data-inbox-item') ?? ''")
            .await?;
        Ok(focused.as_str() == Some(hotfix_call.as_str()))
    })
    .await?;
    // The release notes' read may come back after the hotfix's: wait for it before the order.
    let earlier_call = call_id(&api, &earlier, "./scripts/deploy.sh").await?;
    let earlier_row = format!("[data-inbox-item='{earlier_call}']");
    app.wait_until("the release notes' call is listed too", async |app| {
        Ok(app.count(&earlier_row).await? == 1)
    })
    .await?;
    let first_listed = app
        .eval("return document.querySelector('[data-inbox-item]')?.dataset.inboxItem ?? ''")
        .await?;
    assert_eq!(first_listed.as_str(), Some(earlier_call.as_str()), "the longest waiting first");
    app.screenshot("third-call-open-in-the-inbox").await?;
    assert!(confirmations(&api, &hotfix).await?.is_empty(), "a click answers nothing");
    assert_eq!(api.waiting_calls(&hotfix).await?, Some(2), "its calls still wait");

    let log = app.log()?;
    assert!(!log.contains("not allowed"), "no command or listen was refused:\n{log}");
    assert!(!log.contains("was not taken"), "every answer was taken:\n{log}");
    app.close().await
}
