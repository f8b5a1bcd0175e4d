// A list the API pages with an opaque cursor: the first page on open, the next one when the
// user scrolls to the end. A reload (new filter, after a save) starts over, and an answer to a
// request made before the reload is dropped so it cannot mix old items into the new list.
import { toBackendError, type BackendError } from '$lib/ipc/errors';
import type { Undecoded } from '$lib/ipc/bindings';

export interface PageOf<T> {
  data: T[];
  /** Items this version could not read, kept raw by the backend so they are still shown. */
  undecoded?: Undecoded[];
  next_page?: string | null;
}

/** Fetches one page: `page` is null for the first one. */
export type FetchPage<T> = (page: string | null, includeArchived: boolean) => Promise<PageOf<T>>;

export class PagedList<T> {
  items = $state<T[]>([]);
  /** Items of the loaded pages that could not be read, in the order they came. */
  undecoded = $state<Undecoded[]>([]);
  includeArchived = $state(false);
  loading = $state(false);
  /** Set when the last request failed; `retry()` repeats it. */
  error = $state<BackendError | null>(null);
  /** False once a first page has arrived, so the empty state is not shown before it. */
  pending = $state(true);
  #next = $state<string | null>(null);
  #generation = 0;
  readonly #fetch: FetchPage<T>;

  constructor(fetch: FetchPage<T>) {
    this.#fetch = fetch;
  }

  get hasMore(): boolean {
    return this.#next !== null;
  }

  reload(): Promise<void> {
    this.#generation++;
    this.items = [];
    this.undecoded = [];
    this.#next = null;
    this.pending = true;
    return this.#load(null);
  }

  /** Loads the next page unless one is already coming or there is none. */
  loadMore(): Promise<void> {
    if (this.loading || this.#next === null || this.error) return Promise.resolve();
    return this.#load(this.#next);
  }

  retry(): Promise<void> {
    this.error = null;
    return this.pending ? this.reload() : this.#load(this.#next);
  }

  setIncludeArchived(value: boolean): Promise<void> {
    this.includeArchived = value;
    return this.reload();
  }

  /** Puts a saved item in place (or first, when new) without reloading every page. */
  upsert(item: T, same: (a: T, b: T) => boolean): void {
    const index = this.items.findIndex((i) => same(i, item));
    if (index === -1) this.items = [item, ...this.items];
    else this.items[index] = item;
  }

  remove(match: (item: T) => boolean): void {
    this.items = this.items.filter((i) => !match(i));
  }

  async #load(page: string | null): Promise<void> {
    const generation = this.#generation;
    this.loading = true;
    this.error = null;
    try {
      const result = await this.#fetch(page, this.includeArchived);
      if (generation !== this.#generation) return;
      this.items = [...this.items, ...result.data];
      if (result.undecoded?.length) this.undecoded = [...this.undecoded, ...result.undecoded];
      // The API may send an empty string for "no more".
      this.#next = result.next_page ? result.next_page : null;
      this.pending = false;
    } catch (e) {
      if (generation !== this.#generation) return;
      this.error = toBackendError(e);
    } finally {
      if (generation === this.#generation) this.loading = false;
    }
  }
}
