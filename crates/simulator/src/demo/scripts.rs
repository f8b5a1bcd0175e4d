//! The demo agent's scripts. Each is a plausible transcript built from the agent's toolbox:
//! calls to tools the agent lacks are left out and the text says so.

use serde_json::json;

use super::{Call, Step, Toolbox};

/// A model request: start, optional thinking, optional message, end with token usage.
fn request(steps: &mut Vec<Step>, think: bool, message: Option<&str>, input: u64, output: u64) {
    steps.push(Step::ModelStart);
    if think {
        steps.push(Step::Thinking(120));
    }
    if let Some(text) = message {
        steps.push(Step::Message(text.to_owned()));
    }
    // Later requests mostly hit the prompt cache, as a real agent loop does.
    let cached = input * 3 / 4;
    steps.push(Step::ModelEnd {
        input: input - cached,
        output,
        cache_read: cached,
        cache_write: input / 10,
    });
}

fn call_if(steps: &mut Vec<Step>, tb: &Toolbox, call: Call) {
    if tb.has(&call.name) {
        steps.push(Step::Call(call));
    }
}

/// The reply to anything the demo does not recognise: what it can do.
pub fn help() -> Vec<Step> {
    let mut steps = Vec::new();
    request(&mut steps, false, Some(HELP), 1_850, 240);
    steps
}

const HELP: &str = "Hi! I'm the **Agent Desk demo agent**, a scripted stand-in for a real model. \
Nothing runs on your machine: every tool output is made up.\n\n\
Try one of these:\n\n\
| Say something like | What happens |\n|---|---|\n\
| *fix the failing test* | a coding task: `glob`, `read`, `grep`, `edit`, `bash` |\n\
| *research Rust web frameworks* | `web_search` and `web_fetch`, then a comparison table |\n\
| *deploy to staging* | tool calls that need your **approval** |\n\
| *check the MCP server* | an MCP outage: `session.error` (retrying), then recovery |\n\
| *get the team on it* | a multi-agent task with threads |\n\
| *look up the ticket* | a custom tool call your client answers |\n\
| *run the long job* | a very long task with thousands of events |\n\n\
Tool permissions come from the agent's configuration, so `always_ask` tools stop for you.";

/// Reads, searches, edits and tests a small Python project.
pub fn coding(tb: &Toolbox) -> Vec<Step> {
    let mut s = Vec::new();
    request(
        &mut s,
        true,
        Some("I'll start by finding the failing test and the code it covers."),
        4_211,
        187,
    );
    call_if(
        &mut s,
        tb,
        Call::builtin(
            "glob",
            json!({"pattern": "**/*.py", "path": "/workspace/app"}),
            "/workspace/app/src/parse.py\n/workspace/app/tests/test_parse.py\n/workspace/app/src/__init__.py",
        ),
    );
    call_if(
        &mut s,
        tb,
        Call::builtin(
            "bash",
            json!({"command": "cd /workspace/app && python -m pytest -q", "timeout_ms": 120000}),
            "F.........................................\nFAILED tests/test_parse.py::test_dates - AssertionError: 2024-02-29 != None\n1 failed, 41 passed in 3.02s",
        ),
    );
    request(&mut s, true, None, 5_020, 96);
    call_if(
        &mut s,
        tb,
        Call::builtin(
            "read",
            json!({"file_path": "/workspace/app/src/parse.py", "view_range": [1, 30]}),
            "1  from datetime import date\n2\n3  def parse_date(text):\n4      y, m, d = map(int, text.split(\"-\"))\n5      if m == 2 and d == 29:\n6          return None  # TODO leap years\n7      return date(y, m, d)",
        ),
    );
    call_if(
        &mut s,
        tb,
        Call::builtin(
            "grep",
            json!({"pattern": "parse_date", "path": "/workspace/app"}),
            "src/parse.py:3:def parse_date(text):\ntests/test_parse.py:8:    assert parse_date(\"2024-02-29\") == date(2024, 2, 29)",
        ),
    );
    request(
        &mut s,
        false,
        Some(
            "Found it: `parse_date` rejects every **29 February**, leap year or not. I'll let `datetime.date` decide instead.",
        ),
        5_800,
        240,
    );
    call_if(
        &mut s,
        tb,
        Call::builtin(
            "edit",
            json!({"file_path": "/workspace/app/src/parse.py",
        "old_string": "    if m == 2 and d == 29:\n        return None  # TODO leap years\n", "new_string": ""}),
            "Edited /workspace/app/src/parse.py: 1 replacement",
        ),
    );
    call_if(
        &mut s,
        tb,
        Call::builtin(
            "write",
            json!({"file_path": "/workspace/app/CHANGELOG.md",
        "content": "## Unreleased\n- Accept 29 February in leap years.\n"}),
            "Wrote 52 bytes to /workspace/app/CHANGELOG.md",
        ),
    );
    call_if(
        &mut s,
        tb,
        Call::builtin(
            "bash",
            json!({"command": "cd /workspace/app && python -m pytest -q"}),
            "..........................................\n42 passed in 2.87s",
        ),
    );
    if tb.has("bash") {
        outputs(&mut s, tb);
    }
    let missing: Vec<&str> = ["glob", "bash", "read", "grep", "edit", "write"]
        .into_iter()
        .filter(|t| !tb.has(t))
        .collect();
    let mut summary = String::from(
        "Done. Here's what changed:\n\n1. **Root cause**: a special case returned `None` for every 29 February.\n2. **Fix**: removed it; `date()` already validates leap years.\n3. **Tests**: `42 passed`; the report and a coverage chart are in this session's outputs.\n\n```diff\n-    if m == 2 and d == 29:\n-        return None  # TODO leap years\n```",
    );
    if !missing.is_empty() {
        summary.push_str(&format!(
            "\n\n> Note: this agent has no `{}` tool, so I skipped those steps.",
            missing.join("`, `")
        ));
    }
    request(&mut s, false, Some(&summary), 6_400, 410);
    s
}

