import { describe, expect, it } from 'vitest';
import { PagedList, type PageOf } from './pagedList.svelte';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('PagedList', () => {
  it('appends pages until the cursor runs out, treating an empty cursor as the end', async () => {
    const pages: Record<string, PageOf<number>> = {
      first: { data: [1, 2], next_page: 'b' },
      b: { data: [3], next_page: '' },
    };
    const list = new PagedList<number>((page) => Promise.resolve(pages[page ?? 'first']!));
    await list.reload();
    expect(list.hasMore).toBe(true);
    await list.loadMore();
    expect(list.items).toEqual([1, 2, 3]);
    expect(list.hasMore).toBe(false);
    await list.loadMore();
    expect(list.items).toEqual([1, 2, 3]);
  });

  it('drops the answer to a request made before a reload', async () => {
    const slow = deferred<PageOf<string>>();
    let calls = 0;
    const list = new PagedList<string>((_page, archived) =>
      calls++ === 0 ? slow.promise : Promise.resolve({ data: [archived ? 'all' : 'live'] }),
    );
    const first = list.reload();
    await list.setIncludeArchived(true);
    slow.resolve({ data: ['stale'], next_page: null });
    await first;
    expect(list.items).toEqual(['all']);
  });

  it('keeps the error for a Retry, which repeats the failed request', async () => {
    let fail = true;
    const list = new PagedList<number>(() =>
      fail ? Promise.reject(new Error('offline')) : Promise.resolve({ data: [7] }),
    );
    await list.reload();
    expect(list.error?.message).toBe('offline');
    expect(list.pending).toBe(true);
    fail = false;
    await list.retry();
    expect(list.items).toEqual([7]);
    expect(list.error).toBeNull();
  });

  it('keeps the items no page could decode, across pages, until a reload', async () => {
    const odd = { index: 0, error: 'missing field `id`', raw: { name: 'x' } };
    let call = 0;
    const list = new PagedList<string>(() =>
      Promise.resolve(
        call++ < 2
          ? { data: ['a'], undecoded: [odd], next_page: 'n' }
          : { data: ['b'], next_page: null },
      ),
    );
    await list.reload();
    await list.loadMore();
    expect(list.items).toEqual(['a', 'a']);
    expect(list.undecoded).toEqual([odd, odd]);
    await list.reload();
    expect(list.undecoded).toEqual([]);
    expect(list.items).toEqual(['b']);
  });
});
