import type { NotificationPrefs } from '$lib/ipc/call';
import { toBackendError } from '$lib/ipc/errors';

/** Persists the preferences; rejects with an error whose message a person can read. */
export type SaveNotificationPrefs = (prefs: NotificationPrefs) => Promise<unknown>;

/** Which desktop notifications a person wants, saved as soon as they change one. */
export class NotificationPrefsController {
  prefs = $state<NotificationPrefs>({
    enabled: true,
    approvals: true,
    turnEnded: true,
    failures: true,
    budget: true,
  });
  /** Why the last change could not be saved; the choice is then undone. */
  saveError = $state<string | undefined>();
  saving = $state(false);
  readonly #save: SaveNotificationPrefs | undefined;

  constructor(initial: NotificationPrefs, save?: SaveNotificationPrefs) {
    // `budget` came later: settings saved before it have none, and the backend reads that as on.
    this.prefs = { ...initial, budget: initial.budget ?? true };
    this.#save = save;
  }

  async set<K extends keyof NotificationPrefs>(key: K, value: NotificationPrefs[K]): Promise<void> {
    const before = { ...this.prefs };
    this.prefs[key] = value;
    this.saveError = undefined;
    this.saving = true;
    try {
      await this.#save?.({ ...this.prefs });
    } catch (e) {
      // Unlike the theme, a preference the backend did not take has no effect at all (the
      // backend decides when to notify), so the switch goes back to what is really in force.
      this.prefs = before;
      this.saveError = toBackendError(e).message;
    } finally {
      this.saving = false;
    }
  }
}
