// Which vault gives each MCP server of an agent its credential. The API matches a session's
// MCP servers to credentials by URL over the vaults it was started with, the first vault in the
// list winning; a server no chosen vault covers starts without auth and its tools fail.
import type { CoveredServer, VaultCoverage } from '$lib/ipc/bindings';

export interface ServerCoverage {
  name: string;
  url: string;
  /** Chosen vaults with a credential for the URL, in the session's order (the first is used). */
  chosen: { vaultId: string; vaultName: string; credential: CoveredServer }[];
  /** Vaults not chosen that would cover it. */
  others: { vaultId: string; vaultName: string }[];
}

/**
 * Whether two URLs name the same server as the API matches them: scheme and host lower case,
 * default ports and trailing slashes left out.
 */
export function sameServer(a: string, b: string): boolean {
  const norm = (text: string) => {
    let url = text.trim();
    try {
      // The URL parser lowercases the scheme and host and drops a default port.
      url = new URL(url).href;
    } catch {
      // Not a URL: compared as typed.
    }
    return url.replace(/\/+$/, '');
  };
  return norm(a) === norm(b);
}

export function mcpCoverage(
  servers: readonly { name: string; url: string }[],
  vaults: readonly VaultCoverage[],
  chosenIds: readonly string[] | null,
): ServerCoverage[] {
  return servers.map(({ name, url }) => {
    const covering = vaults.flatMap((vault) => {
      const credential = vault.servers.find((s) => sameServer(s.mcp_server_url, url));
      return credential ? [{ vault, credential }] : [];
    });
    const chosen = (chosenIds ?? []).flatMap((id) => {
      const hit = covering.find((c) => c.vault.vault_id === id);
      return hit
        ? [{ vaultId: id, vaultName: hit.vault.display_name, credential: hit.credential }]
        : [];
    });
    const others = covering
      .filter((c) => !(chosenIds ?? []).includes(c.vault.vault_id))
      .map((c) => ({ vaultId: c.vault.vault_id, vaultName: c.vault.display_name }));
    return { name, url, chosen, others };
  });
}

/** The agent's MCP servers no chosen vault covers. */
export function uncovered(coverage: readonly ServerCoverage[]): ServerCoverage[] {
  return coverage.filter((c) => c.chosen.length === 0);
}
