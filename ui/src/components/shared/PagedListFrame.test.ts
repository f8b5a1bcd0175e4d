import { describe, expect, it } from 'vitest';
import { createRawSnippet } from 'svelte';
import { render, screen, within } from '@testing-library/svelte';
import { PagedList, type FetchPage } from '$lib/lists/pagedList.svelte';
import PagedListFrame from './PagedListFrame.svelte';

const row = createRawSnippet((item: () => string) => ({ render: () => `<li>${item()}</li>` }));
const empty = createRawSnippet(() => ({ render: () => '<p>Nothing yet</p>' }));

const HOSTILE = '<img src=x onerror="window.pwned=1">';

async function shown(pages: FetchPage<string>) {
  const list = new PagedList<string>(pages);
  await list.reload();
  render(PagedListFrame<string>, {
    list,
    label: 'Sessions',
    noun: 'session',
    items: list.items,
    row,
    empty,
  });
  return list;
}

describe('PagedListFrame', () => {
  it('shows an item that could not be read beside the ones that could, with its raw JSON as text', async () => {
    await shown(() =>
      Promise.resolve({
        data: ['first', 'third'],
        undecoded: [
          {
            index: 1,
            error: 'invalid type: floating point `1.8e20`, expected u64 at line 1 column 40',
            raw: { id: 'sesn_odd', title: HOSTILE, usage: { input_tokens: 1.8e20 } },
          },
        ],
      }),
    );
    const rows = within(screen.getByRole('list', { name: 'Sessions' })).getAllByRole('listitem');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent('first');
    expect(rows[1]).toHaveTextContent('third');
    expect(rows[2]).toHaveTextContent('This session could not be read');
    expect(rows[2]).toHaveTextContent('sesn_odd');
    expect(rows[2]).toHaveTextContent('expected u64');
    // The raw object is text: its markup is shown, never parsed.
    expect(rows[2]!.querySelector('pre')).toHaveTextContent('"title": "<img src=x');
    expect(rows[2]!.querySelector('img')).toBeNull();
    expect(screen.queryByText('Nothing yet')).toBeNull();
  });

  it('does not show the empty state when the only item could not be read', async () => {
    await shown(() =>
      Promise.resolve({
        data: [],
        undecoded: [{ index: 0, error: 'missing field `id`', raw: [1] }],
      }),
    );
    expect(screen.getByText('This session could not be read')).toBeInTheDocument();
    expect(screen.queryByText('Nothing yet')).toBeNull();
  });
});
