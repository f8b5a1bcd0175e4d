// How a session row reads: its status badge, its cost and its age.
import type { Money, Session, SessionStatus } from '$lib/ipc/bindings';

/** What the list knows of a session's status: the API's, or a later live one. */
export interface RowStatus {
  /** A `SessionStatus` from the API (an open string) or a `LiveStatus` from the event. */
  status: SessionStatus;
  /** Tool calls waiting for an answer (with `requiresAction`). */
  pending: number;
  /** The app cannot reach the API for it now; `status` is the last one known. */
  reconnecting?: boolean;
}

export type BadgeTone = 'idle' | 'running' | 'attention' | 'warning' | 'ended';

export function statusBadge(row: RowStatus): { label: string; tone: BadgeTone } {
  if (row.reconnecting) return { label: 'reconnecting', tone: 'warning' };
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

/** Money in its currency (`$1.37`), or "—" when the API gave none. */
export function formatMoney(money: Money | null | undefined, locale?: string): string {
  if (!money || !/^-?\d+$/.test(money.amount)) return '—';
  try {
    const format = new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency });
    const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    return format.format(Number(money.amount) / 10 ** digits);
  } catch {
    // An unknown currency code: still say how much.
    return `${money.amount} ${money.currency} (minor units)`;
  }
}

export function sessionCost(session: Session): string {
  return formatMoney(session.usage?.list_cost);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "5 minutes ago", "yesterday"; "just now" under a minute. */
export function relativeTime(iso: string, now: Date = new Date(), locale?: string): string {
  const then = new Date(iso);
  if (Number.isNaN(then.getTime())) return iso;
  const seconds = Math.round((then.getTime() - now.getTime()) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return 'just now';
}

export function sessionTitle(session: Session): string {
  return session.title?.trim() ? session.title : 'Untitled';
}
