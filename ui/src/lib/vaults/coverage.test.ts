import { describe, expect, it } from 'vitest';
import type { Session, SessionError, VaultCoverage } from '$lib/ipc/bindings';
import { mcpCoverage, uncovered } from './coverage';
import { vaultTargetOf } from './errorTarget';
import { validateVaultForm, vaultUpdateBody } from './vaultEditor.svelte';

const covered = (url: string) => ({
  credential_id: 'vcrd_1',
  kind: 'static_bearer',
  mcp_server_url: url,
  expires_at: null,
});
const vaults: VaultCoverage[] = [
  { vault_id: 'vlt_a', display_name: 'Mine', servers: [covered('https://a.example/mcp')] },
  { vault_id: 'vlt_b', display_name: 'Team', servers: [covered('HTTPS://A.example:443/mcp/')] },
];
const servers = [
  { name: 'a', url: 'https://a.example/mcp' },
  { name: 'b', url: 'https://b.example/mcp' },
];

describe('which vault covers each MCP server', () => {
  it('names the first chosen vault, as the API uses it, and the ones not chosen', () => {
    const [a, b] = mcpCoverage(servers, vaults, ['vlt_b', 'vlt_a']);
    expect(a?.chosen.map((c) => c.vaultName)).toEqual(['Team', 'Mine']);
    expect(b?.chosen).toEqual([]);
    const none = mcpCoverage(servers, vaults, []);
    expect(none[0]?.others.map((o) => o.vaultName)).toEqual(['Mine', 'Team']);
    expect(uncovered(none).map((s) => s.name)).toEqual(['a', 'b']);
  });
});

describe('a session error as the credential to fix', () => {
  const session = {
    vault_ids: ['vlt_a'],
    agent: { mcp_servers: [{ type: 'url', name: 'tracker', url: 'https://t.example/mcp' }] },
  } as unknown as Session;
  const error = (type: string, extra: Record<string, string> = {}): SessionError => ({
    type,
    message: 'm',
    retry_status: { type: 'terminal' },
    ...extra,
  });

  it('finds the server of an authentication failure by its name on the agent', () => {
    expect(
      vaultTargetOf(
        error('mcp_authentication_failed_error', { mcp_server_name: 'tracker' }),
        session,
      ),
    ).toEqual({
      vaultId: null,
      credentialId: null,
      mcpServerUrl: 'https://t.example/mcp',
      sessionVaultIds: ['vlt_a'],
    });
  });

  it('names the vault and credential of an unreachable credential host, and nothing else', () => {
    expect(
      vaultTargetOf(
        error('credential_host_unreachable_error', { vault_id: 'vlt_a', credential_id: 'vcrd_9' }),
        session,
      ),
    ).toMatchObject({ vaultId: 'vlt_a', credentialId: 'vcrd_9' });
    expect(vaultTargetOf(error('model_overloaded_error'), session)).toBeNull();
    expect(
      vaultTargetOf(error('mcp_authentication_failed_error', { mcp_server_name: 'x' }), session),
    ).toBeNull();
  });
});

describe('the vault form', () => {
  it('wants a name of at most 255 characters and sends only what changed', () => {
    expect(validateVaultForm({ name: ' ', metadata: [] }).name).toMatch(/Enter a name/);
    expect(validateVaultForm({ name: 'x'.repeat(256), metadata: [] }).name).toMatch(/255/);
    const stored = {
      id: 'vlt_1',
      type: 'vault',
      display_name: 'Old',
      metadata: { team: 'a' },
      created_at: '',
      updated_at: '',
    };
    expect(vaultUpdateBody({ name: 'New', metadata: [] }, stored)).toEqual({
      display_name: 'New',
      metadata: { team: null },
    });
    expect(
      vaultUpdateBody({ name: 'Old', metadata: [{ key: 'team', value: 'a' }] }, stored),
    ).toEqual({});
  });
});
