//! The SSE bytes the decode benchmarks read: shared by `benches/decode.rs` and
//! `examples/decode_vs_sdk.rs`, so both measure the same input.

/// Events in [`session_stream`].
pub const EVENTS: usize = 10_000;

/// One event of about 1 KiB: an agent message or a tool use, as a real session sends them.
pub fn one_kib_event(i: usize) -> String {
    let filler = "The failing test parses 2024-02-29 as March 1st; the fix is in dates.py. ";
    let text: String = filler.repeat(14);
    if i.is_multiple_of(2) {
        serde_json::json!({"type":"agent.message","id":format!("sevt_011CZm{i:016}"),
            "processed_at":"2026-11-18T10:15:06.822Z",
            "content":[{"type":"text","text":&text[..900]}]})
        .to_string()
    } else {
        serde_json::json!({"type":"agent.tool_use","id":format!("sevt_011CZm{i:016}"),
            "processed_at":"2026-11-18T10:15:08.096Z","name":"bash",
            "input":{"command":format!("cd /workspace/app && {}", &text[..820]),"timeout_ms":120000},
            "evaluated_permission":"allow","evaluation":{"type":"always_allow"}})
        .to_string()
    }
}

/// [`EVENTS`] events of about 1 KiB, each with its `event:` name as the API sends it, and a ping
/// every ten events.
pub fn session_stream() -> String {
    let mut body = String::new();
    for i in 0..EVENTS {
        let json = one_kib_event(i);
        let ty = if i.is_multiple_of(2) { "agent.message" } else { "agent.tool_use" };
        body.push_str(&format!("event: {ty}\ndata: {json}\n\n"));
        if i.is_multiple_of(10) {
            body.push_str("event: ping\ndata: {}\n\n");
        }
    }
    body
}

/// One agent message whose text is 4 MiB, as one `data:` line.
pub fn big_event_stream() -> String {
    let text = "x".repeat(4 << 20);
    format!(
        "event: agent.message\ndata: {{\"type\":\"agent.message\",\"id\":\"big\",\"processed_at\":\"2026-11-18T10:15:06.822Z\",\"content\":[{{\"type\":\"text\",\"text\":\"{text}\"}}]}}\n\n"
    )
}
