// The rows of the conversation: tool cards and the media in their results.
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WATCH_ID } from '$lib/testing/sessionController';
import {
  T0,
  T1,
  backend,
  done,
  show,
  stateWith,
  thread,
  tool,
  useItemBackend,
} from './itemRows.testkit';

useItemBackend();

describe('tool cards', () => {
  it('folds a successful call to one line with its command, and unfolds on demand', async () => {
    const user = userEvent.setup();
    const { row, view } = show(tool(done('total 0\nfile.txt')));
    expect(row.dataset.toolStatus).toBe('done');
    const toggle = view.getByRole('button', { expanded: false });
    expect(toggle).toHaveTextContent('bash');
    expect(toggle).toHaveTextContent('ls -la');
    expect(view.getByText('Built-in')).toBeInTheDocument();
    expect(view.getByText('Done')).toBeInTheDocument();
    expect(view.getByText('2.4 s')).toBeInTheDocument();
    expect(view.queryByText(/file\.txt/)).toBeNull();

    await user.click(toggle);
    expect(view.getByRole('button', { expanded: true })).toBeInTheDocument();
    expect(view.getByText('ls -la', { selector: 'pre' })).toHaveTextContent('$ ls -la');
    expect(view.getByText(/file\.txt/)).toBeInTheDocument();

    await user.click(view.getByRole('button', { expanded: true }));
    expect(view.queryByText(/file\.txt/)).toBeNull();
  });

  it('opens a failed call and marks its output as an error', () => {
    const { row, view } = show(tool(done('command not found', true)));
    expect(row.dataset.toolStatus).toBe('error');
    expect(view.getByRole('button', { expanded: true })).toBeInTheDocument();
    expect(view.getByText('command not found')).toBeInTheDocument();
    expect(view.getAllByText('Error').length).toBeGreaterThan(0);
  });

  it('collapses long output to its first lines', async () => {
    const user = userEvent.setup();
    const long = Array.from({ length: 60 }, (_, i) => `row ${i + 1}`).join('\n');
    const { view } = show(tool(done(long, true)));
    expect(view.getByText(/row 20$/m)).toBeInTheDocument();
    expect(view.queryByText(/row 60/)).toBeNull();
    await user.click(view.getByRole('button', { name: 'Show all 60 lines' }));
    expect(view.getByText(/row 60/)).toBeInTheDocument();
  });

  it('shows an edit as a diff of the file', async () => {
    const user = userEvent.setup();
    const { view } = show(
      tool({
        name: 'edit',
        input: { file_path: 'src/app.ts', old_string: 'const a = 1;', new_string: 'const a = 2;' },
        ...done('ok'),
      }),
    );
    await user.click(view.getByRole('button', { expanded: false }));
    expect(view.getByText('src/app.ts', { selector: 'code' })).toBeInTheDocument();
    expect(
      view.getByRole('table', { name: 'Differences between Before and After' }),
    ).toBeInTheDocument();
    expect(view.getByText('const a = 1;')).toBeInTheDocument();
    expect(view.getByText('const a = 2;')).toBeInTheDocument();
  });

  it('names the MCP server and the subagent of a cross-posted call', () => {
    const state = stateWith({
      threads: {
        sthr_c: thread('sthr_c', 'Researcher'),
      },
    });
    const { view } = show(
      tool({
        tool: 'mcp',
        name: 'create_issue',
        serverName: 'github',
        threadId: 'sthr_c',
        input: { title: 'x' },
      }),
      state,
    );
    expect(view.getByText('MCP · github')).toBeInTheDocument();
    expect(view.getByText('Researcher')).toBeInTheDocument();
    expect(view.getByText('Running')).toBeInTheDocument();
  });

  it('shows tool output with HTML in it as text, creating no element', async () => {
    const user = userEvent.setup();
    const html = '<img src=x onerror=alert(1)>';
    const { row, view } = show(tool({ input: { command: html }, ...done(html) }));
    await user.click(view.getByRole('button', { expanded: false }));
    // Once as the command, once as its output.
    expect(view.getAllByText(html)).toHaveLength(2);
    expect(row.querySelector('img')).toBeNull();
  });

  it('shows a fetch as its URL in text, opened only through openLink', async () => {
    const user = userEvent.setup();
    const url = 'https://example.com/page';
    const { row, view, controller } = show(
      tool({ name: 'web_fetch', input: { url }, status: 'pending', permission: 'ask' }),
    );
    expect(view.getByText(url)).toBeInTheDocument();
    expect(row.querySelector('a')).toBeNull();
    await user.click(view.getByRole('button', { name: 'Open link' }));
    expect(controller.link).toBe(url);
  });

  it('shows a read with its range and a write with its content', () => {
    const read = show(
      tool({
        name: 'read',
        input: { file_path: 'README.md', view_range: [1, 40] },
        status: 'pending',
      }),
    );
    expect(read.view.getByText('README.md')).toBeInTheDocument();
    expect(read.view.getByText('lines 1–40')).toBeInTheDocument();
    const write = show(
      tool({
        id: 'tu_2',
        name: 'write',
        input: { file_path: 'a.txt', content: 'hello\nworld' },
        status: 'pending',
      }),
    );
    expect(write.view.getByText('a.txt')).toBeInTheDocument();
    expect(write.view.getByText(/hello\s+world/)).toBeInTheDocument();
  });

  it('loads output the relay shortened when the person asks', async () => {
    const user = userEvent.setup();
    backend.on('session_event_full', () => ({
      type: 'agent.tool_result',
      id: 'tr_1',
      tool_use_id: 'tu_1',
      processed_at: T1,
      content: [{ type: 'text', text: 'the whole output' }],
    }));
    const { view } = show(tool(done('the whole…', true)), stateWith({ elided: ['tr_1'] }));
    await user.click(view.getByRole('button', { name: 'Load in full' }));
    expect(backend.sent('session_event_full')).toEqual([{ watchId: WATCH_ID, eventId: 'tr_1' }]);
    expect(await view.findByText('the whole output')).toBeInTheDocument();
  });

  it('shows a denied call with the reason given', async () => {
    const user = userEvent.setup();
    const { row, view } = show(
      tool({
        status: 'denied',
        confirmation: { eventId: 'c1', result: 'deny', denyMessage: 'Not on main' },
      }),
    );
    expect(row.dataset.toolStatus).toBe('denied');
    await user.click(view.getByRole('button', { expanded: false }));
    expect(view.getByText('Denied: Not on main')).toBeInTheDocument();
  });

  it('keeps a denied edit readable: its diff in full, and why it was denied', async () => {
    const user = userEvent.setup();
    const { row, view } = show(
      tool({
        name: 'edit',
        input: { file_path: 'src/app.ts', old_string: 'const a = 1;', new_string: 'const a = 2;' },
        status: 'denied',
        confirmation: { eventId: 'c1', result: 'deny', denyMessage: 'Keep a at 1' },
      }),
    );
    expect(row.dataset.toolStatus).toBe('denied');
    await user.click(view.getByRole('button', { expanded: false }));
    const diff = view.getByRole('table', { name: 'Differences between Before and After' });
    expect(diff).toHaveTextContent('const a = 1;');
    expect(diff).toHaveTextContent('const a = 2;');
    expect(view.getByText('Denied: Keep a at 1')).toBeInTheDocument();
  });

  it('shows a denial once, with no duration: the call never ran', () => {
    // As the session sends it: the denial, then a result that restates it.
    const { view } = show(
      tool({
        status: 'denied',
        permission: 'ask',
        confirmation: { eventId: 'c1', result: 'deny', denyMessage: 'Not on main' },
        result: {
          eventId: 'tr_1',
          content: [{ type: 'text', text: 'The user denied this tool call: Not on main' }],
          isError: true,
          processedAt: T1,
        },
        startedAt: T0,
        endedAt: T1,
      }),
    );
    expect(view.getByText('Denied: Not on main')).toBeInTheDocument();
    expect(view.getAllByText(/Not on main/)).toHaveLength(1);
    expect(view.queryByText('2.4 s')).toBeNull();
    expect(view.queryByText(/\d(\.\d)? (ms|s|min)\b/)).toBeNull();
  });

  it('shows no duration for a call that has not started (it waits to be allowed)', () => {
    const { view } = show(tool({ status: 'running', startedAt: null }));
    expect(view.getByText('Running')).toBeInTheDocument();
    expect(view.queryByText(/\d(\.\d)? (ms|s|min)\b/)).toBeNull();
  });
});

