import type { ThemePreference } from '$lib/ipc/call';
import { toBackendError } from '$lib/ipc/errors';

export type { ThemePreference };
export type Theme = 'light' | 'dark';

/** Persists a preference; rejects with an error whose message a person can read. */
export type SaveTheme = (preference: ThemePreference) => Promise<unknown>;

/** The light/dark theme: the user's preference, and the OS preference when they chose "system". */
export class ThemeController {
  preference = $state<ThemePreference>('system');
  /** Why the last choice could not be saved; it still applies until the app closes. */
  saveError = $state<string | undefined>();
  #systemDark = $state(false);
  readonly resolved: Theme = $derived(
    this.preference === 'system' ? (this.#systemDark ? 'dark' : 'light') : this.preference,
  );

  readonly #media: MediaQueryList | undefined;
  readonly #save: SaveTheme | undefined;
  readonly #onSystemChange = (event: MediaQueryListEvent) => {
    this.#systemDark = event.matches;
  };

  constructor(initial: ThemePreference, media?: MediaQueryList, save?: SaveTheme) {
    this.preference = initial;
    this.#media = media;
    this.#save = save;
    this.#systemDark = media?.matches ?? false;
    media?.addEventListener('change', this.#onSystemChange);
  }

  async set(preference: ThemePreference): Promise<void> {
    this.preference = preference;
    this.saveError = undefined;
    try {
      await this.#save?.(preference);
    } catch (e) {
      this.saveError = toBackendError(e).message;
    }
  }

  dispose(): void {
    this.#media?.removeEventListener('change', this.#onSystemChange);
  }
}
