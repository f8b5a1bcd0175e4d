// One watched session: the relay's batches folded into a ConversationState, the session record
// (title, agent, budget), and the watch's lifetime (reload after a gap, retry after a failure).
import { Channel } from '@tauri-apps/api/core';
import { call, commands } from '$lib/ipc/call';
import { toBackendError, type BackendError } from '$lib/ipc/errors';
import type { RelayBatch, Session, SessionEvent } from '$lib/ipc/bindings';
import { apply, initialState, type ConversationState } from './reducer';
import { echoFrame, probeStart } from './benchProbe';

/** What the watch needs from the backend; tests pass a fake. */
export interface WatchBackend {
  /** Starts relaying; resolves to the watch id. */
  watch(sessionId: string, onBatch: (batch: RelayBatch) => void): Promise<number>;
  unwatch(watchId: number): Promise<void>;
  get(sessionId: string): Promise<Session>;
  fullEvent(watchId: number, eventId: string): Promise<SessionEvent>;
}

export const tauriWatchBackend: WatchBackend = {
  async watch(sessionId, onBatch) {
    const channel = new Channel<RelayBatch>(onBatch);
    return call(commands.sessionWatch(sessionId, channel));
  },
  async unwatch(watchId) {
    await commands.sessionUnwatch(watchId);
  },
  get: (sessionId) => call(commands.sessionGet(sessionId)),
  fullEvent: (watchId, eventId) => call(commands.sessionEventFull(watchId, eventId)),
};

/** One thread of a multi-agent session: its own transcript, live. */
export function threadWatchBackend(threadId: string): WatchBackend {
  return {
    ...tauriWatchBackend,
    async watch(sessionId, onBatch) {
      const channel = new Channel<RelayBatch>(onBatch);
      return call(commands.sessionWatchThread(sessionId, threadId, channel));
    },
  };
}

export class SessionWatch {
  readonly sessionId: string;
  readonly #backend: WatchBackend;
  /** What the page shows, replaced whole on each batch; never deep-proxied. While a long
   *  history loads this is built from the relay's tail (the newest events) alone. */
  state = $state.raw<ConversationState>(initialState());
  /** `state` holds only the newest events: the earlier ones are still on their way. */
  partial = $state(false);
  /** Every batch's events, folded; shown once the feed has caught up (or if there is no tail). */
  #full = initialState();
  /** The tail's own state, until the feed has caught up. */
  #tail: ConversationState | null = null;
  session = $state.raw<Session | null>(null);
  watchId = $state<number | null>(null);
  /** `sessionWatch` failed: the feed is not running until `retry()`. */
  watchError = $state.raw<BackendError | null>(null);
  sessionError = $state.raw<BackendError | null>(null);
  connecting = $state(false);
  /** Counts starts, so batches and answers of a replaced watch are ignored. */
  #generation = 0;
  #disposed = false;

  constructor(sessionId: string, backend: WatchBackend = tauriWatchBackend) {
    this.sessionId = sessionId;
    this.#backend = backend;
  }

  /** Loads the session and opens the feed. */
  start(): void {
    void this.loadSession();
    this.openFeed();
  }

  /** Opens the feed alone: for a thread's events, whose session is already loaded. */
  openFeed(): void {
    void this.#open();
  }

  async loadSession(): Promise<void> {
    this.sessionError = null;
    try {
      const session = await this.#backend.get(this.sessionId);
      if (!this.#disposed) this.session = session;
    } catch (e) {
      if (!this.#disposed) this.sessionError = toBackendError(e);
    }
  }

  async #open(): Promise<void> {
    const generation = ++this.#generation;
    this.watchError = null;
    this.connecting = true;
    try {
      const id = await this.#backend.watch(this.sessionId, (batch) => {
        if (generation !== this.#generation || this.#disposed) return;
        const before = this.#full.status;
        const probe = probeStart(batch);
        this.#full = apply(this.#full, batch);
        this.#showTail(batch);
        // While the tail is shown, history batches change nothing on screen: no render either.
        this.state = this.#tail ?? this.#full;
        this.partial = this.#tail !== null;
        if (probe !== null) echoFrame(batch, probe);
        // Archiving (here or elsewhere) ends a session as terminated; only the session object
        // says it was archived, so read it again.
        if (this.#full.status === 'terminated' && before !== 'terminated') void this.loadSession();
      });
      if (generation !== this.#generation || this.#disposed) {
        // Replaced or left while the command was on its way: this watch has no reader.
        void this.#backend.unwatch(id).catch(() => undefined);
        return;
      }
      this.watchId = id;
    } catch (e) {
      if (generation === this.#generation && !this.#disposed) this.watchError = toBackendError(e);
    } finally {
      if (generation === this.#generation) this.connecting = false;
    }
  }

  /** Builds the tail's state when one comes, and drops it once the feed has caught up. */
  #showTail(batch: RelayBatch): void {
    if (this.#full.connection !== null || this.#full.gap) {
      this.#tail = null;
    } else if (batch.tail && batch.tail.length > 0) {
      const only = { seq: 0, events: batch.tail, connection: null, notices: [], elided: [] };
      this.#tail = apply(initialState(), only);
    }
  }

  #close(): void {
    this.#generation++;
    const id = this.watchId;
    this.watchId = null;
    if (id !== null) void this.#backend.unwatch(id).catch(() => undefined);
  }

  /** After a failed `sessionWatch`. */
  retry(): void {
    if (this.#disposed) return;
    this.#close();
    void this.#open();
  }

  /** After a gap: starts over from an empty conversation, so nothing is missing. */
  reload(): void {
    if (this.#disposed) return;
    this.#close();
    this.#full = initialState();
    this.#tail = null;
    this.state = this.#full;
    this.partial = false;
    void this.#open();
    void this.loadSession();
  }

  async fullEvent(eventId: string): Promise<SessionEvent> {
    if (this.watchId === null) throw toBackendError('The conversation is not connected.');
    return this.#backend.fullEvent(this.watchId, eventId);
  }

  dispose(): void {
    this.#close();
    this.#disposed = true;
  }
}
