//! What one relay message gathers between two frames, and how big it may get.

use std::io;

use managed_agents::ConnectionState;
use managed_agents::types::SessionEvent;
use serde_json::Value;

use super::RelayBatch;

/// A batch stops taking events at this size (of their JSON) until it has been sent.
pub const MAX_BATCH_BYTES: usize = 512 * 1024;

/// A single event larger than this is sent with its long strings cut (tool output, images).
pub const MAX_INLINE_EVENT_BYTES: usize = 256 * 1024;

/// Where a long string is cut in an event that is too large.
const CUT_STRINGS_TO: usize = 16 * 1024;

#[derive(Default)]
pub struct Batch {
    events: Vec<SessionEvent>,
    notices: Vec<String>,
    elided: Vec<String>,
    bytes: usize,
    /// The session's newest events, read ahead of the history (see [`RelayBatch::tail`]).
    tail: Option<Vec<SessionEvent>>,
    /// The feed's latest state; every message carries it.
    connection: Option<ConnectionState>,
    connection_changed: bool,
    /// When the oldest event still in the batch reached the relay (bench builds only).
    #[cfg(feature = "bench")]
    received_at: Option<f64>,
}

impl Batch {
    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
            && self.notices.is_empty()
            && self.tail.is_none()
            && !self.connection_changed
    }

    pub fn is_full(&self) -> bool {
        self.bytes >= MAX_BATCH_BYTES
    }

    /// Adds `event`; if it had to be cut down, returns the original.
    pub fn push_event(&mut self, event: SessionEvent) -> Option<SessionEvent> {
        #[cfg(feature = "bench")]
        if self.received_at.is_none() {
            self.received_at = Some(super::bench::now_ms());
        }
        let size = json_len(&event);
        if size <= MAX_INLINE_EVENT_BYTES || event.id().is_none() {
            self.bytes += size;
            self.events.push(event);
            return None;
        }
        let cut = cut_down(&event);
        self.bytes += json_len(&cut);
        self.elided.extend(event.id().map(str::to_owned));
        self.events.push(cut);
        Some(event)
    }

    /// Sets the tail from the session's newest events, newest first. It keeps as many as fit in
    /// [`MAX_BATCH_BYTES`] (an oversized one cut down as in [`Batch::push_event`]; the history
    /// brings it again whole), oldest first.
    pub fn set_tail(&mut self, newest_first: Vec<SessionEvent>) {
        #[cfg(feature = "bench")]
        if self.received_at.is_none() {
            self.received_at = Some(super::bench::now_ms());
        }
        let mut bytes = 0;
        let mut tail = Vec::new();
        for event in newest_first {
            let event = if json_len(&event) > MAX_INLINE_EVENT_BYTES && event.id().is_some() {
                cut_down(&event)
            } else {
                event
            };
            bytes += json_len(&event);
            if bytes > MAX_BATCH_BYTES && !tail.is_empty() {
                break;
            }
            tail.push(event);
        }
        tail.reverse();
        self.tail = Some(tail);
    }

    pub fn push_notice(&mut self, notice: String) {
        self.bytes += notice.len();
        self.notices.push(notice);
    }

    pub fn set_connection(&mut self, state: ConnectionState) {
        self.connection = Some(state);
        self.connection_changed = true;
    }

    /// Empties the batch into message number `seq`.
    pub fn take(&mut self, seq: u32) -> RelayBatch {
        self.bytes = 0;
        self.connection_changed = false;
        RelayBatch {
            seq,
            events: std::mem::take(&mut self.events),
            connection: self.connection.clone(),
            notices: std::mem::take(&mut self.notices),
            elided: std::mem::take(&mut self.elided),
            tail: self.tail.take(),
            #[cfg(feature = "bench")]
            bench_received_at: self.received_at.take(),
        }
    }
}

