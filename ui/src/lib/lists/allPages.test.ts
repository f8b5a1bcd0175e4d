import { describe, expect, it, vi } from 'vitest';
import { allPages, MAX_PAGES } from './allPages';

describe('allPages', () => {
  it('follows the cursor to the last page', async () => {
    const fetch = vi.fn((page: string | null) =>
      Promise.resolve(
        page === null
          ? { data: [1, 2], next_page: 'p2' }
          : page === 'p2'
            ? { data: [3, 4], next_page: 'p3' }
            : { data: [5], next_page: null },
      ),
    );
    expect(await allPages(fetch)).toEqual([1, 2, 3, 4, 5]);
    expect(fetch.mock.calls.map(([page]) => page)).toEqual([null, 'p2', 'p3']);
  });

  it('stops at an empty or repeated cursor, and after MAX_PAGES pages', async () => {
    expect(await allPages(() => Promise.resolve({ data: ['a'], next_page: '' }))).toEqual(['a']);
    const repeating = vi.fn(() => Promise.resolve({ data: ['x'], next_page: 'same' }));
    expect(await allPages(repeating)).toEqual(['x', 'x']);
    let n = 0;
    const endless = vi.fn(() => Promise.resolve({ data: [n], next_page: `p${++n}` }));
    expect(await allPages(endless)).toHaveLength(MAX_PAGES);
  });

  it('fails as the page read failed', async () => {
    const fetch = vi.fn((page: string | null) =>
      page === null
        ? Promise.resolve({ data: [1], next_page: 'p2' })
        : Promise.reject(new Error('offline')),
    );
    await expect(allPages(fetch)).rejects.toThrow('offline');
  });
});
