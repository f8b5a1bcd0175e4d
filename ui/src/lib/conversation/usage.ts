// Token counts, list cost and budget for the usage panel and each model request. Money stays an
// integer count of minor units until lib/format/money.ts shows it, so comparisons are exact.
import type { Budget, Money, ModelUsage, SessionUsage } from '$lib/ipc/bindings';
import { formatCount } from '$lib/format/count';
import { minorUnits } from '$lib/format/money';
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

/** The four counts of a model request, labelled for a person. */
export function modelUsageRows(usage: ModelUsage): { label: string; value: string }[] {
  return [
    { label: 'Input', value: formatCount(usage.input_tokens) },
    { label: 'Output', value: formatCount(usage.output_tokens) },
    { label: 'Cache write', value: formatCount(usage.cache_creation_input_tokens) },
    { label: 'Cache read', value: formatCount(usage.cache_read_input_tokens) },
  ];
}
