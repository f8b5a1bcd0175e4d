//! The monitor against the simulator: sessions nobody opened report their status, approvals
//! with their count, a lost API and its return, a deletion, and the limit of live watches.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use managed_agents::types::{CreateAgentRequest, ListEventsQuery, Tool};
use managed_agents::{Client, Config};
use managed_agents_sim::{SimConfig, TypingSpeed};
use serde_json::json;

use super::cable::Cable;
use super::{ClientSource, Monitor, MonitorConfig, MonitorSummary};
use crate::relay::{LiveStatus, SessionStatusChanged};
use crate::test_sim::{asking_agent, client_of, session, sim_config};

type Seen = Arc<Mutex<Vec<SessionStatusChanged>>>;

fn quick() -> MonitorConfig {
    MonitorConfig {
        poll: Duration::from_millis(100),
        max_backoff: Duration::from_millis(400),
        ..MonitorConfig::default()
    }
}

fn source(client: &Arc<Client>) -> ClientSource {
    let client = Arc::clone(client);
    Arc::new(move || {
        let client = Arc::clone(&client);
        Box::pin(async move { ("demo".to_owned(), Some(client)) })
    })
}

fn start(
    config: MonitorConfig,
    client: &Arc<Client>,
) -> (Monitor, Seen, Arc<Mutex<MonitorSummary>>) {
    let seen = Seen::default();
    let summary = Arc::new(Mutex::new(MonitorSummary::default()));
    let (sink, summary_sink) = (Arc::clone(&seen), Arc::clone(&summary));
    let monitor = Monitor::start(
        config,
        source(client),
        Arc::new(move |change| sink.lock().unwrap().push(change)),
        Arc::new(move |s| *summary_sink.lock().unwrap() = s),
    );
    (monitor, seen, summary)
}

/// The newest report of each session.
fn latest(seen: &Seen) -> HashMap<String, SessionStatusChanged> {
    seen.lock().unwrap().iter().map(|c| (c.session_id.clone(), c.clone())).collect()
}

