import { createContext } from 'svelte';
import type { Navigation } from './navigation/navigation.svelte';
import type { NotificationPrefsController } from './notifications/notificationPrefs.svelte';
import type { ProfilesController } from './profiles/profiles.svelte';
import type { TabControllers } from './sessions/tabControllers.svelte';
import type { ThemeController } from './theme/theme.svelte';

export const [getNavigation, setNavigation] = createContext<Navigation>();
export const [getTheme, setTheme] = createContext<ThemeController>();
export const [getProfiles, setProfiles] = createContext<ProfilesController>();
export const [getNotificationPrefs, setNotificationPrefs] =
  createContext<NotificationPrefsController>();
export const [getTabControllers, setTabControllers] = createContext<TabControllers>();
