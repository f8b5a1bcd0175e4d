import { describe, expect, it, vi } from 'vitest';
import { NotificationPrefsController } from './notificationPrefs.svelte';

const ALL_ON = { enabled: true, approvals: true, turnEnded: true, failures: true, budget: true };

describe('NotificationPrefsController', () => {
  it('reads settings saved before the budget kind existed as having it on', () => {
    const older = { enabled: true, approvals: true, turnEnded: true, failures: true };
    expect(new NotificationPrefsController(older).prefs.budget).toBe(true);
    expect(new NotificationPrefsController({ ...ALL_ON, budget: false }).prefs.budget).toBe(false);
  });

  it('saves the whole set with the one change', async () => {
    const save = vi.fn(() => Promise.resolve());
    const prefs = new NotificationPrefsController(ALL_ON, save);
    await prefs.set('approvals', false);
    expect(save).toHaveBeenCalledWith({ ...ALL_ON, approvals: false });
    expect(prefs.prefs.approvals).toBe(false);
    expect(prefs.saveError).toBeUndefined();
  });

  it('undoes a change the backend did not take, and says why', async () => {
    const prefs = new NotificationPrefsController(ALL_ON, () =>
      Promise.reject(new Error('disk full')),
    );
    await prefs.set('enabled', false);
    expect(prefs.prefs).toEqual(ALL_ON);
    expect(prefs.saveError).toBe('disk full');
  });
});
