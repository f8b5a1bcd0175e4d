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
    let auth = json!({"type": "environment_variable", "secret_name": "API_TOKEN", "secret_value": "hunter2",
        "networking": {"type": "unrestricted"}});
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
async fn each_credential_type_refuses_what_the_sdk_types_require_and_stores_no_secret() {
    let api = sim(TypingSpeed::Instant).await;
    let (_, vault) = api.post("/v1/vaults", json!({"display_name": "V"})).await;
    let path = format!("/v1/vaults/{}/credentials", vault["id"].as_str().unwrap());
    let in_an_hour = managed_agents_sim::rfc3339_in(3600);
    let refused = [
        (json!({"type": "static_bearer", "mcp_server_url": "https://a.example/mcp"}), "token"),
        (
            json!({"type": "static_bearer", "token": "t", "mcp_server_url": "a.example"}),
            "mcp_server_url",
        ),
        (
            json!({"type": "mcp_oauth", "access_token": "t", "mcp_server_url": "https://a.example",
            "expires_at": "2020-01-01T00:00:00Z"}),
            "expires_at",
        ),
        (
            json!({"type": "mcp_oauth", "access_token": "t", "mcp_server_url": "https://a.example",
            "refresh": {"client_id": "c", "refresh_token": "r", "token_endpoint": "https://a.example/token",
            "token_endpoint_auth": {"type": "client_secret_post"}}}),
            "client_secret",
        ),
        (
            json!({"type": "environment_variable", "secret_name": "1BAD", "secret_value": "v",
            "networking": {"type": "unrestricted"}}),
            "secret_name",
        ),
        (
            json!({"type": "environment_variable", "secret_name": "OK", "secret_value": "v"}),
            "networking",
        ),
        (
            json!({"type": "environment_variable", "secret_name": "OK", "secret_value": "v",
            "networking": {"type": "limited", "allowed_hosts": ["https://a.example/x"]}}),
            "allowed_hosts",
        ),
    ];
    for (auth, field) in refused {
        let (status, body) = api.post(&path, json!({"auth": auth})).await;
        let message = body["error"]["message"].as_str().unwrap_or_default();
        assert_eq!(status, 400, "{auth} was accepted");
        assert!(message.contains(field), "the refusal names {field}: {message}");
    }
    let auth = json!({"type": "mcp_oauth", "access_token": "at-secret", "mcp_server_url": "https://a.example/mcp",
        "expires_at": in_an_hour, "refresh": {"client_id": "desk", "refresh_token": "rt-secret",
        "token_endpoint": "https://a.example/token", "scope": "read write",
        "token_endpoint_auth": {"type": "client_secret_basic", "client_secret": "cs-secret"}}});
    let (status, cred) = api.post(&path, json!({"auth": auth})).await;
    assert_eq!(status, 200, "{cred}");
    for secret in ["at-secret", "rt-secret", "cs-secret"] {
        assert!(!cred.to_string().contains(secret), "{secret} came back: {cred}");
    }
    assert_eq!(
        cred["auth"]["refresh"]["token_endpoint_auth"],
        json!({"type": "client_secret_basic"})
    );
    assert_eq!(cred["auth"]["refresh"]["scope"], "read write");
}

#[tokio::test]
async fn a_rotation_replaces_what_it_sends_and_keeps_the_rest() {
    let api = sim(TypingSpeed::Instant).await;
    let (_, vault) = api.post("/v1/vaults", json!({"display_name": "V"})).await;
    let path = format!("/v1/vaults/{}/credentials", vault["id"].as_str().unwrap());
    let in_an_hour = managed_agents_sim::rfc3339_in(3600);
    let (_, oauth) = api.post(&path, json!({"auth": {"type": "mcp_oauth", "access_token": "a",
        "mcp_server_url": "https://a.example/mcp", "expires_at": in_an_hour,
        "refresh": {"client_id": "desk", "refresh_token": "r", "token_endpoint": "https://a.example/token",
        "scope": "read", "token_endpoint_auth": {"type": "none"}}}})).await;
    let item = format!("{path}/{}", oauth["id"].as_str().unwrap());
    let (status, rotated) = api
        .post(
            &item,
            json!({"auth": {"type": "mcp_oauth", "access_token": "b",
        "refresh": {"scope": ""}}}),
        )
        .await;
    assert_eq!(status, 200, "{rotated}");
    assert_eq!(rotated["auth"]["expires_at"], oauth["auth"]["expires_at"], "the expiry is kept");
    assert_eq!(rotated["auth"]["refresh"]["client_id"], "desk");
    assert_eq!(rotated["auth"]["refresh"].get("scope"), None, "an empty scope clears it");
    let (status, _) = api
        .post(&item, json!({"auth": {"type": "mcp_oauth", "mcp_server_url": "https://b.example"}}))
        .await;
    assert_eq!(status, 400, "the server URL cannot change");

    let (_, env) = api.post(&path, json!({"auth": {"type": "environment_variable", "secret_name": "KEY",
        "secret_value": "v", "networking": {"type": "limited", "allowed_hosts": ["api.example.com"]},
        "injection_location": {"header": true, "body": true}}})).await;
    assert_eq!(env["auth"]["injection_location"], json!({"header": true, "body": true}));
    let item = format!("{path}/{}", env["id"].as_str().unwrap());
    let (_, rotated) = api
        .post(
            &item,
            json!({"auth": {"type": "environment_variable",
        "networking": {"type": "unrestricted"}, "injection_location": {"body": false}}}),
        )
        .await;
    assert_eq!(rotated["auth"]["networking"], json!({"type": "unrestricted"}));
    assert_eq!(rotated["auth"]["injection_location"], json!({"header": true, "body": false}));
}

