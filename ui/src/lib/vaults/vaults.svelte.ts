// The Vaults section: the paged list of vaults, a vault's page with its credentials, and the
// credential form opened from it.
import { call, commands } from '$lib/ipc/call';
import type { Credential, Vault } from '$lib/ipc/bindings';
import { LeaveConfirm } from '$lib/forms/leave.svelte';
import { toBackendError } from '$lib/ipc/errors';
import type { VaultTarget } from '$lib/navigation/navigation.svelte';
import { sameServer } from './coverage';
import { PagedList } from '$lib/lists/pagedList.svelte';
import { CredentialEditor } from './credentialEditor.svelte';
import { VaultEditor } from './vaultEditor.svelte';

export type VaultsScreen =
  | { kind: 'list' }
  | { kind: 'vault'; editor: VaultEditor }
  | { kind: 'credential'; vault: VaultEditor; editor: CredentialEditor };

const same = (a: Vault, b: Vault) => a.id === b.id;

export class VaultsController {
  readonly list = new PagedList<Vault>((page, includeArchived) =>
    call(commands.vaultsList({ page, limit: 20, include_archived: includeArchived })),
  );
  screen = $state<VaultsScreen>({ kind: 'list' });
  notice = $state<string | null>(null);
  /** Something to act on (a session's server no vault covers), shown above the list. */
  warning = $state<string | null>(null);
  readonly leave = new LeaveConfirm();

  get unsaved(): boolean {
    const screen = this.screen;
    if (screen.kind === 'list') return false;
    return screen.editor.form.dirty;
  }

  showList(): void {
    this.screen = { kind: 'list' };
  }

  back(): void {
    const screen = this.screen;
    if (screen.kind === 'credential')
      this.leave.request(this.unsaved, () => {
        this.screen = { kind: 'vault', editor: screen.vault };
      });
    else this.leave.request(this.unsaved, () => this.showList());
  }

  allowLeave(then: () => void): boolean {
    if (!this.unsaved) return true;
    this.leave.request(true, () => {
      this.showList();
      then();
    });
    return false;
  }

  create(): void {
    this.notice = null;
    this.warning = null;
    this.screen = { kind: 'vault', editor: new VaultEditor(null) };
  }

  open(vault: Vault): void {
    this.notice = null;
    this.warning = null;
    const editor = new VaultEditor(vault);
    void editor.credentials.reload();
    this.screen = { kind: 'vault', editor };
  }

  /**
   * Opens what a session's error pointed at: the vault of the credential to rotate, or the
   * session's vault that covers the refused MCP server; says so when none of its vaults does.
   */
  async follow(target: VaultTarget): Promise<void> {
    try {
      let vaultId = target.vaultId;
      let what = 'This credential could not be used by a session: rotate it, or Connect again.';
      const url = target.mcpServerUrl;
      if (!vaultId && url) {
        const coverage = await call(commands.vaultsCoverage());
        const covering = target.sessionVaultIds.find((id) =>
          coverage.some(
            (v) => v.vault_id === id && v.servers.some((s) => sameServer(s.mcp_server_url, url)),
          ),
        );
        if (!covering) {
          this.showList();
          this.notice = null;
          this.warning = `None of the session's vaults has a credential for ${url}. Add one to a vault (Connect signs in for you), then choose that vault for the next session.`;
          return;
        }
        vaultId = covering;
        what = `The MCP server ${url} refused this vault's credential: rotate it, or Connect again.`;
      }
      if (!vaultId) return;
      const vault = await call(commands.vaultGet(vaultId));
      this.open(vault);
      if (this.screen.kind === 'vault') this.screen.editor.notice = what;
    } catch (e) {
      this.showList();
      this.notice = `The vault could not be opened: ${toBackendError(e).message}`;
    }
  }

  async save(editor: VaultEditor): Promise<void> {
    const wasNew = editor.stored === null;
    const saved = await editor.save();
    if (!saved) return;
    this.list.upsert(saved, same);
    editor.notice = wasNew
      ? `Created “${saved.display_name}”. Add its first credential below.`
      : `Saved “${saved.display_name}”.`;
  }

  async archive(editor: VaultEditor): Promise<boolean> {
    const archived = await editor.archive();
    if (!archived) return false;
    if (this.list.includeArchived) this.list.upsert(archived, same);
    else this.list.remove((v) => v.id === archived.id);
    this.notice = `Archived “${archived.display_name}”; its credentials' secrets are purged.`;
    this.showList();
    return true;
  }

  async delete(editor: VaultEditor): Promise<boolean> {
    const stored = editor.stored;
    if (!stored || !(await editor.delete())) return false;
    this.list.remove((v) => v.id === stored.id);
    this.notice = `Deleted “${stored.display_name}”.`;
    this.showList();
    return true;
  }

  addCredential(vault: VaultEditor): void {
    if (!vault.stored) return;
    vault.notice = null;
    this.screen = { kind: 'credential', vault, editor: new CredentialEditor(vault.stored, null) };
  }

  rotateCredential(vault: VaultEditor, credential: Credential): void {
    if (!vault.stored) return;
    vault.notice = null;
    this.screen = {
      kind: 'credential',
      vault,
      editor: new CredentialEditor(vault.stored, credential),
    };
  }

  /** Connect: on success the vault page shows the new credential. */
  async connectCredential(vault: VaultEditor, editor: CredentialEditor): Promise<void> {
    const saved = await editor.connect();
    if (!saved) return;
    vault.credentialSaved(saved, true);
    vault.notice = `Connected to ${editor.form.values.mcpServerUrl.trim()}: its tokens are stored, refresh included.`;
    this.screen = { kind: 'vault', editor: vault };
  }

  async saveCredential(vault: VaultEditor, editor: CredentialEditor): Promise<void> {
    const created = editor.isNew;
    const saved = await editor.save();
    if (!saved) return;
    vault.credentialSaved(saved, created);
    this.screen = { kind: 'vault', editor: vault };
  }
}
