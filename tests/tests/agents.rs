//! Setting up an agent and an environment by clicking, against an empty simulator: forms,
//! versions, the diff, archive, bad input caught at the field, an API refusal, and curl.

use agent_desk_e2e::{App, Launch, Result};
use managed_agents_sim::SimConfig;

async fn count(app: &App, css: &str) -> Result<usize> {
    let found = app.eval(&format!("return document.querySelectorAll({css:?}).length")).await?;
    Ok(found.as_u64().unwrap_or(0) as usize)
}

async fn wait_count(app: &App, css: &str, want: usize) -> Result<()> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        let seen = count(app, css).await?;
        if seen == want {
            return Ok(());
        }
        if std::time::Instant::now() > deadline {
            return Err(format!("{css}: {seen} found, wanted {want}").into());
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// Replaces `navigator.clipboard.writeText` so the test can read what "Copy as curl" copied.
async fn capture_clipboard(app: &App) -> Result<()> {
    app.eval(
        "window.__copied = null; \
         navigator.clipboard.writeText = (text) => { window.__copied = text; return Promise.resolve(); };",
    )
    .await?;
    Ok(())
}

/// What "Copy as curl" copied: the copy finishes after the click returns, so wait for it.
async fn copied_text(app: &App) -> Result<String> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        if let Some(text) = app.eval("return window.__copied").await?.as_str() {
            return Ok(text.to_owned());
        }
        if std::time::Instant::now() > deadline {
            return Err("nothing was copied".into());
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test]
#[ignore = "needs a display: run through scripts/test"]
async fn an_agent_is_set_up_versioned_compared_and_archived_by_clicking() -> Result<()> {
    // An empty API of its own: the Demo comes with an example agent.
    let sim = managed_agents_sim::start(SimConfig::default()).await?;
    let mut app = Launch::new("agent-setup").start().await?;
    app.use_profile(&sim).await?;
    app.click("nav [data-section='agents']").await?;
    app.expect_section("agents").await?;
    app.screenshot("agents-empty").await?;
    let page = "[data-page='agents']";
    app.press_button(page, "New agent").await?;

    // Bad input is caught at the field and nothing is sent.
    app.fill("Name", "").await?;
    for i in 0..17 {
        app.press_button(page, "Add metadata").await?;
        app.fill(&format!("Metadata key {}", i + 1), &format!("k{i}")).await?;
    }
    app.press_button(page, "Add custom tool").await?;
    app.fill("Tool name", "lookup").await?;
    app.fill("Tool description", "Looks a word up").await?;
    app.fill("Input schema (JSON)", "[1, 2]").await?;
    app.press_button(page, "Save agent").await?;
    app.expect_text("Enter a name.").await?;
    app.expect_text("The schema must be a JSON object.").await?;
    app.expect_text("At most 16 metadata pairs; remove this one.").await?;
    app.screenshot("agent-bad-input").await?;
    app.press_button(page, "Remove custom tool 1").await?;
    for i in (0..17).rev() {
        app.press_button(page, &format!("Remove metadata {}", i + 1)).await?;
    }

    app.fill("Name", "Reviewer").await?;
    app.select("bash permission policy", "always_ask").await?;
    app.select("edit permission policy", "always_ask").await?;
    app.press_button(page, "Add MCP server").await?;
    app.fill("Server name", "docs").await?;
    app.fill("Server URL", "https://mcp.example.com/sse").await?;
    capture_clipboard(&app).await?;
    app.press_button(page, "Copy as curl").await?;
    let copied = copied_text(&app).await?;
    let curl = copied.as_str();
    assert!(curl.starts_with("curl") && curl.contains("$ANTHROPIC_API_KEY"), "{curl}");
    assert!(curl.contains("Reviewer") && !curl.contains("agent-desk-demo"), "no key: {curl}");
    // Two tools always ask; the MCP server has its toolset, which asks by default.
    assert_eq!(curl.matches("always_ask").count(), 3, "{curl}");
    assert!(curl.contains("mcp_toolset") && curl.contains("mcp.example.com"), "{curl}");
    app.screenshot("agent-form-filled").await?;
    app.press_button(page, "Save agent").await?;
    app.expect_text("Created “Reviewer”").await?;
    // Exactly one agent: the one just saved.
    wait_count(&app, "[data-agent-id]", 1).await?;
    app.expect_text("8 built-in · 1 MCP").await?;
    app.screenshot("agents-listed").await?;

    // Edit: a new version.
    app.click("[data-agent-id] button.open").await?;
    app.expect_text("Version 1 · saving creates version 2").await?;
    // The API reports an effort even when none was chosen: the form shows it as a hint and keeps
    // Default chosen, so saving does not pin it.
    app.expect_text("The API uses high when none is chosen.").await?;
    let effort = app.field("Effort").await?;
    assert_eq!(effort.prop("value").await?.as_deref(), Some(""));
    app.bring_to_middle(&effort).await?;
    app.screenshot("agent-effort-default").await?;
    app.fill("Description", "Reviews pull requests").await?;
    app.press_button(page, "Save agent").await?;
    app.expect_text("v2").await?;
    app.screenshot("agent-version-2").await?;

    // Compare v1 and v2.
    app.press_button("[data-agent-id]", "Versions").await?;
    app.click("[data-version='1'] input[type='checkbox']").await?;
    app.click("[data-version='2'] input[type='checkbox']").await?;
    app.press_button(page, "Compare").await?;
    app.expect_text("Reviews pull requests").await?;
    assert!(count(&app, "[data-kind='added'], [data-kind='changed']").await? >= 1);
    app.screenshot("agent-compare").await?;

    // Archived after a confirmation.
    app.press_button(page, "Agents").await?;
    app.click("[data-agent-id] button.open").await?;
    app.press_button(page, "Archive").await?;
    app.screenshot("agent-archive-asks").await?;
    app.press_button("[role='dialog'], [role='alertdialog']", "Archive").await?;
    // Archived agents leave the list unless "Show archived" is on.
    wait_count(&app, "[data-agent-id]", 0).await?;
    app.close().await
}

#[tokio::test]
#[ignore = "needs a display: run through scripts/test"]
async fn an_environment_with_limited_networking_and_a_refusal_that_keeps_the_form() -> Result<()> {
    let sim = managed_agents_sim::start(SimConfig::default()).await?;
    let mut app = Launch::new("environment-setup").start().await?;
    app.use_profile(&sim).await?;
    app.click("nav [data-section='environments']").await?;
    let page = "[data-page='environments']";
    app.press_button(page, "New environment").await?;
    app.fill("Name", "pybox").await?;
    app.click("input[type='radio'][value='limited']").await?;
    app.press_button(page, "Add host").await?;
    app.fill("Allowed host 1", "pypi.org").await?;
    app.field("Allow package managers").await?.click().await?;
    app.press_button(page, "Add pip package").await?;
    app.fill("pip package 1", "pandas==2.2.0").await?;
    app.screenshot("environment-form").await?;
    app.press_button(page, "Save environment").await?;
    app.click("nav [data-section='environments']").await?;
    wait_count(&app, "[data-environment-id]", 1).await?;

    // The same name again: the API refuses (409) and the form keeps what was typed.
    app.press_button(page, "New environment").await?;
    app.fill("Name", "pybox").await?;
    app.fill("Description", "a second try").await?;
    app.press_button(page, "Save environment").await?;
    app.expect_text("already exists").await?;
    app.expect_text("req_").await?;
    let kept = app.field("Description").await?.prop("value").await?;
    assert_eq!(kept.as_deref(), Some("a second try"));
    app.screenshot("environment-refused").await?;
    app.close().await
}
