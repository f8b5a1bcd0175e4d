import { describe, expect, it } from 'vitest';
import { formatMoney, relativeTime, statusBadge } from './format';

describe('status badges', () => {
  it('names each status, with the count of what waits for approval', () => {
    expect(statusBadge({ status: 'idle', pending: 0 }).label).toBe('idle');
    expect(statusBadge({ status: 'running', pending: 0 }).label).toBe('running');
    expect(statusBadge({ status: 'requiresAction', pending: 3 })).toEqual({
      label: 'needs approval (3)',
      tone: 'attention',
    });
    expect(statusBadge({ status: 'rescheduling', pending: 0 }).label).toBe('rescheduling');
    expect(statusBadge({ status: 'terminated', pending: 0 }).label).toBe('terminated');
    expect(statusBadge({ status: 'paused_someday', pending: 0 }).label).toBe('paused_someday');
  });
});

describe('money', () => {
  it('reads minor units in the currency, and a dash when there is none', () => {
    expect(formatMoney({ amount: '137', currency: 'USD' }, 'en-US')).toBe('$1.37');
    expect(formatMoney({ amount: '5', currency: 'JPY' }, 'en-US')).toBe('¥5');
    expect(formatMoney(null)).toBe('—');
    expect(formatMoney({ amount: '1.5', currency: 'USD' })).toBe('—');
  });
});

describe('relative time', () => {
  const now = new Date('2026-11-24T12:00:00Z');
  it('says how long ago, in the largest unit that fits', () => {
    expect(relativeTime('2026-11-24T11:59:30Z', now, 'en')).toBe('just now');
    expect(relativeTime('2026-11-24T11:55:00Z', now, 'en')).toBe('5 minutes ago');
    expect(relativeTime('2026-11-24T09:00:00Z', now, 'en')).toBe('3 hours ago');
    expect(relativeTime('2026-11-23T12:00:00Z', now, 'en')).toBe('yesterday');
    expect(relativeTime('not a date', now, 'en')).toBe('not a date');
  });
});
