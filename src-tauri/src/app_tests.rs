//! The app's wiring on Tauri's mock runtime: setup, commands through IPC, window lifetimes.

use serde_json::{Value, json};
use tauri::Manager;
use tauri::test::MockRuntime;
use tauri::webview::InvokeRequest;

use crate::Keychain;
use crate::state::AppState;

fn app_in(data_dir: &std::path::Path) -> tauri::App<MockRuntime> {
    app_with(data_dir, Keychain::memory("mock-runtime tests"))
}

fn app_with(data_dir: &std::path::Path, keychain: Keychain) -> tauri::App<MockRuntime> {
    let options = super::Options {
        data_dir: Some(data_dir.to_owned()),
        keychain: Some(keychain),
        ..super::Options::default()
    };
    app_with_options(options)
}

fn app_with_options(options: super::Options) -> tauri::App<MockRuntime> {
    let mut app = super::build(tauri::test::mock_builder(), options)
        .build(tauri::generate_context!())
        .expect("the app wiring builds");
    // The first iteration runs setup, which opens the configured windows, as at a real start.
    #[expect(deprecated, reason = "called once, not in the busy loop the deprecation is about")]
    app.run_iteration(|_, _| {});
    app
}

fn main_window(app: &tauri::App<MockRuntime>) -> tauri::WebviewWindow<MockRuntime> {
    app.get_webview_window("main").expect("setup opened the main window")
}

/// Calls a command the way the web view does and returns its JSON answer or error.
fn invoke(
    window: &tauri::WebviewWindow<MockRuntime>,
    cmd: &str,
    args: Value,
) -> Result<Value, Value> {
    tauri::test::get_ipc_response(
        window,
        InvokeRequest {
            cmd: cmd.into(),
            callback: tauri::ipc::CallbackFn(0),
            error: tauri::ipc::CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: tauri::ipc::InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: tauri::test::INVOKE_KEY.to_string(),
        },
    )
    .map(|body| body.deserialize::<Value>().unwrap())
}

#[test]
fn the_main_window_is_agent_desk() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_in(dir.path());
    let window = main_window(&app);
    // The mock runtime keeps no titles; the end-to-end tests read the real window's.
    assert_eq!(window.label(), "main");
    assert_eq!(app.config().app.windows[0].title, "Agent Desk");
    assert_eq!(app.config().product_name.as_deref(), Some("Agent Desk"));
}

/// Agent output is rendered in this web view, so script injection must find no way in and,
/// if it did, no global handle to the backend.
#[test]
fn the_web_view_is_locked_down() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_in(dir.path());
    let security = &app.config().app.security;
    let csp = security.csp.as_ref().expect("a CSP is set").to_string();
    let required = ["default-src 'self'", "script-src 'self'", "object-src 'none'"];
    for directive in required {
        assert!(csp.contains(directive), "CSP lacks {directive}: {csp}");
    }
    let sources: Vec<&str> = csp.split([' ', ';']).collect();
    let loopholes = ["'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:"];
    for loophole in loopholes {
        assert!(!sources.contains(&loophole), "CSP allows {loophole}: {csp}");
    }
    assert!(!app.config().app.with_global_tauri);
    assert!(security.freeze_prototype);
}

#[test]
fn the_theme_choice_is_saved_and_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    {
        let app = app_in(dir.path());
        let window = main_window(&app);
        assert_eq!(invoke(&window, "settings_get", json!({})).unwrap()["theme"], "system");
        let saved = invoke(&window, "settings_set_theme", json!({ "theme": "dark" })).unwrap();
        assert_eq!((&saved["version"], &saved["theme"]), (&json!(2), &json!("dark")));
        // A value the app does not know is refused and changes nothing.
        assert!(invoke(&window, "settings_set_theme", json!({ "theme": "sepia" })).is_err());
        assert_eq!(invoke(&window, "settings_get", json!({})).unwrap()["theme"], "dark");
        app.cleanup_before_exit();
    }
    let stored = std::fs::read_to_string(dir.path().join("settings.json")).unwrap();
    assert!(stored.contains(r#""theme": "dark""#), "{stored}");

    let app = app_in(dir.path());
    let window = main_window(&app);
    assert_eq!(invoke(&window, "settings_get", json!({})).unwrap()["theme"], "dark");
}

const KEY: &str = "fake-test-key-one-AbCd";
const NEW_KEY: &str = "fake-test-key-two-WxYz";

fn profiles(window: &tauri::WebviewWindow<MockRuntime>) -> Value {
    invoke(window, "profiles_list", json!({})).unwrap()
}

/// First start: Demo is there, active, backed by the simulator, and needs no key.
#[test]
fn first_start_lands_in_a_working_demo() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_in(dir.path());
    let window = main_window(&app);
    let list = profiles(&window);
    assert_eq!(list["activeId"], "demo");
    assert_eq!(list["profiles"][0]["name"], "Demo");
    assert_eq!(list["profiles"][0]["isDemo"], true);
    let url = list["profiles"][0]["baseUrl"].as_str().unwrap().to_owned();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    let demo = list["profiles"][0].clone();
    let report =
        invoke(&window, "profile_test", json!({ "draft": demo, "profileId": "demo" })).unwrap();
    assert_eq!(report["verdict"], "ok", "{report}");
    let message = report["message"].as_str().unwrap();
    assert!(message.contains("needs no key"), "the Demo's test praises no key: {message}");
}

