//! Fault injection.

use managed_agents_sim::{Faults, TypingSpeed};
use serde_json::json;

use crate::support::sim;

#[tokio::test]
async fn throttling_answers_k_requests_with_retry_after() {
    let api = sim(TypingSpeed::Instant).await;
    api.sim.set_faults(Faults {
        fail_next_requests: 2,
        fail_status: 529,
        retry_after_secs: 3,
        ..Faults::default()
    });
    for _ in 0..2 {
        let res = api
            .http
            .get(api.url("/v1/agents"))
            .header("x-api-key", "k")
            .header("anthropic-beta", "managed-agents-2026-04-01")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 529);
        assert_eq!(res.headers()["retry-after"], "3");
        assert_eq!(
            res.json::<serde_json::Value>().await.unwrap()["error"]["type"],
            "overloaded_error"
        );
    }
    assert_eq!(api.get("/v1/agents").await.0, 200);
}

#[tokio::test]
async fn dropped_post_response_still_commits() {
    let api = sim(TypingSpeed::Instant).await;
    api.sim.set_faults(Faults { drop_next_post_responses: 1, ..Faults::default() });
    let res = api
        .http
        .post(api.url("/v1/agents"))
        .header("x-api-key", "k")
        .header("anthropic-beta", "managed-agents-2026-04-01")
        .json(&json!({"name": "ghost", "model": "claude-haiku-4-5"}))
        .send()
        .await;
    let broken = match res {
        Err(_) => true,
        Ok(r) => r.bytes().await.is_err(),
    };
    assert!(broken, "the response must not arrive whole");
    assert_eq!(api.get("/v1/agents").await.1["data"][0]["name"], "ghost");
}

#[tokio::test]
async fn stream_cut_after_n_events_and_malformed_frames_and_oversized() {
    let api = sim(TypingSpeed::Instant).await;
    let sid = api.session().await;
    api.sim.set_faults(Faults { cut_stream_after_events: Some(3), ..Faults::default() });
    let mut stream = api.stream(&sid, "").await;
    api.say(&sid, "fix the bug").await;
    let mut got = 0;
    while stream.next().await.is_some() {
        got += 1;
    }
    assert_eq!(got, 3);
    api.sim.set_faults(Faults {
        malformed_frames: true,
        oversized_event_bytes: Some(300_000),
        ..Faults::default()
    });
    let res = api
        .http
        .get(api.url(&format!("/v1/sessions/{sid}/events/stream")))
        .header("x-api-key", "k")
        .header("anthropic-beta", "managed-agents-2026-04-01")
        .send()
        .await
        .unwrap();
    let mut body = res.bytes_stream();
    let mut text = Vec::new();
    use futures_util::StreamExt;
    while text.len() < 300_000 {
        text.extend_from_slice(&body.next().await.unwrap().unwrap());
    }
    let text = String::from_utf8_lossy(&text);
    assert!(text.contains("not json at all"));
    assert!(text.contains("xxxxxxxxxxxxxxxx"));
}

#[tokio::test]
async fn stream_cut_at_byte_offset() {
    let api = sim(TypingSpeed::Instant).await;
    let sid = api.session().await;
    api.sim.set_faults(Faults { cut_stream_at_byte: Some(50), ..Faults::default() });
    let res = api
        .http
        .get(api.url(&format!("/v1/sessions/{sid}/events/stream")))
        .header("x-api-key", "k")
        .header("anthropic-beta", "managed-agents-2026-04-01")
        .send()
        .await
        .unwrap();
    api.say(&sid, "hello").await;
    let mut body = res.bytes_stream();
    let mut received = 0;
    use futures_util::StreamExt;
    let mut errored = false;
    while let Some(chunk) = body.next().await {
        match chunk {
            Ok(c) => received += c.len(),
            Err(_) => {
                errored = true;
                break;
            }
        }
    }
    assert_eq!(received, 50);
    assert!(errored, "a cut is a reset, not a clean end");
}

#[tokio::test]
async fn snapshot_survives_restart() {
    let dir = std::env::temp_dir().join(format!("sim-snap-{}", std::process::id()));
    let path = dir.join("state.json");
    let config = managed_agents_sim::SimConfig {
        snapshot: Some(path.clone()),
        typing: TypingSpeed::Instant,
        ..Default::default()
    };
    let sim = managed_agents_sim::start(config.clone()).await.unwrap();
    let http = reqwest::Client::builder().build().unwrap();
    let res = http
        .post(format!("{}/v1/agents", sim.base_url()))
        .header("x-api-key", "k")
        .header("anthropic-beta", "managed-agents-2026-04-01")
        .json(&json!({"name": "kept", "model": "claude-haiku-4-5"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    sim.shutdown().await;
    assert!(path.exists() && !dir.join("state.json.tmp").exists());
    let again = managed_agents_sim::start(config).await.unwrap();
    let list: serde_json::Value = http
        .get(format!("{}/v1/agents", again.base_url()))
        .header("x-api-key", "k")
        .header("anthropic-beta", "managed-agents-2026-04-01")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list["data"][0]["name"], "kept");
    again.shutdown().await;
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn drip_sends_small_pieces_that_still_parse() {
    let api = sim(TypingSpeed::Instant).await;
    let sid = api.session().await;
    api.sim.set_faults(Faults {
        drip: Some(managed_agents_sim::Drip {
            chunk_bytes: 7,
            delay: std::time::Duration::from_millis(1),
        }),
        ..Faults::default()
    });
    let res = api
        .http
        .get(api.url(&format!("/v1/sessions/{sid}/events/stream")))
        .header("x-api-key", "k")
        .header("anthropic-beta", "managed-agents-2026-04-01")
        .send()
        .await
        .unwrap();
    api.say(&sid, "hello").await;
    use futures_util::StreamExt;
    let mut body = res.bytes_stream();
    let mut text = String::new();
    while !text.contains("session.status_idle") {
        let chunk = body.next().await.unwrap().unwrap();
        assert!(chunk.len() <= 7, "chunk of {} bytes", chunk.len());
        text.push_str(&String::from_utf8_lossy(&chunk));
    }
    assert!(text.contains("event: user.message\ndata: {"));
}

#[tokio::test]
async fn stall_goes_silent_with_the_connection_open() {
    let api = sim(TypingSpeed::Instant).await;
    let sid = api.session().await;
    api.sim.set_faults(Faults { stall_stream_after_events: Some(2), ..Faults::default() });
    let mut stream = api.stream(&sid, "").await;
    api.say(&sid, "hello").await;
    assert!(stream.next().await.is_some());
    assert!(stream.next().await.is_some());
    // The turn finishes on the server while the stream says nothing more.
    loop {
        let (_, session) = api.get(&format!("/v1/sessions/{sid}")).await;
        if session["status"] == "idle" {
            break;
        }
        tokio::task::yield_now().await;
    }
    assert!(api.events(&sid).await.len() > 2);
    let more = tokio::time::timeout(std::time::Duration::from_millis(300), stream.next()).await;
    assert!(more.is_err(), "a stalled stream neither sends nor closes");
}
