import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import type { Channel } from '@tauri-apps/api/core';
import type { RelayBatch, Session, SessionEvent } from '$lib/ipc/bindings';
import { addStyles } from '$lib/testing/componentStyles';
import { ipcError } from '$lib/testing/ipcError';
import { scriptedBackend, type ScriptedBackend } from '$lib/testing/scriptedBackend';
import SessionPage from './SessionPage.svelte';
import { installFakeLayout } from '$lib/testing/fakeLayout';

beforeAll(installFakeLayout);

const SESSION = {
  id: 'sesn_1',
  type: 'session',
  status: 'idle',
  environment_id: 'env_1',
  title: 'Fix the tests',
  agent: {
    id: 'agent_1',
    type: 'agent',
    version: 4,
    name: 'Fixer',
    model: { id: 'claude' },
    skills: [],
    tools: [
      {
        type: 'agent_toolset_20260401',
        default_config: { enabled: true, permission_policy: { type: 'always_allow' } },
        configs: [],
      },
      { type: 'mcp_toolset', mcp_server_name: 'github' },
    ],
    mcp_servers: [{ type: 'url', name: 'github', url: 'https://gh.example/mcp' }],
  },
  budget: { type: 'limit', max_list_cost: { amount: '1000', currency: 'USD' } },
  created_at: '2026-11-18T10:00:00Z',
  updated_at: '2026-11-18T10:00:00Z',
} as unknown as Session;

let backend: ScriptedBackend;
let channel: Channel<RelayBatch> | null;
let seq: number;

function push(events: SessionEvent[], extra: Partial<RelayBatch> = {}) {
  channel!.onmessage({
    seq: seq++,
    events,
    connection: { state: 'connected' },
    notices: [],
    elided: [],
    ...extra,
  });
}

let clock = 0;
const at = () => `2026-11-18T10:15:${String(clock++ % 60).padStart(2, '0')}.000Z`;
const ev = {
  user: (id: string, text: string): SessionEvent => ({
    type: 'user.message',
    id,
    processed_at: at(),
    content: [{ type: 'text', text }],
  }),
  running: (id: string): SessionEvent => ({
    type: 'session.status_running',
    id,
    processed_at: at(),
  }),
  idle: (id: string, eventIds?: string[]): SessionEvent => ({
    type: 'session.status_idle',
    id,
    processed_at: at(),
    stop_reason: eventIds ? { type: 'requires_action', event_ids: eventIds } : { type: 'end_turn' },
    stop_details: null,
  }),
  askBash: (id: string): SessionEvent => ({
    type: 'agent.tool_use',
    id,
    processed_at: at(),
    name: 'bash',
    input: { command: 'ls' },
    evaluated_permission: 'ask',
  }),
};

beforeEach(() => {
  seq = 0;
  channel = null;
  backend = scriptedBackend();
  backend.on('session_get', () => structuredClone(SESSION));
  backend.on('session_watch', (args) => {
    channel = args.channel as Channel<RelayBatch>;
    return 11;
  });
  backend.on('session_unwatch', () => true);
  backend.on('session_send_message', () => []);
  backend.on('session_interrupt', () => []);
  backend.on('environment_get', (args) => ({
    id: args.environmentId,
    type: 'environment',
    name: 'Python sandbox',
    config: { type: 'cloud' },
    created_at: '2026-11-18T10:00:00Z',
    updated_at: '2026-11-18T10:00:00Z',
  }));
});

async function open(sessionId = 'sesn_1') {
  const onback = vi.fn();
  const view = render(SessionPage, { sessionId, onback });
  await waitFor(() => expect(channel).not.toBeNull());
  await screen.findByRole('heading', { name: 'Fix the tests' });
  return { ...view, onback };
}