/// The key goes in, is used, is changed and is deleted, and never comes back out: not in any
/// answer, not in the settings file.
#[test]
fn a_profile_key_is_kept_in_the_keychain_and_never_handed_out() {
    let dir = tempfile::tempdir().unwrap();
    let keychain = Keychain::memory("test");
    let app = app_with(dir.path(), keychain.clone());
    let window = main_window(&app);
    let demo_url = profiles(&window)["profiles"][0]["baseUrl"].clone();
    let draft = json!({
        "name": "Local", "baseUrl": demo_url, "auth": "bearer",
        "apiVersion": "2023-06-01", "workspaceId": null
    });
    let mut answers = Vec::new();

    // Bad input is refused and nothing is stored.
    let short = invoke(&window, "profile_create", json!({ "draft": draft, "apiKey": "abc" }));
    assert_eq!(short.unwrap_err()["code"], "InvalidInput");
    let unnamed = json!({ "name": " ", "baseUrl": demo_url, "auth": "bearer", "apiVersion": "x", "workspaceId": null });
    assert_eq!(
        invoke(&window, "profile_create", json!({ "draft": unnamed })).unwrap_err()["code"],
        "InvalidInput"
    );
    assert_eq!(profiles(&window)["profiles"].as_array().unwrap().len(), 1);

    let id = invoke(&window, "profile_create", json!({ "draft": draft, "apiKey": KEY })).unwrap();
    let id = id.as_str().unwrap().to_owned();
    answers.push(profiles(&window));
    let listed = &answers[0]["profiles"][1];
    assert_eq!(
        (listed["hasKey"].as_bool(), listed["keyHint"].as_str()),
        (Some(true), Some("AbCd"))
    );
    assert_eq!(answers[0]["keyStorage"]["kind"], "memory");

    // Used: a connection test with the stored key, then real calls as the active profile.
    let report =
        invoke(&window, "profile_test", json!({ "draft": draft, "profileId": id })).unwrap();
    assert_eq!(report["verdict"], "ok", "{report}");
    answers.push(report);
    invoke(&window, "profile_activate", json!({ "id": id })).unwrap();
    answers.push(profiles(&window));
    let client = tauri::async_runtime::block_on(app.state::<AppState>().client()).unwrap();
    assert!(tauri::async_runtime::block_on(client.agents().list(&Default::default())).is_ok());

    // Changed.
    invoke(&window, "profile_set_key", json!({ "id": id, "apiKey": NEW_KEY })).unwrap();
    answers.push(profiles(&window));
    assert_eq!(answers[3]["profiles"][1]["keyHint"], "WxYz");
    let stored = tauri::async_runtime::block_on(keychain.get(&id)).unwrap();
    assert_eq!(stored.as_deref(), Some(NEW_KEY));

    let settings_file = std::fs::read_to_string(dir.path().join("settings.json")).unwrap();
    assert!(settings_file.contains(&id), "the profile is saved");
    for text in answers.iter().map(Value::to_string).chain([settings_file]) {
        assert!(!text.contains(KEY) && !text.contains(NEW_KEY), "a key leaked into: {text}");
    }

    // Deleted: the profile, its key, and Demo is active again.
    invoke(&window, "profile_delete", json!({ "id": id })).unwrap();
    let after = profiles(&window);
    assert_eq!(
        (after["activeId"].as_str(), after["profiles"].as_array().unwrap().len()),
        (Some("demo"), 1)
    );
    assert_eq!(tauri::async_runtime::block_on(keychain.get(&id)).unwrap(), None);
    let missing = invoke(&window, "profile_delete", json!({ "id": id })).unwrap_err();
    assert_eq!(missing["code"], "NotFound");
}

