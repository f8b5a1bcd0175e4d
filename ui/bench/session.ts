// What the benchmarks stream: a session of 10,000 events (3,333 × an agent message in markdown,
// a bash call and its result), then the agent's next reply, ~5 characters per relay batch (the
// relay sends at most one batch per 16 ms frame; replies come at ~300 characters a second).
import { flushSync, mount, unmount } from 'svelte';
import type { Channel } from '@tauri-apps/api/core';
import type { RelayBatch, Session, SessionEvent } from '$lib/ipc/bindings';
import { scriptedBackend } from '$lib/testing/scriptedBackend';
import SessionPage from '../src/components/conversation/SessionPage.svelte';

export const TURNS = 3_333;
export const CHARS_PER_DELTA = 5;
export const STREAM_ID = 'msg_streaming';

// The session -----------------------------------------------------------------------------------

export const SESSION = {
  id: 'sesn_bench',
  type: 'session',
  status: 'running',
  environment_id: 'env_1',
  title: 'A long session',
  agent: { id: 'agent_1', type: 'agent', version: 1, name: 'Bench', model: { id: 'claude' } },
  created_at: '2026-11-18T10:00:00Z',
  updated_at: '2026-11-18T10:00:00Z',
} as unknown as Session;

const at = (n: number) => new Date(Date.UTC(2026, 10, 18, 10) + n * 1000).toISOString();

const AGENT_TEXT = [
  'I looked at **the failing test** in `src/relay.rs`; the batch is sent before the history',
  'has caught up, so the view shows a gap.',
  '',
  '- move the send after `caught_up`',
  '- keep the `seq` counter per watch',
  '',
  'Then I will run `cargo test -p agent-desk` again.',
].join('\n');

function history(): SessionEvent[] {
  const events: SessionEvent[] = [];
  for (let i = 0; i < TURNS; i++) {
    events.push(
      {
        type: 'agent.message',
        id: `msg_${i}`,
        processed_at: at(3 * i),
        content: [{ type: 'text', text: `${AGENT_TEXT} (${i})` }],
      },
      {
        type: 'agent.tool_use',
        id: `tool_${i}`,
        processed_at: at(3 * i + 1),
        name: 'bash',
        input: { command: `cargo test -p agent-desk relay::case_${i}` },
        evaluated_permission: 'allow',
      },
      {
        type: 'agent.tool_result',
        id: `result_${i}`,
        processed_at: at(3 * i + 2),
        tool_use_id: `tool_${i}`,
        content: [{ type: 'text', text: `running 1 test\ntest relay::case_${i} ... ok\n` }],
        is_error: false,
      },
    );
  }
  events.push({ type: 'session.status_running', id: 'running', processed_at: at(3 * TURNS) });
  return events;
}

const PROSE =
  'The relay batches the feed per frame, so **one** reply arrives as many small deltas. ' +
  'Each one appends to the last `agent.message`; the list must not redo its older rows.\n\n' +
  '1. read the batch\n2. apply it\n3. draw the changed row\n\n';

function codeLines(from: number, count: number): string {
  const lines: string[] = [];
  for (let i = from; i < from + count; i++) {
    lines.push(`def step_${i}(state, batch):  # keep this line ${i} short`);
    lines.push(`    return [apply(s, batch) for s in state if s.id != "${i}"]`);
  }
  return lines.join('\n') + '\n';
}

export interface Variant {
  name: string;
  /** Sent before the timed deltas (not timed): the start of the reply. */
  lead: string;
  /** The text the timed deltas append, `CHARS_PER_DELTA` at a time. */
  body: string;
  /** The page's tab while the reply streams: the conversation, or every raw event. */
  tab?: 'events';
}

export const VARIANTS: Variant[] = [
  { name: 'prose', lead: '', body: PROSE.repeat(40) },
  {
    name: 'open code block',
    lead: 'Here is the whole module:\n\n```python\n' + codeLines(0, 150),
    body: codeLines(150, 40),
  },
  { name: 'prose, raw events', lead: '', body: PROSE.repeat(40), tab: 'events' },
];

// Batches ---------------------------------------------------------------------------------------

export class Relay {
  seq = 0;
  batch(events: SessionEvent[]): RelayBatch {
    return { seq: this.seq++, events, connection: { state: 'connected' }, notices: [], elided: [] };
  }
}

function delta(text: string): SessionEvent {
  return {
    type: 'event_delta',
    event_id: STREAM_ID,
    delta: { type: 'content_delta', index: 0, content: { type: 'text', text } },
  };
}

/** The batches a variant streams: the untimed lead, then the timed deltas. */
export function streamBatches(
  relay: Relay,
  variant: Variant,
  deltas: number,
): { lead: RelayBatch[]; timed: RelayBatch[] } {
  const lead = [
    relay.batch([{ type: 'event_start', event: { type: 'agent.message', id: STREAM_ID } }]),
  ];
  if (variant.lead !== '') lead.push(relay.batch([delta(variant.lead)]));
  const timed: RelayBatch[] = [];
  for (let i = 0; i < deltas; i++) {
    timed.push(
      relay.batch([delta(variant.body.slice(i * CHARS_PER_DELTA, (i + 1) * CHARS_PER_DELTA))]),
    );
  }
  return { lead, timed };
}

export function historyBatches(relay: Relay): RelayBatch[] {
  const events = history();
  const batches: RelayBatch[] = [];
  // The relay pages the history in; the size of its pages does not matter here.
  for (let i = 0; i < events.length; i += 500) batches.push(relay.batch(events.slice(i, i + 500)));
  return batches;
}

// Figures ---------------------------------------------------------------------------------------

export function stats(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  const f = (ms: number) => ms.toFixed(2).padStart(7);
  return `p50 ${f(q(0.5))} ms  p95 ${f(q(0.95))} ms  max ${f(sorted.at(-1)!)} ms`;
}

// The page -------------------------------------------------------------------------------------

/** The session page, mounted as the app mounts it, over a scripted backend; `send` is the relay. */
export async function mountSessionPage(target: HTMLElement) {
  let channel: Channel<RelayBatch> | null = null;
  const backend = scriptedBackend();
  backend.on('session_get', () => structuredClone(SESSION));
  backend.on('session_watch', (args) => {
    channel = args.channel as Channel<RelayBatch>;
    return 1;
  });
  backend.on('session_unwatch', () => true);
  backend.on('environment_get', () => ({ id: 'env_1', type: 'environment', name: 'Sandbox' }));
  const page = mount(SessionPage, { target, props: { sessionId: SESSION.id, onback: () => {} } });
  flushSync();
  while (channel === null) await new Promise((resolve) => setTimeout(resolve, 1));
  const open: Channel<RelayBatch> = channel;
  return {
    send: (batch: RelayBatch) => open.onmessage(batch),
    /** Shows the variant's tab (after the history is in: the tabs show once it is). */
    showTab(variant: Variant) {
      if (variant.tab === 'events') target.querySelector<HTMLElement>('#tab-events')?.click();
      flushSync();
    },
    unmount: () => void unmount(page),
  };
}