describe('SessionPage', () => {
  it('watches the session, shows its items and unwatches when left', async () => {
    const { unmount, onback } = await open();
    expect(backend.sent('session_watch')[0]).toMatchObject({ sessionId: 'sesn_1' });
    expect(screen.getByText(/Fixer · version 4/)).toBeInTheDocument();
    push([ev.user('u1', 'Hello there')]);
    const list = await screen.findByRole('region', { name: 'Conversation' });
    await waitFor(() =>
      expect(list.querySelector('[data-item-id="u1"][data-kind="user"]')).not.toBeNull(),
    );

    await userEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(onback).toHaveBeenCalled();
    unmount();
    expect(backend.sent('session_unwatch')).toEqual([{ watchId: 11 }]);
  });

  it("names the session's environment, with its id in the tooltip", async () => {
    await open();
    const environment = screen.getByTestId('environment');
    await waitFor(() => expect(environment).toHaveTextContent('Python sandbox'));
    expect(environment).toHaveAttribute('title', 'env_1');
    expect(backend.sent('environment_get')).toEqual([{ environmentId: 'env_1' }]);
  });

  it('shows the environment id when its name cannot be read', async () => {
    backend.on('environment_get', () => ipcError({ code: 'NotFound', message: 'gone' }));
    await open();
    await waitFor(() => expect(backend.sent('environment_get')).toHaveLength(1));
    const environment = screen.getByTestId('environment');
    expect(environment).toHaveTextContent('env_1');
    expect(environment).toHaveAttribute('title', 'env_1');
    expect(screen.queryByText('gone')).toBeNull();
  });

  it('keeps a long title to one line, the whole of it in the tooltip', async () => {
    const remove = addStyles('components/conversation/SessionPage.svelte');
    const long = 'Migrate the billing service to the new ledger API '.repeat(4).trim();
    backend.on('session_get', () => ({ ...structuredClone(SESSION), title: long }));
    render(SessionPage, { sessionId: 'sesn_1', onback: () => {} });
    const heading = await screen.findByRole('heading', { name: long });
    expect(heading).toHaveAttribute('title', long);
    expect(getComputedStyle(heading)).toMatchObject({
      whiteSpace: 'nowrap',
      overflow: 'hidden',
      textOverflow: 'ellipsis',
    });
    remove();
  });

  it("shows the session's own status while the feed has sent no status event", async () => {
    await open();
    push([]);
    await screen.findByText(/Send the first message/);
    expect(screen.getByTestId('session-status')).toHaveTextContent('Idle');
    expect(screen.getByTestId('connection')).toHaveTextContent('Live');
    // The feed's word wins once it says one.
    push([ev.user('u1', 'go'), ev.running('r1')]);
    await waitFor(() => expect(screen.getByTestId('session-status')).toHaveTextContent('Running'));
  });

  it('shows an empty state for a new session', async () => {
    await open();
    push([]);
    expect(await screen.findByText(/Send the first message/)).toBeInTheDocument();
  });

  it('says so when the session is archived while open (elsewhere, say)', async () => {
    await open();
    push([ev.user('u1', 'a')]);
    expect(screen.queryByText('This session is archived')).toBeNull();
    backend.on('session_get', () => ({ ...structuredClone(SESSION), archived_at: at() }));
    push([{ type: 'session.status_terminated', id: 't1', processed_at: at() }]);
    expect(await screen.findByText('This session is archived')).toBeInTheDocument();
    expect(screen.getByText(/it takes no new messages/)).toBeInTheDocument();
  });

  it('offers a reload after a gap and watches again from nothing', async () => {
    await open();
    push([ev.user('u1', 'a')]);
    seq = 5;
    push([ev.user('u2', 'b')]);
    const reload = await screen.findByRole('button', { name: 'Reload conversation' });
    await userEvent.click(reload);
    expect(backend.sent('session_unwatch')).toEqual([{ watchId: 11 }]);
    await waitFor(() => expect(backend.sent('session_watch')).toHaveLength(2));
    expect(screen.queryByRole('button', { name: 'Reload conversation' })).toBeNull();
  });

  it('shows a failed watch with Retry', async () => {
    backend.on('session_watch', () =>
      ipcError({ code: 'Network', message: 'No route to host', requestId: 'req_9' }),
    );
    render(SessionPage, { sessionId: 'sesn_1', onback: () => {} });
    const alert = await screen.findByText('No route to host');
    expect(alert).toBeInTheDocument();
    backend.on('session_watch', (args) => {
      channel = args.channel as Channel<RelayBatch>;
      return 12;
    });
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.queryByText('No route to host')).toBeNull());
  });

  it('shows the connection state, with a reconnect countdown', async () => {
    await open();
    push([], {
      connection: { state: 'reconnecting', attempt: 1, delay_ms: 3000, reason: 'stream closed' },
    });
    expect(await screen.findByTestId('connection')).toHaveTextContent(
      /Reconnecting in 3 s \(attempt 1\): stream closed/,
    );
  });
});