const TEST_REPORT: &str = "tests/test_parse.py::test_dates PASSED\n\
tests/test_parse.py::test_iso PASSED\n\
42 passed in 2.87s\n\n\
Coverage: src/parse.py 93% (was 81%)\n";

/// The coding task's outputs: a test report and a coverage chart in `/mnt/session/outputs/`,
/// which the session then lists as its files.
fn outputs(s: &mut Vec<Step>, tb: &Toolbox) {
    call_if(
        s,
        tb,
        Call::builtin(
            "bash",
            json!({"command": "cd /workspace/app && python -m pytest -q --cov=src > /mnt/session/outputs/test-report.txt && python tools/coverage_chart.py /mnt/session/outputs/coverage.png"}),
            "Wrote /mnt/session/outputs/test-report.txt and /mnt/session/outputs/coverage.png",
        ),
    );
    s.push(Step::Output {
        filename: "test-report.txt",
        mime_type: "text/plain",
        content: TEST_REPORT.as_bytes().to_vec(),
    });
    s.push(Step::Output {
        filename: "coverage.png",
        mime_type: "image/png",
        content: include_bytes!("../../assets/coverage.png").to_vec(),
    });
}

/// Searches the web and fetches a page, then answers with a table.
pub fn research(tb: &Toolbox) -> Vec<Step> {
    let mut s = Vec::new();
    request(&mut s, true, Some("Let me search for current sources."), 2_300, 64);
    call_if(
        &mut s,
        tb,
        Call::builtin(
            "web_search",
            json!({"query": "rust async web framework comparison 2026"}),
            "1. Axum vs Actix vs Rocket in 2026 - blog.example.dev\n2. Choosing a Rust web framework - docs.example.org\n3. Benchmarks: TechEmpower round 24 - example.com/bench",
        ),
    );
    call_if(
        &mut s,
        tb,
        Call::builtin(
            "web_fetch",
            json!({"url": "https://docs.example.org/rust-web-frameworks"}),
            "# Choosing a Rust web framework\nAxum builds on tower and hyper... Actix-web uses its own actor runtime... Rocket favours ergonomics...",
        ),
    );
    request(&mut s, true, None, 7_900, 120);
    let sources = if tb.has("web_search") {
        "Sources: blog.example.dev, docs.example.org."
    } else {
        "_This agent cannot search the web, so this is from memory._"
    };
    let answer = format!(
        "Here's a short comparison:\n\n| Framework | Runtime | Strength | Watch out for |\n|---|---|---|---|\n| **Axum** | tokio | tower middleware, types | macro-free but verbose extractors |\n| **Actix-web** | actix-rt | raw speed | its own ecosystem |\n| **Rocket** | tokio | ergonomics | slower release cadence |\n\n**Recommendation:** Axum, unless you need Actix's last few percent of throughput.\n\n{sources}"
    );
    request(&mut s, false, Some(&answer), 8_400, 380);
    s
}

