//! The SSE decoder and the event stream: framing edge cases, pings, error frames, size cap,
//! and that dropping the stream stops reading.

use std::sync::Arc;

use bytes::Bytes;
use futures_util::{StreamExt, stream};
use managed_agents::types::{SessionEvent, StreamEventsQuery};
use managed_agents::{Error, StreamError, sse};
use tokio::io::AsyncReadExt;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::scripted::{self, Handler};
use crate::support::{client_no_retry, sample_lines};

/// Decodes `input` delivered in chunks of `size` bytes.
async fn decode_chunked(input: &[u8], size: usize, cap: usize) -> Vec<Result<SessionEvent, Error>> {
    let chunks: Vec<Result<Bytes, std::io::Error>> =
        input.chunks(size).map(|c| Ok(Bytes::copy_from_slice(c))).collect();
    sse::decode(stream::iter(chunks), cap).collect().await
}

/// The whole sample transcript as SSE, with a comment, pings, and every other frame without
/// an `event:` line; lines end with `eol`.
fn transcript(eol: &str) -> String {
    let mut out = format!(":ok{eol}{eol}event: ping{eol}data: {{}}{eol}{eol}");
    for (i, line) in sample_lines().into_iter().enumerate() {
        if i.is_multiple_of(2) {
            let ty = serde_json::from_str::<serde_json::Value>(line).unwrap()["type"]
                .as_str()
                .unwrap()
                .to_owned();
            out.push_str(&format!("event: {ty}{eol}"));
        }
        out.push_str(&format!("data: {line}{eol}{eol}"));
        if i.is_multiple_of(10) {
            out.push_str(&format!("event: ping{eol}data: {{\"type\":\"ping\"}}{eol}{eol}"));
        }
    }
    out
}

#[tokio::test]
async fn transcript_decodes_with_any_line_ending_and_chunking() {
    let expected: Vec<SessionEvent> =
        sample_lines().iter().map(|l| serde_json::from_str(l).unwrap()).collect();
    for eol in ["\n", "\r", "\r\n"] {
        let input = transcript(eol);
        for size in [1, 7, 1460, 1 << 20] {
            let got: Vec<SessionEvent> = decode_chunked(input.as_bytes(), size, 1 << 20)
                .await
                .into_iter()
                .map(Result::unwrap)
                .collect();
            assert_eq!(got, expected, "eol {eol:?}, chunks of {size}");
        }
    }
}

/// The frame's `event:` name only picks which variant to try first: whatever it says (the
/// event's own type, another known type, an unknown name, nothing), every sample decodes to what
/// its JSON `type` says.
#[tokio::test]
async fn the_json_type_decides_whatever_the_event_name_says() {
    let expected: Vec<SessionEvent> =
        sample_lines().iter().map(|l| serde_json::from_str(l).unwrap()).collect();
    for line in sample_lines() {
        let own = serde_json::from_str::<serde_json::Value>(line).unwrap()["type"]
            .as_str()
            .unwrap()
            .to_owned();
        for name in [own.as_str(), "agent.message", "session.status_idle", "made.up", ""] {
            assert_eq!(
                SessionEvent::from_named_json(name, line).unwrap(),
                serde_json::from_str::<SessionEvent>(line).unwrap(),
                "{line} named {name:?}"
            );
        }
    }
    // Through the decoder: every frame named as something else.
    let mut input = String::new();
    for line in sample_lines() {
        let wrong =
            if line.contains("\"agent.message\"") { "agent.tool_use" } else { "agent.message" };
        input.push_str(&format!("event: {wrong}\ndata: {line}\n\n"));
    }
    let got: Vec<SessionEvent> = decode_chunked(input.as_bytes(), 1460, 1 << 20)
        .await
        .into_iter()
        .map(Result::unwrap)
        .collect();
    assert_eq!(got, expected);
}

/// A frame named for its type whose JSON does not fit that type (a missing field, or no `type`
/// at all) is kept whole as an unknown event, as without the name.
#[tokio::test]
async fn a_named_frame_that_does_not_fit_its_type_is_kept_raw() {
    let input = "event: agent.message\ndata: {\"type\":\"agent.message\",\"id\":\"e1\"}\n\n\
                 event: agent.message\ndata: {\"id\":\"e2\",\"processed_at\":\"t\",\"content\":[]}\n\n";
    let got = decode_chunked(input.as_bytes(), 7, 1 << 20).await;
    let raw: Vec<serde_json::Value> = got
        .into_iter()
        .map(|item| match item.unwrap() {
            SessionEvent::Unknown(value) => value,
            other => panic!("decoded as {other:?}"),
        })
        .collect();
    assert_eq!(raw[0]["id"], "e1");
    assert_eq!(raw[1]["id"], "e2");
}

#[tokio::test]
async fn utf8_split_across_chunks_and_multiline_data() {
    let input = "data: {\"type\":\"agent.message\",\"id\":\"e1\",\"processed_at\":\"t\",\n\
                 data: \"content\":[{\"type\":\"text\",\"text\":\"h\u{e9}llo \u{2713} \u{1F600}\"}]}\n\n";
    for size in 1..8 {
        let got = decode_chunked(input.as_bytes(), size, 1 << 20).await;
        let SessionEvent::AgentMessage(m) = got[0].as_ref().unwrap() else { panic!() };
        assert_eq!(
            serde_json::to_value(&m.content).unwrap()[0]["text"],
            "h\u{e9}llo \u{2713} \u{1F600}"
        );
    }
}

