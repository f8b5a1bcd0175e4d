//! The demo agent: a deterministic script engine, not a model. It picks a script from what the
//! user wrote and turns it into steps that [`crate::turn`] plays back as events.
//!
//! Scripts only describe intent ("call `bash` with this input; its output is this text"); whether a
//! call happens, is allowed or must be confirmed is decided here from the session's agent
//! snapshot, so a disabled tool is never called and `always_ask` really blocks. Nothing runs on
//! the host: every tool output is scripted text.

mod scripts;

use serde_json::{Value, json};

/// One step of a turn.
#[derive(Debug, Clone)]
pub enum Step {
    /// Wait as long as typing this many characters takes.
    Pause(usize),
    ModelStart,
    /// `agent.thinking`, after thinking for about this many characters' worth of time.
    Thinking(usize),
    /// A typed `agent.message` (markdown).
    Message(String),
    ModelEnd {
        input: u64,
        output: u64,
        cache_read: u64,
        cache_write: u64,
    },
    Call(Call),
    /// `rescheduling` (with `session.status_rescheduled`) or `running`.
    Status(&'static str),
    /// Any other event of the primary thread, emitted as is.
    Event(Value),
    /// Create a child thread with this agent name (index = order of creation in the turn).
    NewThread(String),
    /// An event of child thread `index`; thread ids and names are filled in.
    InThread(usize, Value),
    /// Grade an outcome: `span.outcome_evaluation_*` and the session's `outcome_evaluations`.
    Evaluate {
        outcome_id: String,
        description: String,
    },
    /// A file the agent wrote to `/mnt/session/outputs/`: stored as a file scoped to the session
    /// (`GET /v1/files?scope_id=`), as the API captures outputs.
    Output {
        filename: &'static str,
        mime_type: &'static str,
        content: Vec<u8>,
    },
}

/// A tool call with its scripted outcome.
#[derive(Debug, Clone, Default)]
pub struct Call {
    pub name: String,
    pub input: Value,
    pub output: String,
    pub is_error: bool,
    /// MCP server name for `agent.mcp_tool_use`.
    pub mcp_server: Option<String>,
    /// A custom tool: the client runs it.
    pub custom: bool,
    /// Child thread index, for calls made by a subagent.
    pub thread: Option<usize>,
}

impl Call {
    pub fn builtin(name: &str, input: Value, output: &str) -> Self {
        Self { name: name.to_owned(), input, output: output.to_owned(), ..Self::default() }
    }

    pub fn mcp(server: &str, name: &str, input: Value, output: &str) -> Self {
        Self { mcp_server: Some(server.to_owned()), ..Self::builtin(name, input, output) }
    }
}

/// What the agent may use, read from its `tools`.
#[derive(Debug, Default)]
pub struct Toolbox {
    /// Enabled built-in tool names.
    pub builtin: Vec<String>,
    /// MCP server names with a toolset.
    pub mcp_servers: Vec<String>,
    /// Custom tool names.
    pub custom: Vec<String>,
}

impl Toolbox {
    pub fn has(&self, name: &str) -> bool {
        self.builtin.iter().any(|t| t == name)
    }
}

pub const BUILTIN: [&str; 8] =
    ["bash", "edit", "read", "write", "glob", "grep", "web_fetch", "web_search"];

/// Reads an agent's enabled tools.
pub fn toolbox(agent: &Value) -> Toolbox {
    let mut tb = Toolbox::default();
    for tool in agent["tools"].as_array().into_iter().flatten() {
        match tool["type"].as_str() {
            Some("agent_toolset_20260401") => {
                for name in BUILTIN {
                    if policy(tool, name).is_some() && !tb.has(name) {
                        tb.builtin.push(name.to_owned());
                    }
                }
            }
            Some("mcp_toolset") if tool["default_config"]["enabled"] != false => {
                tb.mcp_servers.extend(tool["mcp_server_name"].as_str().map(str::to_owned));
            }
            Some("custom") => tb.custom.extend(tool["name"].as_str().map(str::to_owned)),
            _ => {}
        }
    }
    tb
}

/// The policy of `name` in a toolset (`None` when disabled).
fn policy(toolset: &Value, name: &str) -> Option<String> {
    let config = toolset["configs"].as_array().and_then(|c| c.iter().find(|c| c["name"] == name));
    let default = &toolset["default_config"];
    let enabled = config
        .and_then(|c| c["enabled"].as_bool())
        .or_else(|| default["enabled"].as_bool())
        .unwrap_or(true);
    if !enabled {
        return None;
    }
    let policy = config
        .and_then(|c| c["permission_policy"]["type"].as_str())
        .or_else(|| default["permission_policy"]["type"].as_str());
    Some(
        policy
            .unwrap_or(if toolset["type"] == "mcp_toolset" { "always_ask" } else { "always_allow" })
            .to_owned(),
    )
}

/// Builds the `agent.tool_use` / `agent.mcp_tool_use` / `agent.custom_tool_use` event for a call,
/// with `evaluated_permission` and `evaluation` from the agent's policies. Returns the event and
/// whether it waits for the client; `None` when the agent may not make this call.
pub fn tool_use_event(call: &Call, agent: &Value) -> Option<(Value, bool)> {
    let tools = agent["tools"].as_array()?;
    if call.custom {
        tools.iter().find(|t| t["type"] == "custom" && t["name"] == call.name.as_str())?;
        return Some((
            json!({"type": "agent.custom_tool_use", "name": call.name, "input": call.input}),
            true,
        ));
    }
    let policy = match &call.mcp_server {
        Some(server) => tools
            .iter()
            .find(|t| t["type"] == "mcp_toolset" && t["mcp_server_name"] == server.as_str())
            .and_then(|t| policy(t, &call.name))?,
        None => tools
            .iter()
            .filter(|t| t["type"] == "agent_toolset_20260401")
            .find_map(|t| policy(t, &call.name))?,
    };
    let (permission, evaluation) = match policy.as_str() {
        "always_ask" => ("ask", json!({"type": "always_ask"})),
        // The demo has no risk model: an `auto` policy cannot decide, so it asks.
        "auto" => (
            "ask",
            json!({"type": "auto", "evaluated_permission": {"type": "ask", "reason_code": "indeterminate"}}),
        ),
        _ => ("allow", json!({"type": "always_allow"})),
    };
    let mut event = match &call.mcp_server {
        Some(server) => {
            json!({"type": "agent.mcp_tool_use", "mcp_server_name": server, "name": call.name, "input": call.input})
        }
        None => json!({"type": "agent.tool_use", "name": call.name, "input": call.input}),
    };
    event["evaluated_permission"] = json!(permission);
    event["evaluation"] = evaluation;
    Some((event, permission == "ask"))
}

/// A demo script and the words that start it: the first script (in this order) with any of its
/// words anywhere in the message, in any case, plays; with none, the demo explains itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct DemoScript {
    /// A short name ("Approvals").
    pub name: &'static str,
    /// Any of these, as part of a word, starts it.
    pub words: &'static [&'static str],
    /// What it shows, for the person choosing.
    pub shows: &'static str,
    /// A first message that starts it.
    pub example: &'static str,
    #[serde(skip)]
    kind: Kind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    LongTask,
    Approval,
    FailingMcp,
    MultiAgent,
    CustomTool,
    Research,
    Coding,
}

