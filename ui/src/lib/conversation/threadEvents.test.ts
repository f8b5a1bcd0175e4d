import { describe, expect, it, vi } from 'vitest';
import type { RelayBatch } from '$lib/ipc/bindings';
import { MAX_WATCHED_THREADS, ThreadEvents } from './threadEvents.svelte';
import type { WatchBackend } from './watch.svelte';

function backends() {
  const feeds: Record<string, (batch: RelayBatch) => void> = {};
  const unwatched: number[] = [];
  let next = 0;
  const ids: Record<number, string> = {};
  const backendFor = (threadId: string): WatchBackend => ({
    watch: vi.fn((_session: string, onBatch: (batch: RelayBatch) => void) => {
      feeds[threadId] = onBatch;
      ids[++next] = threadId;
      return Promise.resolve(next);
    }),
    unwatch: vi.fn((id: number) => {
      unwatched.push(id);
      return Promise.resolve();
    }),
    get: vi.fn(() => Promise.reject(new Error('a thread watch reads no session'))),
    fullEvent: vi.fn(() => Promise.reject(new Error('unused'))),
  });
  return { backendFor, feeds, unwatchedThreads: () => unwatched.map((id) => ids[id]) };
}

const batch = (events: unknown[]): RelayBatch =>
  ({
    seq: 1,
    events,
    connection: null,
    notices: [],
    elided: [],
  }) as RelayBatch;

async function settle() {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

describe("the subagents' own events", () => {
  it('watches each subagent thread and keeps what its stream says', async () => {
    const { backendFor, feeds } = backends();
    const own = new ThreadEvents('sesn_1', backendFor);
    own.follow(['th_a', 'th_b']);
    await settle();
    feeds.th_a!(
      batch([{ type: 'span.model_request_start', id: 'm1', processed_at: '2026-12-07T10:00:00Z' }]),
    );
    expect(Object.keys(own.events)).toEqual(['th_a', 'th_b']);
    expect(own.events.th_a!.map((e) => (e as { id: string }).id)).toEqual(['m1']);
    expect(own.events.th_b).toEqual([]);
  });

  it('watches a few threads at most, and ends the watches it no longer needs', async () => {
    const { backendFor, unwatchedThreads } = backends();
    const own = new ThreadEvents('sesn_1', backendFor);
    const many = Array.from({ length: MAX_WATCHED_THREADS + 2 }, (_, i) => `th_${i}`);
    own.follow(many);
    await settle();
    expect(Object.keys(own.events)).toHaveLength(MAX_WATCHED_THREADS);
    expect(own.unwatched).toBe(2);
    own.follow(['th_0']);
    await settle();
    expect(Object.keys(own.events)).toEqual(['th_0']);
    expect(unwatchedThreads()).toHaveLength(MAX_WATCHED_THREADS - 1);
    own.dispose();
    expect(unwatchedThreads()).toContain('th_0');
  });
});
