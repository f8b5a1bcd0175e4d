import { createContext } from 'svelte';
import type { Navigation } from './navigation/navigation.svelte';
import type { ThemeController } from './theme/theme.svelte';

export const [getNavigation, setNavigation] = createContext<Navigation>();
export const [getTheme, setTheme] = createContext<ThemeController>();
