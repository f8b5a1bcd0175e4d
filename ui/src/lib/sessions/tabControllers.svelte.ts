// One SessionController per open session tab: created (and its watch started) when the tab
// opens, kept while the person is elsewhere, so switching back shows the session at once where
// they left it, and disposed when the tab closes, which ends its watch and frees its events.
import { SessionController } from '$lib/conversation/sessionController.svelte';

export type ControllerFactory = (sessionId: string) => {
  controller: SessionController;
  stop: () => void;
};

function started(sessionId: string) {
  const controller = new SessionController(sessionId);
  return { controller, stop: controller.start() };
}

export class TabControllers {
  /** By session id; only what `sync` was last given. Not state: `#version` says what changed. */
  #open: Record<string, { controller: SessionController; stop: () => void }> = {};
  /** Bumped on every change, so what reads `get` follows it. */
  #version = $state(0);
  #make: ControllerFactory;

  constructor(make: ControllerFactory = started) {
    this.#make = make;
  }

  /** The controller of an open tab, or null for a session with no tab. */
  get(sessionId: string): SessionController | null {
    void this.#version;
    return this.#open[sessionId]?.controller ?? null;
  }

  /** Matches the open tabs: new ones start watching, closed ones stop and are freed. */
  sync(tabs: readonly string[]): void {
    let changed = false;
    for (const [id, entry] of Object.entries(this.#open)) {
      if (!tabs.includes(id)) {
        entry.stop();
        delete this.#open[id];
        changed = true;
      }
    }
    for (const id of tabs) {
      if (!(id in this.#open)) {
        this.#open[id] = this.#make(id);
        changed = true;
      }
    }
    if (changed) this.#version++;
  }

  /** Another profile: every watch ends, whatever the ids. */
  reset(): void {
    this.sync([]);
  }

  get size(): number {
    void this.#version;
    return Object.keys(this.#open).length;
  }
}