/// The length of `value` as JSON, without keeping the text.
pub fn json_len(value: &impl serde::Serialize) -> usize {
    struct Count(usize);
    impl io::Write for Count {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0 += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    // Serializing an event to memory cannot fail; an error would only make the count smaller.
    let _ = serde_json::to_writer(&mut count, value);
    count.0
}

/// `event` with every string longer than [`CUT_STRINGS_TO`] bytes cut at a character boundary.
/// The shape stays the same, so the view renders it as usual and marks it as cut.
fn cut_down(event: &SessionEvent) -> SessionEvent {
    let Ok(mut value) = serde_json::to_value(event) else {
        return event.clone();
    };
    cut_strings(&mut value);
    serde_json::from_value(value.clone()).unwrap_or(SessionEvent::Unknown(value))
}

fn cut_strings(value: &mut Value) {
    match value {
        Value::String(text) if text.len() > CUT_STRINGS_TO => {
            let mut end = CUT_STRINGS_TO;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            text.truncate(end);
        }
        Value::Array(items) => items.iter_mut().for_each(cut_strings),
        Value::Object(fields) => fields.values_mut().for_each(cut_strings),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn tool_result(id: &str, text: &str) -> SessionEvent {
        serde_json::from_value(json!({
            "type": "agent.tool_result", "id": id, "processed_at": "2026-11-24T10:00:00Z",
            "tool_use_id": "tu_1", "content": [{ "type": "text", "text": text }]
        }))
        .unwrap()
    }

    #[test]
    fn a_huge_tool_output_is_cut_and_its_original_kept() {
        let mut batch = Batch::default();
        let big = "é".repeat(300 * 1024);
        let original = batch.push_event(tool_result("ev_big", &big)).expect("cut down");
        assert_eq!(original, tool_result("ev_big", &big));
        let message = batch.take(0);
        assert_eq!(message.elided, ["ev_big"]);
        assert!(json_len(&message) < 20 * 1024, "{}", json_len(&message));
        let SessionEvent::AgentToolResult(cut) = &message.events[0] else {
            panic!("still a tool result: {:?}", message.events[0]);
        };
        let text = serde_json::to_value(&cut.content).unwrap()[0]["text"].as_str().unwrap().len();
        assert!(text <= CUT_STRINGS_TO && text > CUT_STRINGS_TO - 4, "{text}");
    }

    #[test]
    fn a_tail_keeps_the_newest_events_that_fit_oldest_first() {
        let mut batch = Batch::default();
        let text = "x".repeat(200 * 1024);
        let newest_first: Vec<_> =
            (0..5).rev().map(|i| tool_result(&format!("ev_{i}"), &text)).collect();
        batch.set_tail(newest_first);
        assert!(!batch.is_empty(), "a tail alone is worth a message");
        let message = batch.take(0);
        let ids: Vec<_> = message.tail.iter().flatten().filter_map(SessionEvent::id).collect();
        // 200 KiB each: two fit in 512 KiB, and they are the two newest.
        assert_eq!(ids, ["ev_3", "ev_4"]);
        assert!(message.events.is_empty());
        assert!(batch.is_empty() && batch.take(1).tail.is_none(), "sent once");
    }

    #[test]
    fn a_batch_fills_up_and_every_message_carries_the_connection() {
        let mut batch = Batch::default();
        assert!(batch.is_empty());
        batch.set_connection(ConnectionState::Connected);
        assert!(!batch.is_empty(), "a state change alone is worth a message");
        let text = "x".repeat(100 * 1024);
        for i in 0..6 {
            assert!(batch.push_event(tool_result(&format!("ev_{i}"), &text)).is_none());
        }
        assert!(batch.is_full());
        let first = batch.take(7);
        assert_eq!((first.seq, first.events.len()), (7, 6));
        assert!(batch.is_empty() && !batch.is_full());
        batch.push_notice("bad frame".into());
        let second = batch.take(8);
        assert_eq!(second.connection, Some(ConnectionState::Connected));
        assert_eq!(second.notices, ["bad frame"]);
    }
}
