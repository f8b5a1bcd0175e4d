// The vaults and the MCP servers each covers, read once for a form that shows them (the agent
// form's MCP servers). A failure is kept as a message; the form works without it.
import { call, commands } from '$lib/ipc/call';
import { toBackendError } from '$lib/ipc/errors';
import type { VaultCoverage } from '$lib/ipc/bindings';

export class CoverageReader {
  vaults = $state<VaultCoverage[] | null>(null);
  error = $state<string | null>(null);

  async load(): Promise<void> {
    try {
      this.vaults = await call(commands.vaultsCoverage());
      this.error = null;
    } catch (e) {
      this.error = toBackendError(e).message;
    }
  }
}
