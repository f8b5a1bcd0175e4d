import {
  call,
  commands,
  type NotificationPrefs,
  type SessionTabs,
  type Settings,
  type ThemePreference,
} from './ipc/call';
import { inTauri } from './platform';

/** The id of the built-in profile that talks to the in-process simulator. */
export const DEMO_PROFILE_ID = 'demo';

/** What the UI shows before the backend answers, and in a plain browser during UI work. */
export const DEFAULT_SETTINGS: Settings = {
  version: 2,
  theme: 'system',
  activeProfile: DEMO_PROFILE_ID,
  profiles: [],
  // The backend's defaults: every kind on until a person turns it off.
  notifications: { enabled: true, approvals: true, turnEnded: true, failures: true, budget: true },
  window: null,
  recent: [],
  tabs: {},
};

/** The stored settings, or the defaults when there is no backend (UI development in a browser). */
export async function loadSettings(): Promise<Settings> {
  if (!inTauri()) return DEFAULT_SETTINGS;
  return commands.settingsGet();
}

export function saveTheme(theme: ThemePreference): Promise<Settings> {
  return call(commands.settingsSetTheme(theme));
}

export function saveNotifications(notifications: NotificationPrefs): Promise<Settings> {
  return call(commands.settingsSetNotifications(notifications));
}

export async function saveTabs(profileId: string, tabs: SessionTabs): Promise<void> {
  await call(commands.settingsSetTabs(profileId, tabs));
}
