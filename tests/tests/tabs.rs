//! Session tabs in the real window: opened from the list, switched by click and by keyboard
//! (Ctrl+Tab, Ctrl+Shift+Tab, Alt+digit), each keeping its draft; closed with Ctrl+W and the
//! middle button; two side by side with a divider dragged by the pointer; all restored after a
//! restart.

use agent_desk_e2e::live::{Api, PAGE, TAB_STRIP};
use agent_desk_e2e::{App, Key, Launch, Result};
use managed_agents_sim::SimConfig;

async fn app_on(test: &str, api: &Api) -> Result<App> {
    let mut app = Launch::new(test).start().await?;
    app.use_profile(&api.sim).await?;
    Ok(app)
}

/// Waits until the page on the left (or the only one) shows `session`.
async fn shown(app: &App, session: &str) -> Result<()> {
    app.wait_until(&format!("{session} is shown"), async |app| {
        Ok(app.page_attr("data-session-id").await? == session)
    })
    .await
}

/// Opens `session` from the list, going back to the list first.
async fn open_from_list(app: &App, session: &str) -> Result<()> {
    if app.count(TAB_STRIP).await? > 0 {
        app.click(&format!("{TAB_STRIP} [data-tab='list']")).await?;
    }
    app.click(&format!("[data-session-id='{session}'] button")).await?;
    shown(app, session).await
}

#[tokio::test]
#[ignore = "needs a display: run through scripts/test"]
async fn tabs_are_opened_switched_closed_split_and_restored_after_a_restart() -> Result<()> {
    let api = Api::start(SimConfig::default()).await?;
    let build = api.session("Fix the build", Some("hello")).await?;
    let docs = api.session("Write the docs", Some("hello")).await?;
    let triage = api.session("Triage the ticket", Some("Research Rust web frameworks")).await?;
    let mut app = app_on("tabs", &api).await?;
    app.click("nav [data-section='sessions']").await?;

    for session in [&build, &docs, &triage] {
        open_from_list(&app, session).await?;
    }
    assert_eq!(app.tab_ids().await?, [build.clone(), docs.clone(), triage.clone()]);
    // Each tab says its session and its status.
    app.wait_until("every tab has its title", async |app| {
        let text = app
            .eval(&format!("return document.querySelector(\"{TAB_STRIP}\").textContent"))
            .await?;
        let text = text.as_str().unwrap_or_default();
        Ok(["Fix the build", "Write the docs", "Triage the ticket"]
            .iter()
            .all(|t| text.contains(t)))
    })
    .await?;

    // A draft typed in one tab is still there after visiting another (the page itself was
    // gone meanwhile).
    app.fill("Message", "A draft for the ticket").await?;
    app.click(&format!("{TAB_STRIP} [data-tab='{docs}'] button.open")).await?;
    shown(&app, &docs).await?;
    app.click(&format!("{TAB_STRIP} [data-tab='{triage}'] button.open")).await?;
    shown(&app, &triage).await?;
    let draft = app.field("Message").await?.prop("value").await?;
    assert_eq!(draft.as_deref(), Some("A draft for the ticket"));
    app.screenshot("three-tabs").await?;

    // Ctrl+Tab wraps to the first, Ctrl+Shift+Tab back, Alt+2 jumps to the second.
    app.eval("document.activeElement?.blur()").await?;
    app.chord(&[Key::Control], char::from(Key::Tab)).await?;
    shown(&app, &build).await?;
    app.chord(&[Key::Control, Key::Shift], char::from(Key::Tab)).await?;
    shown(&app, &triage).await?;
    app.chord(&[Key::Alt], '2').await?;
    shown(&app, &docs).await?;

    // Ctrl+W closes the tab shown.
    app.chord(&[Key::Control], 'w').await?;
    app.wait_until("the docs tab closed", async |app| {
        Ok(app.tab_ids().await? == [build.clone(), triage.clone()])
    })
    .await?;
    shown(&app, &triage).await?;

    // Two side by side: the divider follows the pointer.
    open_from_list(&app, &build).await?;
    app.click(&format!("{TAB_STRIP} [data-tab='{triage}'] button[title='Open beside']")).await?;
    app.wait_until("two pages side by side", async |app| Ok(app.count(PAGE).await? == 2)).await?;
    let divider = app.find("[role='separator'][aria-label='Resize the split view']").await?;
    let before = divider.attr("aria-valuenow").await?.unwrap_or_default();
    assert_eq!(before, "50");
    app.drag_by(&divider, -200.0).await?;
    app.wait_until("the divider moved left", async |app| {
        let divider = app.find("[role='separator']").await?;
        let now: u32 = divider.attr("aria-valuenow").await?.unwrap_or_default().parse()?;
        Ok((25..45).contains(&now))
    })
    .await?;
    app.screenshot("split").await?;
    let ratio = app.find("[role='separator']").await?.attr("aria-valuenow").await?;

    // Closed and opened again: the same tabs, the same split, the same divider.
    let mut app = app.relaunch().await?;
    app.click("nav [data-section='sessions']").await?;
    app.wait_until("the tabs are back", async |app| {
        Ok(app.tab_ids().await? == [build.clone(), triage.clone()])
    })
    .await?;
    shown(&app, &build).await?;
    app.wait_until("the split is back", async |app| Ok(app.count(PAGE).await? == 2)).await?;
    let restored = app.find("[role='separator']").await?.attr("aria-valuenow").await?;
    assert_eq!(restored, ratio);
    app.screenshot("restored").await?;

    // The middle button closes a tab (last: the automation leaves that button pressed).
    let triage_tab = app.find(&format!("{TAB_STRIP} [data-tab='{triage}'] button.open")).await?;
    app.middle_click(&triage_tab).await?;
    app.wait_until(
        "the triage tab closed",
        async |app| Ok(app.tab_ids().await? == [build.clone()]),
    )
    .await?;
    app.wait_until("the split closed with it", async |app| Ok(app.count(PAGE).await? == 1)).await?;
    app.close().await
}

