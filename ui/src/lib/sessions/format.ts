// How a session row reads: its title and its cost (its status is in status.ts).
import type { Session } from '$lib/ipc/bindings';
import { formatMoney } from '$lib/format/money';

export function sessionCost(session: Session): string {
  return formatMoney(session.usage?.list_cost);
}

export function sessionTitle(session: Session): string {
  return session.title?.trim() ? session.title : 'Untitled';
}