describe('composer', () => {
  it('sends on Enter and adds a line on Shift+Enter', async () => {
    await open();
    push([]);
    const box = screen.getByRole('textbox', { name: 'Message' });
    await userEvent.type(box, 'first line{Shift>}{Enter}{/Shift}second');
    expect(box).toHaveValue('first line\nsecond');
    expect(backend.sent('session_send_message')).toHaveLength(0);
    await userEvent.type(box, '{Enter}');
    await waitFor(() => expect(box).toHaveValue(''));
    expect(backend.sent('session_send_message')).toEqual([
      { sessionId: 'sesn_1', text: 'first line\nsecond' },
    ]);
  });

  it('keeps the text and shows the error when sending fails', async () => {
    backend.on('session_send_message', () =>
      ipcError({ code: 'InvalidInput', message: 'Session is archived', requestId: 'req_42' }),
    );
    await open();
    const box = screen.getByRole('textbox', { name: 'Message' });
    await userEvent.type(box, 'keep me{Enter}');
    expect(await screen.findByText('Session is archived')).toBeInTheDocument();
    expect(screen.getByTestId('request-id')).toHaveTextContent('req_42');
    expect(box).toHaveValue('keep me');
  });

  it('keeps a draft per session across leaving and coming back', async () => {
    const first = await open('sesn_draft');
    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'half written');
    first.unmount();
    channel = null;
    await open('sesn_draft');
    expect(screen.getByRole('textbox', { name: 'Message' })).toHaveValue('half written');
  });

  it('interrupts a running session with the button and with Esc, and says a message is queued', async () => {
    await open();
    push([ev.user('u1', 'go'), ev.running('r1')]);
    expect(await screen.findByText(/your message is queued/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Interrupt' }));
    await waitFor(() => expect(backend.sent('session_interrupt')).toHaveLength(1));
    screen.getByRole('textbox', { name: 'Message' }).focus();
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(backend.sent('session_interrupt')).toHaveLength(2));
    expect(backend.sent('session_interrupt')[0]).toEqual({ sessionId: 'sesn_1', threadId: null });
  });

  it('does not interrupt on Esc while idle', async () => {
    await open();
    push([ev.user('u1', 'go'), ev.running('r1'), ev.idle('i1')]);
    await screen.findByText('The agent finished its turn.');
    screen.getByRole('textbox', { name: 'Message' }).focus();
    await userEvent.keyboard('{Escape}');
    expect(backend.sent('session_interrupt')).toHaveLength(0);
  });
});

