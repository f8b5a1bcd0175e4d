// A session error about a credential, as the place in Vaults to fix it: the credential the API
// names (`credential_host_unreachable_error`), or the MCP server the session's vaults should
// cover (`mcp_authentication_failed_error`, which names the server by its agent-side name).
import type { Session, SessionError } from '$lib/ipc/bindings';
import type { VaultTarget } from '$lib/navigation/navigation.svelte';

export function vaultTargetOf(error: SessionError, session: Session | null): VaultTarget | null {
  const sessionVaultIds = session?.vault_ids ?? [];
  const text = (key: string) => {
    const value = error[key];
    return typeof value === 'string' && value !== '' ? value : null;
  };
  if (error.type === 'credential_host_unreachable_error' && text('vault_id')) {
    return {
      vaultId: text('vault_id'),
      credentialId: text('credential_id'),
      mcpServerUrl: null,
      sessionVaultIds,
    };
  }
  if (error.type === 'mcp_authentication_failed_error') {
    const name = text('mcp_server_name');
    const server = session?.agent.mcp_servers.find((s) => s.name === name);
    if (!server) return null;
    return { vaultId: null, credentialId: null, mcpServerUrl: server.url, sessionVaultIds };
  }
  return null;
}
