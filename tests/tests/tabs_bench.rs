//! A benchmark, not a test (skipped by `scripts/test`): twenty sessions running the simulator's
//! long task at once, each open in a tab of the real window. Prints the app's CPU and memory, the
//! frame times of the tab shown and the tab switch time; asserts only that every tab holds every
//! event the API lists for its session (a difference is a dropped event).

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use agent_desk_e2e::live::{Api, PAGE, TAB_STRIP};
use agent_desk_e2e::stats::spread;
use agent_desk_e2e::{App, Key, Launch, Result};
use managed_agents::types::CreateSessionRequest;
use managed_agents_sim::{SimConfig, TypingSpeed};
use serde_json::{Value, json};

const TABS: usize = 20;
/// How many times the benchmark switches tabs with Ctrl+Tab while they stream.
const SWITCHES: usize = 40;

/// One sample of the app's process tree (and of this test process, which runs the simulator).
struct Sample {
    at: Instant,
    /// CPU of the app and its web processes since the previous sample, % of one core.
    app_cpu: f64,
    /// CPU of this process (the simulator, the test) since the previous sample, % of one core.
    sim_cpu: f64,
    /// Resident memory of every process of the app (app, web process, network process), KiB.
    memory_kib: u64,
}

/// Not a test but a benchmark (prints figures; asserts only that no event was dropped): twenty
/// sessions streaming the long task at once in twenty tabs. See BENCHMARKS.md, "Twenty
/// sessions streaming in twenty tabs".
/// `cargo build --release -p agent-desk --features bench && \
///  AGENT_DESK_BIN=$PWD/target/release/agent-desk xvfb-run -a -s "-screen 0 1280x800x24" \
///  dbus-run-session -- scripts/with-keyring cargo test --release -p agent-desk-e2e \
///  --test tabs_bench -- --ignored bench_twenty --nocapture`
#[tokio::test]
#[ignore = "a benchmark: run by hand, see BENCHMARKS.md"]
async fn bench_twenty_sessions_streaming_in_twenty_tabs() -> Result<()> {
    // 600 characters per second: the long task (600 rounds of a model request and a bash call,
    // about 2,400 events) takes about three and a half minutes, twice the default reading speed.
    let config = SimConfig { typing: TypingSpeed::CharsPerSecond(600), ..SimConfig::default() };
    let api = Api::start(config).await?;
    let runner = api.runner_agent().await?;
    let mut sessions = Vec::new();
    for i in 0..TABS {
        let request = CreateSessionRequest {
            title: Some(format!("Long job {i:02}")),
            ..CreateSessionRequest::new(&runner, &api.environment)
        };
        sessions.push(api.client.sessions().create(&request).await?.id);
    }

    let mut app = Launch::new("tabs-bench").start().await?;
    app.use_profile(&api.sim).await?;
    app.click("nav [data-section='sessions']").await?;
    for session in &sessions {
        app.find(&format!("[data-session-id='{session}'] button")).await?;
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    let memory_start = total_kib(&app)?;

    let stop = AtomicBool::new(false);
    let sampler = sample_until(&app, &stop);
    let flow = async {
        let result = run(&app, &api, &sessions).await;
        stop.store(true, Ordering::Relaxed);
        result
    };
    let (samples, flow) = tokio::join!(sampler, flow);
    let marks = match flow {
        Ok(marks) => marks,
        Err(e) => {
            app.screenshot("failed").await?;
            return Err(e);
        }
    };

    // What the app used while the twenty tabs were open and streaming, and over the whole run.
    println!("\n== twenty sessions streaming in twenty tabs ==");
    let window = |from: Instant, to: Instant| -> Vec<&Sample> {
        samples.iter().filter(|s| s.at > from && s.at <= to).collect()
    };
    for (what, from, to) in [
        ("opening the 20 tabs (sessions streaming)", marks.started, marks.all_open),
        ("20 tabs open, until every session is idle", marks.all_open, marks.all_idle),
        ("  of which: tab shown, nothing else", marks.quiet.0, marks.quiet.1),
        ("  of which: switching tabs", marks.switching.0, marks.switching.1),
        ("whole run (start → idle)", marks.started, marks.all_idle),
    ] {
        let part = window(from, to);
        if part.is_empty() {
            continue;
        }
        let mean =
            |f: fn(&Sample) -> f64| part.iter().map(|s| f(s)).sum::<f64>() / part.len() as f64;
        let peak = |f: fn(&Sample) -> f64| part.iter().map(|s| f(s)).fold(0.0, f64::max);
        let memory_peak = part.iter().map(|s| s.memory_kib).max().unwrap_or(0);
        println!(
            "{what} ({:.0} s): app CPU mean {:.0} %, peak {:.0} % of one core; simulator + test CPU mean {:.0} %; app memory peak {} MiB",
            to.duration_since(from).as_secs_f64(),
            mean(|s| s.app_cpu),
            peak(|s| s.app_cpu),
            mean(|s| s.sim_cpu),
            memory_peak / 1024,
        );
    }
    let memory_peak = samples.iter().map(|s| s.memory_kib).max().unwrap_or(0);
    println!(
        "app memory (every process of the app): start {} MiB (list open, no tab), peak {} MiB, end {} MiB (20 tabs, all idle: {})",
        memory_start / 1024,
        memory_peak / 1024,
        marks.memory_end.iter().map(|(_, kib)| kib).sum::<u64>() / 1024,
        breakdown(&marks.memory_end),
    );
    println!("memory timeline (s from the first message: MiB): {}", {
        let at = |s: &Sample| s.at.duration_since(marks.started).as_secs_f64();
        samples
            .iter()
            .filter(|s| at(s) >= 0.0)
            .step_by(10)
            .map(|s| format!("{:.0}: {}", at(s), s.memory_kib / 1024))
            .collect::<Vec<_>>()
            .join(", ")
    });

    // Close 19 of the tabs: what closed tabs give back.
    app.eval("document.activeElement?.blur()").await?;
    for left in (1..TABS).rev() {
        app.chord(&[Key::Control], 'w').await?;
        app.wait_until("the tab closed", async |app| Ok(app.tab_ids().await?.len() == left))
            .await?;
    }
    let closed = Instant::now();
    for after in [5, 30] {
        tokio::time::sleep_until((closed + Duration::from_secs(after)).into()).await;
        let memory = app.memory()?;
        println!(
            "{after} s after closing 19 of the 20 tabs: {} MiB ({})",
            memory.iter().map(|(_, kib)| kib).sum::<u64>() / 1024,
            breakdown(&memory)
        );
    }
    app.screenshot("one-tab-left").await?;

    // The 19 opened and closed again, three times (finished now: each page reads its whole
    // history): memory after each round says whether closed tabs leave anything behind.
    let mut clicks = Clicks::default();
    for round in 1..=3 {
        let kept = app.tab_ids().await?;
        for session in sessions.iter().filter(|s| !kept.contains(s)) {
            open_tab(&app, session, &mut clicks).await?;
        }
        let open = total_kib(&app)? / 1024;
        app.eval("document.activeElement?.blur()").await?;
        for left in (1..TABS).rev() {
            app.chord(&[Key::Control], 'w').await?;
            app.wait_until("the tab closed", async |app| Ok(app.tab_ids().await?.len() == left))
                .await?;
        }
        tokio::time::sleep(Duration::from_secs(10)).await;
        let memory = app.memory()?;
        println!(
            "round {round}: 20 tabs open {open} MiB; 10 s after closing 19: {} MiB ({})",
            memory.iter().map(|(_, kib)| kib).sum::<u64>() / 1024,
            breakdown(&memory)
        );
    }
    app.close().await?;

    let dropped: Vec<&String> = marks.dropped.iter().collect();
    assert!(dropped.is_empty(), "events dropped: {dropped:#?}");
    Ok(())
}

/// When the phases of the run began and ended, and what the end showed.
struct Marks {
    started: Instant,
    all_open: Instant,
    quiet: (Instant, Instant),
    switching: (Instant, Instant),
    all_idle: Instant,
    memory_end: Vec<(String, u64)>,
    /// One line per tab whose events differ from the API's.
    dropped: Vec<String>,
}

/// Starts the twenty sessions, opens them as tabs, measures frames and switches while they
/// stream, then compares every tab's events with the API's.
async fn run(app: &App, api: &Api, sessions: &[String]) -> Result<Marks> {
    // The long task in every session at once; then every session opened from the list, as a
    // person would (each tab's page reads the history so far, then follows the stream).
    let started = Instant::now();
    for session in sessions {
        api.say(session, "Run the long job").await?;
    }
    for session in sessions {
        let status = api.client.sessions().retrieve(session).await?.status;
        assert_eq!(serde_json::to_value(&status)?, json!("running"), "{session} did not start");
    }
    let mut clicks = Clicks::default();
    for session in sessions {
        open_tab(app, session, &mut clicks).await?;
    }
    let (list_tab_refused, row_retries) = (clicks.list_tab_refused, clicks.row_retries);
    if row_retries > 0 {
        println!("{row_retries} clicks on a list row did not open it and were made again");
    }
    if list_tab_refused > 0 {
        println!("the All sessions tab refused {list_tab_refused} of {} clicks", TABS - 1);
    }
    let all_open = Instant::now();
    let ticks_open = ticks_by_process();
    let open = app.tab_ids().await?;
    assert_eq!(open.len(), TABS, "tabs: {open:?}");
    println!(
        "20 tabs opened from the list in {:?} (sessions streaming meanwhile)",
        all_open - started
    );

    // Frames of the tab shown (the last one opened), 20 s in which nothing talks to the page;
    // then the same loop goes on while Ctrl+Tab switches tabs. A switch is timed in the page:
    // from the keydown (a capture listener, performance.now()) to the first animation frame
    // whose DOM holds the new tab's page with conversation rows (that frame paints them).
    app.eval("document.activeElement?.blur()").await?;
    app.eval(&format!(
        "window.__tb = {{ frames: [], switchFrames: [], switches: [], phase: 'quiet', pressed: null, from: null }};
         window.addEventListener('keydown', (e) => {{
           if (!e.ctrlKey || !(e.key === 'Tab' || e.code === 'Tab')) return;
           window.__tb.pressed = performance.now();
           window.__tb.from = document.querySelector({PAGE:?})?.dataset.sessionId ?? null;
         }}, true);
         let last = performance.now();
         const tick = () => {{
           const now = performance.now(); const tb = window.__tb;
           (tb.phase === 'quiet' ? tb.frames : tb.switchFrames).push(now - last); last = now;
           if (tb.pressed !== null) {{
             const page = document.querySelector({PAGE:?});
             const id = page?.dataset.sessionId;
             if (id && id !== tb.from && page.querySelector('[aria-label=\"Conversation\"] [data-item-id]')) {{
               tb.switches.push([now - tb.pressed, id, Number(page.dataset.eventCount)]);
               tb.pressed = null;
             }}
           }}
           if (tb.phase !== 'stop') requestAnimationFrame(tick);
         }};
         requestAnimationFrame(tick);
         window.__agentDeskBench = {{ latencies: [], script: [] }};"
    ))
    .await?;
    let quiet_from = Instant::now();
    tokio::time::sleep(Duration::from_secs(20)).await;
    let quiet_to = Instant::now();
    let probe = app
        .eval(
            "window.__tb.phase = 'switching'; const p = window.__agentDeskBench; \
             delete window.__agentDeskBench; return p",
        )
        .await?;
    let frames = app.eval("return window.__tb.frames").await?;
    let frames = numbers(&frames);
    println!(
        "tab shown, 20 s with nothing else: {} frames, {}, {} over 50 ms",
        frames.len(),
        spread(&frames).unwrap_or_default(),
        frames.iter().filter(|&&f| f > 50.0).count()
    );
    for (key, what) in [
        ("script", "script per relay message, all 20 tabs (reducer + Svelte)"),
        ("latencies", "relay → next frame, all 20 tabs"),
    ] {
        let values = numbers(&probe[key]);
        match spread(&values) {
            Some(spread) => println!("  {what}: {} messages, {spread}", values.len()),
            None => println!("  {what}: not measured (build the app with --features bench)"),
        }
    }

    // Switches: Ctrl+Tab, then wait until the page has timed it (polling over WebDriver, which
    // also gives the switch as the test sees it), then a moment on that tab.
    let switching_from = Instant::now();
    let mut seen_by_test = Vec::new();
    for i in 1..=SWITCHES {
        let pressed = Instant::now();
        app.chord(&[Key::Control], char::from(Key::Tab)).await?;
        app.wait_until("the switch is timed", async |app| {
            Ok(app.eval("return window.__tb.switches.length").await?.as_u64() == Some(i as u64))
        })
        .await?;
        seen_by_test.push(pressed.elapsed().as_secs_f64() * 1000.0);
        tokio::time::sleep(Duration::from_millis(700)).await;
    }
    let switching_to = Instant::now();
    let timed = app.eval("window.__tb.phase = 'stop'; return window.__tb").await?;
    // Each switch is [time, …, events in the tab]: the first and the third columns.
    let column = |i: usize| -> Vec<f64> {
        let rows = timed["switches"].as_array().into_iter().flatten();
        rows.filter_map(|s| s.get(i)?.as_f64()).collect()
    };
    let (switches, sizes) = (column(0), column(2));
    println!(
        "tab switch (Ctrl+Tab keydown → first frame with the new tab's rows), {} switches: {}",
        switches.len(),
        spread(&switches).unwrap_or_default()
    );
    println!(
        "  each, ms: {}",
        switches.iter().map(|s| format!("{s:.0}")).collect::<Vec<_>>().join(", ")
    );
    println!(
        "  events in the tab switched to: {:.0} … {:.0}",
        sizes.iter().copied().fold(f64::INFINITY, f64::min),
        sizes.iter().copied().fold(0.0, f64::max)
    );
    println!(
        "tab switch as the test sees it (chord sent → WebDriver poll finds it timed): {}",
        spread(&seen_by_test).unwrap_or_default()
    );
    let frames = numbers(&timed["switchFrames"]);
    println!(
        "frames while switching: {} frames, {}, {} over 50 ms",
        frames.len(),
        spread(&frames).unwrap_or_default(),
        frames.iter().filter(|&&f| f > 50.0).count()
    );

    // Every session ends its turn (per the API).
    loop {
        let mut running = 0;
        for session in sessions {
            let status = api.client.sessions().retrieve(session).await?.status;
            if serde_json::to_value(&status)? != json!("idle") {
                running += 1;
            }
        }
        if running == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    let all_idle = Instant::now();
    let seconds = all_idle.duration_since(all_open).as_secs_f64();
    let split: Vec<String> = ticks_by_process()
        .iter()
        .map(|(name, ticks)| {
            let before = ticks_open.iter().find(|(n, _)| n == name).map_or(0, |(_, t)| *t);
            format!("{name} {:.0} %", ticks.saturating_sub(before) as f64 / seconds)
        })
        .collect();
    println!("CPU by process, 20 tabs open until idle (% of one core): {}", split.join(", "));
    println!("every session idle {:?} after the first message", all_idle - started);
    tokio::time::sleep(Duration::from_secs(3)).await;
    let memory_end = app.memory()?;

    // Each tab against the API: shown one after the other (Ctrl+Tab: with more tabs than fit,
    // the strip's scrollbar takes clicks on the tabs' lower half, see BENCHMARKS.md); once its
    // page says idle, its event count must be the API's (waiting up to 30 s for the last events).
    let mut dropped = Vec::new();
    let mut counts = Vec::new();
    let mut checked = Vec::new();
    let mut previous = app.page_attr("data-session-id").await?;
    for _ in 0..TABS {
        app.eval("document.activeElement?.blur()").await?;
        app.chord(&[Key::Control], char::from(Key::Tab)).await?;
        app.wait_until("the next tab is shown and idle", async |app| {
            Ok(app.page_attr("data-session-id").await? != previous
                && app.page_attr("data-status").await? == "idle")
        })
        .await?;
        let session = app.page_attr("data-session-id").await?;
        let expected = api.listed_events(&session).await?;
        let deadline = Instant::now() + Duration::from_secs(30);
        let shown = loop {
            let shown: usize = app.page_attr("data-event-count").await?.parse().unwrap_or(0);
            if shown == expected || Instant::now() > deadline {
                break shown;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        };
        let gap = app
            .eval(&format!(
                "return document.querySelector({PAGE:?}).innerText.includes('Some updates were missed')"
            ))
            .await?
            .as_bool()
            .unwrap_or(false);
        counts.push(format!("{shown}/{expected}"));
        if shown != expected || gap {
            dropped.push(format!(
                "{session}: the tab has {shown} events, the API lists {expected}{}",
                if gap { "; the page says updates were missed" } else { "" }
            ));
        }
        checked.push(session.clone());
        previous = session;
    }
    checked.sort();
    checked.dedup();
    if checked.len() != TABS {
        dropped.push(format!("only {} of the {TABS} tabs were checked", checked.len()));
    }
    println!("events per tab (tab / API): {}", counts.join(", "));
    Ok(Marks {
        started,
        all_open,
        quiet: (quiet_from, quiet_to),
        switching: (switching_from, switching_to),
        all_idle,
        memory_end,
        dropped,
    })
}

/// Samples the app's CPU and memory about once a second until `stop` is set.
async fn sample_until(app: &App, stop: &AtomicBool) -> Vec<Sample> {
    let mut samples = Vec::new();
    let mut last = (Instant::now(), app.cpu_ticks().unwrap_or(0), own_ticks());
    while !stop.load(Ordering::Relaxed) {
        tokio::time::sleep(Duration::from_secs(1)).await;
        let (Ok(ticks), Ok(memory)) = (app.cpu_ticks(), app.memory()) else { continue };
        let now = (Instant::now(), ticks, own_ticks());
        let seconds = now.0.duration_since(last.0).as_secs_f64();
        samples.push(Sample {
            at: now.0,
            app_cpu: now.1.saturating_sub(last.1) as f64 / seconds,
            sim_cpu: now.2.saturating_sub(last.2) as f64 / seconds,
            memory_kib: memory.iter().map(|(_, kib)| kib).sum(),
        });
        last = now;
    }
    samples
}

/// CPU time (user + system, clock ticks) of this process: the simulator and the test.
fn own_ticks() -> u64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<u64> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().map(|v| v.parse().unwrap_or(0)).collect())
        .unwrap_or_default();
    fields.get(11).copied().unwrap_or(0) + fields.get(12).copied().unwrap_or(0)
}

/// CPU time (clock ticks) of the app's binary (`AGENT_DESK_BIN`) and the processes below it
/// (WebKit's web and network processes), summed by process name.
fn ticks_by_process() -> Vec<(String, u64)> {
    let binary = std::env::var_os("AGENT_DESK_BIN").and_then(|b| std::fs::canonicalize(b).ok());
    let mut procs = Vec::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|n| n.parse::<u32>().ok()) else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else { continue };
        let Some((head, rest)) = stat.rsplit_once(')') else { continue };
        let name = head.split_once('(').map_or("", |(_, n)| n).to_owned();
        let fields: Vec<u64> = rest.split_whitespace().map(|v| v.parse().unwrap_or(0)).collect();
        let field = |i: usize| fields.get(i).copied().unwrap_or(0);
        let exe = std::fs::read_link(format!("/proc/{pid}/exe")).ok();
        procs.push((pid, field(1) as u32, name, field(11) + field(12), exe));
    }
    let Some(root) = procs.iter().find(|p| p.4.is_some() && p.4 == binary).map(|p| p.0) else {
        return Vec::new();
    };
    let below = |mut pid: u32| loop {
        if pid == root {
            return true;
        }
        match procs.iter().find(|p| p.0 == pid) {
            Some(p) if p.1 != 0 => pid = p.1,
            _ => return false,
        }
    };
    let mut totals: Vec<(String, u64)> = Vec::new();
    for (pid, _, name, ticks, _) in &procs {
        if below(*pid) {
            match totals.iter_mut().find(|(n, _)| n == name) {
                Some((_, total)) => *total += ticks,
                None => totals.push((name.clone(), *ticks)),
            }
        }
    }
    totals
}