describe('pending tool calls', () => {
  it('counts calls that wait and moves focus to the first', async () => {
    await open();
    push([ev.user('u1', 'go'), ev.running('r1'), ev.askBash('t1'), ev.idle('i1', ['t1'])]);
    await waitFor(() =>
      expect(screen.getByTestId('session-status')).toHaveTextContent('Needs approval (1)'),
    );
    expect(screen.getByRole('group', { name: 'Session status' })).toHaveTextContent(
      'The agent waits for your answer to a tool call.',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Show first' }));
    await waitFor(() =>
      expect(document.activeElement?.closest('[data-item-id]')?.getAttribute('data-item-id')).toBe(
        't1',
      ),
    );
  });
});

describe('usage', () => {
  it('shows list cost against the budget, with a warning near the limit', async () => {
    await open();
    push([
      {
        type: 'session.usage',
        id: 'use1',
        processed_at: at(),
        usage: {
          input_tokens: 1200,
          output_tokens: 300,
          cache_read_input_tokens: 50,
          active_seconds: 75,
          list_cost: { amount: '850', currency: 'USD' },
        },
      },
    ]);
    await userEvent.click(screen.getByRole('button', { name: 'Usage' }));
    const panel = screen.getByRole('region', { name: 'Usage and cost' });
    expect(within(panel).getByText(/list price estimate/)).toBeInTheDocument();
    expect(within(panel).getByTestId('list-cost')).toHaveTextContent('8.50');
    expect(within(panel).getByTestId('budget')).toHaveTextContent(/8\.50.*of.*10\.00.*85%/);
    expect(within(panel).getByText(/Close to the budget/)).toBeInTheDocument();
    expect(within(panel).getByText('1 min 15 s')).toBeInTheDocument();
  });
});

describe('raw events', () => {
  it('filters by type, including a type the app does not know', async () => {
    await open();
    push([
      ev.user('u1', 'hi'),
      ev.running('r1'),
      { type: 'vendor.new_thing', id: 'x1', payload: '<b>not html</b>' },
    ]);
    // The tab counts the events it holds.
    await userEvent.click(await screen.findByRole('tab', { name: 'Events (3)' }));
    const select = screen.getByRole('combobox', { name: 'Type' });
    await userEvent.selectOptions(select, 'vendor.new_thing (1)');
    const list = screen.getByRole('region', { name: 'Raw events' });
    await waitFor(() => expect(list.querySelectorAll('[data-event-id]')).toHaveLength(1));
    expect(list.querySelector('[data-event-id="x1"]')).not.toBeNull();
    // JSON is text: the markup shows as characters, nothing is parsed.
    expect(list.querySelector('b')).toBeNull();
    expect(list).toHaveTextContent('<b>not html</b>');
  });

  it('loads the full version of an elided event', async () => {
    backend.on('session_event_full', () => ev.user('u1', 'the whole text'));
    await open();
    push([ev.user('u1', 'the who…')], { elided: ['u1'] });
    await userEvent.click(screen.getByRole('tab', { name: /Events/ }));
    await userEvent.click(await screen.findByRole('button', { name: 'Load full event' }));
    expect(await screen.findByText(/the whole text/)).toBeInTheDocument();
    expect(backend.sent('session_event_full')).toEqual([{ watchId: 11, eventId: 'u1' }]);
  });
});

describe('tool edits', () => {
  it('is disabled while running', async () => {
    await open();
    push([ev.user('u1', 'go'), ev.running('r1')]);
    await screen.findByText('Running');
    const button = screen.getByRole('button', { name: /Edit tools/ });
    expect(button).toBeDisabled();
    expect(button).toHaveAccessibleDescription(/only while the session is idle/);
  });

  it('sends the whole tool list with the changes, and keeps the dialog on a refusal', async () => {
    let refuse = true;
    backend.on('session_update', (args) => {
      if (refuse) return ipcError({ code: 'InvalidInput', message: 'Session is running' });
      return {
        ...structuredClone(SESSION),
        agent: { ...SESSION.agent, ...(args.request as { agent: object }).agent },
      };
    });
    await open();
    push([ev.user('u1', 'go'), ev.running('r1'), ev.idle('i1')]);
    await screen.findByText('The agent finished its turn.');
    await userEvent.click(screen.getByRole('button', { name: /Edit tools/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit tools for this session' });
    // Tools are replaced whole: the dialog starts from a fresh read of the session.
    expect(backend.sent('session_get')).toHaveLength(2);
    await userEvent.click(within(dialog).getByRole('checkbox', { name: 'bash on' }));
    await userEvent.selectOptions(
      within(dialog).getByRole('combobox', { name: 'read permission' }),
      'always_ask',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Remove github' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save tools' }));
    expect(await within(dialog).findByText('Session is running')).toBeInTheDocument();

    refuse = false;
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save tools' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const body = backend.sent('session_update')[1] as {
      sessionId: string;
      request: { agent: { tools: Record<string, unknown>[]; mcp_servers: unknown[] } };
    };
    expect(body.sessionId).toBe('sesn_1');
    expect(body.request.agent.mcp_servers).toEqual([]);
    expect(body.request.agent.tools).toHaveLength(1);
    expect(body.request.agent.tools[0]).toMatchObject({
      type: 'agent_toolset_20260401',
      configs: [
        { name: 'bash', enabled: false },
        { name: 'read', permission_policy: { type: 'always_ask' } },
      ],
    });
  });
});

describe('a session stopped at its budget', () => {
  const stopped = (): SessionEvent[] => [
    {
      type: 'session.usage',
      id: 'us1',
      processed_at: at(),
      usage: { list_cost: { amount: '1003', currency: 'USD' } },
    },
    {
      type: 'session.status_idle',
      id: 'i1',
      processed_at: at(),
      stop_reason: { type: 'budget_reached' },
      stop_details: null,
    },
  ];

  it('says so with the figures and raises the budget to the amount typed, keeping it on a refusal', async () => {
    await open();
    push(stopped());
    await screen.findByText('The session stopped at its budget');
    expect(screen.getByText(/spent \$10\.03 of its \$10\.00 limit/)).toBeInTheDocument();
    const input = screen.getByLabelText('New budget (US dollars)');
    expect(input).toHaveValue('20.00');
    const raise = screen.getByRole('button', { name: 'Raise and continue' });

    // Not more than was spent: said at once, nothing sent.
    await userEvent.clear(input);
    await userEvent.type(input, '10.03');
    await userEvent.click(raise);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /more than what the session has spent/,
    );
    expect(backend.sent('session_update')).toEqual([]);

    backend.on('session_update', () =>
      ipcError({
        code: 'InvalidInput',
        message: 'budget.max_list_cost must be greater',
        status: 400,
      }),
    );
    await userEvent.clear(input);
    await userEvent.type(input, '15');
    await userEvent.click(raise);
    await screen.findByText(/budget\.max_list_cost must be greater/);
    expect(input).toHaveValue('15');

    backend.on('session_update', (args) => ({
      ...structuredClone(SESSION),
      budget: (args.request as { budget: unknown }).budget,
    }));
    await userEvent.click(raise);
    await waitFor(() => expect(backend.sent('session_update')).toHaveLength(2));
    expect(backend.sent('session_update')[1]).toEqual({
      sessionId: 'sesn_1',
      request: { budget: { type: 'limit', max_list_cost: { amount: '1500', currency: 'USD' } } },
    });
    // The API resumes the session by itself: the notice goes once it runs.
    push([ev.running('r1')]);
    await waitFor(() =>
      expect(screen.queryByText('The session stopped at its budget')).not.toBeInTheDocument(),
    );
  });

  it('removes the budget only after saying it cannot be added back', async () => {
    backend.on('session_update', () => ({ ...structuredClone(SESSION), budget: null }));
    await open();
    push(stopped());
    await userEvent.click(await screen.findByRole('button', { name: 'Remove the budget…' }));
    expect(screen.getByText(/A budget cannot be added to it again/)).toBeInTheDocument();
    expect(backend.sent('session_update')).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Remove and continue' }));
    await waitFor(() =>
      expect(backend.sent('session_update')).toEqual([
        { sessionId: 'sesn_1', request: { budget: null } },
      ]),
    );
  });
});

