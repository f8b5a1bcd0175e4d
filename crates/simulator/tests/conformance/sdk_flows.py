"""Drives the simulator with the official SDK (anthropic==2.10.0), unmodified.

Every response object is also re-validated strictly with pydantic against the SDK's own types
(the SDK itself builds models leniently, which would hide a wrong shape).
Usage: python sdk_flows.py BASE_URL
"""

import datetime
import sys

import anthropic
from pydantic import TypeAdapter
from anthropic.types.beta.beta_environment import BetaEnvironment
from anthropic.types.beta.beta_file_metadata import BetaFileMetadata
from anthropic.types.beta.beta_managed_agents_memory_store import BetaManagedAgentsMemoryStore
from anthropic.types.beta.beta_managed_agents_vault import BetaManagedAgentsVault
from anthropic.types.beta.beta_skill import BetaSkill
from anthropic.types.beta.memory_stores.beta_managed_agents_memory import BetaManagedAgentsMemory
from anthropic.types.beta.memory_stores.beta_managed_agents_memory_version import BetaManagedAgentsMemoryVersion
from anthropic.types.beta.skills.beta_skill_version import BetaSkillVersion
from anthropic.types.beta.vaults.beta_managed_agents_credential import BetaManagedAgentsCredential
from anthropic.types.beta.vaults.beta_managed_agents_credential_validation import BetaManagedAgentsCredentialValidation
from anthropic.types.beta.beta_managed_agents_agent import BetaManagedAgentsAgent
from anthropic.types.beta.beta_managed_agents_session import BetaManagedAgentsSession
from anthropic.types.beta.sessions.beta_managed_agents_file_resource import BetaManagedAgentsFileResource
from anthropic.types.beta.sessions.beta_managed_agents_session_event import BetaManagedAgentsSessionEvent
from anthropic.types.beta.sessions.beta_managed_agents_stream_session_events import (
    BetaManagedAgentsStreamSessionEvents,
)

STREAM_EVENT = TypeAdapter(BetaManagedAgentsStreamSessionEvents)
LIST_EVENT = TypeAdapter(BetaManagedAgentsSessionEvent)
checked = 0


def strict(model_type, obj):
    """Validates an SDK object's raw data against its declared type."""
    global checked
    TypeAdapter(model_type).validate_python(obj.model_dump(mode="json", exclude_unset=True))
    checked += 1
    return obj


def read_until_idle(stream):
    events = []
    for event in stream:
        STREAM_EVENT.validate_python(event.model_dump(mode="json", exclude_unset=True))
        events.append(event)
        if event.type == "session.status_idle":
            return events
    raise AssertionError("stream ended before idle")


