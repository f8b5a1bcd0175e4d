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
import { apply, initialState, type ConversationState } from '$lib/conversation/reducer';
import {
  CHARS_PER_DELTA,
  Relay,
  STREAM_ID,
  TURNS,
  VARIANTS,
  historyBatches,
  mountSessionPage,
  stats,
  streamBatches,
} from './session';
import { installFakeLayout } from '$lib/testing/fakeLayout';

// BENCH_DELTAS=50 for a quicker look (a profile, say).
const DELTAS = Number(process.env.BENCH_DELTAS ?? 300);
const PROFILE = process.env.BENCH_PROFILE === '1';

beforeAll(installFakeLayout);

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
    const { lead, timed } = streamBatches(relay, variant, DELTAS);
    for (const batch of lead) state = apply(state, batch);
    const times: number[] = [];
    for (const batch of timed) {
      const t0 = performance.now();
      state = apply(state, batch);
      times.push(performance.now() - t0);
    }
    report.push(`${variant.name.padEnd(18)} apply          ${stats(times)}`);
  });

  it('the reducer and the session page', async () => {
    document.body.innerHTML = '<div id="app" style="height: 800px"></div>';
    const page = await mountSessionPage(document.getElementById('app')!);
    const relay = new Relay();
    const settle = async () => {
      flushSync();
      await new Promise((resolve) => setTimeout(resolve, 0));
      flushSync();
    };
    for (const batch of historyBatches(relay)) page.send(batch);
    await settle();
    const { lead, timed } = streamBatches(relay, variant, DELTAS);
    page.showTab(variant);
    for (const batch of lead) page.send(batch);
    await settle();
    const rows = document.querySelectorAll('[data-item-id], [data-event-id]').length;

    const profiler = new Profiler();
    await profiler.start();
    const times: number[] = [];
    for (const batch of timed) {
      const t0 = performance.now();
      page.send(batch);
      flushSync();
      times.push(performance.now() - t0);
      // What the frame would let run afterwards (ResizeObserver callbacks, timers); untimed.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    await profiler.stop(variant.name);
    const streamed = document.querySelector(`[data-item-id="${STREAM_ID}"]`)?.textContent ?? '';
    report.push(
      `${variant.name.padEnd(18)} apply + flush  ${stats(times)}  (${rows} rows mounted, streamed row ${streamed.length} characters)`,
    );
    page.unmount();
  });
});
