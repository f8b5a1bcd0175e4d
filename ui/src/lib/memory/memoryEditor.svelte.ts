// One memory: create it, or read, edit, rename and delete it, with its versions. A save carries
// the content's SHA-256 as read, so a change made elsewhere meanwhile (by an agent, say) is
// caught: the person then reloads (what they typed is kept aside) or overwrites.
import { call, commands } from '$lib/ipc/call';
import { toBackendError, type BackendError } from '$lib/ipc/errors';
import type { Memory, MemoryStore, MemoryVersion } from '$lib/ipc/bindings';
import { FormState } from '$lib/forms/formState.svelte';
import { validateMemoryForm, type MemoryFormState } from './memoryForm';

/** What a version says about its content, read from the fields the crate keeps unknown. */
export function versionContent(version: MemoryVersion): string | null {
  const content = version['content'];
  return typeof content === 'string' ? content : null;
}

export function versionRedacted(version: MemoryVersion): boolean {
  const at = version['redacted_at'];
  return typeof at === 'string' && at !== '';
}

export class MemoryEditor {
  readonly store: MemoryStore;
  stored = $state<Memory | null>(null);
  readonly form: FormState<MemoryFormState>;
  loading = $state(false);
  saving = $state(false);
  error = $state<{ title: string; error: BackendError } | null>(null);
  /** The save was refused because the memory changed since it was read. */
  conflict = $state(false);
  /** What the person had typed when they chose Reload, kept to copy from. */
  kept = $state<string | null>(null);
  versions = $state<MemoryVersion[]>([]);
  versionsError = $state<string | null>(null);
  /** The two versions compared, by id: older first. */
  compare = $state<[string, string] | null>(null);
  working = $state<string | null>(null);

  /** The body Save would send now (View JSON, Copy as curl), or null while a field is wrong. */
  readonly body = $derived.by(() => {
    if (!this.form.valid) return null;
    const values = $state.snapshot<MemoryFormState>(this.form.values);
    return this.#request(values, false);
  });

  #request(values: MemoryFormState, overwrite: boolean) {
    const stored = this.stored;
    if (!stored) return { path: values.path.trim(), content: values.content };
    return {
      content: values.content,
      ...(values.path.trim() !== stored.path ? { path: values.path.trim() } : {}),
      ...(overwrite
        ? {}
        : { precondition: { type: 'content_sha256', content_sha256: stored.content_sha256 } }),
    };
  }

  constructor(store: MemoryStore, stored: Memory | null) {
    this.store = store;
    this.stored = stored;
    this.form = new FormState<MemoryFormState>(
      { path: stored?.path ?? '', content: stored?.content ?? '' },
      validateMemoryForm,
    );
  }

  get isNew(): boolean {
    return this.stored === null;
  }

  /** Reads the memory with its content, and its versions. */
  async load(): Promise<void> {
    const id = this.stored?.id;
    if (!id) return;
    this.loading = true;
    try {
      const memory = await call(commands.memoryGet(this.store.id, id));
      this.#show(memory);
    } catch (e) {
      this.error = { title: 'The memory could not be read', error: toBackendError(e) };
    } finally {
      this.loading = false;
    }
    await this.loadVersions();
  }

  #show(memory: Memory): void {
    this.stored = memory;
    this.form.reset({ path: memory.path, content: memory.content ?? '' });
    this.conflict = false;
  }

  async loadVersions(): Promise<void> {
    const id = this.stored?.id;
    if (!id) return;
    try {
      const page = await call(
        commands.memoryVersionsList(this.store.id, {
          memory_id: id,
          view: 'full',
          limit: 20,
        }),
      );
      this.versions = page.data;
      this.versionsError = null;
    } catch (e) {
      this.versionsError = toBackendError(e).message;
    }
  }

  /** Saves; `overwrite` drops the precondition after a conflict. True when saved. */
  async save(overwrite = false): Promise<boolean> {
    if (!this.form.attempt() || this.saving) return false;
    const values = $state.snapshot<MemoryFormState>(this.form.values);
    this.saving = true;
    this.error = null;
    try {
      const stored = this.stored;
      const memory = stored
        ? await call(
            commands.memoryUpdate(this.store.id, stored.id, this.#request(values, overwrite)),
          )
        : await call(
            commands.memoryCreate(this.store.id, {
              path: values.path.trim(),
              content: values.content,
            }),
          );
      this.#show(memory);
      this.kept = null;
      await this.loadVersions();
      return true;
    } catch (e) {
      const error = toBackendError(e);
      // A 409 is the precondition (changed elsewhere) unless a new path clashed with another
      // memory's; the API's message says which.
      const renamed = this.stored !== null && values.path.trim() !== this.stored.path;
      const changedElsewhere =
        error.code === 'Conflict' &&
        this.stored !== null &&
        (!renamed || /precondition|sha256/i.test(error.message));
      if (changedElsewhere) this.conflict = true;
      else this.error = { title: 'The memory was not saved', error };
      return false;
    } finally {
      this.saving = false;
    }
  }

  /** After a conflict: loads the memory as it is now, keeping what was typed aside. */
  async reload(): Promise<void> {
    this.kept = this.form.values.content;
    await this.load();
  }

  async delete(): Promise<boolean> {
    const stored = this.stored;
    if (!stored) return false;
    this.working = 'delete';
    try {
      await call(commands.memoryDelete(this.store.id, stored.id, stored.content_sha256));
      return true;
    } catch (e) {
      this.error = { title: 'The memory was not deleted', error: toBackendError(e) };
      return false;
    } finally {
      this.working = null;
    }
  }

  /** The version that is the memory's content now (it cannot be redacted). */
  get currentVersionId(): string | null {
    return this.stored?.memory_version_id ?? null;
  }

  async redact(version: MemoryVersion): Promise<void> {
    this.working = version.id;
    try {
      const redacted = await call(commands.memoryVersionRedact(this.store.id, version.id));
      this.versions = this.versions.map((v) => (v.id === redacted.id ? redacted : v));
    } catch (e) {
      this.error = { title: 'The version was not redacted', error: toBackendError(e) };
    } finally {
      this.working = null;
    }
  }
}
