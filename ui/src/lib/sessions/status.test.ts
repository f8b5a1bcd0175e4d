import { describe, expect, it } from 'vitest';
import { statusLabel, statusTone } from './status';

describe('status scale', () => {
  it('names each status, with the count of what waits for approval', () => {
    expect(statusLabel('idle')).toBe('Idle');
    expect(statusLabel('running', 0)).toBe('Running');
    expect(statusLabel('requiresAction', 3)).toBe('Needs approval (3)');
    expect(statusLabel('requiresAction', 0)).toBe('Needs approval');
    expect(statusLabel('rescheduling', 0)).toBe('Rescheduling');
    expect(statusLabel('terminated', 0)).toBe('Terminated');
    expect(statusLabel('paused_someday', 0)).toBe('paused_someday');
    expect(statusLabel(null)).toBe('Loading…');
  });

  it('counts calls that wait on an idle session as the page sees them', () => {
    expect(statusLabel('idle', 2)).toBe('Needs approval (2)');
    expect(statusTone('idle', 2)).toBe('attention');
  });

  it('says Reconnecting, as a warning, while the live connection is down', () => {
    expect(statusLabel('running', 0, true)).toBe('Reconnecting');
    expect(statusLabel('requiresAction', 2, true)).toBe('Reconnecting');
    expect(statusTone('running', 0, true)).toBe('warning');
  });

  it('gives one tone per step of the scale', () => {
    expect(statusTone('idle')).toBe('neutral');
    expect(statusTone('running')).toBe('info');
    expect(statusTone('requiresAction', 1)).toBe('attention');
    expect(statusTone('rescheduling')).toBe('warning');
    expect(statusTone('terminated')).toBe('ended');
    expect(statusTone('something_new')).toBe('neutral');
  });
});
