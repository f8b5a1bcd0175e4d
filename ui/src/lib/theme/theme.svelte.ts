export type ThemePreference = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

const STORAGE_KEY = 'agent-desk.theme';
const PREFERENCES: readonly ThemePreference[] = ['system', 'light', 'dark'];

function isPreference(value: string | null): value is ThemePreference {
  return value !== null && (PREFERENCES as readonly string[]).includes(value);
}

/**
 * The light/dark theme: the user's preference, and the OS preference when they chose "system".
 *
 * The preference lives in the web view's local storage until typed settings exist in the backend.
 */
export class ThemeController {
  preference = $state<ThemePreference>('system');
  #systemDark = $state(false);
  readonly resolved: Theme = $derived(
    this.preference === 'system' ? (this.#systemDark ? 'dark' : 'light') : this.preference,
  );

  readonly #storage: Storage | undefined;
  readonly #media: MediaQueryList | undefined;
  readonly #onSystemChange = (event: MediaQueryListEvent) => {
    this.#systemDark = event.matches;
  };

  constructor(storage?: Storage, media?: MediaQueryList) {
    this.#storage = storage;
    this.#media = media;
    const saved = storage?.getItem(STORAGE_KEY) ?? null;
    if (isPreference(saved)) this.preference = saved;
    this.#systemDark = media?.matches ?? false;
    media?.addEventListener('change', this.#onSystemChange);
  }

  static fromWindow(win: Window): ThemeController {
    let storage: Storage | undefined;
    try {
      storage = win.localStorage;
    } catch {
      // Storage can be disabled; the theme then simply is not remembered.
      storage = undefined;
    }
    return new ThemeController(storage, win.matchMedia?.('(prefers-color-scheme: dark)'));
  }

  set(preference: ThemePreference): void {
    this.preference = preference;
    try {
      this.#storage?.setItem(STORAGE_KEY, preference);
    } catch {
      // A full or disabled storage must not break switching the theme for this run.
    }
  }

  dispose(): void {
    this.#media?.removeEventListener('change', this.#onSystemChange);
  }
}