#[tokio::test]
async fn error_frames_and_bad_json_are_surfaced_and_the_stream_goes_on() {
    let input = "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"busy\"}}\n\n\
                 data: {not json\n\n\
                 data: {\"type\":\"session.status_running\",\"id\":\"e2\",\"processed_at\":\"t\"}\n\n";
    let got = decode_chunked(input.as_bytes(), 5, 1 << 20).await;
    assert_eq!(got.len(), 3);
    let api = got[0].as_ref().unwrap_err().api().unwrap().clone();
    assert_eq!(
        (api.status, api.kind.as_deref(), api.message.as_str()),
        (200, Some("overloaded_error"), "busy")
    );
    assert!(matches!(got[1], Err(Error::Decode { .. })));
    assert!(matches!(got[2], Ok(SessionEvent::SessionStatusRunning(_))));
}

#[tokio::test]
async fn empty_data_comments_and_unfinished_frames_are_not_dispatched() {
    let input = "data:\n\n: just a comment\n\nretry: abc\nid: x\0y\n\ndata: {\"type\":\"agent.thinking\",\"id\":\"e\",\"processed_at\":\"t\"}";
    let got = decode_chunked(input.as_bytes(), 3, 1 << 20).await;
    assert!(got.is_empty(), "{got:?}");
}

#[tokio::test]
async fn four_mib_event_in_1460_byte_chunks() {
    let text = "x".repeat(4 << 20);
    let json = format!(
        "{{\"type\":\"agent.message\",\"id\":\"big\",\"processed_at\":\"t\",\"content\":[{{\"type\":\"text\",\"text\":\"{text}\"}}]}}"
    );
    let input = format!("event: agent.message\ndata: {json}\n\n");
    let got = decode_chunked(input.as_bytes(), 1460, 16 << 20).await;
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].as_ref().unwrap().id(), Some("big"));
}

#[tokio::test]
async fn oversized_event_is_an_error_not_an_allocation() {
    let input = format!("data: {}", "y".repeat(64 * 1024));
    let got = decode_chunked(input.as_bytes(), 1460, 16 * 1024).await;
    assert_eq!(got.len(), 1);
    assert!(matches!(got[0], Err(Error::Stream(StreamError::EventTooLarge { limit: 16384 }))));
}

#[tokio::test]
async fn stream_endpoint_with_deltas_over_http() {
    let s = MockServer::start().await;
    let body = transcript("\n");
    Mock::given(method("GET"))
        .and(path("/v1/sessions/sesn_1/events/stream"))
        .and(query_param("event_deltas[]", "agent.message"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(body.into_bytes(), "text/event-stream"),
        )
        .expect(1)
        .mount(&s)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/sessions/sesn_1/threads/sthr_1/stream"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(transcript("\r\n").into_bytes(), "text/event-stream"),
        )
        .expect(1)
        .mount(&s)
        .await;
    let client = client_no_retry(&s.uri());
    let q =
        StreamEventsQuery { event_deltas: vec!["agent.message".into(), "agent.thinking".into()] };
    let events: Vec<_> = client.events("sesn_1").stream(&q).await.unwrap().collect().await;
    assert_eq!(events.len(), 44);
    assert!(events.iter().all(Result::is_ok));
    let thread: Vec<_> = client
        .thread_events("sesn_1", "sthr_1")
        .stream(&StreamEventsQuery::default())
        .await
        .unwrap()
        .collect()
        .await;
    assert_eq!(thread.len(), 44);
}

#[tokio::test]
async fn wrong_content_type_and_http_errors_fail_the_open() {
    let s = MockServer::start().await;
    Mock::given(path("/v1/sessions/a/events/stream"))
        .respond_with(ResponseTemplate::new(200).set_body_string("{}"))
        .mount(&s)
        .await;
    Mock::given(path("/v1/sessions/b/events/stream"))
        .respond_with(ResponseTemplate::new(404))
        .mount(&s)
        .await;
    let client = client_no_retry(&s.uri());
    let q = StreamEventsQuery::default();
    assert!(matches!(
        client.events("a").stream(&q).await.unwrap_err(),
        Error::Stream(StreamError::NotEventStream(_))
    ));
    assert_eq!(client.events("b").stream(&q).await.unwrap_err().status(), Some(404));
}

/// Dropping the stream closes the connection: the server sees end-of-file while its response
/// is still open.
#[tokio::test]
async fn dropping_the_stream_releases_the_connection() {
    let (closed_tx, closed_rx) = tokio::sync::oneshot::channel::<()>();
    let closed_tx = Arc::new(std::sync::Mutex::new(Some(closed_tx)));
    let handler: Handler = Arc::new(move |_req, mut socket| {
        let closed_tx = closed_tx.clone();
        Box::pin(async move {
            scripted::stream_head(&mut socket).await;
            let first = scripted::frame(sample_lines()[1]);
            tokio::io::AsyncWriteExt::write_all(&mut socket, first.as_bytes()).await.unwrap();
            // Keep the response open; wait for the client to go away.
            let mut buf = [0u8; 64];
            while let Ok(n) = socket.read(&mut buf).await {
                if n == 0 {
                    break;
                }
            }
            if let Some(tx) = closed_tx.lock().unwrap().take() {
                let _ = tx.send(());
            }
        })
    });
    let base = scripted::serve(handler).await;
    let client = client_no_retry(&base);
    let mut events = client.events("sesn_1").stream(&StreamEventsQuery::default()).await.unwrap();
    assert!(matches!(events.next().await, Some(Ok(SessionEvent::SessionStatusRunning(_)))));
    drop(events);
    // A guard against hanging, not a timing assertion.
    tokio::time::timeout(std::time::Duration::from_secs(30), closed_rx)
        .await
        .expect("the server never saw the connection close")
        .unwrap();
}
