// One scale of words and tones for a session's status, read the same in the sessions list and on
// the session page: the API's status (or the live one from `session://status`), how many tool
// calls wait for the person, and whether the live connection is down.
import type { SessionStatus } from '$lib/ipc/bindings';

/** What the list knows of a session's status: the API's, or a later live one. */
export interface RowStatus {
  /** A `SessionStatus` from the API (an open string) or a `LiveStatus` from the event. */
  status: SessionStatus;
  /** Tool calls waiting for an answer (with `requiresAction`). */
  pending: number;
  /**
   * The live connection to the session is down and being re-established. Will come with
   * `SessionStatusChanged.reconnecting`; absent means connected.
   */
  reconnecting?: boolean;
}

/** From calm to loud; each is one colour pair in `StatusBadge`. */
export type StatusTone = 'neutral' | 'info' | 'attention' | 'warning' | 'ended';

type Step = { label: string; tone: StatusTone };

/**
 * Where a status sits on the scale. Reconnecting comes first: until the connection is back the
 * last status seen may be stale. Tool calls that wait for the person come next, whatever the
 * status says (`requiresAction` from the event, or `idle` with calls pending on the page).
 * `null` is a status not known yet.
 */
function step(status: string | null, pending: number, reconnecting: boolean): Step {
  if (reconnecting) return { label: 'Reconnecting', tone: 'warning' };
  if (pending > 0) return { label: `Needs approval (${pending})`, tone: 'attention' };
  switch (status) {
    case null:
      return { label: 'Loading…', tone: 'neutral' };
    case 'idle':
      return { label: 'Idle', tone: 'neutral' };
    case 'running':
      return { label: 'Running', tone: 'info' };
    case 'requiresAction':
      return { label: 'Needs approval', tone: 'attention' };
    case 'rescheduling':
      return { label: 'Rescheduling', tone: 'warning' };
    case 'terminated':
      return { label: 'Terminated', tone: 'ended' };
    case 'deleted':
      return { label: 'Deleted', tone: 'ended' };
    case 'archived':
      return { label: 'Archived', tone: 'ended' };
    default:
      // A status this app does not know yet: said as the API sent it.
      return { label: status, tone: 'neutral' };
  }
}

export function statusLabel(status: string | null, pending = 0, reconnecting = false): string {
  return step(status, pending, reconnecting).label;
}

export function statusTone(status: string | null, pending = 0, reconnecting = false): StatusTone {
  return step(status, pending, reconnecting).tone;
}
