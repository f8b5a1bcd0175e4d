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
import { templateById, type TemplateId } from './templates';

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
  /** The starter template the new form was last filled from (`blank` until one is chosen). */
  template = $state<TemplateId>('blank');
  /** A template chosen over typed edits, waiting for the person to confirm. */
  pendingTemplate = $state<TemplateId | null>(null);

  constructor(stored: Agent | null) {
    super(agentSpec, stored);
  }

  get readOnly(): boolean {
    return Boolean(this.stored?.archived_at);
  }

  /**
   * Fills a new agent's form from a starter template. Over edits the person typed, only asks:
   * {@link confirmTemplate} then replaces them, {@link cancelTemplate} keeps them.
   */
  chooseTemplate(id: TemplateId): void {
    if (!this.isNew) return;
    if (this.form.dirty) this.pendingTemplate = id;
    else this.#applyTemplate(id);
  }

  confirmTemplate(): void {
    if (this.pendingTemplate !== null) this.#applyTemplate(this.pendingTemplate);
  }

  cancelTemplate(): void {
    this.pendingTemplate = null;
  }

  // The template's values are the new clean state: nothing typed yet, so choosing another one
  // or leaving the form asks nothing until the person edits them.
  #applyTemplate(id: TemplateId): void {
    this.form.reset(templateById(id).form());
    this.template = id;
    this.pendingTemplate = null;
    this.saveError = null;
    this.fileNotice = null;
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
