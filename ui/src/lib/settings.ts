import { call, commands, type Settings, type ThemePreference } from './ipc/call';
import { inTauri } from './platform';

/** What the UI shows before the backend answers, and in a plain browser during UI work. */
export const DEFAULT_SETTINGS: Settings = { version: 1, theme: 'system' };

/** The stored settings, or the defaults when there is no backend (UI development in a browser). */
export async function loadSettings(): Promise<Settings> {
  if (!inTauri()) return DEFAULT_SETTINGS;
  return commands.settingsGet();
}

export function saveTheme(theme: ThemePreference): Promise<Settings> {
  return call(commands.settingsSetTheme(theme));
}
