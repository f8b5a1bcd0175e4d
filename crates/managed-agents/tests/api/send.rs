//! Sending events never duplicates: an ambiguous failure is checked against the event list
//! before anything is resent.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use managed_agents::types::{ContentBlock, EventParams, SendEventsRequest};
use serde_json::json;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::fixtures::{page, user_message};
use crate::scripted::{self, Handler};
use crate::support::client;

fn hello() -> SendEventsRequest {
    SendEventsRequest {
        events: vec![EventParams::UserMessage { content: vec![ContentBlock::text("hello")] }],
    }
}

#[tokio::test(start_paused = true)]
async fn committed_then_500_is_not_resent() {
    let s = MockServer::start().await;
    // Before the send: an older, identical message exists (it must not be taken for the echo).
    Mock::given(method("GET"))
        .and(path("/v1/sessions/sesn_1/events"))
        .and(query_param("types[]", "user.message"))
        .and(query_param("order", "desc"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(page(vec![user_message("old", "hello")], None)),
        )
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&s)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(
            vec![user_message("new", "hello"), user_message("old", "hello")],
            None,
        )))
        .with_priority(2)
        .mount(&s)
        .await;
    Mock::given(method("POST"))
        .and(path("/v1/sessions/sesn_1/events"))
        .respond_with(ResponseTemplate::new(500))
        .expect(1)
        .mount(&s)
        .await;
    let echo = client(&s.uri()).events("sesn_1").send(&hello()).await.unwrap();
    assert_eq!(echo.data.len(), 1);
    assert_eq!(echo.data[0].id(), Some("new"));
}

#[tokio::test(start_paused = true)]
async fn not_committed_is_resent_once() {
    let s = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(vec![], None)))
        .mount(&s)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&s)
        .await;
    Mock::given(method("POST"))
        .and(wiremock::matchers::body_json(
            json!({"events":[{"type":"user.message","content":[{"type":"text","text":"hello"}]}]}),
        ))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"data":[user_message("e1","hello")]})),
        )
        .with_priority(2)
        .expect(1)
        .mount(&s)
        .await;
    let echo = client(&s.uri()).events("sesn_1").send(&hello()).await.unwrap();
    assert_eq!(echo.data[0].id(), Some("e1"));
    let posts =
        s.received_requests().await.unwrap().iter().filter(|r| r.method.as_str() == "POST").count();
    assert_eq!(posts, 2);
}

#[tokio::test(start_paused = true)]
async fn a_4xx_is_final_and_never_resent() {
    let s = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(vec![], None)))
        .mount(&s)
        .await;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(400)).expect(1).mount(&s).await;
    let e = client(&s.uri()).events("sesn_1").send(&hello()).await.unwrap_err();
    assert_eq!(e.status(), Some(400));
}

/// The server stores the event, then closes the connection without answering: the response is
/// lost. Repeated many times, the event list must never hold a duplicate.
#[tokio::test]
async fn lost_responses_never_duplicate() {
    let store: Arc<Mutex<Vec<serde_json::Value>>> = Arc::default();
    let posts = Arc::new(AtomicUsize::new(0));
    let (store2, posts2) = (store.clone(), posts.clone());
    let handler: Handler = Arc::new(move |req, mut socket| {
        let store = store2.clone();
        let posts = posts2.clone();
        Box::pin(async move {
            if req.method == "POST" {
                let n = posts.fetch_add(1, Ordering::SeqCst);
                let body: serde_json::Value = serde_json::from_slice(&req.body).unwrap();
                let text = body["events"][0]["content"][0]["text"].as_str().unwrap().to_owned();
                let id = format!("e{n}");
                store.lock().unwrap().push(user_message(&id, &text));
                // Odd attempts: committed, but the answer is lost.
                if n.is_multiple_of(2) {
                    drop(socket);
                    return;
                }
                let echo = json!({"data":[user_message(&id, &text)]});
                scripted::respond(
                    &mut socket,
                    200,
                    "application/json",
                    echo.to_string().as_bytes(),
                )
                .await;
            } else {
                let mut data: Vec<_> = store.lock().unwrap().clone();
                data.reverse();
                let body = page(data, None).to_string();
                scripted::respond(&mut socket, 200, "application/json", body.as_bytes()).await;
            }
        })
    });
    let base = scripted::serve(handler).await;
    let client = client(&base);
    for i in 0..100 {
        let req = SendEventsRequest {
            events: vec![EventParams::UserMessage {
                content: vec![ContentBlock::text(format!("msg {i}"))],
            }],
        };
        let echo = client.events("sesn_1").send(&req).await.unwrap();
        assert_eq!(echo.data.len(), 1);
    }
    let stored = store.lock().unwrap();
    assert_eq!(stored.len(), 100, "one stored event per send, no duplicates");
    assert_eq!(posts.load(Ordering::SeqCst), 100, "no POST was repeated");
}