def main(base_url):
    client = anthropic.Anthropic(api_key="demo-key", base_url=base_url, max_retries=0)
    beta = client.beta

    agent = strict(BetaManagedAgentsAgent, beta.agents.create(
        name="Conformance", model="claude-sonnet-4-6",
        tools=[{"type": "agent_toolset_20260401",
                "configs": [{"name": "bash", "permission_policy": {"type": "always_ask"}}]}],
    ))
    assert agent.id.startswith("agent_") and agent.version == 1
    env = strict(BetaEnvironment, beta.environments.create(name="conformance-env"))
    session = strict(BetaManagedAgentsSession, beta.sessions.create(agent=agent.id, environment_id=env.id))
    assert session.status == "idle", session.status

    # Stream first, then send a message, then read until idle.
    stream = beta.sessions.events.stream(session.id, event_deltas=["agent.message"])
    sent = beta.sessions.events.send(session.id, events=[
        {"type": "user.message", "content": [{"type": "text", "text": "research rust frameworks"}]}])
    echo_id = sent.data[0].id
    events = read_until_idle(stream)
    assert events[0].id == echo_id
    assert any(e.type == "event_delta" for e in events)
    assert events[-1].stop_reason.type == "end_turn"

    # Tool confirmation: two bash calls need approval; allow one, deny one.
    beta.sessions.events.send(session.id, events=[
        {"type": "user.message", "content": [{"type": "text", "text": "deploy to staging"}]}])
    events = read_until_idle(stream)
    pending = events[-1].stop_reason.event_ids
    assert len(pending) == 2, pending
    beta.sessions.events.send(session.id, events=[
        {"type": "user.tool_confirmation", "tool_use_id": pending[0], "result": "allow"}])
    events = read_until_idle(stream)
    assert events[-1].stop_reason.event_ids == [pending[1]]
    beta.sessions.events.send(session.id, events=[
        {"type": "user.tool_confirmation", "tool_use_id": pending[1], "result": "deny", "deny_message": "No."}])
    events = read_until_idle(stream)
    results = {e.tool_use_id: e for e in events if e.type == "agent.tool_result"}
    assert results[pending[1]].is_error is True and results[pending[0]].is_error is False

    # Interrupt a long task.
    beta.sessions.events.send(session.id, events=[
        {"type": "user.message", "content": [{"type": "text", "text": "run the long job"}]}])
    for event in stream:
        if event.type == "agent.tool_use":
            break
    beta.sessions.events.send(session.id, events=[{"type": "user.interrupt"}])
    # The idle that follows the interrupt's echo ends the turn (an earlier idle may be the
    # approval the long job's first bash call asked for).
    interrupted = False
    while True:
        events = read_until_idle(stream)
        interrupted = interrupted or any(e.type == "user.interrupt" for e in events)
        if interrupted:
            assert events[-1].stop_reason.type == "end_turn", events[-1]
            break
    stream.close()

    # History across several pages, each item a valid list event.
    listed = []
    for event in beta.sessions.events.list(session.id, limit=7):
        LIST_EVENT.validate_python(event.model_dump(mode="json", exclude_unset=True))
        listed.append(event)
    assert len(listed) > 21, len(listed)
    assert len({e.id for e in listed}) == len(listed)

    # Update (and a stale version → 409), archive, delete.
    updated = strict(BetaManagedAgentsAgent, beta.agents.update(agent.id, version=1, system="Be brief."))
    assert updated.version == 2
    try:
        beta.agents.update(agent.id, version=1, system="stale")
        raise AssertionError("stale version accepted")
    except anthropic.ConflictError:
        pass
    session = strict(BetaManagedAgentsSession, beta.sessions.update(session.id, title="Conformance run"))
    assert session.title == "Conformance run"
    other = beta.sessions.create(agent=agent.id, environment_id=env.id)
    archived = strict(BetaManagedAgentsSession, beta.sessions.archive(other.id))
    assert archived.status == "terminated"
    try:
        beta.sessions.events.send(other.id, events=[
            {"type": "user.message", "content": [{"type": "text", "text": "hi"}]}])
        raise AssertionError("sent to an archived session")
    except anthropic.ConflictError:
        pass
    deleted = beta.sessions.delete(session.id)
    assert deleted.id == session.id
    try:
        beta.sessions.retrieve(session.id)
        raise AssertionError("deleted session still readable")
    except anthropic.NotFoundError:
        pass
    strict(BetaManagedAgentsAgent, beta.agents.archive(agent.id))
    scripts_flow(beta, env.id)
    resources_flow(beta)
    outputs_flow(beta, env.id)
    print(f"conformance ok: {len(listed)} events listed, {checked} objects strictly validated")


def scripts_flow(beta, env_id):
    """The other demo scripts (MCP outage, threads, custom tool, outcome, budget): every event
    they stream must validate strictly."""
    agent = beta.agents.create(
        name="Scripts", model="claude-opus-4-6",
        mcp_servers=[{"type": "url", "name": "github", "url": "https://mcp.example/github"}],
        tools=[{"type": "agent_toolset_20260401"},
               {"type": "mcp_toolset", "mcp_server_name": "github",
                "default_config": {"permission_policy": {"type": "always_allow"}}},
               {"type": "custom", "name": "lookup_ticket", "description": "Look up a ticket",
                "input_schema": {"type": "object", "properties": {"ticket_id": {"type": "string"}}}}],
    )
    session = beta.sessions.create(agent=agent.id, environment_id=env_id,
                                   budget={"type": "limit", "max_list_cost": {"amount": "500", "currency": "USD"}})
    stream = beta.sessions.events.stream(session.id, event_deltas=["agent.message", "agent.thinking"])
    seen = set()
    for text in ["check the mcp server", "get the team on it", "look up the ticket"]:
        beta.sessions.events.send(session.id, events=[{"type": "user.message", "content": [{"type": "text", "text": text}]}])
        events = read_until_idle(stream)
        seen.update(e.type for e in events)
    custom = next(e for e in events if e.type == "agent.custom_tool_use")
    beta.sessions.events.send(session.id, events=[{"type": "user.custom_tool_result", "custom_tool_use_id": custom.id,
                                                    "content": [{"type": "text", "text": "open"}]}])
    read_until_idle(stream)
    beta.sessions.events.send(session.id, events=[{"type": "user.define_outcome", "description": "Tests pass",
                                                    "rubric": {"type": "text", "content": "pytest exits 0"}}])
    seen.update(e.type for e in read_until_idle(stream))
    stream.close()
    for kind in ["session.error", "session.status_rescheduled", "agent.mcp_tool_use", "session.thread_created",
                 "agent.thread_message_sent", "agent.thread_message_received", "session.thread_status_idle",
                 "span.outcome_evaluation_end", "event_start", "session.usage"]:
        assert kind in seen, kind
    session = strict(BetaManagedAgentsSession, beta.sessions.retrieve(session.id))
    assert session.outcome_evaluations[0].result == "satisfied"
    for thread in beta.sessions.threads.list(session.id):
        for event in beta.sessions.threads.events.list(thread.id, session_id=session.id):
            LIST_EVENT.validate_python(event.model_dump(mode="json", exclude_unset=True))


