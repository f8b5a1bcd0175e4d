// The web view's side of the session-view latency benchmark (BENCHMARKS.md). A bench build of
// the app (`cargo build --features bench`) stamps each relay message with when its oldest event
// reached the relay; when the benchmark has set `window.__agentDeskBench`, the animation frame
// after the message was applied records how long ago that was. A shipped build never sends the
// stamp, so all this costs there is one property read per message (at most one per frame).
import { tick } from 'svelte';
import type { RelayBatch } from '$lib/ipc/bindings';

interface BenchSink {
  /** Milliseconds from the relay receiving an event to the frame that draws it. */
  latencies: number[];
  /** Milliseconds of script per message: the reducer, then Svelte updating the page. */
  script: number[];
  /** Per message, when it reached the page and when its frame was drawn (ms since the Unix
   *  epoch), how many tail events and how many events it carried: where the open's time goes. */
  drawn?: [number, number, number, number][];
}

declare global {
  interface Window {
    __agentDeskBench?: BenchSink;
  }
}

/**
 * Before a message is applied: the time to measure its script from, or null when nobody
 * measures (a shipped build, or no benchmark listening), which is one property read.
 */
export function probeStart(batch: RelayBatch): number | null {
  const stamped = (batch as { benchReceivedAt?: number }).benchReceivedAt !== undefined;
  return stamped && window.__agentDeskBench ? performance.now() : null;
}

/** After a message that `probeStart` measures was applied, from `appliedFrom`. */
export function echoFrame(batch: RelayBatch, appliedFrom: number): void {
  const receivedAt = (batch as { benchReceivedAt?: number }).benchReceivedAt;
  const sink = window.__agentDeskBench;
  if (receivedAt === undefined || !sink) return;
  void tick().then(() => sink.script.push(performance.now() - appliedFrom));
  requestAnimationFrame(() => {
    const now = performance.timeOrigin + performance.now();
    sink.latencies.push(now - receivedAt);
    const arrived = performance.timeOrigin + appliedFrom;
    sink.drawn?.push([arrived, now, batch.tail?.length ?? 0, batch.events.length]);
  });
}
