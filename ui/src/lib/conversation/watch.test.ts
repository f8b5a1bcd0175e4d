import { describe, expect, it, vi } from 'vitest';
import { flushSync } from 'svelte';
import type { RelayBatch, Session, SessionEvent } from '$lib/ipc/bindings';
import { BackendError } from '$lib/ipc/errors';
import { SessionWatch, type WatchBackend } from './watch.svelte';

function batch(seq: number, events: SessionEvent[] = []): RelayBatch {
  return { seq, events, connection: { state: 'connected' }, notices: [], elided: [] };
}

const user = (id: string, text: string): SessionEvent => ({
  type: 'user.message',
  id,
  processed_at: '2026-11-18T10:00:00Z',
  content: [{ type: 'text', text }],
});

function fakeBackend() {
  const listeners: ((b: RelayBatch) => void)[] = [];
  let next = 7;
  const backend = {
    watch: vi.fn((_id: string, onBatch: (b: RelayBatch) => void) => {
      listeners.push(onBatch);
      return Promise.resolve(next++);
    }),
    unwatch: vi.fn(() => Promise.resolve()),
    get: vi.fn(() => Promise.resolve({ id: 'sesn_1', title: 'Fix tests' } as unknown as Session)),
    fullEvent: vi.fn(() => Promise.resolve(user('e1', 'full'))),
  } satisfies WatchBackend;
  /** Pushes a batch into the newest channel. */
  const push = (b: RelayBatch, channel = listeners.length - 1) => listeners[channel]?.(b);
  return { backend, push, listeners };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('SessionWatch', () => {
  it('applies batches to its state and unwatches on dispose', async () => {
    const { backend, push } = fakeBackend();
    const watch = new SessionWatch('sesn_1', backend);
    watch.start();
    await settle();
    expect(backend.watch).toHaveBeenCalledWith('sesn_1', expect.any(Function));
    expect(watch.watchId).toBe(7);
    expect(watch.session?.title).toBe('Fix tests');

    push(batch(0, [user('u1', 'hello')]));
    flushSync();
    expect(watch.state.items.map((i) => i.id)).toEqual(['u1']);
    expect(watch.state.connection).toEqual({ state: 'connected' });

    watch.dispose();
    expect(backend.unwatch).toHaveBeenCalledWith(7);
    push(batch(1, [user('u2', 'late')]));
    expect(watch.state.items).toHaveLength(1);
  });

  it('marks a gap and reloads from an empty state on a new watch', async () => {
    const { backend, push } = fakeBackend();
    const watch = new SessionWatch('sesn_1', backend);
    watch.start();
    await settle();
    push(batch(0, [user('u1', 'a')]));
    push(batch(2, [user('u2', 'b')]));
    expect(watch.state.gap).toBe(true);

    watch.reload();
    expect(backend.unwatch).toHaveBeenCalledWith(7);
    expect(watch.state.items).toHaveLength(0);
    expect(watch.state.gap).toBe(false);
    await settle();
    expect(watch.watchId).toBe(8);
    // The old channel is ignored; the new one fills the state.
    push(batch(3, [user('old', 'x')]), 0);
    push(batch(0, [user('u1', 'a')]));
    expect(watch.state.items.map((i) => i.id)).toEqual(['u1']);
  });

  it('shows the newest events while the history loads, then the whole conversation', async () => {
    const { backend, push } = fakeBackend();
    const watch = new SessionWatch('sesn_1', backend);
    watch.start();
    await settle();
    const loading = (seq: number, events: SessionEvent[]): RelayBatch => ({
      ...batch(seq, events),
      connection: null,
    });
    push({ ...loading(0, []), tail: [user('u8', 'eighth'), user('u9', 'ninth')] });
    expect(watch.partial).toBe(true);
    expect(watch.state.items.map((i) => i.id)).toEqual(['u8', 'u9']);
    // The oldest history arrives: the screen keeps the newest events, not a page of old ones.
    const shown = watch.state;
    push(loading(1, [user('u1', 'first'), user('u2', 'second')]));
    expect(watch.state).toBe(shown);
    // Caught up: everything, in order, and the tail is gone for good.
    push(batch(2, [user('u8', 'eighth'), user('u9', 'ninth')]));
    expect(watch.partial).toBe(false);
    expect(watch.state.items.map((i) => i.id)).toEqual(['u1', 'u2', 'u8', 'u9']);
    push(batch(3, [user('u10', 'tenth')]));
    expect(watch.state.items.map((i) => i.id)).toEqual(['u1', 'u2', 'u8', 'u9', 'u10']);
  });

  it('ignores a tail that comes after the history has caught up', async () => {
    const { backend, push } = fakeBackend();
    const watch = new SessionWatch('sesn_1', backend);
    watch.start();
    await settle();
    push(batch(0, [user('u1', 'first')]));
    push({ ...batch(1), tail: [user('u1', 'first')] });
    expect(watch.partial).toBe(false);
    expect(watch.state.items.map((i) => i.id)).toEqual(['u1']);
  });

  it('keeps the error of a failed watch and retries', async () => {
    const { backend } = fakeBackend();
    backend.watch.mockImplementationOnce(() =>
      Promise.reject(
        new BackendError({ code: 'Network', message: 'offline', status: null, requestId: 'req_1' }),
      ),
    );
    const watch = new SessionWatch('sesn_1', backend);
    watch.start();
    await settle();
    expect(watch.watchError?.message).toBe('offline');
    expect(watch.watchId).toBeNull();
    watch.retry();
    await settle();
    expect(watch.watchError).toBeNull();
    expect(watch.watchId).toBe(7);
  });

  it('unwatches a watch that answers after the page has gone', async () => {
    const { backend } = fakeBackend();
    const watch = new SessionWatch('sesn_1', backend);
    watch.start();
    watch.dispose();
    await settle();
    expect(backend.unwatch).toHaveBeenCalledWith(7);
  });

  it('asks the backend for a full event with its watch id', async () => {
    const { backend } = fakeBackend();
    const watch = new SessionWatch('sesn_1', backend);
    watch.start();
    await settle();
    await watch.fullEvent('e1');
    expect(backend.fullEvent).toHaveBeenCalledWith(7, 'e1');
  });

  it('reads the session again when it ends, so an archive made elsewhere is known', async () => {
    const { backend, push } = fakeBackend();
    const watch = new SessionWatch('sesn_1', backend);
    watch.start();
    await settle();
    expect(backend.get).toHaveBeenCalledTimes(1);
    backend.get.mockResolvedValueOnce({
      id: 'sesn_1',
      archived_at: '2026-11-18T10:05:00Z',
    } as unknown as Session);
    const ended = (id: string): SessionEvent => ({
      type: 'session.status_terminated',
      id,
      processed_at: '2026-11-18T10:05:00Z',
    });
    push(batch(0, [ended('t1')]));
    await settle();
    expect(backend.get).toHaveBeenCalledTimes(2);
    expect(watch.session?.archived_at).toBe('2026-11-18T10:05:00Z');
    // A second terminated event changes nothing: no third read.
    push(batch(1, [ended('t2')]));
    await settle();
    expect(backend.get).toHaveBeenCalledTimes(2);
  });
});
