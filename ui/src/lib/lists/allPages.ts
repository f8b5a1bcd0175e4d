// Every item of a list the API pages, for a choice list that must offer all of them (the New
// session dialog's agents, environments, vaults…), not only the first page.
import type { PageOf } from './pagedList.svelte';

/** A guard against a server whose cursor never ends: 100 pages of 100 is 10,000 items. */
export const MAX_PAGES = 100;

/** Follows `next_page` from the first page until there is none, and returns every item. */
export async function allPages<T>(
  fetchPage: (page: string | null) => Promise<PageOf<T>>,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let read = 0; read < MAX_PAGES; read++) {
    const page: PageOf<T> = await fetchPage(cursor);
    items.push(...page.data);
    const next = page.next_page ?? null;
    // An empty or repeated cursor would read the same page again.
    if (!next || next === cursor) break;
    cursor = next;
  }
  return items;
}
