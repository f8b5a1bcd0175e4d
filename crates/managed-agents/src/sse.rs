//! Server-Sent Events: a linear-time framer in front of `eventsource-stream`, and the typed
//! event stream built on them.
//!
//! `eventsource-stream` 0.2 re-parses its whole buffer on every chunk until a line ends, so one
//! 4 MiB `data:` line arriving in 1,460-byte chunks costs seconds (quadratic). [`Frames`] fixes
//! that in front of it: it scans each byte once (memchr), holds bytes until a whole frame (up to
//! a blank line) is there, and hands `eventsource-stream` complete lines only, so its parser
//! never sees a partial line. It also enforces the per-event size cap, and repairs what
//! `eventsource-stream` would fail on: invalid UTF-8 (becomes U+FFFD, as the SSE spec says,
//! instead of killing the stream), NUL (a parse error there) and a leading byte-order mark.
//!
//! What it hands on is chosen to be cheap for `eventsource-stream`, which copies its input and
//! walks every line char by char (the largest cost of decoding, see `BENCHMARKS.md`):
//! - a valid frame (checked with `std::str::from_utf8`, the common case) goes on as slices of
//!   the received bytes, with no copy and no lossy conversion;
//! - one line at a time: given a whole frame, it copies the rest of its buffer after each line
//!   it parses (the `data:` line again after the `event:` line); given one line, the rest is
//!   empty.
//!
//! The frame's `event:` name then picks the variant to decode straight from the JSON
//! ([`SessionEvent::from_named_json`]); the JSON `type` stays authoritative.
//!
//! Nothing is spawned: the stream owns the HTTP body, so dropping it closes the connection.

use std::fmt::Display;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::{Bytes, BytesMut};
use eventsource_stream::{EventStreamError, Eventsource};
use futures_util::{Stream, StreamExt};

use crate::error::{ApiError, Error, StreamError};
use crate::types::SessionEvent;

/// Above this size a frame gets an allocation of its own (see [`FrameSplitter::next_frame`]).
const LARGE_FRAME: usize = 64 * 1024;

/// Splits a byte stream into complete SSE frames, each ending with its blank line.
#[derive(Debug)]
pub(crate) struct FrameSplitter {
    buf: BytesMut,
    /// Where scanning resumes: bytes before it hold no unseen terminator.
    scan: usize,
    /// Start of the current line in `buf`.
    line_start: usize,
    /// The last terminator was a CR, so an LF right after it belongs to it (CRLF).
    after_cr: bool,
    max_frame: usize,
}

impl FrameSplitter {
    pub(crate) fn new(max_frame: usize) -> Self {
        Self { buf: BytesMut::new(), scan: 0, line_start: 0, after_cr: false, max_frame }
    }

    pub(crate) fn push(&mut self, chunk: &[u8]) {
        self.buf.extend_from_slice(chunk);
    }

    /// The next complete frame, `Ok(None)` if more bytes are needed, or an error if the frame
    /// being built is already larger than the cap.
    pub(crate) fn next_frame(&mut self) -> Result<Option<Bytes>, StreamError> {
        while let Some(offset) = memchr::memchr2(b'\n', b'\r', &self.buf[self.scan..]) {
            let at = self.scan + offset;
            let byte = self.buf[at];
            self.scan = at + 1;
            if self.after_cr && byte == b'\n' && at == self.line_start {
                // Second half of a CRLF: not a new (empty) line.
                self.after_cr = false;
                self.line_start = self.scan;
                continue;
            }
            self.after_cr = byte == b'\r';
            let empty_line = at == self.line_start;
            self.line_start = self.scan;
            if empty_line {
                if byte == b'\r' && self.buf.get(self.scan) == Some(&b'\n') {
                    // Take the LF of a final CRLF along when it is already here.
                    self.scan += 1;
                    self.after_cr = false;
                }
                let frame = self.buf.split_to(self.scan).freeze();
                if frame.len() > LARGE_FRAME {
                    // The rest of the buffer still shares the frame's allocation; give it its
                    // own (at most one chunk is copied), so the frame is freed as soon as the
                    // parser has copied it, not when the next frame is complete.
                    self.buf = BytesMut::from(&self.buf[..]);
                }
                self.scan = 0;
                self.line_start = 0;
                // Checked here too, so the cap does not depend on how the bytes were chunked.
                if frame.len() > self.max_frame {
                    return Err(StreamError::EventTooLarge { limit: self.max_frame });
                }
                return Ok(Some(frame));
            }
        }
        self.scan = self.buf.len();
        if self.buf.len() > self.max_frame {
            return Err(StreamError::EventTooLarge { limit: self.max_frame });
        }
        Ok(None)
    }
}

/// A stream of complete lines (each with its end of line), from a stream of byte chunks.
pub(crate) struct Frames<S> {
    inner: Pin<Box<S>>,
    splitter: FrameSplitter,
    /// What is left of the current frame, handed on one line at a time.
    pending: Bytes,
    done: bool,
    /// No frame handed on yet (the byte-order mark is handled on the first one).
    first: bool,
}

