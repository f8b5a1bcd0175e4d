// The profile's daily cap as the monitor's summary carries it (`daily`): the warning strip on
// the sessions list and the reason shown on each session the cap interrupted. Amounts are whole
// US cents; the backend adds them up (src-tauri/src/monitor/daily.rs).
import type { DailySpend } from '$lib/ipc/bindings';
import { formatMoney } from '$lib/format/money';

function usd(cents: number): string {
  return formatMoney({ amount: String(cents), currency: 'USD' });
}

export interface CapStrip {
  tone: 'warning' | 'danger';
  title: string;
  detail: string;
}

/** What the sessions list says about today's spend: nothing below 80 % of the cap. */
export function capStrip(daily: DailySpend | null | undefined): CapStrip | null {
  if (!daily?.near) return null;
  const spent = usd(daily.spentCents);
  const cap = usd(daily.capCents);
  if (!daily.reached) {
    return {
      tone: 'warning',
      title: `Today's spend ${spent} of ${cap} daily cap`,
      detail: daily.interrupts
        ? "At the cap, this profile's running sessions are interrupted."
        : 'At the cap, a notification says so; sessions go on.',
    };
  }
  const count = daily.interrupted.length;
  const stopped =
    count === 0
      ? 'No session was running.'
      : `${count} running ${count === 1 ? 'session was' : 'sessions were'} interrupted.`;
  return {
    tone: 'danger',
    title: `Today's spend ${spent} reached the ${cap} daily cap`,
    detail: daily.interrupts
      ? `${stopped} Raise or remove the cap in Settings to let sessions run today.`
      : 'Sessions go on: the cap only warns.',
  };
}

/** Why `sessionId` stopped, if the cap interrupted it and is still reached; else null. */
export function capStopReason(
  daily: DailySpend | null | undefined,
  sessionId: string,
): string | null {
  if (!daily?.reached || !daily.interrupted.includes(sessionId)) return null;
  return `Stopped: this profile reached its daily cap of ${usd(daily.capCents)}`;
}
