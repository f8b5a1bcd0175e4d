import { describe, expect, it } from 'vitest';
import { raisedBudget, suggestedDollars } from './budget';

const usd = (amount: string) => ({ amount, currency: 'USD' });

describe('raising a budget', () => {
  it('suggests double the old limit, and at least a dollar above what was spent', () => {
    expect(suggestedDollars(usd('53'), usd('50'))).toBe('1.53');
    expect(suggestedDollars(usd('2510'), usd('2500'))).toBe('50.00');
    expect(suggestedDollars(usd('1.5'), usd('50'))).toBe('');
  });

  it('sends whole cents above what was spent, and says why not otherwise', () => {
    expect(raisedBudget('5', usd('53'))).toEqual({
      budget: { type: 'limit', max_list_cost: usd('500') },
    });
    expect(raisedBudget('0.53', usd('53'))).toEqual({
      error: 'The new budget must be more than what the session has spent.',
    });
    expect(raisedBudget('0.54', usd('53'))).toEqual({
      budget: { type: 'limit', max_list_cost: usd('54') },
    });
    expect(raisedBudget('five', usd('53'))).toEqual({
      error: 'Enter an amount in dollars, like 25 or 2.50.',
    });
    expect(raisedBudget('0', usd('0'))).toHaveProperty('error');
  });
});