impl<S> Frames<S> {
    pub(crate) fn new(inner: S, max_frame: usize) -> Self {
        Self {
            inner: Box::pin(inner),
            splitter: FrameSplitter::new(max_frame),
            pending: Bytes::new(),
            done: false,
            first: true,
        }
    }
}

/// The frame as `eventsource-stream` can parse it: the received bytes themselves when they are
/// valid UTF-8 without NUL and do not end in a lone CR, else a repaired copy.
fn frame_text(frame: Bytes, first: bool) -> Bytes {
    let clean = std::str::from_utf8(&frame).is_ok()
        && memchr::memchr(0, &frame).is_none()
        && frame.last() != Some(&b'\r')
        && !(first && frame.starts_with("\u{FEFF}".as_bytes()));
    if clean {
        return frame;
    }
    let mut text = String::from_utf8_lossy(&frame).into_owned();
    if memchr::memchr(0, text.as_bytes()).is_some() {
        text = text.replace('\0', "\u{FFFD}");
    }
    // eventsource-stream waits for a possible LF after a final CR, which may never come (the
    // stream can end there). The frame is complete, so close the CR as a CRLF.
    if text.ends_with('\r') {
        text.push('\n');
    }
    if first {
        text = strip_bom(text);
    }
    Bytes::from(text)
}

/// Splits off the first line of `frame` (up to and with its LF), or all of it when it has no LF.
/// A line ending in a lone CR stays with the next one (eventsource-stream parses several lines
/// in one piece too), and so does the frame's closing blank line (at most CRLF): the last piece
/// then holds the last reference to the frame, which is freed once the parser has copied it.
fn next_line(frame: &mut Bytes) -> Bytes {
    match memchr::memchr(b'\n', frame) {
        Some(at) if frame.len() - (at + 1) > 2 => frame.split_to(at + 1),
        _ => frame.split_to(frame.len()),
    }
}

/// Removes the one byte-order mark the SSE spec allows at the start of a stream.
///
/// This must happen here: eventsource-stream 0.2.3 strips it with `&s[1..]`, which panics
/// because U+FEFF is three bytes long (found by the fuzz target). If the text still starts with
/// U+FEFF (a second one, which is data per the spec), a blank line is put first; a blank line
/// before any field dispatches nothing, and eventsource-stream then never sees a leading BOM.
fn strip_bom(text: String) -> String {
    let text = match text.strip_prefix('\u{FEFF}') {
        Some(rest) => rest.to_owned(),
        None => text,
    };
    if text.starts_with('\u{FEFF}') { format!("\n{text}") } else { text }
}

impl<S, B, E> Stream for Frames<S>
where
    S: Stream<Item = Result<B, E>>,
    B: AsRef<[u8]>,
    E: Display,
{
    type Item = Result<Bytes, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            if !this.pending.is_empty() {
                return Poll::Ready(Some(Ok(next_line(&mut this.pending))));
            }
            if this.done {
                // A trailing frame without its blank line is not dispatched (SSE spec).
                return Poll::Ready(None);
            }
            match this.splitter.next_frame() {
                Ok(Some(frame)) => {
                    this.pending = frame_text(frame, std::mem::take(&mut this.first));
                    continue;
                }
                Ok(None) => {}
                Err(e) => {
                    this.done = true;
                    return Poll::Ready(Some(Err(e.into())));
                }
            }
            match this.inner.as_mut().poll_next(cx) {
                Poll::Ready(Some(Ok(chunk))) => this.splitter.push(chunk.as_ref()),
                Poll::Ready(Some(Err(e))) => {
                    this.done = true;
                    return Poll::Ready(Some(Err(StreamError::Disconnected(e.to_string()).into())));
                }
                Poll::Ready(None) => this.done = true,
                Poll::Pending => return Poll::Pending,
            }
        }
    }
}

/// Turns one SSE message into an item: `None` for keep-alives, the typed event otherwise.
fn to_item(event: eventsource_stream::Event) -> Option<Result<SessionEvent, Error>> {
    if event.data.is_empty() {
        // The spec (and the SDK) skip frames without data; eventsource-stream dispatches them.
        return None;
    }
    match event.event.as_str() {
        "ping" => None,
        "error" => {
            Some(Err(Error::Api(Box::new(ApiError::from_body(200, &event.data, None, None)))))
        }
        // Any other name (or none: eventsource-stream says "message") is dispatched on the
        // JSON `type`, as the SDK does; the name only says which variant to try first.
        name => Some(
            SessionEvent::from_named_json(name, &event.data)
                .map_err(|e| Error::decode(e, event.data.as_bytes())),
        ),
    }
}