#[tokio::test]
async fn archiving_a_vault_archives_its_credentials_and_frees_nothing_else() {
    let api = sim(TypingSpeed::Instant).await;
    let (_, vault) = api.post("/v1/vaults", json!({"display_name": "V"})).await;
    let vid = vault["id"].as_str().unwrap();
    let (_, cred) = api
        .post(
            &format!("/v1/vaults/{vid}/credentials"),
            json!({"auth":
        {"type": "static_bearer", "token": "t", "mcp_server_url": "https://a.example/mcp"}}),
        )
        .await;
    let (status, _) = api.post("/v1/vaults", json!({"display_name": "x".repeat(256)})).await;
    assert_eq!(status, 400, "a name longer than 255 characters");
    api.post(&format!("/v1/vaults/{vid}/archive"), json!({})).await;
    let (_, listed) = api.get(&format!("/v1/vaults/{vid}/credentials")).await;
    assert_eq!(listed["data"], json!([]), "the archive cascades");
    let (_, all) = api.get(&format!("/v1/vaults/{vid}/credentials?include_archived=true")).await;
    assert_eq!(all["data"][0]["id"], cred["id"]);
    assert!(all["data"][0]["archived_at"].is_string());
}

#[tokio::test]
async fn validate_reports_an_expired_token_invalid_unless_it_can_refresh() {
    let api = sim(TypingSpeed::Instant).await;
    let (_, vault) = api.post("/v1/vaults", json!({"display_name": "V"})).await;
    let path = format!("/v1/vaults/{}/credentials", vault["id"].as_str().unwrap());
    let soon = managed_agents_sim::rfc3339_in(1);
    let (_, bare) = api
        .post(
            &path,
            json!({"auth": {"type": "mcp_oauth", "access_token": "a",
        "mcp_server_url": "https://a.example/mcp", "expires_at": soon}}),
        )
        .await;
    let (_, refreshing) = api.post(&path, json!({"auth": {"type": "mcp_oauth", "access_token": "a",
        "mcp_server_url": "https://b.example/mcp", "expires_at": soon, "refresh": {"client_id": "c",
        "refresh_token": "r", "token_endpoint": "https://b.example/token", "token_endpoint_auth": {"type": "none"}}}})).await;
    let (_, fresh) = api
        .post(&format!("{path}/{}/mcp_oauth_validate", bare["id"].as_str().unwrap()), json!({}))
        .await;
    assert_eq!(fresh["status"], "valid", "{fresh}");
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let (_, expired) = api
        .post(&format!("{path}/{}/mcp_oauth_validate", bare["id"].as_str().unwrap()), json!({}))
        .await;
    assert_eq!(
        (expired["status"].as_str(), expired["refresh"]["status"].as_str()),
        (Some("invalid"), Some("no_refresh_token"))
    );
    assert_eq!(expired["mcp_probe"]["http_response"]["status_code"], 401);
    let rid = refreshing["id"].as_str().unwrap();
    let (_, renewed) = api.post(&format!("{path}/{rid}/mcp_oauth_validate"), json!({})).await;
    assert_eq!(
        (renewed["status"].as_str(), renewed["refresh"]["status"].as_str()),
        (Some("valid"), Some("succeeded"))
    );
    let (_, after) = api.get(&format!("{path}/{rid}")).await;
    assert!(
        after["auth"]["expires_at"].as_str() > refreshing["auth"]["expires_at"].as_str(),
        "a new expiry"
    );
    let (_, env) = api
        .post(
            &path,
            json!({"auth": {"type": "environment_variable", "secret_name": "K",
        "secret_value": "v", "networking": {"type": "unrestricted"}}}),
        )
        .await;
    let (status, _) = api
        .post(&format!("{path}/{}/mcp_oauth_validate", env["id"].as_str().unwrap()), json!({}))
        .await;
    assert_eq!(status, 400, "only MCP OAuth credentials are validated");
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
    for bad in ["a.md", "/a/", "/a//b.md", "/a/../b.md"] {
        assert_eq!(api.post(&base, json!({"path": bad, "content": "x"})).await.0, 400, "{bad}");
    }
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
    let folders: Vec<&str> = listed["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["type"] == "memory_prefix")
        .map(|i| i["path"].as_str().unwrap())
        .collect();
    assert_eq!(folders, ["/a/"], "a folder's path is absolute, like a memory's");
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
    let (status, again) = multipart(
        &api,
        "/v1/skills",
        &[("files[]", Some("s/SKILL.md"), b"---\nname: s\ndescription: again\n---\n")],
    )
    .await;
    assert_eq!(
        (status.as_u16(), again["error"]["details"]["error_code"].as_str()),
        (409, Some("skill_name_taken"))
    );
    let (status, plain) =
        multipart(&api, "/v1/skills", &[("files[]", Some("t/SKILL.md"), b"name: t\n")]).await;
    assert_eq!(status, 400, "no front matter: {plain}");
    let (status, reserved) = multipart(
        &api,
        "/v1/skills",
        &[("files[]", Some("c/SKILL.md"), b"---\nname: claude-tools\ndescription: d\n---\n")],
    )
    .await;
    assert_eq!(status, 400, "a reserved word: {reserved}");

    // A skill goes only once its versions are gone; Anthropic's skills are listed too.
    let sid = skill["id"].as_str().unwrap();
    let (status, refused) = api.delete(&format!("/v1/skills/{sid}")).await;
    assert_eq!(status, 400, "{refused}");
    let version = skill["latest_version_id"].as_str().unwrap();
    let (status, _) = api.delete(&format!("/v1/skills/{sid}/versions/{version}")).await;
    assert_eq!(status, 200);
    let (_, emptied) = api.get(&format!("/v1/skills/{sid}")).await;
    assert_eq!(emptied["latest_version_id"], Value::Null);
    let (status, _) = api.delete(&format!("/v1/skills/{sid}")).await;
    assert_eq!(status, 200);
    let (_, anthropic) = api.get("/v1/skills?source=anthropic").await;
    let ids: Vec<&str> =
        anthropic["data"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["xlsx", "docx", "pptx", "pdf"]);
}

#[tokio::test]
async fn the_coding_turn_leaves_its_outputs_listed_by_session_scope() {
    let api = sim(TypingSpeed::Instant).await;
    let sid = api.session().await;
    let other = api.session().await;
    let mut stream = api.stream(&sid, "").await;
    api.say(&sid, "fix the failing test").await;
    stream.until_idle().await;

    let (status, page) = api.get(&format!("/v1/files?scope_id={sid}")).await;
    assert_eq!(status, 200, "{page}");
    let outputs = page["data"].as_array().unwrap();
    let names: Vec<&str> = outputs.iter().map(|f| f["filename"].as_str().unwrap()).collect();
    assert_eq!(names, ["coverage.png", "test-report.txt"], "newest first");
    assert!(outputs.iter().all(|f| f["scope"] == json!({"type": "session", "id": sid})));
    let png = outputs[0]["id"].as_str().unwrap();
    let res = api
        .http
        .get(api.url(&format!("/v1/files/{png}/content")))
        .header("x-api-key", "k")
        .send()
        .await
        .unwrap();
    let bytes = res.bytes().await.unwrap();
    assert!(bytes.starts_with(b"\x89PNG\r\n"), "a PNG");
    assert_eq!(outputs[0]["size_bytes"], bytes.len());

    let (_, none) = api.get(&format!("/v1/files?scope_id={other}")).await;
    assert_eq!(none["data"], json!([]), "another session's scope lists nothing");
    let (status, bad) = api.get("/v1/files?scope_id=agent_1").await;
    assert_eq!(status, 400, "{bad}");
}

#[tokio::test]
async fn listing_a_scope_needs_the_managed_agents_beta() {
    let api = sim(TypingSpeed::Instant).await;
    let res = api
        .http
        .get(api.url("/v1/files?scope_id=sesn_1"))
        .header("x-api-key", "k")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let body: Value = res.json().await.unwrap();
    assert!(body["error"]["message"].as_str().unwrap().contains("managed-agents"), "{body}");
}

#[tokio::test]
async fn an_upload_cut_off_half_way_stores_nothing() {
    let api = sim(TypingSpeed::Instant).await;
    let boundary = "cutoffboundary";
    // A file part that never reaches its closing boundary: the body ends mid-content.
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\n\r\n{}",
        "x".repeat(100_000)
    );
    let res = api
        .http
        .post(api.url("/v1/files"))
        .header("x-api-key", "k")
        .header("content-type", format!("multipart/form-data; boundary={boundary}"))
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let (_, page) = api.get("/v1/files").await;
    assert_eq!(page["data"], json!([]), "nothing half-made is listed");
}

