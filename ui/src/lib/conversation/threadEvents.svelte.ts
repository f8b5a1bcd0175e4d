// The subagent threads' own events, for the timeline's lanes: one watch of each thread's stream
// (its history, then live), kept while the timeline is shown. A session with many subagents
// has only its first few watched: each watch is a connection of its own.
import type { SessionEvent } from '$lib/ipc/bindings';
import { SessionWatch, threadWatchBackend, type WatchBackend } from './watch.svelte';

/** How many threads are watched at most; the others' lanes show when they ran. */
export const MAX_WATCHED_THREADS = 6;

export class ThreadEvents {
  readonly #sessionId: string;
  readonly #backendFor: (threadId: string) => WatchBackend;
  /** Replaced whole when the threads change, so a reader sees a new set. */
  #watches = $state.raw<Record<string, SessionWatch>>({});
  /** Threads beyond the limit, not watched. */
  unwatched = $state(0);

  constructor(
    sessionId: string,
    backendFor: (threadId: string) => WatchBackend = threadWatchBackend,
  ) {
    this.#sessionId = sessionId;
    this.#backendFor = backendFor;
  }

  /** Watches the first of `threadIds` (up to the limit) and stops watching any other. */
  follow(threadIds: readonly string[]): void {
    const wanted = threadIds.slice(0, MAX_WATCHED_THREADS);
    this.unwatched = Math.max(0, threadIds.length - wanted.length);
    const current = this.#watches;
    if (wanted.length === Object.keys(current).length && wanted.every((id) => id in current)) {
      return;
    }
    const next: Record<string, SessionWatch> = {};
    for (const id of wanted) {
      let watch = current[id];
      if (!watch) {
        watch = new SessionWatch(this.#sessionId, this.#backendFor(id));
        watch.openFeed();
      }
      next[id] = watch;
    }
    for (const [id, watch] of Object.entries(current)) if (!(id in next)) watch.dispose();
    this.#watches = next;
  }

  /** Each watched thread's events so far. */
  get events(): Record<string, readonly SessionEvent[]> {
    return Object.fromEntries(
      Object.entries(this.#watches).map(([id, watch]) => [id, watch.state.events]),
    );
  }

  dispose(): void {
    for (const watch of Object.values(this.#watches)) watch.dispose();
    this.#watches = {};
  }
}
