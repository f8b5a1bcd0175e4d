// A create/edit form for one API resource (an agent, an environment): the form state, the exact
// request body it would send, and the save, import and export around it. A failed save keeps
// every value the user typed; only a successful one replaces them with what the API returned.
import { call, commands } from '$lib/ipc/call';
import { toBackendError, type BackendError } from '$lib/ipc/errors';
import {
  exportFileName,
  formatFromFileName,
  type FileFormat,
  type ImportResult,
} from '$lib/requests/importExport';
import type { FieldErrors } from './fieldErrors';
import { FormState } from './formState.svelte';

export interface EditorSpec<F, S extends { id: string }, Create, Update> {
  kind: 'agent' | 'environment';
  /** `agents` or `environments`: the API path segment. */
  collection: string;
  empty(): F;
  nameOf(form: F): string;
  fromStored(stored: S): F;
  validate(form: F): FieldErrors;
  warnings(form: F): FieldErrors;
  createBody(form: F): Create;
  updateBody(form: F, stored: S): Update;
  create(body: Create): Promise<S>;
  update(id: string, body: Update): Promise<S>;
  importText(text: string, format?: FileFormat): ImportResult<F>;
  exportText(form: F, format: FileFormat): string;
}

export class ResourceEditor<F, S extends { id: string }, Create, Update> {
  readonly form: FormState<F>;
  stored = $state<S | null>(null);
  saving = $state(false);
  saveError = $state<BackendError | null>(null);
  /** The outcome of the last import or export, for a line under the toolbar. */
  fileNotice = $state<{ ok: boolean; text: string } | null>(null);
  protected readonly spec: EditorSpec<F, S, Create, Update>;

  /** The body a save would send now, or null while the form is invalid (nothing is sent then). */
  readonly body: Create | Update | null = $derived.by(() => {
    if (!this.form.valid) return null;
    const values = this.#plain();
    return this.stored ? this.spec.updateBody(values, this.stored) : this.spec.createBody(values);
  });

  constructor(spec: EditorSpec<F, S, Create, Update>, stored: S | null) {
    this.spec = spec;
    this.stored = stored;
    this.form = new FormState(
      stored ? spec.fromStored(stored) : spec.empty(),
      (f) => spec.validate(f),
      (f) => spec.warnings(f),
    );
  }

  /** The values without the reactive proxies, for building bodies and files. */
  #plain(): F {
    const copy: unknown = $state.snapshot(this.form.values);
    return copy as F;
  }

  get isNew(): boolean {
    return this.stored === null;
  }

  /** The request path, for View JSON and Copy as curl. */
  get path(): string {
    const base = `/v1/${this.spec.collection}`;
    return this.stored ? `${base}/${this.stored.id}` : base;
  }

  /** Sends the form if it is valid; returns the saved resource, or null if nothing was saved. */
  async save(): Promise<S | null> {
    if (!this.form.attempt() || this.saving) return null;
    const values = this.#plain();
    this.saving = true;
    this.saveError = null;
    try {
      const saved = this.stored
        ? await this.spec.update(this.stored.id, this.spec.updateBody(values, this.stored))
        : await this.spec.create(this.spec.createBody(values));
      this.stored = saved;
      this.form.reset(this.spec.fromStored(saved));
      return saved;
    } catch (e) {
      this.saveError = toBackendError(e);
      return null;
    } finally {
      this.saving = false;
    }
  }

  /** Fills the form from a picked file; the values stay unsaved until the user saves. */
  importFile(file: { name: string; text: string }): void {
    const result = this.spec.importText(file.text, formatFromFileName(file.name) ?? undefined);
    if (!result.ok) {
      const where = result.error.line ? ` (line ${result.error.line})` : '';
      this.fileNotice = { ok: false, text: `${file.name}${where}: ${result.error.message}` };
      return;
    }
    this.form.replace(result.form);
    this.fileNotice = {
      ok: true,
      text:
        result.ignored.length > 0
          ? `Imported ${file.name}. Not used: ${result.ignored.join(', ')}.`
          : `Imported ${file.name}.`,
    };
  }

  /** Asks for a JSON or YAML file (native dialog) and fills the form from it. */
  async importFromFile(): Promise<void> {
    try {
      const file = await call(commands.fileImport());
      if (file) this.importFile(file);
    } catch (e) {
      this.fileNotice = {
        ok: false,
        text: `Could not open the file: ${toBackendError(e).message}`,
      };
    }
  }

  /** Saves the create body as a file where the person chooses; nothing while the form is invalid. */
  async exportToFile(format: FileFormat): Promise<void> {
    if (!this.form.attempt()) return;
    const values = this.#plain();
    const name = exportFileName(this.spec.nameOf(values), this.spec.kind, format);
    try {
      const path = await call(commands.fileExport(name, this.spec.exportText(values, format)));
      if (path) this.fileNotice = { ok: true, text: `Exported to ${path}.` };
    } catch (e) {
      this.fileNotice = {
        ok: false,
        text: `Could not save the file: ${toBackendError(e).message}`,
      };
    }
  }
}
