// How a session row reads: its status badge, its title and its cost.
import type { Session, SessionStatus } from '$lib/ipc/bindings';
import { formatMoney } from '$lib/format/money';

/** What the list knows of a session's status: the API's, or a later live one. */
export interface RowStatus {
  /** A `SessionStatus` from the API (an open string) or a `LiveStatus` from the event. */
  status: SessionStatus;
  /** Tool calls waiting for an answer (with `requiresAction`). */
  pending: number;
}

export type BadgeTone = 'idle' | 'running' | 'attention' | 'warning' | 'ended';

export function statusBadge(row: RowStatus): { label: string; tone: BadgeTone } {
  switch (row.status) {
    case 'idle':
      return { label: 'idle', tone: 'idle' };
    case 'running':
      return { label: 'running', tone: 'running' };
    case 'requiresAction':
      return {
        label: row.pending > 0 ? `needs approval (${row.pending})` : 'needs approval',
        tone: 'attention',
      };
    case 'rescheduling':
      return { label: 'rescheduling', tone: 'warning' };
    case 'terminated':
      return { label: 'terminated', tone: 'ended' };
    default:
      return { label: row.status, tone: 'ended' };
  }
}

export function sessionCost(session: Session): string {
  return formatMoney(session.usage?.list_cost);
}

export function sessionTitle(session: Session): string {
  return session.title?.trim() ? session.title : 'Untitled';
}
