// The agent form as a controller. Saving an existing agent creates its next version, guarded by
// the version the form was loaded from: if someone saved a newer one meanwhile, the API answers
// 409 and the person chooses between reloading (their edits are dropped) and overwriting.
import { call, commands } from '$lib/ipc/call';
import { toBackendError, type BackendError } from '$lib/ipc/errors';
import type { Agent, CreateAgentRequest, UpdateAgentRequest } from '$lib/ipc/bindings';
import { ResourceEditor, type EditorSpec } from '$lib/forms/editor.svelte';
import { exportAgent, importAgent } from '$lib/requests/importExport';
import {
  agentFormFromAgent,
  agentFormWarnings,
  agentRequestFromForm,
  agentUpdateFromForm,
  emptyAgentForm,
  validateAgentForm,
  type AgentFormState,
} from './agentForm';

export const agentSpec: EditorSpec<AgentFormState, Agent, CreateAgentRequest, UpdateAgentRequest> =
  {
    kind: 'agent',
    collection: 'agents',
    empty: emptyAgentForm,
    nameOf: (form) => form.name,
    fromStored: agentFormFromAgent,
    validate: validateAgentForm,
    warnings: agentFormWarnings,
    createBody: agentRequestFromForm,
    updateBody: agentUpdateFromForm,
    create: (body) => call(commands.agentCreate(body)),
    update: (id, body) => call(commands.agentUpdate(id, body)),
    importText: importAgent,
    exportText: exportAgent,
  };

export class AgentEditor extends ResourceEditor<
  AgentFormState,
  Agent,
  CreateAgentRequest,
  UpdateAgentRequest
> {
  /** The last save hit a newer version saved elsewhere. */
  readonly conflict: boolean = $derived(this.saveError?.code === 'Conflict' && !this.isNew);
  archiving = $state(false);
  archiveError = $state<BackendError | null>(null);

  constructor(stored: Agent | null) {
    super(agentSpec, stored);
  }

  get readOnly(): boolean {
    return Boolean(this.stored?.archived_at);
  }

  /** After a conflict: shows the latest version, dropping this form's edits. */
  async reload(): Promise<void> {
    const latest = await this.#latest();
    if (!latest) return;
    this.stored = latest;
    this.form.reset(agentFormFromAgent(latest));
  }

  /** After a conflict: saves this form as the version after the latest one. */
  async overwrite(): Promise<Agent | null> {
    const latest = await this.#latest();
    if (!latest) return null;
    this.stored = latest;
    return this.save();
  }

  async archive(): Promise<Agent | null> {
    if (!this.stored) return null;
    this.archiving = true;
    this.archiveError = null;
    try {
      const archived = await call(commands.agentArchive(this.stored.id));
      this.stored = archived;
      this.form.reset(agentFormFromAgent(archived));
      return archived;
    } catch (e) {
      this.archiveError = toBackendError(e);
      return null;
    } finally {
      this.archiving = false;
    }
  }

  async #latest(): Promise<Agent | null> {
    if (!this.stored) return null;
    try {
      const latest = await call(commands.agentGet(this.stored.id, null));
      this.saveError = null;
      return latest;
    } catch (e) {
      this.saveError = toBackendError(e);
      return null;
    }
  }
}
