// The Memory section: the paged list of stores, a store's memories as a tree of folders (with
// search by path prefix), a memory's page, and the form for a new store.
import { call, commands } from '$lib/ipc/call';
import { toBackendError, type BackendError } from '$lib/ipc/errors';
import type { Memory, MemoryListItem, MemoryStore } from '$lib/ipc/bindings';
import { FormState } from '$lib/forms/formState.svelte';
import { LeaveConfirm } from '$lib/forms/leave.svelte';
import { PagedList } from '$lib/lists/pagedList.svelte';
import { MemoryEditor } from './memoryEditor.svelte';
import { searchPrefix, validateStoreForm, type StoreFormState } from './memoryForm';

/** One store's memories under a folder, or those whose path starts with a search. */
export class StoreBrowser {
  readonly store: MemoryStore;
  folder = $state('/');
  search = $state('');
  readonly items: PagedList<MemoryListItem>;
  busy = $state<'archive' | 'delete' | null>(null);
  error = $state<{ title: string; error: BackendError } | null>(null);

  constructor(store: MemoryStore) {
    this.store = store;
    this.items = new PagedList<MemoryListItem>((page) => {
      const searching = this.search.trim() !== '';
      const prefix = searching ? searchPrefix(this.search).folder : this.folder;
      return call(
        commands.memoriesList(store.id, {
          path_prefix: prefix === '/' ? null : prefix,
          depth: searching ? 0 : 1,
          limit: 100,
          page,
        }),
      );
    });
  }

  /** The items shown: under a search, only memories whose path starts with it. */
  get shown(): MemoryListItem[] {
    const text = this.search.trim();
    if (text === '') return this.items.items;
    const query = text.startsWith('/') ? text : `/${text}`;
    return this.items.items.filter(
      (i) =>
        typeof i === 'object' &&
        i !== null &&
        'path' in i &&
        typeof i.path === 'string' &&
        i.path.startsWith(query),
    );
  }

  open(folder: string): void {
    this.folder = folder;
    this.search = '';
    void this.items.reload();
  }

  setSearch(text: string): void {
    this.search = text;
    void this.items.reload();
  }

  async act(kind: 'archive' | 'delete'): Promise<MemoryStore | 'deleted' | null> {
    this.busy = kind;
    this.error = null;
    try {
      if (kind === 'archive') return await call(commands.memoryStoreArchive(this.store.id));
      await call(commands.memoryStoreDelete(this.store.id));
      return 'deleted';
    } catch (e) {
      const title = kind === 'archive' ? 'The store was not archived' : 'The store was not deleted';
      this.error = { title, error: toBackendError(e) };
      return null;
    } finally {
      this.busy = null;
    }
  }
}

export type MemoryScreen =
  | { kind: 'list' }
  | { kind: 'new-store'; form: FormState<StoreFormState> }
  | { kind: 'store'; browser: StoreBrowser }
  | { kind: 'memory'; browser: StoreBrowser; editor: MemoryEditor };

const same = (a: MemoryStore, b: MemoryStore) => a.id === b.id;

export class MemoryStoresController {
  readonly list = new PagedList<MemoryStore>((page, includeArchived) =>
    call(commands.memoryStoresList({ page, limit: 20, include_archived: includeArchived })),
  );
  screen = $state<MemoryScreen>({ kind: 'list' });
  notice = $state<string | null>(null);
  saving = $state(false);
  saveError = $state<BackendError | null>(null);
  readonly leave = new LeaveConfirm();

  get unsaved(): boolean {
    const s = this.screen;
    if (s.kind === 'new-store') return s.form.dirty;
    return s.kind === 'memory' && s.editor.form.dirty;
  }

  back(): void {
    const s = this.screen;
    this.leave.request(this.unsaved, () => {
      if (s.kind === 'memory') {
        this.screen = { kind: 'store', browser: s.browser };
        void s.browser.items.reload();
      } else this.screen = { kind: 'list' };
    });
  }

  allowLeave(then: () => void): boolean {
    if (!this.unsaved) return true;
    this.leave.request(true, () => {
      this.screen = { kind: 'list' };
      then();
    });
    return false;
  }

  newStore(): void {
    this.notice = null;
    this.saveError = null;
    this.screen = {
      kind: 'new-store',
      form: new FormState<StoreFormState>({ name: '', description: '' }, validateStoreForm),
    };
  }

  async createStore(form: FormState<StoreFormState>): Promise<void> {
    if (!form.attempt() || this.saving) return;
    const values = $state.snapshot<StoreFormState>(form.values);
    this.saving = true;
    this.saveError = null;
    try {
      const description = values.description.trim();
      const store = await call(
        commands.memoryStoreCreate({
          name: values.name.trim(),
          ...(description !== '' ? { description } : {}),
        }),
      );
      this.list.upsert(store, same);
      form.reset(values);
      this.openStore(store);
    } catch (e) {
      this.saveError = toBackendError(e);
    } finally {
      this.saving = false;
    }
  }

  openStore(store: MemoryStore): void {
    this.notice = null;
    const browser = new StoreBrowser(store);
    void browser.items.reload();
    this.screen = { kind: 'store', browser };
  }

  async storeAction(browser: StoreBrowser, kind: 'archive' | 'delete'): Promise<void> {
    const done = await browser.act(kind);
    if (!done) return;
    if (done === 'deleted') this.list.remove((s) => s.id === browser.store.id);
    else if (this.list.includeArchived) this.list.upsert(done, same);
    else this.list.remove((s) => s.id === done.id);
    this.notice =
      done === 'deleted'
        ? `Deleted “${browser.store.name}” with its memories and versions.`
        : `Archived “${browser.store.name}”: it is read-only now.`;
    this.screen = { kind: 'list' };
  }

  openMemory(browser: StoreBrowser, memory: Memory | null): void {
    const editor = new MemoryEditor(browser.store, memory);
    if (memory) void editor.load();
    else if (browser.folder !== '/') editor.form.values.path = browser.folder;
    this.screen = { kind: 'memory', browser, editor };
  }

  async saveMemory(browser: StoreBrowser, editor: MemoryEditor, overwrite = false): Promise<void> {
    const wasNew = editor.isNew;
    if (!(await editor.save(overwrite))) return;
    if (wasNew) this.screen = { kind: 'memory', browser, editor };
  }

  async deleteMemory(browser: StoreBrowser, editor: MemoryEditor): Promise<void> {
    const path = editor.stored?.path ?? '';
    if (!(await editor.delete())) return;
    this.screen = { kind: 'store', browser };
    void browser.items.reload();
    this.notice = `Deleted ${path}.`;
  }
}