/// Calls that usually need approval: a deploy command and an MCP issue.
pub fn approval(tb: &Toolbox) -> Vec<Step> {
    let mut s = Vec::new();
    request(
        &mut s,
        true,
        Some(
            "I'll build the release and push it to staging. These steps change things, so your policy may ask you first.",
        ),
        3_100,
        90,
    );
    call_if(
        &mut s,
        tb,
        Call::builtin(
            "bash",
            json!({"command": "./scripts/deploy.sh staging"}),
            "Deploying build 1.4.2 to staging... done (38 s)",
        ),
    );
    call_if(
        &mut s,
        tb,
        Call::builtin(
            "bash",
            json!({"command": "git tag v1.4.2 && git push origin v1.4.2"}),
            "To github.com:acme/app.git\n * [new tag]         v1.4.2 -> v1.4.2",
        ),
    );
    if let Some(server) = tb.mcp_servers.first() {
        s.push(Step::Call(Call::mcp(
            server,
            "create_issue",
            json!({"repo": "acme/app", "title": "Release 1.4.2 to production"}),
            "Created issue acme/app#412",
        )));
    }
    request(
        &mut s,
        false,
        Some(
            "All requested steps are finished. Anything you denied was skipped, and I've noted it above.",
        ),
        3_900,
        140,
    );
    s
}

/// An MCP server that fails, then recovers after a retry.
pub fn failing_mcp(tb: &Toolbox) -> Vec<Step> {
    let server = tb.mcp_servers.first().cloned().unwrap_or_else(|| "github".to_owned());
    let mut s = Vec::new();
    request(&mut s, false, Some(&format!("I'll query the `{server}` MCP server.")), 2_000, 40);
    let mut error = json!({"type": "mcp_connection_failed_error", "message": format!("Could not connect to MCP server '{server}'; retrying."),
        "retry_status": {"type": "retrying"}});
    if tb.mcp_servers.is_empty() {
        error = json!({"type": "model_overloaded_error", "message": "The model is overloaded; retrying.", "retry_status": {"type": "retrying"}});
    } else {
        error["mcp_server_name"] = json!(server);
    }
    s.push(Step::Event(json!({"type": "session.error", "error": error.clone()})));
    s.push(Step::Status("rescheduling"));
    s.push(Step::Pause(400));
    s.push(Step::Event(json!({"type": "session.error", "error": error})));
    s.push(Step::Pause(600));
    s.push(Step::Status("running"));
    if tb.mcp_servers.is_empty() {
        request(
            &mut s,
            false,
            Some(
                "The model recovered. (Add an MCP toolset to this agent to see an MCP outage instead.)",
            ),
            2_100,
            50,
        );
    } else {
        s.push(Step::Call(Call::mcp(
            &server,
            "list_issues",
            json!({"repo": "acme/app", "state": "open"}),
            "#410 Flaky login test\n#411 Dark mode contrast",
        )));
        request(
            &mut s,
            false,
            Some(
                "The server is back. Open issues:\n\n- **#410** Flaky login test\n- **#411** Dark mode contrast",
            ),
            2_600,
            80,
        );
    }
    s
}

