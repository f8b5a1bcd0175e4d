//! Streamed uploads and downloads: the bytes on the wire are the file's, progress reaches the
//! whole size in several steps, a missing file fails before anything is sent, and listing a
//! session's outputs sends the beta header the API requires for `scope_id`.

use std::sync::{Arc, Mutex};

use managed_agents::types::ListFilesQuery;
use managed_agents::{Error, UploadFile};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::fixtures::{self, page};
use crate::support::client;

/// 300 KiB that are not one repeated byte, so a reordered chunk would show.
fn content() -> Vec<u8> {
    (0..300 * 1024).map(|i: u32| (i % 251) as u8).collect()
}

fn recorder() -> (Arc<Mutex<Vec<u64>>>, managed_agents::Progress) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&seen);
    (seen, Arc::new(move |n| sink.lock().unwrap().push(n)))
}

#[tokio::test]
async fn an_upload_streams_the_file_from_disk_and_reports_progress() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/files"))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixtures::file()))
        .mount(&server)
        .await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("data.bin");
    std::fs::write(&file, content()).unwrap();
    let (seen, progress) = recorder();

    let meta = client(&server.uri())
        .files()
        .upload_file(
            UploadFile {
                path: file,
                filename: "data.bin".into(),
                mime_type: "application/octet-stream".into(),
                progress: Some(progress),
            },
            None,
        )
        .await
        .unwrap();

    assert_eq!(meta.id, "file_1");
    let request = &server.received_requests().await.unwrap()[0];
    assert!(request.headers.get("anthropic-beta").is_none(), "files send no beta header");
    let body = &request.body;
    let start = body.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
    assert_eq!(&body[start..start + content().len()], content().as_slice());
    assert!(String::from_utf8_lossy(&body[..start]).contains("filename=\"data.bin\""));
    let seen = seen.lock().unwrap();
    assert_eq!(seen.first(), Some(&0));
    assert_eq!(seen.last(), Some(&(content().len() as u64)));
    assert!(seen.len() > 3, "progress came in steps: {seen:?}");
}

#[tokio::test]
async fn an_upload_of_a_missing_file_fails_before_sending() {
    let server = MockServer::start().await;
    let result = client(&server.uri())
        .files()
        .upload_file(
            UploadFile {
                path: "/nonexistent/agent-desk-test".into(),
                filename: "x".into(),
                mime_type: "text/plain".into(),
                progress: None,
            },
            None,
        )
        .await;
    assert!(matches!(result, Err(Error::Io(_))), "{result:?}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_download_writes_the_body_as_it_arrives() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/files/file_1/content"))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(content()))
        .mount(&server)
        .await;
    let mut out: Vec<u8> = Vec::new();
    let (seen, progress) = recorder();

    let total = client(&server.uri())
        .files()
        .download_to("file_1", &mut out, Some(progress.as_ref()))
        .await
        .unwrap();

    assert_eq!(out, content());
    assert_eq!(total, content().len() as u64);
    assert_eq!(seen.lock().unwrap().last(), Some(&total));
    let request = &server.received_requests().await.unwrap()[0];
    assert_eq!(request.headers.get("accept").unwrap(), "application/binary");
}

#[tokio::test]
async fn a_failed_download_is_the_apis_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/files/file_1/content"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({"type": "error",
            "error": {"type": "not_found_error", "message": "file file_1 not found"}})))
        .mount(&server)
        .await;
    let mut out: Vec<u8> = Vec::new();
    let result = client(&server.uri()).files().download_to("file_1", &mut out, None).await;
    match result {
        Err(Error::Api(e)) => assert_eq!(e.status, 404),
        other => panic!("expected the API's 404, got {other:?}"),
    }
    assert!(out.is_empty());
}

#[tokio::test]
async fn listing_a_sessions_outputs_sends_the_managed_agents_beta() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/files"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(vec![fixtures::file()], None)))
        .mount(&server)
        .await;
    let query = ListFilesQuery { scope_id: Some("sesn_1".into()), ..ListFilesQuery::default() };
    client(&server.uri()).files().list(&query).await.unwrap();
    let request = &server.received_requests().await.unwrap()[0];
    assert_eq!(request.headers.get("anthropic-beta").unwrap(), "managed-agents-2026-04-01");
    assert_eq!(request.url.query(), Some("scope_id=sesn_1"));
}

#[tokio::test]
async fn a_skill_upload_reports_the_bytes_of_all_its_files() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/skills"))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixtures::skill()))
        .mount(&server)
        .await;
    let file = |name: &str, bytes: Vec<u8>| managed_agents::types::FileUpload {
        filename: name.into(),
        mime_type: "text/plain".into(),
        bytes,
    };
    let files =
        vec![file("s/SKILL.md", b"---\nname: s\n---\n".to_vec()), file("s/data.bin", content())];
    let total: u64 = files.iter().map(|f| f.bytes.len() as u64).sum();
    let (seen, progress) = recorder();

    client(&server.uri()).skills().create_with_progress(files, Some("S"), progress).await.unwrap();

    let body = &server.received_requests().await.unwrap()[0].body;
    assert!(
        body.windows(content().len()).any(|w| w == content().as_slice()),
        "the file went whole"
    );
    let seen = seen.lock().unwrap();
    assert_eq!(seen.last(), Some(&total));
    assert!(seen.len() > 3, "in steps: {seen:?}");
}
