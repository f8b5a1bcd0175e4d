//! Wire types: plain serde structs, one file per resource. Ids and timestamps are strings and
//! counts are `u32`, so every type can cross to a UI (no 64-bit integers, no floats for money).

pub mod agent_events;
pub mod agents;
pub mod common;
pub mod environments;
pub mod event_parts;
pub mod events;
pub mod files;
pub mod memory;
pub mod session_events;
pub mod sessions;
pub mod user_events;
pub mod vaults;

pub use agent_events::*;
pub use agents::*;
pub use common::*;
pub use environments::*;
pub use event_parts::*;
pub use events::*;
pub use files::*;
pub use memory::*;
pub use session_events::*;
pub use sessions::*;
pub use user_events::*;
pub use vaults::*;
