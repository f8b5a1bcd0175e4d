//! Every endpoint of vaults, credentials, memory stores, files and skills: method, path and
//! the beta header of each resource (memory stores have their own; files and skills none).

use managed_agents::types::*;
use serde_json::json;

use crate::endpoints::{MA, MEM, NONE, server, upload};
use crate::fixtures::{self, page};

#[tokio::test]
async fn vaults_and_credentials() {
    let (s, c) = server().await;
    let v = c.vaults();
    let create = CreateVaultRequest { display_name: "Keys".into(), metadata: None };
    check!(s, "POST", "/v1/vaults", MA, fixtures::vault(), v.create(&create));
    check!(s, "GET", "/v1/vaults/vlt_1", MA, fixtures::vault(), v.retrieve("vlt_1"));
    check!(
        s,
        "POST",
        "/v1/vaults/vlt_1",
        MA,
        fixtures::vault(),
        v.update("vlt_1", &UpdateVaultRequest::default())
    );
    check!(
        s,
        "GET",
        "/v1/vaults",
        MA,
        page(vec![fixtures::vault()], None),
        v.list(&ListArchivableQuery::default())
    );
    check!(
        s,
        "DELETE",
        "/v1/vaults/vlt_1",
        MA,
        fixtures::deleted("vault_deleted"),
        v.delete("vlt_1")
    );
    check!(s, "POST", "/v1/vaults/vlt_1/archive", MA, fixtures::vault(), v.archive("vlt_1"));

    let cr = v.credentials("vlt_1");
    let create = CreateCredentialRequest {
        auth: json!({"type":"static_bearer","token":"secret-token","mcp_server_url":"https://mcp.example"}),
        display_name: None,
        metadata: None,
    };
    assert!(!format!("{create:?}").contains("secret-token"));
    check!(
        s,
        "POST",
        "/v1/vaults/vlt_1/credentials",
        MA,
        fixtures::credential(),
        cr.create(&create)
    );
    check!(
        s,
        "GET",
        "/v1/vaults/vlt_1/credentials/vcrd_1",
        MA,
        fixtures::credential(),
        cr.retrieve("vcrd_1")
    );
    check!(
        s,
        "POST",
        "/v1/vaults/vlt_1/credentials/vcrd_1",
        MA,
        fixtures::credential(),
        cr.update("vcrd_1", &UpdateCredentialRequest::default())
    );
    check!(
        s,
        "GET",
        "/v1/vaults/vlt_1/credentials",
        MA,
        page(vec![fixtures::credential()], None),
        cr.list(&ListArchivableQuery::default())
    );
    check!(
        s,
        "DELETE",
        "/v1/vaults/vlt_1/credentials/vcrd_1",
        MA,
        fixtures::deleted("vault_credential_deleted"),
        cr.delete("vcrd_1")
    );
    check!(
        s,
        "POST",
        "/v1/vaults/vlt_1/credentials/vcrd_1/archive",
        MA,
        fixtures::credential(),
        cr.archive("vcrd_1")
    );
    check!(
        s,
        "POST",
        "/v1/vaults/vlt_1/credentials/vcrd_1/mcp_oauth_validate",
        MA,
        fixtures::validation(),
        cr.mcp_oauth_validate("vcrd_1")
    );
}