/// Where the conversation of the page on the left is scrolled: offset, and whether it is at
/// the end (within the follow slack).
async fn scroll_place(app: &App) -> Result<(f64, bool)> {
    let value = app
        .eval(&format!(
            "const s = document.querySelector(\"{PAGE} [aria-label='Conversation']\"); \
             return s ? [s.scrollTop, s.scrollTop + s.clientHeight >= s.scrollHeight - 48] \
             : [0, false]"
        ))
        .await?;
    let offset = value[0].as_f64().unwrap_or_default();
    Ok((offset, value[1].as_bool() == Some(true)))
}

/// How many screens the conversation on the left is long.
async fn screens(app: &App) -> Result<f64> {
    let value = app
        .eval(&format!(
            "const s = document.querySelector(\"{PAGE} [aria-label='Conversation']\"); \
             return s ? s.scrollHeight / s.clientHeight : 0"
        ))
        .await?;
    Ok(value.as_f64().unwrap_or_default())
}

/// Waits until `session` has ended `turns` turns.
async fn ended_turns(api: &Api, session: &str, turns: usize) -> Result<()> {
    for _ in 0..600 {
        let idle = api.events_of_type(session, "session.status_idle").await?;
        if idle.as_array().map_or(0, Vec::len) >= turns {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    Err(format!("{session} did not end turn {turns}").into())
}

/// The conversation's "Jump to latest" (`PAGE`'s).
const JUMP: &str = "[aria-label='Session'] button.jump";

/// Shows `session`'s tab by clicking it.
async fn show_tab(app: &App, session: &str) -> Result<()> {
    app.click(&format!("{TAB_STRIP} [data-tab='{session}'] button.open")).await?;
    shown(app, session).await
}

#[tokio::test]
#[ignore = "needs a display: run through scripts/test"]
async fn each_tab_keeps_its_place_in_the_conversation() -> Result<()> {
    let api = Api::start(SimConfig::default()).await?;
    // Three research turns: a conversation a few screens long.
    let research = api.session("Compare frameworks", None).await?;
    for turn in 1..=3 {
        api.say(&research, "Research Rust web frameworks").await?;
        ended_turns(&api, &research, turn).await?;
    }
    let hello = api.session("Say hello", Some("hello")).await?;
    let mut app = app_on("tabs-scroll", &api).await?;
    app.click("nav [data-section='sessions']").await?;
    open_from_list(&app, &hello).await?;
    open_from_list(&app, &research).await?;
    app.wait_status("idle").await?;

    // Opened, the conversation follows its end.
    app.wait_until("the three turns are shown, at their end", async |app| {
        Ok(screens(app).await? > 2.0
            && scroll_place(app).await?.1
            && app.count(JUMP).await? == 0
            && app.count(&format!("{PAGE} .row[data-item-id]")).await? > 0)
    })
    .await?;

    // Home, from a row of the conversation, goes to the top and stops following.
    app.screenshot("at-the-end").await?;
    let focused = app
        .eval(&format!(
            "const row = [...document.querySelectorAll(\"{PAGE} .row[data-item-id]\")].at(-1); \
             row?.focus(); return document.activeElement === row"
        ))
        .await?;
    assert_eq!(focused.as_bool(), Some(true), "a row of the conversation takes the focus");
    app.press(Key::Home).await?;
    app.wait_until("the top is shown, with Jump to latest", async |app| {
        Ok(scroll_place(app).await?.0 < 1.0 && app.count(JUMP).await? == 1)
    })
    .await?;
    // The keyboard goes up with the view: the first row has the focus, not the unmounted last.
    app.wait_until("the first row has the focus", async |app| {
        let first = app
            .eval(&format!(
                "return document.activeElement?.closest('.row') === \
                 document.querySelector(\"{PAGE} .row[data-item-id]\")"
            ))
            .await?;
        Ok(first.as_bool() == Some(true))
    })
    .await?;
    // One page down: a place in the middle, kept while another tab is shown. WebKit scrolls
    // a page smoothly: the place is read once two reads agree.
    app.press(Key::PageDown).await?;
    let last = std::cell::Cell::new(-1.0);
    app.wait_until("a page down, settled", async |app| {
        let (offset, _) = scroll_place(app).await?;
        Ok(offset > 100.0 && (offset - last.replace(offset)).abs() < 0.5)
    })
    .await?;
    let (left_at, at_end) = scroll_place(&app).await?;
    assert!(!at_end, "a page down is not the end of the research");
    app.screenshot("scrolled-up").await?;

    show_tab(&app, &hello).await?;
    show_tab(&app, &research).await?;
    app.wait_until("the research is back where it was left", async |app| {
        Ok((scroll_place(app).await?.0 - left_at).abs() < 2.0 && app.count(JUMP).await? == 1)
    })
    .await?;
    app.screenshot("back-where-it-was").await?;

    // Jump to latest follows the end again, and so does the tab when it comes back.
    app.click(JUMP).await?;
    app.wait_until("the end is shown", async |app| {
        Ok(scroll_place(app).await?.1 && app.count(JUMP).await? == 0)
    })
    .await?;
    show_tab(&app, &hello).await?;
    show_tab(&app, &research).await?;
    app.wait_until("the research is back at its end", async |app| {
        Ok(scroll_place(app).await?.1 && app.count(JUMP).await? == 0)
    })
    .await?;
    app.close().await
}
