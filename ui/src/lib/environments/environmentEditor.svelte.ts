// The environment form as a controller. Environments are not versioned (no conflict check), can
// be archived and, unlike agents, deleted; self-hosted and archived ones are shown read-only.
import { call, commands } from '$lib/ipc/call';
import { toBackendError, type BackendError } from '$lib/ipc/errors';
import type {
  CreateEnvironmentRequest,
  Environment,
  UpdateEnvironmentRequest,
} from '$lib/ipc/bindings';
import { ResourceEditor, type EditorSpec } from '$lib/forms/editor.svelte';
import { exportEnvironment, importEnvironment } from '$lib/requests/importExport';
import {
  emptyEnvironmentForm,
  environmentFormFromEnvironment,
  environmentFormWarnings,
  environmentRequestFromForm,
  environmentUpdateFromForm,
  readOnlyReason,
  validateEnvironmentForm,
  type EnvironmentFormState,
} from './environmentForm';

export const environmentSpec: EditorSpec<
  EnvironmentFormState,
  Environment,
  CreateEnvironmentRequest,
  UpdateEnvironmentRequest
> = {
  kind: 'environment',
  collection: 'environments',
  empty: emptyEnvironmentForm,
  nameOf: (form) => form.name,
  fromStored: environmentFormFromEnvironment,
  validate: validateEnvironmentForm,
  warnings: environmentFormWarnings,
  createBody: environmentRequestFromForm,
  updateBody: environmentUpdateFromForm,
  create: (body) => call(commands.environmentCreate(body)),
  update: (id, body) => call(commands.environmentUpdate(id, body)),
  importText: importEnvironment,
  exportText: exportEnvironment,
};

export class EnvironmentEditor extends ResourceEditor<
  EnvironmentFormState,
  Environment,
  CreateEnvironmentRequest,
  UpdateEnvironmentRequest
> {
  busy = $state<'archive' | 'delete' | null>(null);
  actionError = $state<{ title: string; error: BackendError } | null>(null);

  constructor(stored: Environment | null) {
    super(environmentSpec, stored);
  }

  /** Why this environment cannot be edited here, or null. */
  get readOnlyReason(): string | null {
    return this.stored ? readOnlyReason(this.stored) : null;
  }

  archive(): Promise<Environment | null> {
    return this.#act('archive', 'The environment was not archived', (id) =>
      call(commands.environmentArchive(id)),
    );
  }

  /** Deletes for good; the API refuses while a session still uses the environment. */
  async delete(): Promise<boolean> {
    const done = await this.#act('delete', 'The environment was not deleted', (id) =>
      call(commands.environmentDelete(id)),
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
}
