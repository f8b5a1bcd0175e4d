import { within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionController } from '$lib/conversation/sessionController.svelte';
import {
  initialState,
  type ConversationItem,
  type ConversationState,
  type ToolCallItem,
} from '$lib/conversation/state';
import { ipcError } from '$lib/testing/ipcError';
import { scriptedBackend, type ScriptedBackend } from '$lib/testing/scriptedBackend';
import { renderInSession, sessionControllerWith, WATCH_ID } from '$lib/testing/sessionController';
import ConversationItemView from './ConversationItemView.svelte';

const T0 = '2026-11-24T10:00:00.000Z';
const T1 = '2026-11-24T10:00:02.400Z';

// The session's commands, as the item rows send them through the controller.
let backend: ScriptedBackend;
beforeEach(() => {
  backend = scriptedBackend();
  backend.on('session_confirm_tool', () => []);
  backend.on('session_answer_custom_tool', () => []);
});

/** What was sent to allow or deny a call, in the order sent. */
const confirmations = () => backend.sent('session_confirm_tool');
const confirmation = (toolUseId: string, allow: boolean, reason: string | null) => ({
  sessionId: 'sesn_1',
  toolUseId,
  allow,
  reason,
});

/** Makes the next `times` calls of `cmd` fail with `error` (then they answer `[]`). */
function failNext(cmd: string, error: Parameters<typeof ipcError>[0], times = 1) {
  let left = times;
  backend.on(cmd, () => (left-- > 0 ? ipcError(error) : []));
}

function stateWith(extra: Partial<ConversationState> = {}): ConversationState {
  return { ...initialState(), ...extra };
}

function show(item: ConversationItem, state = stateWith()) {
  const controller: SessionController = sessionControllerWith(state);
  const result = renderInSession(controller, ConversationItemView, { item });
  const row = result.container.querySelector<HTMLElement>(`[data-item-id="${item.id}"]`);
  if (!row) throw new Error('no row');
  return {
    ...result,
    /** Shows the row with a changed item, as a new batch would. */
    rerender: ({ item }: { item: ConversationItem }) => result.rerender({ viewProps: { item } }),
    row,
    controller,
    view: within(row),
  };
}

function tool(over: Partial<ToolCallItem> = {}): ToolCallItem {
  return {
    kind: 'tool',
    id: 'tu_1',
    tool: 'builtin',
    name: 'bash',
    serverName: null,
    input: { command: 'ls -la' },
    permission: null,
    status: 'running',
    awaiting: null,
    confirmation: null,
    result: null,
    threadId: null,
    startedAt: T0,
    endedAt: null,
    ...over,
  };
}

function done(text: string, isError = false): Partial<ToolCallItem> {
  return {
    status: isError ? 'error' : 'done',
    result: {
      eventId: 'tr_1',
      content: [{ type: 'text', text }],
      isError,
      processedAt: T1,
    },
    endedAt: T1,
  };
}

const awaitingApproval = tool({ status: 'pending', permission: 'ask', awaiting: 'confirmation' });