#[tokio::test]
async fn memory_stores_use_their_own_beta() {
    let (s, c) = server().await;
    let m = c.memory_stores();
    let create = CreateMemoryStoreRequest { name: "notes".into(), ..Default::default() };
    check!(s, "POST", "/v1/memory_stores", MEM, fixtures::memory_store(), m.create(&create));
    check!(
        s,
        "GET",
        "/v1/memory_stores/memstore_1",
        MEM,
        fixtures::memory_store(),
        m.retrieve("memstore_1")
    );
    check!(
        s,
        "POST",
        "/v1/memory_stores/memstore_1",
        MEM,
        fixtures::memory_store(),
        m.update("memstore_1", &UpdateMemoryStoreRequest::default())
    );
    check!(
        s,
        "GET",
        "/v1/memory_stores",
        MEM,
        page(vec![fixtures::memory_store()], None),
        m.list(&ListMemoryStoresQuery::default())
    );
    check!(
        s,
        "DELETE",
        "/v1/memory_stores/memstore_1",
        MEM,
        fixtures::deleted("memory_store_deleted"),
        m.delete("memstore_1")
    );
    check!(
        s,
        "POST",
        "/v1/memory_stores/memstore_1/archive",
        MEM,
        fixtures::memory_store(),
        m.archive("memstore_1")
    );

    let mem = m.memories("memstore_1");
    let create = CreateMemoryRequest { path: "/a.md".into(), content: Some("abc".into()) };
    check!(
        s,
        "POST",
        "/v1/memory_stores/memstore_1/memories",
        MEM,
        fixtures::memory(),
        mem.create(&create, Some("basic"))
    );
    check!(
        s,
        "GET",
        "/v1/memory_stores/memstore_1/memories/mem_1",
        MEM,
        fixtures::memory(),
        mem.retrieve("mem_1", None)
    );
    check!(
        s,
        "POST",
        "/v1/memory_stores/memstore_1/memories/mem_1",
        MEM,
        fixtures::memory(),
        mem.update("mem_1", &UpdateMemoryRequest::default(), None)
    );
    let items =
        page(vec![fixtures::memory(), json!({"type":"memory_prefix","path":"/dir/"})], None);
    check!(
        s,
        "GET",
        "/v1/memory_stores/memstore_1/memories",
        MEM,
        items,
        mem.list(&ListMemoriesQuery::default())
    );
    check!(
        s,
        "DELETE",
        "/v1/memory_stores/memstore_1/memories/mem_1",
        MEM,
        fixtures::deleted("memory_deleted"),
        mem.delete("mem_1", Some("abc"))
    );

    let ver = m.memory_versions("memstore_1");
    check!(
        s,
        "GET",
        "/v1/memory_stores/memstore_1/memory_versions",
        MEM,
        page(vec![fixtures::memory_version()], None),
        ver.list(&ListMemoryVersionsQuery::default())
    );
    check!(
        s,
        "GET",
        "/v1/memory_stores/memstore_1/memory_versions/memver_1",
        MEM,
        fixtures::memory_version(),
        ver.retrieve("memver_1", Some("full"))
    );
    check!(
        s,
        "POST",
        "/v1/memory_stores/memstore_1/memory_versions/memver_1/redact",
        MEM,
        fixtures::memory_version(),
        ver.redact("memver_1")
    );
}

#[tokio::test]
async fn files_and_skills_send_no_beta() {
    let (s, c) = server().await;
    let f = c.files();
    check!(s, "POST", "/v1/files", NONE, fixtures::file(), f.upload(upload(), Some(3600)));
    check!(
        s,
        "GET",
        "/v1/files",
        NONE,
        page(vec![fixtures::file()], None),
        f.list(&ListFilesQuery::default())
    );
    check!(s, "GET", "/v1/files/file_1", NONE, fixtures::file(), f.retrieve_metadata("file_1"));
    check!(s, "GET", "/v1/files/file_1/content", NONE, json!("bytes"), f.download("file_1"));
    check!(
        s,
        "DELETE",
        "/v1/files/file_1",
        NONE,
        fixtures::deleted("file_deleted"),
        f.delete("file_1")
    );

    let k = c.skills();
    check!(s, "POST", "/v1/skills", NONE, fixtures::skill(), k.create(vec![upload()], Some("PDF")));
    check!(s, "GET", "/v1/skills/skill_1", NONE, fixtures::skill(), k.retrieve("skill_1"));
    check!(
        s,
        "GET",
        "/v1/skills",
        NONE,
        page(vec![fixtures::skill()], None),
        k.list(&ListSkillsQuery::default())
    );
    check!(
        s,
        "DELETE",
        "/v1/skills/skill_1",
        NONE,
        fixtures::deleted("skill_deleted"),
        k.delete("skill_1")
    );
    check!(
        s,
        "POST",
        "/v1/skills/skill_1/versions",
        NONE,
        fixtures::skill_version(),
        k.create_version("skill_1", vec![upload()])
    );
    check!(
        s,
        "GET",
        "/v1/skills/skill_1/versions",
        NONE,
        page(vec![fixtures::skill_version()], None),
        k.list_versions("skill_1", &PageQuery::default())
    );
    check!(
        s,
        "GET",
        "/v1/skills/skill_1/versions/latest",
        NONE,
        fixtures::skill_version(),
        k.retrieve_version("skill_1", "latest")
    );
    check!(
        s,
        "DELETE",
        "/v1/skills/skill_1/versions/v1",
        NONE,
        fixtures::deleted("skill_version_deleted"),
        k.delete_version("skill_1", "v1")
    );
    check!(
        s,
        "GET",
        "/v1/skills/skill_1/versions/v1/content",
        NONE,
        json!("zip"),
        k.download_version("skill_1", "v1")
    );
}
