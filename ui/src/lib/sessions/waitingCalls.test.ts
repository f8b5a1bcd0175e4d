import { describe, expect, it, vi } from 'vitest';
import type { MonitorSummary } from '$lib/ipc/bindings';
import { WaitingCalls } from './waitingCalls.svelte';

const summary = (waitingCalls: number): MonitorSummary => ({
  watched: 1,
  overLimit: 0,
  maxWatched: 50,
  reconnecting: false,
  waitingCalls,
  daily: null,
});

describe('WaitingCalls', () => {
  it('starts from the summary known now and follows each new one until stopped', async () => {
    let emit: (s: MonitorSummary) => void = () => {};
    const unlisten = vi.fn();
    const calls = new WaitingCalls();
    const stop = calls.start(
      (callback) => {
        emit = callback;
        return Promise.resolve(unlisten);
      },
      () => Promise.resolve(summary(2)),
    );
    await vi.waitFor(() => expect(calls.count).toBe(2));
    emit(summary(5));
    expect(calls.count).toBe(5);
    emit(summary(0));
    expect(calls.count).toBe(0);
    stop();
    expect(unlisten).toHaveBeenCalled();
  });
});
