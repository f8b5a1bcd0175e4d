// The New session dialog's state: the choices it offers (agents, their versions, environments,
// vaults, files, memory stores), the form, and the create call. A refusal keeps every value.
import { call, commands } from '$lib/ipc/call';
import { toBackendError, type BackendError } from '$lib/ipc/errors';
import type {
  Agent,
  CreateSessionRequest,
  DemoScriptInfo,
  Environment,
  FileMetadata,
  MemoryStore,
  Session,
  VaultCoverage,
} from '$lib/ipc/bindings';
import { stringify } from 'yaml';
import { FormState } from '$lib/forms/formState.svelte';
import { allPages } from '$lib/lists/allPages';
import { mcpCoverage, type ServerCoverage } from '$lib/vaults/coverage';
import type { FileFormat } from '$lib/requests/importExport';
import {
  emptyNewSession,
  emptyResource,
  firstErrorPath,
  newSessionRequest,
  validateNewSession,
  type NewSessionFormState,
  type ResourceKind,
} from './newSessionForm';

/** One list of choices: loading, loaded, or failed with the reason. */
export class Choices<T> {
  items = $state<T[]>([]);
  loading = $state(false);
  error = $state<string | null>(null);
  readonly #fetch: () => Promise<T[]>;

  constructor(fetch: () => Promise<T[]>) {
    this.#fetch = fetch;
  }

  async load(): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      this.items = await this.#fetch();
    } catch (e) {
      this.error = toBackendError(e).message;
    } finally {
      this.loading = false;
    }
  }
}

const notArchived = <T extends { archived_at?: string | null }>(items: T[]) =>
  items.filter((i) => !i.archived_at);

export class NewSessionController {
  readonly form: FormState<NewSessionFormState>;
  // Every page of each: a workspace with more than 100 agents can still choose the 101st.
  readonly agents = new Choices<Agent>(async () =>
    notArchived(await allPages((page) => call(commands.agentsList({ limit: 100, page })))),
  );
  readonly environments = new Choices<Environment>(async () =>
    notArchived(await allPages((page) => call(commands.environmentsList({ limit: 100, page })))),
  );
  // Active vaults with the MCP server URLs each covers, to say which vault serves which server.
  readonly vaults = new Choices<VaultCoverage>(() => call(commands.vaultsCoverage()));
  readonly files = new Choices<FileMetadata>(() =>
    allPages((page) => call(commands.filesList({ limit: 100, page }))),
  );
  readonly memoryStores = new Choices<MemoryStore>(async () =>
    notArchived(await allPages((page) => call(commands.memoryStoresList({ limit: 100, page })))),
  );
  /** What the Demo's scripted agent can show, and the words that start each; the backend
   * gives none unless the Demo is the active profile. */
  demoScripts = $state<DemoScriptInfo[]>([]);
  /** Versions of the chosen agent, for pinning one. */
  versions = $state<number[]>([]);
  versionsError = $state<string | null>(null);
  /** The outcome of the last export, for a line under the tools. */
  fileNotice = $state<{ ok: boolean; text: string } | null>(null);
  creating = $state(false);
  createError = $state<BackendError | null>(null);
  #versionsFor = '';