/// Every demo script, in the order they are tried.
pub const DEMO_SCRIPTS: &[DemoScript] = &[
    DemoScript {
        name: "Long task",
        example: "Run the long job",
        words: &["long", "marathon", "thousand"],
        shows: "hundreds of tool calls over minutes, never asking",
        kind: Kind::LongTask,
    },
    DemoScript {
        name: "Approvals",
        example: "Deploy to staging",
        words: &["approv", "deploy", "confirm", "release"],
        shows: "tool calls that wait for you to allow or deny them",
        kind: Kind::Approval,
    },
    DemoScript {
        name: "Failing MCP server",
        example: "Check the MCP server",
        words: &["mcp", "flaky", "outage"],
        shows: "an MCP tool that errors, and a retry",
        kind: Kind::FailingMcp,
    },
    DemoScript {
        name: "Team of agents",
        example: "Get the team on it",
        words: &["team", "multi", "parallel", "subagent"],
        shows: "a coordinator and subagents in threads",
        kind: Kind::MultiAgent,
    },
    DemoScript {
        name: "Custom tool",
        example: "Look up the ticket",
        words: &["ticket", "custom"],
        shows: "a custom tool you answer from its card",
        kind: Kind::CustomTool,
    },
    DemoScript {
        name: "Research",
        example: "Research Rust web frameworks",
        words: &["research", "search", "compare", "look up"],
        shows: "web searches and fetches, then a summary",
        kind: Kind::Research,
    },
    DemoScript {
        name: "Coding",
        example: "Fix the failing test",
        words: &["code", "fix", "bug", "test", "refactor", "implement"],
        shows: "reading, editing and testing code, with diffs",
        kind: Kind::Coding,
    },
];

/// The script `text` starts, if any.
///
/// ```
/// assert_eq!(managed_agents_sim::demo_script_for("Please DEPLOY it").unwrap().name, "Approvals");
/// assert!(managed_agents_sim::demo_script_for("hello").is_none());
/// ```
pub fn demo_script_for(text: &str) -> Option<&'static DemoScript> {
    let text = text.to_lowercase();
    DEMO_SCRIPTS.iter().find(|s| s.words.iter().any(|w| text.contains(w)))
}

/// Chooses and builds the script for an input event (`user.message` or `user.define_outcome`).
pub fn script_for(input: &Value, agent: &Value) -> Vec<Step> {
    let tb = toolbox(agent);
    if input["type"] == "user.define_outcome" {
        return scripts::outcome(input, &tb);
    }
    let text: String = input["content"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|b| b["text"].as_str())
        .collect::<Vec<_>>()
        .join(" ");
    match demo_script_for(&text).map(|s| s.kind) {
        Some(Kind::LongTask) => scripts::long_task(&tb, 600),
        Some(Kind::Approval) => scripts::approval(&tb),
        Some(Kind::FailingMcp) => scripts::failing_mcp(&tb),
        Some(Kind::MultiAgent) => scripts::multi_agent(&tb),
        Some(Kind::CustomTool) => scripts::custom_tool(&tb),
        Some(Kind::Research) => scripts::research(&tb),
        Some(Kind::Coding) => scripts::coding(&tb),
        None => scripts::help(),
    }
}

#[cfg(test)]
mod script_table_tests {
    use super::*;

    #[test]
    fn every_example_starts_its_own_script_and_names_are_unique() {
        for script in DEMO_SCRIPTS {
            assert_eq!(demo_script_for(script.example), Some(script), "{}", script.example);
        }
        let names: std::collections::BTreeSet<_> = DEMO_SCRIPTS.iter().map(|s| s.name).collect();
        assert_eq!(names.len(), DEMO_SCRIPTS.len());
    }
}