/// Decodes a byte stream of SSE into session events.
///
/// - `ping` frames are skipped; `event: error` frames become [`Error::Api`] with status 200;
///   any other frame with data is decoded by its JSON `type` (unknown types are kept).
/// - A frame that does not decode gives one `Err(Error::Decode)` and the stream goes on.
/// - A frame larger than `max_event_bytes`, or a transport error, gives one final error.
///
/// This is public so benchmarks and fuzzers can drive the exact decoder the client uses.
pub fn decode<S, B, E>(
    bytes: S,
    max_event_bytes: usize,
) -> impl Stream<Item = Result<SessionEvent, Error>> + Send
where
    S: Stream<Item = Result<B, E>> + Send + 'static,
    B: AsRef<[u8]>,
    E: Display,
{
    let mut fatal = false;
    Frames::new(bytes, max_event_bytes)
        .eventsource()
        .take_while(move |item| {
            // After a fatal error nothing more is read; a parser error would otherwise repeat.
            let go = !fatal;
            fatal =
                matches!(item, Err(EventStreamError::Parser(_) | EventStreamError::Transport(_)));
            futures_util::future::ready(go)
        })
        .filter_map(|item| {
            futures_util::future::ready(match item {
                Ok(event) => to_item(event),
                Err(EventStreamError::Transport(e)) => Some(Err(e)),
                Err(EventStreamError::Utf8(e)) => {
                    Some(Err(StreamError::Disconnected(e.to_string()).into()))
                }
                Err(EventStreamError::Parser(e)) => Some(Err(StreamError::Disconnected(format!(
                    "malformed event stream: {e:?}"
                ))
                .into())),
            })
        })
}

/// A live event stream of one session or thread. Items are events in arrival order; errors
/// are described on [`decode`]. Dropping it closes the connection: nothing keeps reading.
pub struct EventStream {
    inner: Pin<Box<dyn Stream<Item = Result<SessionEvent, Error>> + Send>>,
}

impl std::fmt::Debug for EventStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("EventStream")
    }
}

impl EventStream {
    pub(crate) fn new(
        stream: impl Stream<Item = Result<SessionEvent, Error>> + Send + 'static,
    ) -> Self {
        Self { inner: Box::pin(stream) }
    }

    pub(crate) fn from_response(response: reqwest::Response, max_event_bytes: usize) -> Self {
        Self::new(decode(response.bytes_stream(), max_event_bytes))
    }
}

impl Stream for EventStream {
    type Item = Result<SessionEvent, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &[&[u8]]) -> Vec<String> {
        let mut s = FrameSplitter::new(1 << 20);
        let mut out = Vec::new();
        for chunk in input {
            s.push(chunk);
            while let Some(f) = s.next_frame().unwrap() {
                out.push(String::from_utf8(f.to_vec()).unwrap());
            }
        }
        out
    }

    #[test]
    fn splits_on_blank_lines_with_any_terminator() {
        assert_eq!(frames(&[b"data: a\n\ndata: b\r\n\r\n"]), ["data: a\n\n", "data: b\r\n\r\n"]);
        assert_eq!(frames(&[b"data: a\r\rdata: b\r"]), ["data: a\r\r"]);
        // CRLF split across chunks is one terminator, not a blank line.
        assert_eq!(
            frames(&[b"data: a\r", b"\ndata: b\r\n", b"\r\n"]),
            ["data: a\r\ndata: b\r\n\r\n"]
        );
    }

    #[test]
    fn one_byte_chunks() {
        let input = b"event: x\ndata: {}\n\n: c\n\n";
        let chunks: Vec<&[u8]> = input.chunks(1).collect();
        assert_eq!(frames(&chunks), ["event: x\ndata: {}\n\n", ": c\n\n"]);
    }

    #[test]
    fn cap_is_an_error() {
        let mut s = FrameSplitter::new(8);
        s.push(b"data: 0123456789");
        assert_eq!(s.next_frame(), Err(StreamError::EventTooLarge { limit: 8 }));
    }

    #[test]
    fn nul_and_bad_utf8_are_replaced() {
        let repaired = frame_text(Bytes::from_static(b"data: a\0\xff\n\n"), false);
        assert_eq!(repaired, "data: a\u{FFFD}\u{FFFD}\n\n".as_bytes());
    }

    #[test]
    fn a_clean_frame_is_handed_on_without_a_copy() {
        let frame = Bytes::from("event: x\ndata: {}\n\n".to_owned());
        let at = frame.as_ptr();
        assert_eq!(frame_text(frame, true).as_ptr(), at);
    }

    #[test]
    fn lines_keep_their_end_and_a_lone_cr_or_the_blank_line_stays_with_the_one_before() {
        let mut frame = Bytes::from_static(b"event: x\r\ndata: a\rdata: b\n\n");
        let mut lines = Vec::new();
        while !frame.is_empty() {
            lines.push(next_line(&mut frame));
        }
        assert_eq!(lines, ["event: x\r\n", "data: a\rdata: b\n\n"]);
    }
}