fn total_kib(app: &App) -> Result<u64> {
    Ok(app.memory()?.iter().map(|(_, kib)| kib).sum())
}

/// "web process 300, app 158, …" in MiB.
fn breakdown(memory: &[(String, u64)]) -> String {
    let mut memory = memory.to_vec();
    memory.sort_by_key(|(_, kib)| std::cmp::Reverse(*kib));
    memory.iter().map(|(name, kib)| format!("{name} {}", kib / 1024)).collect::<Vec<_>>().join(", ")
}

fn numbers(value: &Value) -> Vec<f64> {
    value.as_array().into_iter().flatten().filter_map(Value::as_f64).collect()
}

/// Clicks the bench had to make again (see BENCHMARKS.md).
#[derive(Default)]
struct Clicks {
    list_tab_refused: usize,
    row_retries: usize,
}

/// Opens `session` in a tab from the list, as a person would.
async fn open_tab(app: &App, session: &str, clicks: &mut Clicks) -> Result<()> {
    let list_tab = format!("{TAB_STRIP} [data-tab='list']");
    if app.count(TAB_STRIP).await? > 0 {
        // The "All sessions" tab; when WebDriver refuses to click it (see BENCHMARKS.md),
        // the page's Back button, which also shows the list and keeps the tab.
        if let Err(e) = app.click(&list_tab).await {
            if clicks.list_tab_refused == 0 {
                let seen = app
                    .eval(&format!(
                        "const b = document.querySelector(\"{list_tab}\"); const s = b.parentElement; \
                         const r = b.getBoundingClientRect(); \
                         const hits = [0.2, 0.5, 0.8].map((f) => {{ const h = document.elementFromPoint(r.left + r.width / 2, r.top + r.height * f); return h === b || b.contains(h) ? 'button' : (h?.className ?? 'none'); }}); \
                         return {{ button: [r.left, r.top, r.width, r.height], hits, strip: [s.scrollLeft, s.scrollWidth, s.clientWidth, s.clientHeight, s.offsetHeight] }}"
                    ))
                    .await?;
                println!("the All sessions tab refused a click ({e}): {seen}");
            }
            clicks.list_tab_refused += 1;
            app.click(&format!("{PAGE} button.back")).await?;
        }
    }
    // The row's button, brought to the middle of the list first (a row at the window's
    // bottom edge sometimes takes WebDriver's click without opening); tried again after 5 s.
    let row = format!("[data-session-id='{session}'] button");
    let mut opened = false;
    for _ in 0..3 {
        app.find(&row).await?;
        app.eval(&format!(
            "document.querySelector(\"{row}\").scrollIntoView({{ block: 'center' }})"
        ))
        .await?;
        tokio::time::sleep(Duration::from_millis(300)).await;
        app.click(&row).await?;
        let deadline = Instant::now() + Duration::from_secs(5);
        while !opened && Instant::now() < deadline {
            opened = app.page_attr("data-session-id").await? == *session;
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        if opened {
            break;
        }
        clicks.row_retries += 1;
    }
    if !opened {
        return Err(format!("{session} did not open from the list").into());
    }
    Ok(())
}
