// The web view's side of the session-view latency benchmark (BENCHMARKS.md). A bench build of
// the app (`cargo build --features bench`) stamps each relay message with when its oldest event
// reached the relay; when the benchmark has set `window.__agentDeskBench`, the animation frame
// after the message was applied records how long ago that was. A shipped build never sends the
// stamp, so all this costs there is one property read per message (at most one per frame).
import type { RelayBatch } from '$lib/ipc/bindings';

interface BenchSink {
  /** Milliseconds from the relay receiving an event to the frame that draws it. */
  latencies: number[];
}

declare global {
  interface Window {
    __agentDeskBench?: BenchSink;
  }
}

export function echoFrame(batch: RelayBatch): void {
  const receivedAt = (batch as { benchReceivedAt?: number }).benchReceivedAt;
  if (receivedAt === undefined) return;
  const sink = window.__agentDeskBench;
  if (!sink) return;
  requestAnimationFrame(() => {
    sink.latencies.push(performance.timeOrigin + performance.now() - receivedAt);
  });
}
