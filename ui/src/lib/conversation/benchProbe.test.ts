import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RelayBatch } from '$lib/ipc/bindings';
import { echoFrame, probeStart } from './benchProbe';

const batch = (extra: object = {}): RelayBatch => ({
  seq: 0,
  events: [],
  connection: null,
  notices: [],
  elided: [],
  ...extra,
});

describe('the latency probe of bench builds', () => {
  afterEach(() => {
    delete window.__agentDeskBench;
    vi.restoreAllMocks();
  });

  it('records, in the next frame, how long ago the relay received the message', () => {
    const frames: FrameRequestCallback[] = [];
    vi.spyOn(window, 'requestAnimationFrame').mockImplementation((cb) => frames.push(cb));
    window.__agentDeskBench = { latencies: [], script: [] };
    const now = performance.timeOrigin + performance.now();
    echoFrame(batch({ benchReceivedAt: now - 20 }), performance.now());
    expect(window.__agentDeskBench.latencies).toEqual([]);
    frames.forEach((cb) => cb(0));
    const [latency] = window.__agentDeskBench.latencies;
    expect(latency).toBeGreaterThanOrEqual(20);
    expect(latency).toBeLessThan(1000);
  });

  it('does nothing for a shipped build or when no benchmark listens', () => {
    const raf = vi.spyOn(window, 'requestAnimationFrame');
    expect(probeStart(batch({ benchReceivedAt: 1 }))).toBeNull();
    echoFrame(batch({ benchReceivedAt: 1 }), 0);
    window.__agentDeskBench = { latencies: [], script: [] };
    expect(probeStart(batch())).toBeNull();
    echoFrame(batch(), 0);
    expect(raf).not.toHaveBeenCalled();
    expect(window.__agentDeskBench.latencies).toEqual([]);
  });
});
