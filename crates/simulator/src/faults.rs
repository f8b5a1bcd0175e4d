//! Fault injection, set per simulator instance and changeable while it runs.
//!
//! Stream faults are read when a stream connects and apply to that connection; request faults
//! are counters that each matching request uses up.

use std::time::Duration;

/// Slow delivery: every chunk of a stream is split into pieces sent with a pause in between.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Drip {
    /// Bytes per piece (at least 1).
    pub chunk_bytes: usize,
    /// Pause before each piece.
    pub delay: Duration,
}

/// The faults a simulator injects. `Faults::default()` injects none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Faults {
    /// Cut each new stream (connection reset, no clean end) after this many events.
    pub cut_stream_after_events: Option<usize>,
    /// Cut each new stream after this many bytes, possibly inside a frame.
    pub cut_stream_at_byte: Option<usize>,
    /// Go silent (no events, no pings) with the connection open after this many events.
    pub stall_stream_after_events: Option<usize>,
    /// Answer the next this-many requests with `fail_status` instead of serving them.
    pub fail_next_requests: u32,
    /// 529 gives `overloaded_error`; anything else (0 included) gives 429 `rate_limit_error`.
    pub fail_status: u16,
    /// `retry-after` seconds sent with injected failures.
    pub retry_after_secs: u32,
    /// For the next this-many POSTs: perform them, then drop the response mid-way.
    pub drop_next_post_responses: u32,
    /// Send stream bytes slowly.
    pub drip: Option<Drip>,
    /// Start each new stream with an `agent.message` frame of about this many bytes.
    pub oversized_event_bytes: Option<usize>,
    /// Start each new stream with a few malformed frames (bad JSON, no `event:` line, junk).
    pub malformed_frames: bool,
    /// Answer every request 401, as the API does once a key is revoked.
    pub revoke_keys: bool,
    /// Answer each page of a session's events read oldest first (`order=asc`, as a feed reads
    /// the history) only after this pause, as a long history over a slow link would.
    pub slow_history_pages: Option<Duration>,
    /// Read file uploads at about this many bytes per second, as a slow uplink would: the
    /// client's progress then moves visibly, and there is time to cancel half-way.
    pub upload_bytes_per_sec: Option<u64>,
}

impl Faults {
    /// The frames sent first when `malformed_frames` is set. A tolerant client skips them all.
    pub(crate) fn malformed_prelude() -> &'static str {
        concat!(
            "event: agent.message\ndata: {\"type\":\"agent.message\",\"id\":\n\n",
            "data: {\"type\":\"no_event_line\"}\n\n",
            "event: agent.message\ndata: not json at all\n\n",
            "this line is not a field\n\n",
        )
    }
}
