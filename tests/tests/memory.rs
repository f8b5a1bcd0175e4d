//! Memory stores by clicking, against a simulator the test fills: a store browsed by folder and
//! searched by path, a memory edited while an agent changes it (the conflict caught, the edit
//! kept), two versions compared, an old version redacted and the current one refused, and bad
//! paths caught at the field.

use agent_desk_e2e::live::client;
use agent_desk_e2e::{Launch, Result};
use managed_agents::types::{
    CreateMemoryRequest, CreateMemoryStoreRequest, ListMemoriesQuery, MemoryListItem,
    UpdateMemoryRequest,
};
use managed_agents_sim::SimConfig;

#[tokio::test]
#[ignore = "needs a display: run through scripts/test"]
async fn a_memory_is_browsed_edited_through_a_conflict_compared_and_redacted() -> Result<()> {
    let sim = managed_agents_sim::start(SimConfig::default()).await?;
    let api = client(&sim)?;
    let store = CreateMemoryStoreRequest {
        name: "Team notes".into(),
        description: Some("What to remember".into()),
        metadata: None,
    };
    let store = api.memory_stores().create(&store).await?;
    let memories = api.memory_stores().memories(&store.id);
    let todo = CreateMemoryRequest { path: "/notes/todo.md".into(), content: Some("one\n".into()) };
    let todo = memories.create(&todo, None).await?;
    let change = |text: &str| UpdateMemoryRequest {
        content: Some(Some(text.to_owned())),
        ..Default::default()
    };
    memories.update(&todo.id, &change("one\ntwo\n"), None).await?;

    let mut app = Launch::new("memory").start().await?;
    app.use_profile(&sim).await?;
    app.click("nav [data-section='memory']").await?;
    app.expect_section("memory").await?;
    let page = "[data-page='memory']";
    app.click(&format!("[data-store-id='{}'] button", store.id)).await?;
    app.click("[data-prefix='/notes/'] button").await?;
    app.click("[data-memory-path='/notes/todo.md'] button").await?;
    app.wait_until("the memory's content is read", async |app| {
        let value = app.field("Content").await?.prop("value").await?;
        Ok(value.as_deref() == Some("one\ntwo\n"))
    })
    .await?;

    // Two versions compared.
    app.wait_until("both versions are listed", async |app| {
        Ok(app.count("[data-version-id]").await? == 2)
    })
    .await?;
    app.click("[data-version-id]:first-child input").await?;
    app.click("[data-version-id]:last-child input").await?;
    app.find("[aria-label^='Differences between']").await?;
    app.expect_text("two").await?;
    app.screenshot("versions-compared").await?;

    // The current version cannot be redacted; the older one can.
    let current = app
        .eval(
            "const b = document.querySelector('[data-version-id]:first-child button'); \
         return [b.disabled, b.title]",
        )
        .await?;
    assert_eq!(current[0], true, "the current version's Redact is off");
    assert!(current[1].as_str().is_some_and(|t| t.contains("cannot be redacted")), "{current}");
    app.click("[data-version-id]:last-child button").await?;
    app.press_button("[role='dialog']", "Redact").await?;
    app.expect_text("redacted").await?;

    // An agent writes the memory while the person edits it: the save is caught.
    // (WebDriver types no newline into a textarea here: one line.)
    app.fill("Content", "written by the person").await?;
    memories.update(&todo.id, &change("one\ntwo\nfrom the agent\n"), None).await?;
    app.press_button(page, "Save memory").await?;
    app.expect_text("This memory changed since you opened it").await?;
    app.screenshot("conflict").await?;
    app.press_button(page, "Overwrite").await?;
    app.wait_until("the person's text is stored", async |_| {
        let now = memories.retrieve(&todo.id, Some("full")).await?;
        Ok(now.content == Some(Some("written by the person".to_owned())))
    })
    .await?;

    // A new memory: a bad path is caught at the field, then it is created and found by path.
    app.press_button(page, "Team notes").await?;
    app.press_button(page, "New memory").await?;
    app.fill("Path", "notes/new.md").await?;
    app.press_button(page, "Create memory").await?;
    app.expect_text("A path starts with /").await?;
    app.fill("Path", "/notes/new.md").await?;
    app.fill("Content", "# New").await?;
    app.press_button(page, "Create memory").await?;
    app.expect_text("In “Team notes”: 5 bytes").await?;
    app.press_button(page, "Team notes").await?;
    app.fill("Find by path", "/notes/n").await?;
    app.wait_until("only the new memory matches", async |app| {
        Ok(app.count("[data-memory-path]").await? == 1
            && app.count("[data-memory-path='/notes/new.md']").await? == 1)
    })
    .await?;
    app.screenshot("found-by-path").await?;
    let listed = memories.list(&ListMemoriesQuery::default()).await?.data;
    let paths: Vec<String> = listed
        .into_iter()
        .filter_map(|i| match i {
            MemoryListItem::Memory(m) => Some(m.path),
            _ => None,
        })
        .collect();
    assert!(paths.contains(&"/notes/new.md".to_owned()), "{paths:?}");
    app.close().await
}