#[test]
fn a_profile_without_a_key_says_so_when_used() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_in(dir.path());
    let window = main_window(&app);
    let draft = json!({
        "name": "Work", "baseUrl": "https://api.anthropic.com", "auth": "x-api-key",
        "apiVersion": "2023-06-01", "workspaceId": null
    });
    let id = invoke(&window, "profile_create", json!({ "draft": draft })).unwrap();
    invoke(&window, "profile_activate", json!({ "id": id })).unwrap();
    let error =
        invoke(&window, "session_send_message", json!({ "sessionId": "sesn_1", "text": "hi" }))
            .unwrap_err();
    assert_eq!(error["code"], "Unauthorized");
    assert!(error["message"].as_str().unwrap().contains("no API key"), "{error}");
    assert_eq!(error["requestId"], Value::Null);
}

/// Closing a window ends its watches and their tasks; the other window's watch goes on.
#[test]
fn closing_a_window_ends_its_watches() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_in(dir.path());
    let other =
        tauri::WebviewWindowBuilder::new(&app, "other", Default::default()).build().unwrap();
    let handle = app.handle().clone();
    let state = handle.state::<AppState>();
    let client = tauri::async_runtime::block_on(state.client()).unwrap();
    let watch = |owner: &str| {
        let _guard = tauri::async_runtime::handle().inner().enter();
        state.watches.watch(
            owner,
            "sesn_missing",
            &client,
            managed_agents::FeedConfig::default(),
            Box::new(|_| Ok(())),
            std::sync::Arc::new(|_| {}),
        )
    };
    watch("other");
    watch("other");
    watch("main");
    assert_eq!(state.watches.count(), 3);
    // The mock runtime delivers no window events, so the app's handler gets the one a real
    // window sends as it goes; the end-to-end tests close real windows.
    super::on_window_event(&other.as_ref().window(), &tauri::WindowEvent::Destroyed);
    assert_eq!(state.watches.count(), 1, "only the main window's watch is left");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    // The main window's watch has stopped by itself (404) or is still running: at most one.
    while state.watches.running_tasks() > 1 && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(state.watches.running_tasks() <= 1);
}

/// The real keychain through the app: a key saved in one run is there in the next, and
/// deleting the profile removes it from the keychain.
#[test]
#[ignore = "needs a Secret Service; scripts/test provides one"]
fn os_keychain_keeps_a_profile_key_across_restarts() {
    let dir = tempfile::tempdir().unwrap();
    let service = crate::keychain::tests::test_service();
    let draft = json!({
        "name": "Work", "baseUrl": "https://api.anthropic.com", "auth": "x-api-key",
        "apiVersion": "2023-06-01", "workspaceId": null
    });
    let id = {
        let app = app_with(dir.path(), Keychain::open(&service));
        let window = main_window(&app);
        assert_eq!(profiles(&window)["keyStorage"]["kind"], "keychain");
        let id =
            invoke(&window, "profile_create", json!({ "draft": draft, "apiKey": KEY })).unwrap();
        app.cleanup_before_exit();
        id.as_str().unwrap().to_owned()
    };
    let keychain = Keychain::open(&service);
    let app = app_with(dir.path(), keychain.clone());
    let window = main_window(&app);
    let listed = profiles(&window)["profiles"][1].clone();
    assert_eq!(
        (listed["hasKey"].as_bool(), listed["keyHint"].as_str()),
        (Some(true), Some("AbCd"))
    );
    invoke(&window, "profile_delete", json!({ "id": id })).unwrap();
    assert_eq!(tauri::async_runtime::block_on(Keychain::open(&service).get(&id)).unwrap(), None);
}