#[tokio::test]
async fn a_file_is_mounted_after_creation_only_once_per_path_and_removed() {
    let api = sim(TypingSpeed::Instant).await;
    let sid = api.session().await;
    let (_, file) = multipart(&api, "/v1/files", &[("file", Some("spec.md"), b"# Spec")]).await;
    let fid = file["id"].as_str().unwrap();
    let path = format!("/v1/sessions/{sid}/resources");

    let (status, missing) = api.post(&path, json!({"type": "file", "file_id": "file_nope"})).await;
    assert_eq!(status, 404, "{missing}");
    let (status, relative) = api
        .post(&path, json!({"type": "file", "file_id": fid, "mount_path": "docs/spec.md"}))
        .await;
    assert_eq!(status, 400, "{relative}");
    let (status, repo) = api
        .post(&path, json!({"type": "github_repository", "url": "https://github.com/o/r"}))
        .await;
    assert_eq!(status, 400, "only files after creation: {repo}");

    let (status, mounted) = api.post(&path, json!({"type": "file", "file_id": fid})).await;
    assert_eq!(status, 200, "{mounted}");
    assert_eq!(mounted["mount_path"], format!("/mnt/session/uploads/{fid}"));
    let (status, again) = api.post(&path, json!({"type": "file", "file_id": fid})).await;
    assert_eq!(status, 409, "the same mount path twice: {again}");

    let rid = mounted["id"].as_str().unwrap();
    let (status, _) = api.delete(&format!("{path}/{rid}")).await;
    assert_eq!(status, 200);
    let (_, listed) = api.get(&path).await;
    assert_eq!(listed["data"], json!([]));
}

