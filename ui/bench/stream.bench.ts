// Streaming into a long session: what one relay batch costs the web view. Prints figures, asserts
// nothing about time. Run with `npm run bench:stream` (BENCH_PROFILE=1 also writes a CPU profile
// of the streaming phase to bench/profiles/ and prints where its time went).
//
// The session holds 10,000 events (3,333 × an agent message in markdown, a bash call and its
// result); the agent's next reply then streams in, ~5 characters per batch, as the relay sends it
// at 300 characters a second (one batch per 16 ms frame). Each batch is timed through (a) the
// reducer alone and (b) the reducer plus Svelte's flush of the whole session page, mounted as the
// app mounts it. jsdom has no layout or paint: those costs are only visible in the real window.
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session as Inspector } from 'node:inspector';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { flushSync } from 'svelte';
import { render } from '@testing-library/svelte';
import type { Channel } from '@tauri-apps/api/core';
import type { RelayBatch, Session, SessionEvent } from '$lib/ipc/bindings';
import { apply, initialState, type ConversationState } from '$lib/conversation/reducer';
import { scriptedBackend } from '$lib/testing/scriptedBackend';
import SessionPage from '../src/components/conversation/SessionPage.svelte';

const TURNS = 3_333;
// BENCH_DELTAS=50 for a quicker look (a profile, say).
const DELTAS = Number(process.env.BENCH_DELTAS ?? 300);
const CHARS_PER_DELTA = 5;
const STREAM_ID = 'msg_streaming';
const PROFILE = process.env.BENCH_PROFILE === '1';

// Layout, as SessionPage.test.ts fakes it: a 600px scroller over 40px rows.
class FakeResizeObserver {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element) {
    queueMicrotask(() =>
      this.callback(
        [
          {
            target,
            contentRect: { width: 800, height: target.hasAttribute('aria-label') ? 600 : 40 },
          } as unknown as ResizeObserverEntry,
        ],
        this,
      ),
    );
  }
  unobserve() {}
  disconnect() {}
}

beforeAll(() => {
  window.ResizeObserver = FakeResizeObserver;
  Object.defineProperty(HTMLElement.prototype, 'offsetParent', {
    configurable: true,
    get(this: HTMLElement) {
      return this.parentElement;
    },
  });
  Element.prototype.scrollTo = function (this: Element, options?: ScrollToOptions | number) {
    if (typeof options === 'object' && options.top !== undefined) this.scrollTop = options.top;
    this.dispatchEvent(new Event('scroll'));
  };
});

// The session -----------------------------------------------------------------------------------

