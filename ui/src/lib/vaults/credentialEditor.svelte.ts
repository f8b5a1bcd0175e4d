// One credential's form (add or rotate) as a controller. A failed save keeps every value typed,
// secrets included, so the person can fix the refused field and send again; a successful one
// forgets the secrets at once.
import { call, commands } from '$lib/ipc/call';
import { toBackendError, type BackendError } from '$lib/ipc/errors';
import type { Credential, Vault } from '$lib/ipc/bindings';
import { FormState } from '$lib/forms/formState.svelte';
import {
  credentialCreateBody,
  credentialFormFromStored,
  credentialFormWarnings,
  credentialUpdateBody,
  emptyCredentialForm,
  redactSecrets,
  validateCredentialForm,
  type CredentialCreateBody,
  type CredentialFormState,
  type CredentialUpdateBody,
} from './credentialForm';

export class CredentialEditor {
  readonly vault: Vault;
  readonly stored: Credential | null;
  readonly form: FormState<CredentialFormState>;
  saving = $state(false);
  saveError = $state<BackendError | null>(null);
  /** A browser sign-in (Connect) is under way. */
  connecting = $state(false);
  connectError = $state<BackendError | null>(null);

  /** The body a save would send, secrets replaced, for View JSON and Copy as curl. */
  readonly shownBody: CredentialCreateBody | CredentialUpdateBody | null = $derived.by(() => {
    if (!this.form.valid) return null;
    return redactSecrets(this.#body());
  });

  constructor(vault: Vault, stored: Credential | null) {
    this.vault = vault;
    this.stored = stored;
    this.form = new FormState(
      stored ? credentialFormFromStored(stored) : emptyCredentialForm(),
      (f) => validateCredentialForm(f, stored),
      (f) => credentialFormWarnings(f, stored),
    );
  }

  get isNew(): boolean {
    return this.stored === null;
  }

  get path(): string {
    const base = `/v1/vaults/${this.vault.id}/credentials`;
    return this.stored ? `${base}/${this.stored.id}` : base;
  }

  #body(): CredentialCreateBody | CredentialUpdateBody {
    const values = $state.snapshot<CredentialFormState>(this.form.values);
    return this.stored ? credentialUpdateBody(values, this.stored) : credentialCreateBody(values);
  }

  /** Why Connect cannot start now, or null: it needs a valid server URL and nothing else. */
  get connectBlocked(): string | null {
    if (this.form.errors.mcpServerUrl) return this.form.errors.mcpServerUrl;
    return null;
  }

  /**
   * Signs in to the MCP server in the browser and stores what it gets as this vault's
   * credential. The tokens never come here: the saved credential, or null, comes back.
   */
  async connect(): Promise<Credential | null> {
    this.form.touch('mcpServerUrl');
    if (this.connectBlocked || this.connecting) return null;
    const values = this.form.values;
    this.connecting = true;
    this.connectError = null;
    try {
      const name = values.displayName.trim();
      return await call(
        commands.credentialConnect(this.vault.id, values.mcpServerUrl.trim(), name || null),
      );
    } catch (e) {
      this.connectError = toBackendError(e);
      return null;
    } finally {
      this.connecting = false;
    }
  }

  /** Stops a sign-in under way; nothing is stored. */
  async cancelConnect(): Promise<void> {
    await commands.credentialConnectCancel();
  }

  /** Sends the form; the saved credential (without secrets), or null if nothing was saved. */
  async save(): Promise<Credential | null> {
    if (!this.form.attempt() || this.saving) return null;
    const body = this.#body();
    this.saving = true;
    this.saveError = null;
    try {
      const saved = this.stored
        ? await call(commands.credentialUpdate(this.vault.id, this.stored.id, body))
        : await call(commands.credentialCreate(this.vault.id, body as CredentialCreateBody));
      this.form.reset(credentialFormFromStored(saved));
      return saved;
    } catch (e) {
      this.saveError = toBackendError(e);
      return null;
    } finally {
      this.saving = false;
    }
  }
}
