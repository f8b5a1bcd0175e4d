// A session's resources after creation: what is mounted, mounting an uploaded file, removing a
// file or a repository, and giving a repository a new token. Memory stores are fixed when the
// session is created (the API has no id to remove them by), and that is said, not hidden.
import { call, commands } from '$lib/ipc/call';
import type { FileMetadata, SessionResource } from '$lib/ipc/bindings';
import { toBackendError, type BackendError } from '$lib/ipc/errors';
import { allPages } from '$lib/lists/allPages';

/** Why `path` cannot be a mount path, or null if it can (empty: the API's default). */
export function mountPathProblem(path: string): string | null {
  const trimmed = path.trim();
  if (trimmed === '') return null;
  if (!trimmed.startsWith('/'))
    return 'A mount path starts with /, e.g. /mnt/session/uploads/data.csv.';
  if (trimmed.split('/').includes('..')) return 'A mount path cannot contain "..".';
  return null;
}

/** A resource as the dialog shows it, whatever its type (unknown types included). */
export interface ResourceView {
  /** Null for memory stores: the API gives them no id, so they cannot be removed. */
  id: string | null;
  type: string;
  /** What a person recognises it by: the file's name, the repository URL, the store. */
  label: string;
  mountPath: string | null;
  access: string | null;
  updatedAt: string | null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

export function viewOf(resource: SessionResource, files: FileMetadata[]): ResourceView {
  const fields: Record<string, unknown> =
    typeof resource === 'object' && resource !== null && !Array.isArray(resource) ? resource : {};
  const type = text(fields.type) ?? 'unknown';
  const fileId = text(fields.file_id);
  const label =
    type === 'file'
      ? (files.find((f) => f.id === fileId)?.filename ?? fileId ?? 'file')
      : type === 'github_repository'
        ? (text(fields.url) ?? 'repository')
        : type === 'memory_store'
          ? (text(fields.name) ?? text(fields.memory_store_id) ?? 'memory store')
          : type;
  return {
    id: text(fields.id),
    type,
    label,
    mountPath: text(fields.mount_path),
    access: text(fields.access),
    updatedAt: text(fields.updated_at),
  };
}

export class SessionResources {
  readonly sessionId: string;
  items = $state<SessionResource[]>([]);
  /** The uploaded files one can mount. */
  files = $state<FileMetadata[]>([]);
  loading = $state(true);
  error = $state<{ title: string; error: BackendError } | null>(null);
  notice = $state<string | null>(null);
  // The add form: kept on a refusal, so nothing typed is lost.
  fileId = $state('');
  mountPath = $state('');
  adding = $state(false);
  /** The resource being removed (after its confirmation), or rotated. */
  busy = $state<string | null>(null);
  confirmingRemove = $state<SessionResource | null>(null);
  /** The resource whose new token is being typed, and the token (cleared once sent). */
  rotating = $state<string | null>(null);
  token = $state('');

  constructor(sessionId: string) {
    this.sessionId = sessionId;
  }

  get mountProblem(): string | null {
    return mountPathProblem(this.mountPath);
  }

  async load(): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      const [items, files] = await Promise.all([
        allPages((page) => call(commands.sessionResourcesList(this.sessionId, page))),
        allPages((page) =>
          call(commands.filesList({ limit: 1000, page, ids: [], scope_id: null })),
        ),
      ]);
      this.items = items;
      this.files = files;
    } catch (e) {
      this.error = { title: 'The resources could not be read', error: toBackendError(e) };
    } finally {
      this.loading = false;
    }
  }

  async add(): Promise<void> {
    if (this.fileId === '' || this.mountProblem !== null || this.adding) return;
    this.adding = true;
    this.error = null;
    try {
      const mount = this.mountPath.trim();
      const added = await call(
        commands.sessionResourceAdd(this.sessionId, this.fileId, mount === '' ? null : mount),
      );
      this.items.push(added);
      const view = viewOf(added, this.files);
      this.notice = `Mounted ${view.label} at ${view.mountPath ?? 'its default path'}.`;
      // The file stays chosen: WebKit fires no change event when a person picks again the
      // option a script had moved the select away from, so a reset choice would look picked
      // but stay empty.
      this.mountPath = '';
    } catch (e) {
      this.error = { title: 'The file was not mounted', error: toBackendError(e) };
    } finally {
      this.adding = false;
    }
  }

  async remove(): Promise<void> {
    const resource = this.confirmingRemove;
    const view = resource === null ? null : viewOf(resource, this.files);
    this.confirmingRemove = null;
    const id = view?.id ?? null;
    if (view === null || id === null) return;
    this.busy = id;
    this.error = null;
    try {
      await call(commands.sessionResourceDelete(this.sessionId, id));
      this.items = this.items.filter((r) => viewOf(r, this.files).id !== id);
      this.notice = `Removed ${view.label}.`;
    } catch (e) {
      this.error = { title: 'The resource was not removed', error: toBackendError(e) };
    } finally {
      this.busy = null;
    }
  }

  startRotation(id: string): void {
    this.rotating = id;
    this.token = '';
  }

  async rotate(): Promise<void> {
    const id = this.rotating;
    if (id === null || this.token.trim() === '') return;
    this.busy = id;
    this.error = null;
    try {
      await call(commands.sessionResourceRotateToken(this.sessionId, id, this.token));
      this.notice = 'The repository has its new token.';
      this.rotating = null;
    } catch (e) {
      this.error = { title: 'The token was not changed', error: toBackendError(e) };
    } finally {
      // Never kept: a failed rotation is typed again rather than held in memory.
      this.token = '';
      this.busy = null;
    }
  }
}