def resources_flow(beta):
    """Vaults and credentials, memory stores and memories, files, skills."""
    vault = strict(BetaManagedAgentsVault, beta.vaults.create(display_name="Demo vault"))
    cred = strict(BetaManagedAgentsCredential, beta.vaults.credentials.create(
        vault.id, auth={"type": "static_bearer", "token": "secret", "mcp_server_url": "https://mcp.example/x"}))
    assert "secret" not in cred.model_dump_json()
    try:
        beta.vaults.credentials.create(
            vault.id, auth={"type": "static_bearer", "token": "again", "mcp_server_url": "https://mcp.example/x"})
        raise AssertionError("duplicate credential key accepted")
    except anthropic.ConflictError:
        pass
    assert [c.id for c in beta.vaults.credentials.list(vault.id)] == [cred.id]
    # Every auth type, as the SDK's own create and update params build them.
    in_an_hour = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)
    oauth = strict(BetaManagedAgentsCredential, beta.vaults.credentials.create(
        vault.id, display_name="Linear", auth={
            "type": "mcp_oauth", "access_token": "at-secret", "mcp_server_url": "https://mcp.example/oauth",
            "expires_at": in_an_hour, "refresh": {
                "client_id": "desk", "refresh_token": "rt-secret", "token_endpoint": "https://auth.example/token",
                "scope": "read", "token_endpoint_auth": {"type": "client_secret_post", "client_secret": "cs-secret"}}}))
    assert oauth.auth.refresh.token_endpoint_auth.type == "client_secret_post"
    for secret in ("at-secret", "rt-secret", "cs-secret"):
        assert secret not in oauth.model_dump_json()
    oauth = strict(BetaManagedAgentsCredential, beta.vaults.credentials.update(
        oauth.id, vault_id=vault.id, auth={"type": "mcp_oauth", "access_token": "new", "expires_at": in_an_hour,
                                           "refresh": {"refresh_token": "new", "scope": ""}}))
    assert oauth.auth.refresh.scope is None
    verdict = strict(BetaManagedAgentsCredentialValidation,
                     beta.vaults.credentials.mcp_oauth_validate(oauth.id, vault_id=vault.id))
    assert verdict.status == "valid" and verdict.has_refresh_token
    env = strict(BetaManagedAgentsCredential, beta.vaults.credentials.create(
        vault.id, auth={"type": "environment_variable", "secret_name": "STRIPE_KEY", "secret_value": "sk-secret",
                        "networking": {"type": "limited", "allowed_hosts": ["api.stripe.com"]}}))
    assert env.auth.injection_location.header and not env.auth.injection_location.body
    env = strict(BetaManagedAgentsCredential, beta.vaults.credentials.update(
        env.id, vault_id=vault.id, auth={"type": "environment_variable", "secret_value": "sk-2",
                                         "injection_location": {"body": True}}))
    assert env.auth.injection_location.header and env.auth.injection_location.body
    renamed = strict(BetaManagedAgentsVault, beta.vaults.update(vault.id, display_name="Team vault"))
    assert renamed.display_name == "Team vault"
    strict(BetaManagedAgentsCredential, beta.vaults.credentials.archive(env.id, vault_id=vault.id))
    beta.vaults.credentials.delete(oauth.id, vault_id=vault.id)
    assert [c.id for c in beta.vaults.credentials.list(vault.id)] == [cred.id]

    store = strict(BetaManagedAgentsMemoryStore, beta.memory_stores.create(name="notes"))
    memory = strict(BetaManagedAgentsMemory, beta.memory_stores.memories.create(
        store.id, path="/prefs/editor.md", content="tabs"))
    full = strict(BetaManagedAgentsMemory, beta.memory_stores.memories.retrieve(memory.id, memory_store_id=store.id))
    assert full.content == "tabs"
    try:
        beta.memory_stores.memories.update(memory.id, memory_store_id=store.id, content="spaces",
                                           precondition={"type": "content_sha256", "content_sha256": "0" * 64})
        raise AssertionError("stale precondition accepted")
    except anthropic.ConflictError:
        pass
    beta.memory_stores.memories.update(memory.id, memory_store_id=store.id, content="spaces",
                                       precondition={"type": "content_sha256", "content_sha256": full.content_sha256})
    versions = [strict(BetaManagedAgentsMemoryVersion, v) for v in beta.memory_stores.memory_versions.list(store.id)]
    assert [v.operation for v in versions] == ["modified", "created"], versions

    uploaded = strict(BetaFileMetadata, beta.files.upload(file=("hello.txt", b"hello world", "text/plain")))
    assert uploaded.size_bytes == 11
    assert beta.files.download(uploaded.id).read() == b"hello world"
    assert uploaded.id in [f.id for f in beta.files.list()]
    beta.files.delete(uploaded.id)

    skill = strict(BetaSkill, beta.skills.create(display_name="Greeter", files=[
        ("greeter/SKILL.md", b"---\nname: greeter\ndescription: Says hello\n---\nSay hello.\n", "text/markdown")]))
    version = strict(BetaSkillVersion, beta.skills.versions.retrieve("latest", skill_id=skill.id))
    assert version.name == "greeter" and version.description == "Says hello"
    assert skill.id in [s.id for s in beta.skills.list()]
    second = strict(BetaSkillVersion, beta.skills.versions.create(skill.id, files=[
        ("greeter/SKILL.md", b"---\nname: greeter\ndescription: Says hello twice\n---\n", "text/markdown")]))
    versions = [strict(BetaSkillVersion, v) for v in beta.skills.versions.list(skill.id)]
    assert [v.id for v in versions] == [second.id, version.id], versions
    anthropic_skills = [strict(BetaSkill, s) for s in beta.skills.list(source="anthropic")]
    assert {s.id for s in anthropic_skills} == {"xlsx", "docx", "pptx", "pdf"}
    try:
        beta.skills.delete(skill.id)
        raise AssertionError("a skill with versions was deleted")
    except anthropic.BadRequestError:
        pass
    for v in versions:
        beta.skills.versions.delete(v.id, skill_id=skill.id)
    beta.skills.delete(skill.id)


