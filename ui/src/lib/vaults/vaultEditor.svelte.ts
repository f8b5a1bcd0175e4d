// A vault's page as a controller: its name and metadata (create or rename), and once it exists,
// its credentials with their actions: validate, archive and delete.
import { call, commands } from '$lib/ipc/call';
import { toBackendError, type BackendError } from '$lib/ipc/errors';
import type { Credential, Vault } from '$lib/ipc/bindings';
import { FormState } from '$lib/forms/formState.svelte';
import type { FieldErrors } from '$lib/forms/fieldErrors';
import { charCount } from '$lib/forms/json';
import {
  metadataObject,
  metadataPatch,
  metadataRows,
  validateMetadata,
  type MetadataRow,
} from '$lib/forms/metadata';
import { PagedList } from '$lib/lists/pagedList.svelte';
import { validationText } from './summary';

export const VAULT_NAME_MAX = 255;

export interface VaultFormState {
  name: string;
  metadata: MetadataRow[];
}

export function validateVaultForm(form: VaultFormState): FieldErrors {
  const errors: FieldErrors = {};
  const name = form.name.trim();
  if (name === '') errors.name = 'Enter a name, for example the person or team it holds keys for.';
  else if (charCount(name) > VAULT_NAME_MAX) errors.name = `At most ${VAULT_NAME_MAX} characters.`;
  validateMetadata(form.metadata, errors);
  return errors;
}

export function vaultCreateBody(form: VaultFormState) {
  const metadata = metadataObject(form.metadata);
  return {
    display_name: form.name.trim(),
    ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
  };
}

export function vaultUpdateBody(form: VaultFormState, stored: Vault) {
  const patch = metadataPatch(form.metadata, stored.metadata);
  const name = form.name.trim();
  return {
    ...(name !== stored.display_name ? { display_name: name } : {}),
    ...(JSON.stringify(patch) !== JSON.stringify(stored.metadata ?? {}) ? { metadata: patch } : {}),
  };
}

const sameCredential = (a: Credential, b: Credential) => a.id === b.id;

export type CredentialAction = 'validate' | 'archive' | 'delete';

export class VaultEditor {
  stored = $state<Vault | null>(null);
  readonly form: FormState<VaultFormState>;
  saving = $state(false);
  saveError = $state<BackendError | null>(null);
  busy = $state<'archive' | 'delete' | null>(null);
  actionError = $state<{ title: string; error: BackendError } | null>(null);
  /** Credentials of the stored vault; empty for a vault not yet created. */
  readonly credentials: PagedList<Credential>;
  /** The last Validate verdict per credential id, in words. */
  verdicts = $state<Record<string, { ok: boolean; text: string }>>({});
  /** The credential an action runs on now. */
  working = $state<{ id: string; action: CredentialAction } | null>(null);
  notice = $state<string | null>(null);

  readonly body = $derived.by(() => {
    if (!this.form.valid) return null;
    const values = $state.snapshot<VaultFormState>(this.form.values);
    return this.stored ? vaultUpdateBody(values, this.stored) : vaultCreateBody(values);
  });

  constructor(stored: Vault | null) {
    this.stored = stored;
    this.form = new FormState<VaultFormState>(
      { name: stored?.display_name ?? '', metadata: metadataRows(stored?.metadata) },
      validateVaultForm,
    );
    this.credentials = new PagedList<Credential>((page, includeArchived) => {
      const vault = this.stored;
      if (!vault) return Promise.resolve({ data: [], next_page: null });
      return call(
        commands.credentialsList(vault.id, { page, limit: 20, include_archived: includeArchived }),
      );
    });
  }

  get path(): string {
    return this.stored ? `/v1/vaults/${this.stored.id}` : '/v1/vaults';
  }

  get archived(): boolean {
    return Boolean(this.stored?.archived_at);
  }

  async save(): Promise<Vault | null> {
    if (!this.form.attempt() || this.saving) return null;
    const values = $state.snapshot<VaultFormState>(this.form.values);
    this.saving = true;
    this.saveError = null;
    try {
      const saved = this.stored
        ? await call(commands.vaultUpdate(this.stored.id, vaultUpdateBody(values, this.stored)))
        : await call(commands.vaultCreate(vaultCreateBody(values)));
      const created = this.stored === null;
      this.stored = saved;
      this.form.reset({ name: saved.display_name, metadata: metadataRows(saved.metadata) });
      if (created) void this.credentials.reload();
      return saved;
    } catch (e) {
      this.saveError = toBackendError(e);
      return null;
    } finally {
      this.saving = false;
    }
  }

  archive(): Promise<Vault | null> {
    return this.#act('archive', 'The vault was not archived', (id) =>
      call(commands.vaultArchive(id)),
    );
  }

  async delete(): Promise<boolean> {
    const done = await this.#act('delete', 'The vault was not deleted', (id) =>
      call(commands.vaultDelete(id)),
    );
    return done !== null;
  }

  async #act<T>(
    kind: 'archive' | 'delete',
    title: string,
    run: (id: string) => Promise<T>,
  ): Promise<T | null> {
    if (!this.stored) return null;
    this.busy = kind;
    this.actionError = null;
    try {
      return await run(this.stored.id);
    } catch (e) {
      this.actionError = { title, error: toBackendError(e) };
      return null;
    } finally {
      this.busy = null;
    }
  }

  /** Shows a credential added or rotated on the credential form. */
  credentialSaved(credential: Credential, created: boolean): void {
    this.credentials.upsert(credential, sameCredential);
    const name = credential.display_name ?? 'the credential';
    this.notice = created ? `Added ${name}.` : `Saved ${name}; running sessions pick it up.`;
    delete this.verdicts[credential.id];
  }

  /** Runs Validate, Archive or Delete on one credential; a refusal is shown at its row. */
  async credentialAction(credential: Credential, action: CredentialAction): Promise<boolean> {
    const vault = this.stored;
    if (!vault || this.working) return false;
    this.working = { id: credential.id, action };
    this.actionError = null;
    try {
      if (action === 'validate') {
        const result = await call(commands.credentialValidate(vault.id, credential.id));
        this.verdicts[credential.id] = {
          ok: result.status === 'valid',
          text: validationText(result),
        };
      } else if (action === 'archive') {
        const archived = await call(commands.credentialArchive(vault.id, credential.id));
        if (this.credentials.includeArchived) this.credentials.upsert(archived, sameCredential);
        else this.credentials.remove((c) => c.id === credential.id);
        this.notice = 'Archived the credential: its secret is purged and its key is free again.';
      } else {
        await call(commands.credentialDelete(vault.id, credential.id));
        this.credentials.remove((c) => c.id === credential.id);
        this.notice = 'Deleted the credential.';
      }
      return true;
    } catch (e) {
      const titles = {
        validate: 'The credential could not be validated',
        archive: 'The credential was not archived',
        delete: 'The credential was not deleted',
      };
      this.actionError = { title: titles[action], error: toBackendError(e) };
      return false;
    } finally {
      this.working = null;
    }
  }
}