describe('tool results with media', () => {
  const original = { create: URL.createObjectURL.bind(URL), revoke: URL.revokeObjectURL.bind(URL) };
  const created: string[] = [];
  const revoke = vi.fn<(url: string) => void>();
  beforeEach(() => {
    created.length = 0;
    revoke.mockClear();
    URL.createObjectURL = vi.fn(() => {
      const url = `blob:test/${created.length}`;
      created.push(url);
      return url;
    });
    URL.revokeObjectURL = revoke;
  });
  afterEach(() => {
    URL.createObjectURL = original.create;
    URL.revokeObjectURL = original.revoke;
  });

  it('never loads an image from a URL: shows it as text with an Open link button', async () => {
    const user = userEvent.setup();
    const url = 'https://tracker.example.com/pixel.png';
    const { row, view, controller } = show(
      tool({
        status: 'error',
        result: {
          eventId: 'tr',
          content: [{ type: 'image', source: { type: 'url', url } }],
          isError: true,
          processedAt: T1,
        },
      }),
    );
    expect(row.querySelector('img')).toBeNull();
    expect(view.getByText(url)).toBeInTheDocument();
    await user.click(view.getByRole('button', { name: 'Open link' }));
    expect(controller.link).toBe(url);
  });

  /** A failed call whose result is one inline (base64) image. */
  const failedWithImage = (mediaType: string, data: string) =>
    tool({
      status: 'error',
      result: {
        eventId: 'tr',
        content: [{ type: 'image', source: { type: 'base64', media_type: mediaType, data } }],
        isError: true,
        processedAt: T1,
      },
    });

  it('shows a base64 image through a blob: URL, revoked when the row goes', () => {
    const { row, unmount } = show(failedWithImage('image/png', 'iVBORw0KGgo='));
    const img = row.querySelector('img');
    expect(img?.getAttribute('src')).toBe('blob:test/0');
    unmount();
    expect(revoke).toHaveBeenCalledWith('blob:test/0');
  });

  it('does not decode an inline image of a type other than a raster image', () => {
    const { row, view } = show(failedWithImage('image/svg+xml', 'PHN2Zy8+'));
    expect(row.querySelector('img')).toBeNull();
    expect(view.getByText(/Image not shown \(image\/svg\+xml/)).toBeInTheDocument();
    expect(created).toHaveLength(0);
  });

  it('shows documents and search results by title, URL as text, and their text', () => {
    const { row, view } = show(
      tool({
        status: 'error',
        result: {
          eventId: 'tr',
          content: [
            {
              type: 'document',
              title: 'Notes',
              source: { type: 'text', media_type: 'text/plain', data: 'Body text' },
            },
            {
              type: 'search_result',
              source: 'https://svelte.dev/docs',
              title: 'Svelte docs',
              content: [{ type: 'text', text: 'Runes are…' }],
            },
          ],
          isError: true,
          processedAt: T1,
        },
      }),
    );
    expect(view.getByText('Notes')).toBeInTheDocument();
    expect(view.getByText('text/plain')).toBeInTheDocument();
    expect(view.getByText('Body text')).toBeInTheDocument();
    expect(view.getByText('Svelte docs')).toBeInTheDocument();
    expect(view.getByText('https://svelte.dev/docs')).toBeInTheDocument();
    expect(view.getByText('Runes are…')).toBeInTheDocument();
    expect(row.querySelector('a')).toBeNull();
  });
});