  /** The body Create would send, or null while something blocks it. */
  readonly body: CreateSessionRequest | null = $derived.by(() =>
    this.form.valid ? newSessionRequest(this.#plain()) : null,
  );
  /** The same with every token replaced by a placeholder: for View JSON and Copy as curl. */
  readonly shownBody: CreateSessionRequest | null = $derived.by(() =>
    this.form.valid ? newSessionRequest(this.#plain(), { redact: true }) : null,
  );

  /** The chosen agent's MCP servers and the chosen vaults that cover each. */
  readonly coverage: ServerCoverage[] = $derived.by(() => {
    const agent = this.agents.items.find((a) => a.id === this.form.values.agentId);
    return mcpCoverage(agent?.mcp_servers ?? [], this.vaults.items, this.form.values.vaultIds);
  });

  constructor(agentId = '', version: number | null = null) {
    this.form = new FormState(emptyNewSession(agentId, version), validateNewSession);
  }

  #plain(): NewSessionFormState {
    return $state.snapshot(this.form.values);
  }

  load(): void {
    void this.#loadDemoScripts();
    for (const choices of [this.vaults, this.files, this.memoryStores]) void choices.load();
    void this.loadVersions();
    void Promise.all([this.agents.load(), this.environments.load()]).then(() => this.#preselect());
  }

  /**
   * With one agent and one environment there is nothing to choose: both are picked (unless the
   * person, or the page that opened the dialog, chose something first).
   */
  #preselect(): void {
    const [agent, ...otherAgents] = this.agents.items;
    const [environment, ...otherEnvironments] = this.environments.items;
    if (!agent || !environment || otherAgents.length > 0 || otherEnvironments.length > 0) return;
    const values = this.form.values;
    if (values.agentId !== '' || values.environmentId !== '') return;
    this.chooseAgent(agent.id);
    values.environmentId = environment.id;
  }

  async #loadDemoScripts(): Promise<void> {
    try {
      // A backend that does not know the command (an older app, a test double) gives none.
      this.demoScripts = (await commands.demoScripts()) ?? [];
    } catch {
      // Only a hint: the dialog works without it.
      this.demoScripts = [];
    }
  }

  /** Puts a demo script's example into the first message; what was typed stays, above it. */
  useExample(example: string): void {
    const values = this.form.values;
    values.message = values.message.trim() === '' ? example : `${values.message}\n${example}`;
  }

  /** Loads the chosen agent's versions (once per agent). */
  async loadVersions(): Promise<void> {
    const agentId = this.form.values.agentId;
    if (agentId === '' || agentId === this.#versionsFor) return;
    this.#versionsFor = agentId;
    this.versionsError = null;
    try {
      const versions = await allPages((page) =>
        call(commands.agentVersions(agentId, { limit: 100, page })),
      );
      if (this.#versionsFor !== agentId) return;
      const numbers = versions.map((a) => a.version);
      // A version pinned from the agents page stays offered, should the list not have it.
      const pinned = Number(this.form.values.version);
      if (Number.isInteger(pinned) && pinned > 0 && !numbers.includes(pinned)) numbers.push(pinned);
      this.versions = numbers.sort((a, b) => b - a);
    } catch (e) {
      if (this.#versionsFor === agentId) this.versionsError = toBackendError(e).message;
    }
  }

  chooseAgent(agentId: string): void {
    this.form.values.agentId = agentId;
    this.form.values.version = 'latest';
    this.versions = [];
    void this.loadVersions();
  }

  addResource(kind: ResourceKind): void {
    this.form.values.resources.push(emptyResource(kind));
  }

  removeResource(index: number): void {
    this.form.values.resources.splice(index, 1);
  }

  toggleVault(id: string, on: boolean): void {
    const ids = this.form.values.vaultIds.filter((v) => v !== id);
    this.form.values.vaultIds = on ? [...ids, id] : ids;
  }

  /** The first field that blocks Create, to move the focus to it. */
  firstError(): string | null {
    return firstErrorPath(this.form.errors, this.form.values);
  }

  /** Creates the session if nothing blocks it; null when nothing was created. */
  async create(): Promise<Session | null> {
    if (!this.form.attempt() || this.creating) return null;
    const request = newSessionRequest(this.#plain());
    this.creating = true;
    this.createError = null;
    try {
      return await call(commands.sessionCreate(request));
    } catch (e) {
      this.createError = toBackendError(e);
      return null;
    } finally {
      this.creating = false;
    }
  }

  /** Saves the request (tokens replaced by a placeholder) as a file where the person chooses. */
  async exportToFile(format: FileFormat): Promise<void> {
    const body = this.shownBody;
    if (!body) return;
    const text = format === 'json' ? `${JSON.stringify(body, null, 2)}\n` : stringify(body);
    try {
      const path = await call(commands.fileExport(`session-request.${format}`, text));
      if (path) this.fileNotice = { ok: true, text: `Exported to ${path}.` };
    } catch (e) {
      this.fileNotice = {
        ok: false,
        text: `Could not save the file: ${toBackendError(e).message}`,
      };
    }
  }
}
