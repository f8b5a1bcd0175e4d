//! Profiles as a person manages them: the Demo on first start, a profile with a key kept in the
//! OS keychain across a restart, and deleting it, key and all.

use agent_desk_e2e::{App, Launch, Result};
use managed_agents_sim::SimConfig;

const KEY: &str = "fake-e2e-key-one-Q7x9";
const NEW_KEY: &str = "fake-e2e-key-two-M3k5";
const SERVICE: &str = "dev.agentdesk.app";

fn settings_file(app: &App) -> std::path::PathBuf {
    app.data_dir().join("data").join(SERVICE).join("settings.json")
}

/// The id of the first profile the user added, from the settings file.
fn first_profile_id(app: &App) -> Result<String> {
    let text = std::fs::read_to_string(settings_file(app))?;
    let settings: serde_json::Value = serde_json::from_str(&text)?;
    let id = settings["settings"]["profiles"][0]["id"].as_str().ok_or("no profile saved")?;
    Ok(id.to_owned())
}

fn keychain_entry(id: &str) -> Result<Option<String>> {
    match keyring::Entry::new(SERVICE, &format!("profile:{id}"))?.get_password() {
        Ok(key) => Ok(Some(key)),
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

async fn wait_for_text(app: &App, css: &str, text: &str) -> Result<()> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let seen = app.find(css).await?.text().await?;
        if seen == text {
            return Ok(());
        }
        if std::time::Instant::now() > deadline {
            return Err(format!("{css} shows {seen:?}, not {text:?}").into());
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

async fn page_source(app: &App) -> Result<String> {
    Ok(app.client().source().await?)
}

#[tokio::test]
#[ignore = "needs a display and a Secret Service: run through scripts/test"]
async fn a_profile_key_lives_in_the_keychain_across_a_restart_until_deleted() -> Result<()> {
    // A second API on loopback for the new profile to talk to.
    let api = managed_agents_sim::start(SimConfig::default()).await?;
    let mut app = Launch::new("profile-keychain").start().await?;
    assert!(app.find("[data-testid='active-profile']").await?.text().await?.starts_with("Demo"));

    app.click("nav [data-section='settings']").await?;
    app.expect_section("settings").await?;
    app.screenshot("profiles-first-start").await?;
    app.press_button("[data-page='settings']", "Add profile").await?;
    app.fill("Name", "Local API").await?;
    app.fill("Base URL", &api.base_url()).await?;
    app.fill("API key", KEY).await?;
    app.press_button("[data-page='settings']", "Test connection").await?;
    app.expect_text("the key works").await?;
    app.screenshot("profile-form-tested").await?;
    app.press_button("[data-page='settings']", "Save profile").await?;
    app.expect_text("••••Q7x9").await?;
    app.screenshot("profile-saved").await?;
    let id = first_profile_id(&app)?;
    assert_eq!(keychain_entry(&id)?.as_deref(), Some(KEY), "the key is in the OS keychain");
    assert!(!page_source(&app).await?.contains(KEY), "the page never holds the key");

    // Quit and start again: the key is read back from the keychain.
    let mut app = app.relaunch().await?;
    app.click("nav [data-section='settings']").await?;
    app.expect_text("Local API").await?;
    app.expect_text("••••Q7x9").await?;
    app.screenshot("profile-after-restart").await?;

    // Replace the key: the keychain holds the new one, the page only its end.
    let row = "[data-page='settings'] li[data-profile-id]:not([data-profile-id='demo'])";
    app.press_button(row, "Replace key").await?;
    app.fill("New API key", NEW_KEY).await?;
    app.press_button(row, "Save key").await?;
    app.expect_text("••••M3k5").await?;
    app.screenshot("profile-key-replaced").await?;
    assert_eq!(keychain_entry(&id)?.as_deref(), Some(NEW_KEY));

    // Switch to it from the sidebar's profile menu.
    app.press_button("nav, aside, body", "Switch profile").await?;
    app.screenshot("profile-menu").await?;
    app.press_button("[role='menu']", "Local API").await?;
    let active = "[data-testid='active-profile']";
    wait_for_text(&app, active, "Local API").await?;
    app.screenshot("profile-switched").await?;

    // Delete it: the profile and its key are gone.
    app.press_button(row, "Delete").await?;
    app.press_button("[data-page='settings']", "Delete profile").await?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while app.eval(&format!("return !!document.querySelector(\"{row}\")")).await? == true {
        assert!(std::time::Instant::now() < deadline, "the profile row stays");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    app.screenshot("profile-deleted").await?;
    wait_for_text(&app, active, "Demo").await?;
    assert_eq!(keychain_entry(&id)?, None, "deleting the profile removes its key");

    let settings = std::fs::read_to_string(settings_file(&app))?;
    let log = app.log()?;
    for key in [KEY, NEW_KEY] {
        assert!(!settings.contains(key), "the settings file holds no key");
        assert!(!log.contains(key), "the app's output holds no key:\n{log}");
    }
    app.close().await?;
    api.shutdown().await;
    Ok(())
}

/// With no usable keychain the app keeps keys for this run only and says so.
#[tokio::test]
#[ignore = "needs a display: run through scripts/test"]
async fn without_a_keychain_the_app_says_keys_last_until_quit() -> Result<()> {
    let mut app = Launch::new("no-keychain")
        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/agent-desk-test-bus")
        .start()
        .await?;
    app.click("nav [data-section='settings']").await?;
    app.expect_text("No keychain is available: keys are kept only until Agent Desk quits").await?;
    app.screenshot("memory-only-notice").await?;
    app.close().await
}
