use managed_agents::Page;
use managed_agents::types::{ListSkillsQuery, Skill};
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn skills_list(
    state: State<'_, AppState>,
    query: ListSkillsQuery,
) -> Result<Page<Skill>, IpcError> {
    Ok(state.client().await?.skills().list(&query).await?)
}
