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
