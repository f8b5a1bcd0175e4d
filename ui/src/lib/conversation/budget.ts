// Raising a session's budget once the server has stopped it there (`budget_reached`). The API
// resumes the session by itself on an update whose `max_list_cost` is strictly greater than what
// was spent, in whole US cents (a string); removing the budget also resumes it, for good.
import type { Budget, Money } from '$lib/ipc/bindings';
import { dollarsToCents, minorUnits } from '$lib/format/money';

/** A suggestion for the new limit, in dollars as a person types them: double the old one, and
 *  at least a dollar above what was spent. Empty when the amounts are not plain cents. */
export function suggestedDollars(spent: Money, max: Money): string {
  const used = minorUnits(spent);
  const cap = minorUnits(max);
  if (used === null || cap === null) return '';
  let cents = cap * 2n;
  if (cents < used + 100n) cents = used + 100n;
  const text = cents.toString().padStart(3, '0');
  return `${text.slice(0, -2)}.${text.slice(-2)}`;
}

/** The budget to send for `dollars` as typed, or why it cannot be sent. */
export function raisedBudget(
  dollars: string,
  spent: Money,
): { budget: Budget } | { error: string } {
  const cents = dollarsToCents(dollars);
  if (cents === null || cents === '0')
    return { error: 'Enter an amount in dollars, like 25 or 2.50.' };
  const used = minorUnits(spent);
  if (used !== null && BigInt(cents) <= used)
    return { error: 'The new budget must be more than what the session has spent.' };
  return {
    budget: { type: 'limit', max_list_cost: { amount: cents, currency: 'USD' } },
  };
}
