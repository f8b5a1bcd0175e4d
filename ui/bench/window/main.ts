// The streaming bench in a real web view (run.sh opens it in WebKitGTK's MiniBrowser): the same
// session and batches as stream.bench.ts, one batch per animation frame, so style, layout and
// paint are counted too. Prints its figures with console.log, then `BENCH DONE`.
import '../../src/app.css';
import { flushSync } from 'svelte';
import { IncrementalMarkdown } from '$lib/markdown';
import {
  Relay,
  STREAM_ID,
  VARIANTS,
  historyBatches,
  mountSessionPage,
  stats,
  streamBatches,
  type Variant,
} from '../session';

// Time in markdown updates (lexing, rendering, highlighting, sanitizing), summed over a run.
let markdown = 0;
const update = IncrementalMarkdown.prototype.update; // eslint-disable-line @typescript-eslint/unbound-method
IncrementalMarkdown.prototype.update = function (this: IncrementalMarkdown, ...args) {
  const t0 = performance.now();
  try {
    return update.apply(this, args);
  } finally {
    markdown += performance.now() - t0;
  }
};

const params = new URLSearchParams(location.search);
const DELTAS = Number(params.get('deltas') ?? 300);
const only = params.get('variant');
// A style sheet to try something out without changing the app: `css=.code-block{display:none}`.
const css = params.get('css');
if (css) document.head.insertAdjacentHTML('beforeend', `<style>${css}</style>`);

// Time spent in ResizeObserver callbacks (virtua measures rows with them), summed per frame.
let observed = 0;
const Native = window.ResizeObserver;
window.ResizeObserver = class extends Native {
  constructor(callback: ResizeObserverCallback) {
    super((entries, observer) => {
      const t0 = performance.now();
      callback(entries, observer);
      observed += performance.now() - t0;
    });
  }
};
let scrolls = 0;
document.addEventListener('scroll', () => scrolls++, { capture: true, passive: true });
const channel = new MessageChannel();
/** Resolves when the main thread is free again (after this frame's rendering work, if any). */
const free = () =>
  new Promise<number>((resolve) => {
    channel.port1.onmessage = () => resolve(performance.now());
    channel.port2.postMessage(null);
  });

const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

async function frames(count: number): Promise<void> {
  for (let i = 0; i < count; i++) await frame();
}

async function run(variant: Variant): Promise<string[]> {
  const target = document.getElementById('app')!;
  const page = await mountSessionPage(target);
  const relay = new Relay();
  for (const batch of historyBatches(relay)) page.send(batch);
  flushSync();
  await frames(30);
  const { lead, timed } = streamBatches(relay, variant, DELTAS);
  page.showTab(variant);
  for (const batch of lead) page.send(batch);
  flushSync();
  await frames(30);

  // What a frame costs here with nothing to do, for comparison.
  const idle: number[] = [];
  let before = await frame();
  for (let i = 0; i < 60; i++) {
    const now = await frame();
    idle.push(now - before);
    before = now;
  }

  const script: number[] = [];
  const sends: number[] = [];
  const layout: number[] = [];
  const intervals: number[] = [];
  const after: number[] = [];
  const resize: number[] = [];
  let last = await frame();
  scrolls = 0;
  markdown = 0;
  for (const batch of timed) {
    const t0 = performance.now();
    page.send(batch);
    const ts = performance.now();
    flushSync();
    const t1 = performance.now();
    sends.push(ts - t0);
    // Style and layout now, as the frame would do after this callback (the body's size would
    // not do: the list's scroller is size-contained, so its rows are laid out apart).
    document.querySelector(`[data-item-id="${STREAM_ID}"]`)?.getBoundingClientRect();
    script.push(t1 - t0);
    const t2 = performance.now();
    layout.push(t2 - t0);
    observed = 0;
    void free().then((t) => after.push(t - t2));
    const now = await frame();
    intervals.push(now - last);
    resize.push(observed);
    last = now;
  }
  // Follow mode: the view should still end with the streamed row's last line.
  await frames(10);
  const scroller = document.querySelector('[aria-label="Conversation"]');
  const row = document.querySelector(`[data-item-id="${STREAM_ID}"]`);
  const gap =
    scroller && row
      ? Math.round(scroller.getBoundingClientRect().bottom - row.getBoundingClientRect().bottom)
      : null;
  page.unmount();
  const name = variant.name.padEnd(18);
  const long = intervals.filter((ms) => ms > 50).length;
  return [
    `${name} apply + flush           ${stats(script)}`,
    `${name} apply (and signal)      ${stats(sends)}`,
    `${name} apply + flush + layout  ${stats(layout)}`,
    `${name} frame to frame          ${stats(intervals)}  (${long} frames over 50 ms)`,
    `${name} idle frame to frame     ${stats(idle)}`,
    `${name} main thread busy after  ${stats(after)}  (painting, mostly)`,
    `${name} resize observers        ${stats(resize)}  (${scrolls} scroll events)`,
    `${name} markdown updates        ${(markdown / timed.length).toFixed(2)} ms per batch on average`,
    `${name} streamed row ends ${gap ?? '-'} px above the list's bottom`,
  ];
}

const lines: string[] = [`${DELTAS} batches, ${navigator.userAgent}`];
for (const variant of VARIANTS) {
  if (only !== null && variant.name !== only) continue;
  lines.push(...(await run(variant)));
}
console.log(lines.join('\n'));
console.log('BENCH DONE');
