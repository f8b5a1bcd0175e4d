//! Vaults, memory stores, files and skills.

use managed_agents_sim::TypingSpeed;
use serde_json::{Value, json};

use crate::support::{multipart, sim};

#[tokio::test]
async fn vault_credentials_hide_secrets_and_keys_are_unique() {
    let api = sim(TypingSpeed::Instant).await;
    let (_, vault) = api.post("/v1/vaults", json!({"display_name": "V"})).await;
    let vid = vault["id"].as_str().unwrap();
    assert!(vid.starts_with("vlt_"));
    let auth = json!({"type": "environment_variable", "secret_name": "API_TOKEN", "secret_value": "hunter2"});
    let (status, cred) =
        api.post(&format!("/v1/vaults/{vid}/credentials"), json!({"auth": auth})).await;
    assert_eq!(status, 200, "{cred}");
    assert!(!cred.to_string().contains("hunter2"));
    assert_eq!(cred["auth"]["secret_name"], "API_TOKEN");
    assert_eq!(
        api.post(&format!("/v1/vaults/{vid}/credentials"), json!({"auth": auth})).await.0,
        409
    );
    let cid = cred["id"].as_str().unwrap();
    let (status, _) = api
        .post(
            &format!("/v1/vaults/{vid}/credentials/{cid}"),
            json!({"auth": {"type": "static_bearer", "token": "t", "mcp_server_url": "https://x"}}),
        )
        .await;
    assert_eq!(status, 400, "a credential's auth type cannot change");
}

#[tokio::test]
async fn memories_check_paths_and_preconditions_and_keep_versions() {
    let api = sim(TypingSpeed::Instant).await;
    let (_, store) = api.post("/v1/memory_stores", json!({"name": "notes"})).await;
    let sid = store["id"].as_str().unwrap();
    let base = format!("/v1/memory_stores/{sid}/memories");
    let (_, memory) = api.post(&base, json!({"path": "/a/b/c.md", "content": "one"})).await;
    assert_eq!(memory["content"], Value::Null, "create answers with the basic view");
    assert_eq!(api.post(&base, json!({"path": "/a/b/c.md", "content": "two"})).await.0, 409);
    let mid = memory["id"].as_str().unwrap();
    let (status, error) = api.post(&format!("{base}/{mid}"), json!({"content": "x", "precondition": {"type": "content_sha256", "content_sha256": "bad"}})).await;
    assert_eq!(
        (status.as_u16(), error["error"]["type"].as_str()),
        (409, Some("memory_precondition_failed_error"))
    );
    api.post(&base, json!({"path": "/top.md", "content": "t"})).await;
    let (_, listed) = api.get(&format!("{base}?depth=1")).await;
    let kinds: Vec<&str> =
        listed["data"].as_array().unwrap().iter().map(|i| i["type"].as_str().unwrap()).collect();
    assert!(kinds.contains(&"memory_prefix") && kinds.contains(&"memory"), "{listed}");
    api.delete(&format!("{base}/{mid}")).await;
    let (_, versions) =
        api.get(&format!("/v1/memory_stores/{sid}/memory_versions?memory_id={mid}")).await;
    let ops: Vec<&str> = versions["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["operation"].as_str().unwrap())
        .collect();
    assert_eq!(ops, ["deleted", "created"]);
}

#[tokio::test]
async fn files_upload_download_and_skills_need_skill_md() {
    let api = sim(TypingSpeed::Instant).await;
    let (status, file) =
        multipart(&api, "/v1/files", &[("file", Some("notes.txt"), b"hello")]).await;
    assert_eq!(status, 200, "{file}");
    assert_eq!(file["size_bytes"], 5);
    let fid = file["id"].as_str().unwrap();
    let res = api
        .http
        .get(api.url(&format!("/v1/files/{fid}/content")))
        .header("x-api-key", "k")
        .send()
        .await
        .unwrap();
    assert_eq!(res.bytes().await.unwrap().as_ref(), b"hello");
    let (status, _) =
        multipart(&api, "/v1/skills", &[("files[]", Some("s/README.md"), b"x")]).await;
    assert_eq!(status, 400);
    let (status, skill) = multipart(
        &api,
        "/v1/skills",
        &[("files[]", Some("s/SKILL.md"), b"---\nname: s\ndescription: d\n---\n")],
    )
    .await;
    assert_eq!(status, 200, "{skill}");
    let (status, again) =
        multipart(&api, "/v1/skills", &[("files[]", Some("s/SKILL.md"), b"name: s\n")]).await;
    assert_eq!(
        (status.as_u16(), again["error"]["details"]["error_code"].as_str()),
        (409, Some("skill_name_taken"))
    );
}