#[tokio::test]
async fn the_oauth_demo_server_without_a_vault_credential_fails_each_turn_with_its_name() {
    let api = sim(TypingSpeed::Instant).await;
    let url = api.url(managed_agents_sim::MCP_DEMO_PATH);
    let agent = json!({"name": "T", "model": "claude-sonnet-4-6",
        "mcp_servers": [{"type": "url", "name": "tickets", "url": url}],
        "tools": [{"type": "mcp_toolset", "mcp_server_name": "tickets"}]});
    let (_, agent) = api.post("/v1/agents", agent).await;
    let (_, env) = api.post("/v1/environments", json!({"name": "e"})).await;
    let (_, vault) = api.post("/v1/vaults", json!({"display_name": "v"})).await;
    let vid = vault["id"].as_str().unwrap();
    let errors_of = async |vault_ids: Value| {
        let create =
            json!({"agent": agent["id"], "environment_id": env["id"], "vault_ids": vault_ids});
        let (status, session) = api.post("/v1/sessions", create).await;
        assert_eq!(status, 200, "a missing credential never blocks creation: {session}");
        let sid = session["id"].as_str().unwrap().to_owned();
        let mut stream = api.stream(&sid, "").await;
        api.say(&sid, "hello").await;
        let events = stream.until_idle().await;
        events.into_iter().filter(|e| e["type"] == "session.error").collect::<Vec<_>>()
    };
    let errors = errors_of(json!([])).await;
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["error"]["type"], "mcp_authentication_failed_error");
    assert_eq!(errors[0]["error"]["mcp_server_name"], "tickets");
    let credential = json!({"auth": {"type": "static_bearer", "token": "t", "mcp_server_url": format!("{url}/")}});
    api.post(&format!("/v1/vaults/{vid}/credentials"), credential).await;
    assert_eq!(
        errors_of(json!([vid])).await,
        Vec::<Value>::new(),
        "a covering vault (trailing slash aside)"
    );
}
