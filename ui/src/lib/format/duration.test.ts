import { describe, expect, it } from 'vitest';
import { elapsedMs, formatDuration, formatSeconds } from './duration';

describe('durations', () => {
  it('formats durations', () => {
    expect(formatDuration(640)).toBe('640 ms');
    expect(formatDuration(2400)).toBe('2.4 s');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(185_000)).toBe('3 min 05 s');
    expect(formatDuration(2 * 3600_000 + 5 * 60_000)).toBe('2 h 05 min');
  });

  it('reads seconds, as the API counts active time', () => {
    expect(formatSeconds(75)).toBe('1 min 15 s');
    expect(formatSeconds(59.6)).toBe('1 min 00 s');
    expect(formatSeconds(0.4)).toBe('0 ms');
  });

  it('measures between two times', () => {
    expect(elapsedMs('2026-01-01T00:00:00Z', '2026-01-01T00:00:02.400Z')).toBe(2400);
    expect(elapsedMs('2026-01-01T00:00:00Z', null)).toBeNull();
    expect(elapsedMs('nonsense', '2026-01-01T00:00:00Z')).toBeNull();
    expect(elapsedMs('2026-01-01T00:00:02Z', '2026-01-01T00:00:00Z')).toBeNull();
  });
});