/// The send commands against the Demo: a message starts a turn, a tool call waits for
/// confirmation and is denied with a reason, and an interrupt is accepted.
#[test]
fn messages_confirmations_and_interrupts_reach_the_session() {
    use managed_agents::types::ListEventsQuery;
    let dir = tempfile::tempdir().unwrap();
    let app = app_in(dir.path());
    let window = main_window(&app);
    let client = tauri::async_runtime::block_on(app.state::<AppState>().client()).unwrap();
    let session = tauri::async_runtime::block_on(async {
        let seeded = crate::test_sim::asking_agent(&client, "Careful").await;
        crate::test_sim::session(&client, &seeded, None).await
    });
    let events = |kind: &str| {
        let query = ListEventsQuery { types: vec![kind.into()], ..Default::default() };
        tauri::async_runtime::block_on(client.events(&session).list(&query)).unwrap().data
    };

    let empty =
        invoke(&window, "session_send_message", json!({ "sessionId": session, "text": "  " }));
    assert_eq!(empty.unwrap_err()["code"], "InvalidInput");
    let echo = invoke(
        &window,
        "session_send_message",
        json!({ "sessionId": session, "text": "please fix the bug" }),
    )
    .unwrap();
    assert_eq!(echo[0]["type"], "user.message");

    // The turn stops at the first tool call, waiting for a person.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let waiting = loop {
        let idle = events("session.status_idle");
        if let Some(ids) = idle.last().and_then(|e| {
            serde_json::to_value(e).ok()?["stop_reason"]["event_ids"].as_array().cloned()
        }) {
            break ids[0].as_str().unwrap().to_owned();
        }
        assert!(std::time::Instant::now() < deadline, "the session never asked for approval");
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let denied = invoke(
        &window,
        "session_confirm_tool",
        json!({ "sessionId": session, "toolUseId": waiting, "allow": false, "reason": "not on main" }),
    )
    .unwrap();
    assert_eq!(denied[0]["result"], "deny");
    assert_eq!(denied[0]["deny_message"], "not on main");
    let confirmations = events("user.tool_confirmation");
    assert_eq!(confirmations.len(), 1, "sent once");

    let interrupted =
        invoke(&window, "session_interrupt", json!({ "sessionId": session, "threadId": null }))
            .unwrap();
    assert_eq!(interrupted[0]["type"], "user.interrupt");
    let unknown = invoke(
        &window,
        "session_send_message",
        json!({ "sessionId": "sesn_nope", "text": "hello" }),
    )
    .unwrap_err();
    assert_eq!(unknown["code"], "NotFound");
    assert!(unknown["requestId"].is_string(), "{unknown}");
}

/// Set-up commands against the Demo: create, list, a new version, and a stale edit refused.
#[test]
fn agents_environments_and_sessions_are_set_up_through_commands() {
    let dir = tempfile::tempdir().unwrap();
    let app = app_in(dir.path());
    let window = main_window(&app);
    let agent = invoke(
        &window,
        "agent_create",
        json!({ "request": { "name": "Coder", "model": "claude-sonnet-4-6" } }),
    )
    .unwrap();
    let agent_id = agent["id"].as_str().unwrap();
    assert_eq!(agent["version"], 1);
    let edited = invoke(
        &window,
        "agent_update",
        json!({ "agentId": agent_id, "request": { "version": 1, "name": "Coder 2" } }),
    )
    .unwrap();
    assert_eq!(edited["version"], 2);
    let stale = invoke(
        &window,
        "agent_update",
        json!({ "agentId": agent_id, "request": { "version": 1, "name": "Mine" } }),
    )
    .unwrap_err();
    assert_eq!((stale["code"].as_str(), stale["status"].as_u64()), (Some("Conflict"), Some(409)));
    let versions =
        invoke(&window, "agent_versions", json!({ "agentId": agent_id, "query": {} })).unwrap();
    assert_eq!(versions["data"].as_array().unwrap().len(), 2);
    // The Demo comes with its own agent too; this one is listed under its new name.
    let list = invoke(&window, "agents_list", json!({ "query": { "limit": 10 } })).unwrap();
    let listed = list["data"].as_array().unwrap().iter().find(|a| a["id"] == agent_id);
    assert_eq!(listed.map(|a| &a["name"]), Some(&json!("Coder 2")));

    let bad = invoke(&window, "environment_create", json!({ "request": { "name": "" } }));
    let bad = bad.unwrap_err();
    assert_eq!(bad["code"], "Rejected", "{bad}");
    assert!(bad["requestId"].is_string() && !bad["message"].as_str().unwrap().is_empty());
    let environment =
        invoke(&window, "environment_create", json!({ "request": { "name": "box" } })).unwrap();
    let session = invoke(
        &window,
        "session_create",
        json!({ "request": { "agent": agent_id, "environment_id": environment["id"] } }),
    )
    .unwrap();
    let sessions = invoke(&window, "sessions_list", json!({ "query": {} })).unwrap();
    let ids: Vec<&Value> = sessions["data"].as_array().unwrap().iter().map(|s| &s["id"]).collect();
    assert!(ids.contains(&&session["id"]), "{ids:?}");
}