describe('a long conversation', () => {
  it('mounts only a screenful of 10,000 items', async () => {
    await open();
    const events: SessionEvent[] = [];
    for (let i = 0; i < 10_000; i++) events.push(ev.user(`u${i}`, `message ${i}`));
    push(events);
    const list = await screen.findByRole('region', { name: 'Conversation' });
    // A 600px window shows a few dozen rows at most; without virtualization all 10,000 mount.
    await waitFor(() => expect(list.querySelectorAll('[data-item-id]').length).toBeGreaterThan(0));
    expect(list.querySelectorAll('[data-item-id]').length).toBeLessThan(100);
    // Follow mode: the view opened at the newest message.
    await waitFor(() => expect(list.querySelector('[data-item-id="u9999"]')).not.toBeNull());
    expect(list.querySelector('[data-item-id="u0"]')).toBeNull();
  });

  it('shows the newest rows while the history loads, and says the earlier ones are coming', async () => {
    await open();
    const events: SessionEvent[] = [];
    for (let i = 0; i < 10_000; i++) events.push(ev.user(`u${i}`, `message ${i}`));
    push([], { connection: null, tail: events.slice(-100) });
    const list = await screen.findByRole('region', { name: 'Conversation' });
    await waitFor(() => expect(list.querySelector('[data-item-id="u9999"]')).not.toBeNull());
    expect(screen.getByText(/the earlier ones are loading/)).toBeInTheDocument();
    push(events.slice(0, 5_000), { connection: null });
    push(events.slice(5_000));
    await waitFor(() =>
      expect(screen.queryByText(/the earlier ones are loading/)).not.toBeInTheDocument(),
    );
    // Still at the newest rows, now with the whole conversation above them.
    await waitFor(() => expect(list.querySelector('[data-item-id="u9999"]')).not.toBeNull());
  });

  it('follows new content at the bottom, and stops when scrolled up until Jump to latest', async () => {
    await open();
    const events: SessionEvent[] = [];
    for (let i = 0; i < 2_000; i++) events.push(ev.user(`u${i}`, `message ${i}`));
    push(events);
    const list = await screen.findByRole('region', { name: 'Conversation' });
    await waitFor(() => expect(list.querySelector('[data-item-id="u1999"]')).not.toBeNull());

    push([ev.user('u2000', 'newest')]);
    await waitFor(() => expect(list.querySelector('[data-item-id="u2000"]')).not.toBeNull());

    // The person scrolls to the top: the view stays there when more arrives.
    // (Repeated: virtua may still be settling its own scroll to the end.)
    await waitFor(() => {
      list.scrollTop = 0;
      list.dispatchEvent(new Event('scroll'));
      expect(list.querySelector('[data-item-id="u0"]')).not.toBeNull();
    });
    const jump = screen.getByRole('button', { name: 'Jump to latest' });
    push([ev.user('u2001', 'while away')]);
    await waitFor(() => expect(list.querySelector('[data-item-id="u0"]')).not.toBeNull());
    expect(list.querySelector('[data-item-id="u2001"]')).toBeNull();

    await userEvent.click(jump);
    await waitFor(() => expect(list.querySelector('[data-item-id="u2001"]')).not.toBeNull());
    expect(screen.queryByRole('button', { name: 'Jump to latest' })).toBeNull();
  });
});
