// "Interrupt all": every running session of the profile, read from the API (every page, not
// only the sessions the list has loaded), then interrupted together once the person agreed to
// the number shown. Exactly the sessions that were shown are interrupted: one that started in
// between was not agreed to.
import { call, commands } from '$lib/ipc/call';
import { toBackendError, type BackendError } from '$lib/ipc/errors';
import type { Session } from '$lib/ipc/bindings';
import { allPages } from '$lib/lists/allPages';

/** Sessions doing work that an interrupt stops. */
const ACTIVE = ['running', 'rescheduling'] as const;

export interface InterruptFailure {
  session: Session;
  error: BackendError;
}

export class InterruptAll {
  /** The running sessions found; null while they are being read. */
  sessions = $state.raw<Session[] | null>(null);
  loadError = $state.raw<BackendError | null>(null);
  busy = $state(false);
  /** Set once the interrupts were sent: how many were accepted, and which failed and why. */
  done = $state.raw<{ interrupted: number; failures: InterruptFailure[] } | null>(null);

  async load(): Promise<void> {
    this.sessions = null;
    this.loadError = null;
    this.done = null;
    try {
      this.sessions = await allPages((page) =>
        call(commands.sessionsList({ limit: 100, page, statuses: [...ACTIVE] })),
      );
    } catch (e) {
      this.loadError = toBackendError(e);
    }
  }

  /** Interrupts every session shown, at once; a failure of one does not stop the others. */
  async confirm(): Promise<void> {
    const sessions = this.sessions ?? [];
    if (this.busy || sessions.length === 0) return;
    this.busy = true;
    const outcomes = await Promise.allSettled(
      sessions.map((s) => call(commands.sessionInterrupt(s.id, null))),
    );
    const failures: InterruptFailure[] = [];
    outcomes.forEach((outcome, i) => {
      if (outcome.status === 'rejected')
        failures.push({ session: sessions[i]!, error: toBackendError(outcome.reason) });
    });
    this.done = { interrupted: sessions.length - failures.length, failures };
    this.busy = false;
  }
}