/// A status change becomes a desktop notification, named by the session's title, only while
/// the window is not in front and the preferences ask for it; the window coming back to the
/// front then asks the web view to open that session.
#[test]
fn a_finished_turn_notifies_only_when_the_window_is_not_in_front() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, Mutex};

    use managed_agents::types::{
        CreateAgentRequest, CreateEnvironmentRequest, CreateSessionRequest,
    };
    use tauri_specta::Event;

    use crate::desktop::Desktop;
    use crate::notifications::{SessionOpenRequested, deliver};
    use crate::relay::{LiveStatus, SessionStatusChanged};

    let shown = Arc::new(Mutex::new(Vec::<(String, String)>::new()));
    let focused = Arc::new(AtomicBool::new(true));
    let desktop = {
        let (shown, focused) = (Arc::clone(&shown), Arc::clone(&focused));
        Desktop::from_parts(
            Box::new(|_| Ok(())),
            Box::new(move |title, body| {
                shown.lock().unwrap().push((title.to_owned(), body.to_owned()));
                Ok(())
            }),
            Box::new(move || focused.load(Ordering::SeqCst)),
        )
    };
    let dir = tempfile::tempdir().unwrap();
    let app = app_with_options(super::Options {
        data_dir: Some(dir.path().to_owned()),
        keychain: Some(Keychain::memory("tests")),
        desktop: Some(desktop),
        ..super::Options::default()
    });
    let client = tauri::async_runtime::block_on(app.state::<AppState>().client()).unwrap();
    let session = tauri::async_runtime::block_on(async {
        let agent = client
            .agents()
            .create(&CreateAgentRequest::new("Coder", "claude-sonnet-4-6"))
            .await
            .unwrap();
        let environment = CreateEnvironmentRequest { name: "box".into(), ..Default::default() };
        let environment = client.environments().create(&environment).await.unwrap();
        let request = CreateSessionRequest {
            title: Some("Fix the tests".into()),
            ..CreateSessionRequest::new(&agent.id, &environment.id)
        };
        client.sessions().create(&request).await.unwrap().id
    });
    let change = |status, stop: Option<&str>| SessionStatusChanged {
        session_id: session.clone(),
        status,
        pending: 0,
        stop_reason: stop.map(str::to_owned),
        reconnecting: false,
        budget_near: false,
    };
    let running = change(LiveStatus::Running, None);
    let done = change(LiveStatus::Idle, Some("end_turn"));
    let wait_for = |count: usize| {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while shown.lock().unwrap().len() < count && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        shown.lock().unwrap().clone()
    };

    // The first report sums up the history; then a turn ends while the person looks at it.
    deliver(app.handle(), &running);
    deliver(app.handle(), &done);
    deliver(app.handle(), &running);
    focused.store(false, Ordering::SeqCst);
    deliver(app.handle(), &done);
    let notes = wait_for(1);
    assert_eq!(notes, vec![("Fix the tests".to_owned(), "Finished its turn.".to_owned())]);

    let opened = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&opened);
    SessionOpenRequested::listen(app.handle(), move |event| {
        sink.lock().unwrap().push(event.payload.session_id);
    });
    let window = main_window(&app);
    super::on_window_event(&window.as_ref().window(), &tauri::WindowEvent::Focused(true));
    super::on_window_event(&window.as_ref().window(), &tauri::WindowEvent::Focused(true));
    assert_eq!(*opened.lock().unwrap(), vec![session.clone()], "opened once, at the first focus");

    // Turned off in Settings: the next finished turn makes no notification.
    let prefs = json!({ "enabled": false, "approvals": true, "turnEnded": true, "failures": true });
    invoke(&window, "settings_set_notifications", json!({ "notifications": prefs })).unwrap();
    deliver(app.handle(), &running);
    deliver(app.handle(), &done);
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_eq!(shown.lock().unwrap().len(), 1);
}