def outputs_flow(beta, env_id):
    """A coding turn's outputs listed by session scope; a file mounted after creation."""
    agent = beta.agents.create(name="Coder", model="claude-sonnet-4-6", tools=[
        {"type": "agent_toolset_20260401",
         "default_config": {"permission_policy": {"type": "always_allow"}}}])
    session = beta.sessions.create(agent=agent.id, environment_id=env_id)
    stream = beta.sessions.events.stream(session.id)
    beta.sessions.events.send(session.id, events=[
        {"type": "user.message", "content": [{"type": "text", "text": "fix the failing test"}]}])
    read_until_idle(stream)
    stream.close()
    outputs = [strict(BetaFileMetadata, f)
               for f in beta.files.list(scope_id=session.id, betas=["managed-agents-2026-04-01"])]
    assert sorted(f.filename for f in outputs) == ["coverage.png", "test-report.txt"], outputs
    assert all(f.scope.id == session.id for f in outputs)
    assert beta.files.download(outputs[0].id).read().startswith(b"\x89PNG")

    spec = beta.files.upload(file=("spec.md", b"# Spec", "text/markdown"))
    mounted = strict(BetaManagedAgentsFileResource,
                     beta.sessions.resources.add(session.id, type="file", file_id=spec.id))
    assert mounted.mount_path == f"/mnt/session/uploads/{spec.id}"
    assert mounted.id in [r.id for r in beta.sessions.resources.list(session.id)]
    beta.sessions.resources.delete(mounted.id, session_id=session.id)


if __name__ == "__main__":
    main(sys.argv[1])