const SESSION = {
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

interface Variant {
  name: string;
  /** Sent before the timed deltas (not timed): the start of the reply. */
  lead: string;
  /** The text the timed deltas append, `CHARS_PER_DELTA` at a time. */
  body: string;
}

const VARIANTS: Variant[] = [
  { name: 'prose', lead: '', body: PROSE.repeat(Math.ceil((DELTAS * 5) / PROSE.length)) },
  {
    name: 'open code block',
    lead: 'Here is the whole module:\n\n```python\n' + codeLines(0, 150),
    body: codeLines(150, 40),
  },
];

// Batches ---------------------------------------------------------------------------------------

class Relay {
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
function streamBatches(
  relay: Relay,
  variant: Variant,
): { lead: RelayBatch[]; timed: RelayBatch[] } {
  const lead = [
    relay.batch([{ type: 'event_start', event: { type: 'agent.message', id: STREAM_ID } }]),
  ];
  if (variant.lead !== '') lead.push(relay.batch([delta(variant.lead)]));
  const timed: RelayBatch[] = [];
  for (let i = 0; i < DELTAS; i++) {
    timed.push(
      relay.batch([delta(variant.body.slice(i * CHARS_PER_DELTA, (i + 1) * CHARS_PER_DELTA))]),
    );
  }
  return { lead, timed };
}

function historyBatches(relay: Relay): RelayBatch[] {
  const events = history();
  const batches: RelayBatch[] = [];
  // The relay pages the history in; the size of its pages does not matter here.
  for (let i = 0; i < events.length; i += 500) batches.push(relay.batch(events.slice(i, i + 500)));
  return batches;
}

// Figures ---------------------------------------------------------------------------------------

function stats(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  const f = (ms: number) => ms.toFixed(2).padStart(7);
  return `p50 ${f(q(0.5))} ms  p95 ${f(q(0.95))} ms  max ${f(sorted.at(-1)!)} ms`;
}

const report: string[] = [];

afterAll(() => {
  console.log(`\n${TURNS * 3 + 1} events, ${DELTAS} batches of ${CHARS_PER_DELTA} characters\n`);
  console.log(report.join('\n'));
});

// Profile ---------------------------------------------------------------------------------------

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
}

class Profiler {
  #session = new Inspector();

  async start(): Promise<void> {
    if (!PROFILE) return;
    this.#session.connect();
    await this.#post('Profiler.enable');
    await this.#post('Profiler.setSamplingInterval', { interval: 100 });
    await this.#post('Profiler.start');
  }

  async stop(name: string): Promise<void> {
    if (!PROFILE) return;
    const { profile } = (await this.#post('Profiler.stop')) as { profile: Profile };
    this.#session.disconnect();
    mkdirSync('bench/profiles', { recursive: true });
    const file = `bench/profiles/${name.replaceAll(' ', '-')}.cpuprofile`;
    writeFileSync(file, JSON.stringify(profile));
    report.push(summarize(profile, `${name}: ${file}`));
  }

  #post(method: string, params?: object): Promise<unknown> {
    return new Promise((resolve, reject) =>
      this.#session.post(method, params, (error, result) =>
        error ? reject(error) : resolve(result),
      ),
    );
  }
}

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^.*\/(node_modules\/)?/, '').replace(/\?.*$/, '');
  return `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
}

/** The functions with the most time of their own, and with the most time under them. */
function summarize(profile: Profile, title: string): string {
  const total = profile.endTime - profile.startTime;
  const samples = profile.samples?.length ?? 1;
  const perHit = total / 1000 / samples;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const walk = (node: ProfileNode, onStack: Set<string>): number => {
    const name = frameName(node);
    let time = (node.hitCount ?? 0) * perHit;
    self.set(name, (self.get(name) ?? 0) + time);
    const seen = onStack.has(name);
    onStack.add(name);
    for (const child of node.children ?? []) time += walk(byId.get(child)!, onStack);
    if (!seen) {
      onStack.delete(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + time);
    }
    return time;
  };
  walk(profile.nodes[0]!, new Set());
  const top = (map: Map<string, number>, n: number) =>
    [...map]
      .filter(([name]) => !name.startsWith('(root)') && !name.startsWith('(program)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, ms]) => `    ${ms.toFixed(0).padStart(6)} ms  ${name}`)
      .join('\n');
  return [
    `  profile of ${title} (${(total / 1000).toFixed(0)} ms sampled)`,
    `   self:`,
    top(self, 15),
    `   inclusive:`,
    top(inclusive, 25),
  ].join('\n');
}

// The benchmark ---------------------------------------------------------------------------------

describe.each(VARIANTS)('streaming into 10,000 events: $name', (variant) => {
  it('the reducer alone', () => {
    const relay = new Relay();
    let state: ConversationState = initialState();
    for (const batch of historyBatches(relay)) state = apply(state, batch);
    const { lead, timed } = streamBatches(relay, variant);
    for (const batch of lead) state = apply(state, batch);
    const times: number[] = [];
    for (const batch of timed) {
      const t0 = performance.now();
      state = apply(state, batch);
      times.push(performance.now() - t0);
    }
    report.push(`${variant.name.padEnd(16)} apply          ${stats(times)}`);
  });

  it('the reducer and the session page', async () => {
    let channel: Channel<RelayBatch> | null = null;
    const backend = scriptedBackend();
    backend.on('session_get', () => structuredClone(SESSION));
    backend.on('session_watch', (args) => {
      channel = args.channel as Channel<RelayBatch>;
      return 1;
    });
    backend.on('session_unwatch', () => true);
    backend.on('environment_get', () => ({ id: 'env_1', type: 'environment', name: 'Sandbox' }));
    const view = render(SessionPage, { sessionId: SESSION.id, onback: () => {} });
    while (channel === null) await new Promise((resolve) => setTimeout(resolve, 1));
    const send = (batch: RelayBatch) => channel!.onmessage(batch);

    const relay = new Relay();
    const settle = async () => {
      flushSync();
      await new Promise((resolve) => setTimeout(resolve, 0));
      flushSync();
    };
    for (const batch of historyBatches(relay)) send(batch);
    await settle();
    const { lead, timed } = streamBatches(relay, variant);
    for (const batch of lead) send(batch);
    await settle();
    const rows = document.querySelectorAll('[data-item-id]').length;

    const profiler = new Profiler();
    await profiler.start();
    const times: number[] = [];
    for (const batch of timed) {
      const t0 = performance.now();
      send(batch);
      flushSync();
      times.push(performance.now() - t0);
      // What the frame would let run afterwards (ResizeObserver callbacks, timers); untimed.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    await profiler.stop(variant.name);
    const streamed = document.querySelector(`[data-item-id="${STREAM_ID}"]`)?.textContent ?? '';
    report.push(
      `${variant.name.padEnd(16)} apply + flush  ${stats(times)}  (${rows} rows mounted, streamed row ${streamed.length} characters)`,
    );
    view.unmount();
  });
});