describe('messages', () => {
  it('shows a user message as plain text with its newlines, and "Sending…" until processed', () => {
    const item: ConversationItem = {
      kind: 'user',
      id: 'u1',
      content: [
        { type: 'text', text: 'line one\nline two' },
        { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AA==' } },
      ],
      processedAt: null,
    };
    const { row, view, rerender } = show(item);
    expect(row.dataset.kind).toBe('user');
    expect(view.getByText(/line one\s+line two/).textContent).toBe('line one\nline two');
    expect(view.getByText('Image (image/png)')).toBeInTheDocument();
    expect(view.getByText('Sending…')).toBeInTheDocument();
    void rerender({ item: { ...item, processedAt: T0 } });
    return vi.waitFor(() => expect(view.queryByText('Sending…')).toBeNull());
  });

  it('shows the agent typing, then a cut reply as cut off', async () => {
    const item: ConversationItem = {
      kind: 'agent',
      id: 'a1',
      content: [{ type: 'text', text: 'Half a' }],
      phase: 'typing',
      processedAt: null,
      threadId: null,
    };
    const { view, rerender } = show(item);
    expect(view.getByText('Half a')).toBeInTheDocument();
    expect(view.getByRole('status', { name: 'Agent is typing' })).toBeInTheDocument();
    await rerender({ item: { ...item, phase: 'cut' } });
    expect(view.getByText('Reply cut off')).toBeInTheDocument();
    expect(view.queryByRole('status', { name: 'Agent is typing' })).toBeNull();
  });

  it('names the subagent of a thread message, but not the primary agent', () => {
    const state = stateWith({
      threads: {
        sthr_p: {
          id: 'sthr_p',
          agentName: 'Lead',
          status: null,
          stopReason: null,
          workflowRunId: null,
          primary: true,
        },
        sthr_c: {
          id: 'sthr_c',
          agentName: 'Researcher',
          status: null,
          stopReason: null,
          workflowRunId: null,
          primary: false,
        },
      },
    });
    const reply = (id: string, threadId: string): ConversationItem => ({
      kind: 'agent',
      id,
      content: [{ type: 'text', text: 'Found it.' }],
      phase: 'final',
      processedAt: T0,
      threadId,
    });
    expect(show(reply('a1', 'sthr_c'), state).view.getByText('Researcher')).toBeInTheDocument();
    expect(show(reply('a2', 'sthr_p'), state).view.queryByText('Lead')).toBeNull();
  });

  it('shows thinking while typing and "Thought" when done', async () => {
    const item: ConversationItem = {
      kind: 'thinking',
      id: 'th1',
      phase: 'typing',
      processedAt: null,
    };
    const { view, rerender } = show(item);
    expect(view.getByText('Thinking…')).toBeInTheDocument();
    await rerender({ item: { ...item, phase: 'final' } });
    expect(view.getByText('Thought')).toBeInTheDocument();
  });

  it('shows a finished thought as plain text, with nothing to expand', () => {
    // agent.thinking carries no text: a control to open it would open nothing.
    const { row, view } = show({ kind: 'thinking', id: 'th2', phase: 'final', processedAt: T0 });
    expect(view.getByText('Thought')).toBeInTheDocument();
    expect(view.queryByRole('button')).toBeNull();
    expect(row.querySelector('[aria-expanded], details, summary')).toBeNull();
  });

  it('shows thread messages with their direction and the other agent', () => {
    const sent = show({
      kind: 'thread_message',
      id: 'tm1',
      direction: 'sent',
      threadId: 'sthr_c',
      agentName: 'Researcher',
      content: [{ type: 'text', text: 'Look this up' }],
      processedAt: T0,
    });
    expect(sent.view.getByText(/to Researcher/)).toBeInTheDocument();
    expect(sent.view.getByText('Look this up')).toBeInTheDocument();
    const received = show({
      kind: 'thread_message',
      id: 'tm2',
      direction: 'received',
      threadId: 'sthr_c',
      agentName: 'Researcher',
      content: [{ type: 'text', text: 'Done' }],
      processedAt: T0,
    });
    expect(received.view.getByText(/from Researcher/)).toBeInTheDocument();
  });
});

describe('model requests', () => {
  it('shows the duration and the tokens on demand', async () => {
    const user = userEvent.setup();
    const { view } = show({
      kind: 'model_request',
      id: 'mr1',
      startedAt: T0,
      endedAt: T1,
      usage: {
        input_tokens: 1200,
        output_tokens: 80,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 3000,
      },
      isError: false,
    });
    expect(view.getByText('Model request')).toBeInTheDocument();
    expect(view.getByText('2.4 s')).toBeInTheDocument();
    expect(view.queryByText('1,200')).toBeNull();
    await user.click(view.getByRole('button', { name: 'Tokens' }));
    expect(view.getByText('Input').nextElementSibling).toHaveTextContent('1,200');
    expect(view.getByText('Cache read').nextElementSibling).toHaveTextContent('3,000');
  });

  it('says "running" while the request has no end, and marks a failure', () => {
    const running = show({
      kind: 'model_request',
      id: 'mr2',
      startedAt: T0,
      endedAt: null,
      usage: null,
      isError: false,
    });
    expect(running.view.getByText(/running/)).toBeInTheDocument();
    const failed = show({
      kind: 'model_request',
      id: 'mr3',
      startedAt: T0,
      endedAt: T1,
      usage: null,
      isError: true,
    });
    expect(failed.view.getByText(/failed/)).toBeInTheDocument();
  });
});

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
        sthr_c: {
          id: 'sthr_c',
          agentName: 'Researcher',
          status: null,
          stopReason: null,
          workflowRunId: null,
          primary: false,
        },
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

  it('shows a base64 image through a blob: URL, revoked when the row goes', () => {
    const { row, unmount } = show(
      tool({
        status: 'error',
        result: {
          eventId: 'tr',
          content: [
            {
              type: 'image',
              source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' },
            },
          ],
          isError: true,
          processedAt: T1,
        },
      }),
    );
    const img = row.querySelector('img');
    expect(img?.getAttribute('src')).toBe('blob:test/0');
    unmount();
    expect(revoke).toHaveBeenCalledWith('blob:test/0');
  });

  it('does not decode an inline image of a type other than a raster image', () => {
    const { row, view } = show(
      tool({
        status: 'error',
        result: {
          eventId: 'tr',
          content: [
            {
              type: 'image',
              source: { type: 'base64', media_type: 'image/svg+xml', data: 'PHN2Zy8+' },
            },
          ],
          isError: true,
          processedAt: T1,
        },
      }),
    );
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

describe('approvals', () => {
  it('allows with confirm(id, true, null) and waits for the stream', async () => {
    const user = userEvent.setup();
    const { row, view } = show(awaitingApproval);
    expect(row.dataset.toolStatus).toBe('pending');
    expect(view.getByText('Awaiting approval')).toBeInTheDocument();
    await user.click(view.getByRole('button', { name: 'Allow' }));
    expect(confirmations()).toEqual([confirmation('tu_1', true, null)]);
    expect(await view.findByText(/waiting for the session/)).toBeInTheDocument();
    expect(row.dataset.toolStatus).toBe('pending');
  });

  it('keeps the card open and the decided row as tall as the bar was once allowed', async () => {
    // jsdom lays nothing out: the bar says it is 64px tall, as it might be in the window.
    const height = vi
      .spyOn(HTMLElement.prototype, 'offsetHeight', 'get')
      .mockImplementation(function (this: HTMLElement) {
        return this.dataset.testid === 'approval' ? 64 : 0;
      });
    const user = userEvent.setup();
    const { view, rerender } = show(awaitingApproval);
    await user.click(view.getByRole('button', { name: 'Allow' }));
    await view.findByText(/waiting for the session/);
    // The session's echo: the call runs and waits for nobody.
    await rerender({
      item: {
        ...awaitingApproval,
        status: 'running',
        awaiting: null,
        confirmation: { eventId: 'c1', result: 'allow', denyMessage: null },
      },
    });
    const bar = view.getByTestId('approval');
    expect(bar).toHaveTextContent('You allowed this call.');
    expect(bar.style.minHeight).toBe('64px');
    expect(view.getByRole('button', { expanded: true })).toHaveTextContent('bash');
    expect(view.queryByRole('button', { name: 'Allow' })).toBeNull();
    height.mockRestore();
  });

  it('denies with the reason typed', async () => {
    const user = userEvent.setup();
    const { view } = show(awaitingApproval);
    await user.click(view.getByRole('button', { name: 'Deny' }));
    const reason = view.getByLabelText('Reason (optional, shown to the agent)');
    expect(reason).toHaveFocus();
    await user.type(reason, 'Use the staging branch');
    await user.click(view.getByRole('button', { name: 'Deny' }));
    expect(confirmations()).toEqual([confirmation('tu_1', false, 'Use the staging branch')]);
  });

  it('sends a denial with Enter, and with no reason as null', async () => {
    const user = userEvent.setup();
    const { view } = show(awaitingApproval);
    await user.click(view.getByRole('button', { name: 'Deny' }));
    await user.keyboard('{Enter}');
    expect(confirmations()).toEqual([confirmation('tu_1', false, null)]);
  });

  it('answers the keys a and d when the card has focus', async () => {
    const user = userEvent.setup();
    const first = show(awaitingApproval);
    first.view.getByRole('article', { name: 'Tool call bash' }).focus();
    await user.keyboard('a');
    expect(confirmations()).toEqual([confirmation('tu_1', true, null)]);
    first.unmount();

    const second = show(awaitingApproval);
    second.view.getByRole('article', { name: 'Tool call bash' }).focus();
    await user.keyboard('d');
    const reason = second.view.getByLabelText('Reason (optional, shown to the agent)');
    expect(reason).toHaveFocus();
    await user.keyboard('ad{Enter}');
    // The second card sent one denial, with 'ad' as its reason: the keys typed in the field
    // went into the reason, not to Allow.
    expect(confirmations()).toEqual([
      confirmation('tu_1', true, null),
      confirmation('tu_1', false, 'ad'),
    ]);
  });

  it('shows a failed confirmation, keeps the reason, and lets the person retry', async () => {
    const user = userEvent.setup();
    failNext('session_confirm_tool', { code: 'Network', message: 'The API could not be reached' });
    const { view } = show(awaitingApproval, stateWith());
    await user.click(view.getByRole('button', { name: 'Deny' }));
    await user.type(view.getByLabelText('Reason (optional, shown to the agent)'), 'Too risky');
    await user.click(view.getByRole('button', { name: 'Deny' }));
    expect(await view.findByRole('alert')).toHaveTextContent('The API could not be reached');
    expect(view.getByLabelText('Reason (optional, shown to the agent)')).toHaveValue('Too risky');
    expect(view.getByRole('button', { name: 'Deny' })).toBeEnabled();
    await user.click(view.getByRole('button', { name: 'Deny' }));
    expect(confirmations().at(-1)).toEqual(confirmation('tu_1', false, 'Too risky'));
    expect(await view.findByText(/waiting for the session/)).toBeInTheDocument();
  });

  it('disables the buttons while sending', async () => {
    const user = userEvent.setup();
    backend.on('session_confirm_tool', () => new Promise(() => {}));
    const { view } = show(awaitingApproval, stateWith());
    await user.click(view.getByRole('button', { name: 'Allow' }));
    expect(view.getByRole('button', { name: 'Allow' })).toBeDisabled();
    expect(view.getByRole('button', { name: 'Deny' })).toBeDisabled();
  });
});

describe('custom tools', () => {
  const custom = tool({
    tool: 'custom',
    name: 'lookup_order',
    input: { order_id: 'A-17' },
    status: 'pending',
    awaiting: 'result',
  });

  it('shows the input and sends the typed result', async () => {
    const user = userEvent.setup();
    const { view } = show(custom);
    expect(view.getByText('Custom')).toBeInTheDocument();
    expect(view.getByText(/"order_id": "A-17"/)).toBeInTheDocument();
    await user.type(view.getByLabelText('Result'), 'Shipped');
    await user.click(view.getByRole('button', { name: 'Send result' }));
    expect(backend.sent('session_answer_custom_tool')).toEqual([
      { sessionId: 'sesn_1', customToolUseId: 'tu_1', text: 'Shipped', isError: false },
    ]);
    expect(await view.findByText(/waiting for the session/)).toBeInTheDocument();
  });

  it('sends as an error, and keeps the text when sending fails', async () => {
    const user = userEvent.setup();
    failNext('session_answer_custom_tool', {
      code: 'Internal',
      message: 'Session is busy',
      status: 409,
    });
    const { view } = show(custom, stateWith());
    await user.type(view.getByLabelText('Result'), 'Order not found');
    await user.click(view.getByRole('button', { name: 'Send as error' }));
    expect(backend.sent('session_answer_custom_tool')).toEqual([
      { sessionId: 'sesn_1', customToolUseId: 'tu_1', text: 'Order not found', isError: true },
    ]);
    expect(await view.findByRole('alert')).toHaveTextContent('Session is busy');
    expect(view.getByLabelText('Result')).toHaveValue('Order not found');
  });
});

describe('other rows', () => {
  it('shows an orphan result as text', () => {
    const { view } = show({
      kind: 'tool_result',
      id: 'r9',
      toolUseId: 'tu_gone',
      content: [{ type: 'text', text: '<b>raw</b>' }],
      isError: false,
    });
    expect(view.getByText(/tool call not shown/)).toBeInTheDocument();
    expect(view.getByText('<b>raw</b>')).toBeInTheDocument();
  });

  it('shows a session error with its retry status in words', () => {
    const { row, view } = show({
      kind: 'error',
      id: 'e1',
      error: {
        type: 'model_overloaded_error',
        message: 'Overloaded',
        retry_status: { type: 'retrying' },
      },
      processedAt: T0,
    });
    expect(row.dataset.kind).toBe('error');
    expect(view.getByText('Model overloaded')).toBeInTheDocument();
    expect(view.getByText('Overloaded')).toBeInTheDocument();
    expect(view.getByText('Retrying automatically')).toBeInTheDocument();
  });

  it('shows interrupts, compaction and system messages as separators', () => {
    expect(
      show({ kind: 'interrupt', id: 'i1', threadId: null, processedAt: T0 }).view.getByText(
        'Interrupted',
      ),
    ).toBeInTheDocument();
    expect(
      show({ kind: 'compacted', id: 'c1', processedAt: T0 }).view.getByText(
        'Earlier context was compacted',
      ),
    ).toBeInTheDocument();
    const system = show({
      kind: 'system',
      id: 's1',
      content: [{ type: 'text', text: 'Be brief.' }],
      processedAt: T0,
    });
    expect(system.row.dataset.kind).toBe('system');
    expect(system.view.getByText('Be brief.')).toBeInTheDocument();
  });
});
