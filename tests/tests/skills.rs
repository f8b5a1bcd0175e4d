//! Skills by clicking, against a simulator: a folder without SKILL.md refused before anything
//! is sent, a skill created from a folder (the dialog is the debug build's double), a second
//! version added from a .zip, the skill added to an agent from the agent form, and a version
//! and then the skill deleted.

use std::io::Write;

use agent_desk_e2e::dialogs::Dialogs;
use agent_desk_e2e::live::Api;
use agent_desk_e2e::{Launch, Result};
use managed_agents::types::{ListSkillsQuery, PageQuery};
use managed_agents_sim::SimConfig;

const SKILL_MD: &str = "---\nname: release-notes\ndescription: Writes release notes from merged \
                        pull requests. Use when asked for a changelog.\n---\n# Release notes\n";

#[tokio::test]
#[ignore = "needs a display: run through scripts/test"]
async fn a_skill_is_created_from_a_folder_versioned_from_a_zip_and_added_to_an_agent() -> Result<()>
{
    let api = Api::start(SimConfig::default()).await?;
    let work = tempfile::tempdir()?;
    let dialogs = Dialogs::new(work.path())?;
    let no_skill = work.path().join("notes");
    std::fs::create_dir(&no_skill)?;
    std::fs::write(no_skill.join("README.md"), "# not a skill")?;
    let folder = work.path().join("release-notes");
    std::fs::create_dir_all(folder.join("scripts"))?;
    std::fs::write(folder.join("SKILL.md"), SKILL_MD)?;
    std::fs::write(folder.join("scripts/collect.py"), "print('merged PRs')\n")?;
    let archive = work.path().join("release-notes-v2.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&archive)?);
    zip.start_file("release-notes/SKILL.md", zip::write::SimpleFileOptions::default())?;
    zip.write_all(SKILL_MD.replace("a changelog", "a changelog or a release").as_bytes())?;
    zip.finish()?;

    let mut app = Launch::new("skills").dialogs(&dialogs).start().await?;
    app.use_profile(&api.sim).await?;
    app.click("nav [data-section='skills']").await?;
    app.expect_section("skills").await?;
    let page = "[data-page='skills']";
    app.find("[data-skill-id='pdf']").await?;
    app.screenshot("listed").await?;

    // A folder without SKILL.md: refused, Create stays off.
    app.press_button(page, "New skill").await?;
    dialogs.answer("folder", &[&no_skill])?;
    app.press_button(page, "Choose folder…").await?;
    app.find("[data-skill-check='refused']").await?;
    app.expect_text("There is no SKILL.md at the root of notes/.").await?;
    let create = app.button(page, "Create skill").await?;
    assert_eq!(create.prop("disabled").await?.as_deref(), Some("true"));
    app.screenshot("refused").await?;

    // The real folder: checked, then created.
    dialogs.answer("folder", &[&folder])?;
    app.press_button(page, "Choose folder…").await?;
    app.find("[data-skill-check='ok']").await?;
    app.expect_text("2 files").await?;
    app.fill("Display name (optional)", "Release notes").await?;
    app.screenshot("checked").await?;
    app.press_button(page, "Create skill").await?;
    app.expect_text("Created Release notes.").await?;
    let skills = api.client.skills().list(&ListSkillsQuery::default()).await?.data;
    let skill = skills.iter().find(|s| s.display_name.as_deref() == Some("Release notes"));
    let skill = skill.ok_or("the skill was not created")?.clone();

    // A second version from a .zip.
    app.press_button(page, "Add version…").await?;
    dialogs.answer("open", &[&archive])?;
    app.press_button(page, "Choose .zip…").await?;
    app.find("[data-skill-check='ok']").await?;
    app.press_button(page, "Upload version").await?;
    app.wait_until("two versions are listed", async |app| {
        Ok(app.count("[data-version-id]").await? == 2)
    })
    .await?;
    app.screenshot("two-versions").await?;
    let versions = api.client.skills().list_versions(&skill.id, &PageQuery::default()).await?.data;
    assert_eq!(versions.len(), 2);
    assert!(versions[0].description.contains("or a release"), "{versions:?}");

    // Added to an agent from the agent form.
    app.click("nav [data-section='agents']").await?;
    app.click("[data-agent-id] button.open").await?;
    let agents = "[data-page='agents']";
    app.press_button(agents, "Add skill").await?;
    app.select("Skill 1 source", "custom").await?;
    app.fill("Skill 1 id", &skill.id).await?;
    app.screenshot("agent-skill").await?;
    app.press_button(agents, "Save agent").await?;
    app.wait_until("the agent has the skill", async |_| {
        let agent = api.client.agents().retrieve(&api.agent, None).await?;
        Ok(agent.skills.iter().any(|s| s.to_string().contains(&skill.id)))
    })
    .await?;

    // The older version deleted, then the skill (its last version first).
    app.click("nav [data-section='skills']").await?;
    app.click(&format!("[data-skill-id='{}'] button", skill.id)).await?;
    let older = &versions[1].id;
    app.click(&format!("button[aria-label='Delete version {older}']")).await?;
    app.press_button("[role='dialog']", "Delete").await?;
    app.expect_text(&format!("Version {older} deleted.")).await?;
    app.press_button(page, "Delete skill").await?;
    app.press_button("[role='dialog']", "Delete").await?;
    app.expect_text("Deleted Release notes and its versions.").await?;
    let left = api.client.skills().list(&ListSkillsQuery::default()).await?.data;
    assert!(left.iter().all(|s| s.id != skill.id), "{left:?}");
    app.close().await
}