/// A coordinator that hands work to two subagents on their own threads.
pub fn multi_agent(tb: &Toolbox) -> Vec<Step> {
    let mut s = Vec::new();
    request(
        &mut s,
        true,
        Some(
            "I'll split this: a **Researcher** gathers context while a **Test writer** covers the change.",
        ),
        3_000,
        110,
    );
    for (i, (name, task, reply, tool)) in [
        (
            "Researcher",
            "Summarise how dates are parsed across the codebase.",
            "parse_date is the only entry point; 3 callers.",
            "grep",
        ),
        (
            "Test writer",
            "Add a regression test for leap-year dates.",
            "Added tests/test_parse.py::test_leap_day.",
            "write",
        ),
    ]
    .into_iter()
    .enumerate()
    {
        s.push(Step::NewThread(name.to_owned()));
        s.push(Step::InThread(i, json!({"type": "agent.thread_message_sent", "content": [{"type": "text", "text": task}]})));
        // Each of the subagent's model requests ends, as the primary's do: one that chooses the
        // tool, one that writes the reply.
        let usage = |input: u64, output: u64| {
            json!({"type": "span.model_request_end", "is_error": false,
                "model_usage": {"input_tokens": input, "output_tokens": output,
                    "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0, "speed": "standard"}})
        };
        s.push(Step::InThread(i, json!({"type": "span.model_request_start"})));
        s.push(Step::InThread(i, usage(900, 60)));
        if tb.has(tool) {
            let input = if tool == "grep" {
                json!({"pattern": "parse_date"})
            } else {
                json!({"file_path": "tests/test_parse.py", "content": "def test_leap_day(): ..."})
            };
            s.push(Step::Call(Call { thread: Some(i), ..Call::builtin(tool, input, "ok") }));
        }
        s.push(Step::InThread(i, json!({"type": "span.model_request_start"})));
        s.push(Step::InThread(
            i,
            json!({"type": "agent.message", "content": [{"type": "text", "text": reply}]}),
        ));
        s.push(Step::InThread(i, usage(1_100, 40)));
        s.push(Step::InThread(i, json!({"type": "agent.thread_message_received", "content": [{"type": "text", "text": reply}]})));
        s.push(Step::InThread(i, json!({"type": "session.thread_status_idle", "stop_reason": {"type": "end_turn"}, "stop_details": null})));
    }
    request(
        &mut s,
        false,
        Some(
            "Both subagents are done:\n\n- Researcher: `parse_date` is the single entry point.\n- Test writer: added `test_leap_day`.",
        ),
        4_500,
        150,
    );
    s
}

/// A custom tool the client must answer.
pub fn custom_tool(tb: &Toolbox) -> Vec<Step> {
    let mut s = Vec::new();
    match tb.custom.first() {
        Some(name) => {
            request(
                &mut s,
                false,
                Some(&format!("I'll ask your client to run `{name}`.")),
                1_900,
                40,
            );
            s.push(Step::Call(Call {
                custom: true,
                ..Call::builtin(name, json!({"ticket_id": "APP-1234"}), "")
            }));
            request(&mut s, false, Some("Thanks, I have the ticket details now."), 2_300, 60);
        }
        None => request(
            &mut s,
            false,
            Some(
                "This agent has no custom tools. Add one (for example `lookup_ticket`) and ask again.",
            ),
            1_900,
            50,
        ),
    }
    s
}

/// Thousands of events: many small tool calls and progress notes.
pub fn long_task(tb: &Toolbox, rounds: usize) -> Vec<Step> {
    let mut s = Vec::new();
    request(
        &mut s,
        false,
        Some(&format!("Starting a long migration over {rounds} files.")),
        2_000,
        50,
    );
    let tool = ["bash", "read", "grep"].into_iter().find(|t| tb.has(t));
    for i in 0..rounds {
        s.push(Step::ModelStart);
        if let Some(tool) = tool {
            s.push(Step::ModelEnd { input: 300, output: 30, cache_read: 2_000, cache_write: 0 });
            let input = match tool {
                "bash" => {
                    json!({"command": format!("sed -i 's/old_api/new_api/g' src/module_{i}.rs")})
                }
                "read" => json!({"file_path": format!("src/module_{i}.rs")}),
                _ => json!({"pattern": "old_api", "path": format!("src/module_{i}.rs")}),
            };
            s.push(Step::Call(Call::builtin(
                tool,
                input,
                &format!("module_{i}: 3 call sites updated"),
            )));
        } else {
            s.push(Step::Message(format!("Migrated module {i}.")));
            s.push(Step::ModelEnd { input: 300, output: 30, cache_read: 2_000, cache_write: 0 });
        }
    }
    request(&mut s, false, Some(&format!("Finished: **{rounds}** modules migrated.")), 3_000, 80);
    s
}

/// `user.define_outcome`: the demo works on it like a coding task, then grades it once.
pub fn outcome(input: &serde_json::Value, tb: &Toolbox) -> Vec<Step> {
    let mut s = coding(tb);
    s.push(Step::Evaluate {
        outcome_id: input["outcome_id"].as_str().unwrap_or_default().to_owned(),
        description: input["description"].as_str().unwrap_or_default().to_owned(),
    });
    s
}
