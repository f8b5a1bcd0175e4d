// Token counts, list cost and budget for the usage panel. Money stays an integer count of minor
// units (a string on the wire) until it is formatted, so sums and comparisons are exact.
import type { Budget, Money, SessionUsage } from '$lib/ipc/bindings';
import type { TokenTotals } from './state';

export interface UsageRows {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  /** Where the numbers come from: the server's `session.usage`, or our sum of spans. */
  source: 'session' | 'spans';
}

export function usageRows(session: SessionUsage | null | undefined, spans: TokenTotals): UsageRows {
  if (session) {
    const creation = session.cache_creation;
    return {
      input: session.input_tokens ?? 0,
      output: session.output_tokens ?? 0,
      cacheRead: session.cache_read_input_tokens ?? 0,
      cacheWrite:
        (creation?.ephemeral_5m_input_tokens ?? 0) + (creation?.ephemeral_1h_input_tokens ?? 0),
      source: 'session',
    };
  }
  return {
    input: spans.input_tokens,
    output: spans.output_tokens,
    cacheRead: spans.cache_read_input_tokens,
    cacheWrite: spans.cache_creation_input_tokens,
    source: 'spans',
  };
}

function minorDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2
    );
  } catch {
    return 2;
  }
}

export function minorUnits(money: Money): bigint | null {
  return /^-?\d+$/.test(money.amount) ? BigInt(money.amount) : null;
}

/** "$1.37" for `{amount:"137", currency:"USD"}`; the raw amount if it is not an integer. */
export function formatMoney(money: Money): string {
  const units = minorUnits(money);
  if (units === null) return `${money.amount} ${money.currency}`;
  const digits = minorDigits(money.currency);
  const negative = units < 0n;
  const text = (negative ? -units : units).toString().padStart(digits + 1, '0');
  const whole = digits > 0 ? text.slice(0, -digits) : text;
  const fraction = digits > 0 ? text.slice(-digits) : '';
  const number = `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
  try {
    // Formats the decimal string directly: no float rounding on the way.
    return new Intl.NumberFormat(undefined, {
      style: 'currency',
      currency: money.currency,
      minimumFractionDigits: digits,
    }).format(number as unknown as number);
  } catch {
    return `${number} ${money.currency}`;
  }
}

export interface BudgetUse {
  spent: Money;
  max: Money;
  /** 0..1 and more when over; null when the currencies differ or amounts are not integers. */
  fraction: number | null;
  /** At or beyond 80% of the limit. */
  nearLimit: boolean;
  reached: boolean;
}

export const NEAR_LIMIT = 0.8;

export function budgetUse(
  spent: Money | null | undefined,
  budget: Budget | null,
): BudgetUse | null {
  if (!budget) return null;
  const max = budget.max_list_cost;
  const used: Money = spent ?? { amount: '0', currency: max.currency };
  const a = minorUnits(used);
  const b = minorUnits(max);
  if (a === null || b === null || used.currency !== max.currency || b <= 0n)
    return { spent: used, max, fraction: null, nearLimit: false, reached: false };
  // Thousandths, exact in integers, then one division to a float for display.
  const fraction = Number((a * 1000n) / b) / 1000;
  return { spent: used, max, fraction, nearLimit: fraction >= NEAR_LIMIT, reached: a >= b };
}

export function formatTokens(n: number): string {
  return n.toLocaleString();
}

export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}
