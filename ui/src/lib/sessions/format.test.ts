import { describe, expect, it } from 'vitest';
import { statusBadge } from './format';

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