async fn until(what: &str, mut done: impl FnMut() -> bool) {
    let waited = tokio::time::timeout(Duration::from_secs(60), async {
        while !done() {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    })
    .await;
    assert!(waited.is_ok(), "timed out waiting for {what}");
}

/// An agent whose bash and edit calls ask first, and an environment.
async fn seed(client: &Client) -> (String, String) {
    asking_agent(client, "Coder").await
}

/// How many calls the session's latest idle event says wait, per the API.
async fn waiting_calls(client: &Client, session: &str) -> Option<usize> {
    let ids = crate::pending::waited_on(client, session).await.unwrap();
    (!ids.is_empty()).then_some(ids.len())
}

#[tokio::test]
async fn sessions_nobody_opened_show_needs_approval_with_its_count() {
    let sim = managed_agents_sim::start(sim_config()).await.unwrap();
    let client = client_of(&sim);
    let seeded = seed(&client).await;
    let (_monitor, seen, summary) = start(quick(), &client);
    let mut sessions = Vec::new();
    for _ in 0..3 {
        sessions.push(session(&client, &seeded, Some("deploy to staging")).await);
    }
    until("each session waits for approval", || {
        let latest = latest(&seen);
        sessions
            .iter()
            .all(|s| latest.get(s).is_some_and(|c| c.status == LiveStatus::RequiresAction))
    })
    .await;
    let latest = latest(&seen);
    for id in &sessions {
        let expected = waiting_calls(&client, id).await.unwrap();
        assert_eq!(
            latest[id].pending as usize, expected,
            "{id}: the count of the API's idle event"
        );
        assert!(!latest[id].reconnecting);
    }
    // The sidebar's badge and the window title: every waiting call, over the three sessions.
    let mut total = 0;
    for id in &sessions {
        total += waiting_calls(&client, id).await.unwrap();
    }
    until("the summary counts them", || summary.lock().unwrap().waiting_calls as usize == total)
        .await;
}

#[tokio::test]
async fn a_session_already_waiting_when_the_monitor_starts_is_found_waiting() {
    let sim = managed_agents_sim::start(sim_config()).await.unwrap();
    let client = client_of(&sim);
    let seeded = seed(&client).await;
    let waiting = session(&client, &seeded, Some("deploy to staging")).await;
    let done = session(&client, &seeded, Some("hello")).await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    while waiting_calls(&client, &waiting).await.is_none() {
        assert!(tokio::time::Instant::now() < deadline);
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let (monitor, seen, _) = start(quick(), &client);
    until("both are known", || {
        let latest = latest(&seen);
        latest.get(&waiting).is_some_and(|c| c.status == LiveStatus::RequiresAction)
            && latest.get(&done).is_some_and(|c| c.status == LiveStatus::Idle)
    })
    .await;
    // The snapshot a list just loaded reads says the same.
    let snapshot = monitor.snapshot();
    let waiting_now = snapshot.statuses.iter().find(|c| c.session_id == waiting).unwrap();
    assert_eq!(waiting_now.status, LiveStatus::RequiresAction);
    assert!(waiting_now.pending >= 1);
}

#[tokio::test]
async fn a_lost_api_turns_every_badge_reconnecting_and_each_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let config = SimConfig { snapshot: Some(dir.path().join("sim.json")), ..sim_config() };
    let sim = managed_agents_sim::start(config.clone()).await.unwrap();
    let addr = sim.addr();
    let client = client_of(&sim);
    let seeded = seed(&client).await;
    let mut sessions = Vec::new();
    for _ in 0..3 {
        sessions.push(session(&client, &seeded, Some("hello")).await);
    }
    let (_monitor, seen, summary) = start(quick(), &client);
    until("all three are idle", || {
        let latest = latest(&seen);
        sessions.iter().all(|s| latest.get(s).is_some_and(|c| c.status == LiveStatus::Idle))
    })
    .await;

    sim.shutdown().await;
    until("every badge says reconnecting", || {
        let latest = latest(&seen);
        sessions.iter().all(|s| latest[s].reconnecting)
    })
    .await;
    assert!(summary.lock().unwrap().reconnecting);
    assert!(latest(&seen).values().all(|c| c.status == LiveStatus::Idle), "the last status stays");

    let _back = managed_agents_sim::start(SimConfig { bind: addr, ..config }).await.unwrap();
    until("every badge is live again", || {
        let latest = latest(&seen);
        sessions.iter().all(|s| !latest[s].reconnecting && latest[s].status == LiveStatus::Idle)
    })
    .await;
    assert!(!summary.lock().unwrap().reconnecting);
}

#[tokio::test]
async fn ten_live_sessions_say_reconnecting_while_the_network_is_out_and_each_catches_up() {
    // The turns are slow enough to be running when the cable is pulled, and go on meanwhile.
    let config = SimConfig { typing: TypingSpeed::CharsPerSecond(400), ..SimConfig::default() };
    let sim = managed_agents_sim::start(config).await.unwrap();
    let direct = client_of(&sim);
    let cable = Cable::to(sim.addr()).await;
    let client = Arc::new(
        Client::new(Config {
            base_url: format!("http://{}", cable.addr),
            ..Config::new(managed_agents::ApiKey::new("k"))
        })
        .unwrap(),
    );
    let seeded = seed(&direct).await;
    let (_monitor, seen, summary) = start(quick(), &client);
    let mut sessions = Vec::new();
    for _ in 0..10 {
        sessions.push(session(&direct, &seeded, Some("deploy to staging")).await);
    }
    until("all ten are running", || {
        let latest = latest(&seen);
        sessions.iter().all(|s| latest.get(s).is_some_and(|c| c.status == LiveStatus::Running))
    })
    .await;

    cable.unplug();
    until("every badge says reconnecting", || {
        let latest = latest(&seen);
        sessions.iter().all(|s| latest[s].reconnecting)
    })
    .await;
    until("the list says so too", || summary.lock().unwrap().reconnecting).await;
    // Out of sight, every turn goes on until it waits for approval.
    for id in &sessions {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
        while waiting_calls(&direct, id).await.is_none() {
            assert!(tokio::time::Instant::now() < deadline, "{id} never came to wait");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    cable.plug();
    until("every badge is live again and waits for approval", || {
        let latest = latest(&seen);
        sessions
            .iter()
            .all(|s| !latest[s].reconnecting && latest[s].status == LiveStatus::RequiresAction)
    })
    .await;
    let latest = latest(&seen);
    for id in &sessions {
        // Nothing lost or doubled: the count is the API's own.
        let expected = waiting_calls(&direct, id).await.unwrap();
        assert_eq!(latest[id].pending as usize, expected, "{id}");
    }
    assert!(!summary.lock().unwrap().reconnecting);
}

#[tokio::test]
async fn a_session_deleted_elsewhere_is_reported_deleted() {
    let sim = managed_agents_sim::start(sim_config()).await.unwrap();
    let client = client_of(&sim);
    let seeded = seed(&client).await;
    let id = session(&client, &seeded, None).await;
    let (monitor, seen, _) = start(quick(), &client);
    until("it is known", || latest(&seen).contains_key(&id)).await;
    client.sessions().delete(&id).await.unwrap();
    until("it is reported deleted", || {
        latest(&seen).get(&id).is_some_and(|c| c.status == LiveStatus::Deleted)
    })
    .await;
    assert!(monitor.snapshot().statuses.iter().all(|c| c.session_id != id));
}

#[tokio::test]
async fn a_session_archived_elsewhere_is_reported_archived() {
    let sim = managed_agents_sim::start(sim_config()).await.unwrap();
    let client = client_of(&sim);
    let seeded = seed(&client).await;
    let id = session(&client, &seeded, None).await;
    let kept = session(&client, &seeded, None).await;
    let (monitor, seen, _) = start(quick(), &client);
    until("both are known", || {
        latest(&seen).contains_key(&id) && latest(&seen).contains_key(&kept)
    })
    .await;
    client.sessions().archive(&id).await.unwrap();
    until("it is reported archived", || {
        latest(&seen).get(&id).is_some_and(|c| c.status == LiveStatus::Archived)
    })
    .await;
    assert!(monitor.snapshot().statuses.iter().all(|c| c.session_id != id));
    assert_eq!(latest(&seen)[&kept].status, LiveStatus::Idle, "the other one is untouched");
}

#[tokio::test]
async fn beyond_the_limit_sessions_follow_the_list_and_the_summary_says_so() {
    let sim = managed_agents_sim::start(SimConfig::default()).await.unwrap();
    let client = client_of(&sim);
    let seeded = seed(&client).await;
    let mut sessions = Vec::new();
    for _ in 0..3 {
        // The long task runs for minutes at the default typing speed, asking nothing.
        let toolset = Tool::AgentToolset20260401 {
            default_config: Some(json!({ "enabled": true })),
            configs: None,
            extra: Default::default(),
        };
        let agent = CreateAgentRequest {
            tools: Some(vec![toolset]),
            ..CreateAgentRequest::new("Runner", "claude-sonnet-4-6")
        };
        let agent = client.agents().create(&agent).await.unwrap().id;
        sessions.push(session(&client, &(agent, seeded.1.clone()), Some("run the long job")).await);
    }
    let config = MonitorConfig { max_watched: 2, ..quick() };
    let (_monitor, seen, summary) = start(config, &client);
    until("two watched, one over the limit", || {
        let s = summary.lock().unwrap();
        s.watched == 2 && s.over_limit == 1 && s.max_watched == 2
    })
    .await;
    until("all three show running", || {
        let latest = latest(&seen);
        sessions.iter().all(|s| latest.get(s).is_some_and(|c| c.status == LiveStatus::Running))
    })
    .await;
    // Only the two watched ones opened a stream.
    assert_eq!(sim.streams_opened(), 2);
}

#[tokio::test]
async fn a_client_missing_for_a_moment_keeps_every_watch() {
    let sim = managed_agents_sim::start(SimConfig::default()).await.unwrap();
    let client = client_of(&sim);
    let seeded = seed(&client).await;
    let id = session(&client, &seeded, Some("deploy to staging")).await;
    // Every other call has no client, as when the keychain is slow to answer.
    let calls = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let (flaky, counter) = (Arc::clone(&client), Arc::clone(&calls));
    let source: ClientSource = Arc::new(move || {
        let odd = counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst) % 2 == 1;
        let client = (!odd).then(|| Arc::clone(&flaky));
        Box::pin(async move { ("demo".to_owned(), client) })
    });
    let seen = Seen::default();
    let sink = Arc::clone(&seen);
    let _monitor = Monitor::start(
        quick(),
        source,
        Arc::new(move |change| sink.lock().unwrap().push(change)),
        Arc::new(|_| {}),
    );
    until("it waits for approval", || {
        latest(&seen).get(&id).is_some_and(|c| c.status == LiveStatus::RequiresAction)
    })
    .await;
    until("many reads", || calls.load(std::sync::atomic::Ordering::SeqCst) > 20).await;
    assert_eq!(sim.streams_opened(), 1, "the watch was never dropped and opened again");
}

#[tokio::test]
async fn beyond_the_limit_a_session_waiting_for_approval_says_so_with_its_count() {
    let sim = managed_agents_sim::start(sim_config()).await.unwrap();
    let client = client_of(&sim);
    let seeded = seed(&client).await;
    let waiting = session(&client, &seeded, Some("deploy to staging")).await;
    let expected = loop {
        if let Some(count) = waiting_calls(&client, &waiting).await {
            break count;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    // No room for any watch: the monitor has only the list and the idle event to go on.
    let config = MonitorConfig { max_watched: 0, ..quick() };
    let (_monitor, seen, summary) = start(config, &client);
    until("it shows as waiting", || {
        latest(&seen).get(&waiting).is_some_and(|c| c.status == LiveStatus::RequiresAction)
    })
    .await;
    assert_eq!(latest(&seen)[&waiting].pending as usize, expected);
    assert_eq!(summary.lock().unwrap().over_limit, 1);
    // Later reads keep saying so (a read that found nothing new must not turn it idle).
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(latest(&seen)[&waiting].status, LiveStatus::RequiresAction);
    assert_eq!(sim.streams_opened(), 0);
}

/// An agent whose tools never ask, for the long task that runs for minutes.
async fn runner(client: &Client) -> String {
    let toolset = Tool::AgentToolset20260401 {
        default_config: Some(json!({ "enabled": true })),
        configs: None,
        extra: Default::default(),
    };
    let agent = CreateAgentRequest {
        tools: Some(vec![toolset]),
        ..CreateAgentRequest::new("Runner", "claude-sonnet-4-6")
    };
    client.agents().create(&agent).await.unwrap().id
}

/// A clock whose day began `ago` before now, and that a test can move to another day.
fn clock(ago: chrono::Duration) -> (super::Clock, Arc<Mutex<super::Today>>) {
    let midnight = chrono::Utc::now() - ago;
    let today = Arc::new(Mutex::new(super::Today { date: midnight.date_naive(), midnight }));
    let shared = Arc::clone(&today);
    (super::Clock::new(move || *shared.lock().unwrap()), today)
}

fn capped(cents: u64, interrupt: bool) -> HashMap<String, crate::profiles::DailyCap> {
    HashMap::from([("demo".to_owned(), crate::profiles::DailyCap { cents, interrupt })])
}

async fn status_of(client: &Client, id: &str) -> serde_json::Value {
    serde_json::to_value(client.sessions().retrieve(id).await.unwrap().status).unwrap()
}

async fn interrupts(client: &Client, id: &str) -> usize {
    let query = ListEventsQuery { types: vec!["user.interrupt".into()], ..Default::default() };
    client.events(id).list(&query).await.unwrap().data.len()
}

/// What the API says the sessions cost, in cents.
async fn list_costs(client: &Client, ids: &[&str]) -> u64 {
    let mut sum = 0;
    for id in ids {
        let usage = client.sessions().retrieve(id).await.unwrap().usage;
        sum += usage.list_cost.map_or(0, |c| c.amount.parse::<u64>().unwrap());
    }
    sum
}

#[tokio::test]
async fn at_the_daily_cap_every_running_session_is_interrupted_once_and_the_summary_says_why() {
    let sim = managed_agents_sim::start(SimConfig::default()).await.unwrap();
    let client = client_of(&sim);
    let seeded = seed(&client).await;
    let agent = runner(&client).await;
    let quiet = session(&client, &seeded, None).await;
    let mut long = Vec::new();
    for _ in 0..2 {
        long.push(
            session(&client, &(agent.clone(), seeded.1.clone()), Some("run the long job")).await,
        );
    }
    let (clock, _) = clock(chrono::Duration::hours(1));
    let (monitor, _, summary) = start(MonitorConfig { clock, ..quick() }, &client);
    monitor.set_daily_caps(capped(1, true));
    until("the cap is reached", || {
        summary.lock().unwrap().daily.as_ref().is_some_and(|d| d.near && d.reached)
    })
    .await;
    for id in &long {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
        while status_of(&client, id).await != "idle" {
            assert!(tokio::time::Instant::now() < deadline, "{id} was never stopped");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
    until("both are named as interrupted for the cap", || {
        let daily = summary.lock().unwrap().daily.clone().unwrap_or_else(|| unreachable!());
        long.iter().all(|id| daily.interrupted.contains(id)) && daily.interrupted.len() == 2
    })
    .await;
    // A few more reads: nothing is sent twice, and the idle one was never touched.
    tokio::time::sleep(Duration::from_millis(500)).await;
    for id in &long {
        assert_eq!(interrupts(&client, id).await, 1, "{id}: one interrupt");
    }
    assert_eq!(interrupts(&client, &quiet).await, 0);
    // At rest, the day's spend is the API's own list cost of the three, all created today.
    let ids = [long[0].as_str(), long[1].as_str(), quiet.as_str()];
    let expected = list_costs(&client, &ids).await;
    until("the spend is the API's list cost", || {
        summary.lock().unwrap().daily.as_ref().is_some_and(|d| d.spent_cents == expected)
    })
    .await;
    let daily = summary.lock().unwrap().daily.clone().unwrap_or_else(|| unreachable!());
    assert_eq!((daily.cap_cents, daily.interrupts), (1, true));
}

#[tokio::test]
async fn a_cap_that_only_warns_lets_the_sessions_run_and_none_means_no_figure() {
    let sim = managed_agents_sim::start(SimConfig::default()).await.unwrap();
    let client = client_of(&sim);
    let seeded = seed(&client).await;
    let agent = runner(&client).await;
    let id = session(&client, &(agent, seeded.1.clone()), Some("run the long job")).await;
    let (clock, _) = clock(chrono::Duration::hours(1));
    let (monitor, _, summary) = start(MonitorConfig { clock, ..quick() }, &client);
    until("it is known", || summary.lock().unwrap().watched == 1).await;
    assert_eq!(summary.lock().unwrap().daily, None, "no cap, no figure");
    monitor.set_daily_caps(capped(1, false));
    until("the cap is reached", || {
        summary.lock().unwrap().daily.as_ref().is_some_and(|d| d.reached)
    })
    .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(status_of(&client, &id).await, "running");
    assert_eq!(interrupts(&client, &id).await, 0);
    assert!(summary.lock().unwrap().daily.as_ref().is_some_and(|d| d.interrupted.is_empty()));
    monitor.set_daily_caps(HashMap::new());
    until("the figure goes with the cap", || summary.lock().unwrap().daily.is_none()).await;
}

#[tokio::test]
async fn a_session_from_before_midnight_counts_from_its_first_cost_today_and_a_new_day_starts_at_0()
{
    let sim = managed_agents_sim::start(SimConfig::default()).await.unwrap();
    let client = client_of(&sim);
    let seeded = seed(&client).await;
    let agent = runner(&client).await;
    let id = session(&client, &(agent, seeded.1.clone()), Some("run the long job")).await;
    // Let it spend something before the monitor first sees it.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    while list_costs(&client, &[&id]).await < 2 {
        assert!(tokio::time::Instant::now() < deadline, "the long job spends");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // Its day began after the session was created: it is a session from before midnight.
    let (clock, today) = clock(chrono::Duration::zero());
    let (monitor, _, summary) = start(MonitorConfig { clock, ..quick() }, &client);
    monitor.set_daily_caps(capped(1_000_000, false));
    until("it grows from where it was first seen", || {
        summary.lock().unwrap().daily.as_ref().is_some_and(|d| d.spent_cents >= 1)
    })
    .await;
    let spent = summary.lock().unwrap().daily.as_ref().map_or(0, |d| d.spent_cents);
    let total = list_costs(&client, &[&id]).await;
    // The 2 cents or more it spent before the monitor first saw it are not today's.
    assert!(spent + 2 <= total, "{spent} of {total}");

    // Midnight: the new day starts at nothing.
    let next = {
        let mut day = today.lock().unwrap();
        day.date = day.date.succ_opt().unwrap();
        day.midnight = chrono::Utc::now();
        day.date.to_string()
    };
    until("a new day", || summary.lock().unwrap().daily.as_ref().is_some_and(|d| d.date == next))
        .await;
    let spent = summary.lock().unwrap().daily.as_ref().map_or(0, |d| d.spent_cents);
    assert!(spent <= 1, "a new day starts again from 0, not {spent}");
}
