import { describe, expect, it } from 'vitest';
import { formatWhen, relativeTime } from './time';

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

describe('formatWhen', () => {
  it('shows a short date and time, and text it cannot read as it is', () => {
    const when = formatWhen('2026-11-20T10:00:00Z', 'en-GB');
    expect(when).toMatch(/20 Nov 2026/);
    expect(formatWhen('soon')).toBe('soon');
  });
});
