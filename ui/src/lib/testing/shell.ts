// The app shell's contexts for a view under test: navigation and the session tabs (each open
// tab with its controller, as the app keeps them). Call during a component's initialisation,
// as `Provide`'s `provide` does.
import { setNavigation, setTabControllers } from '$lib/context';
import { Navigation } from '$lib/navigation/navigation.svelte';
import { TabControllers } from '$lib/sessions/tabControllers.svelte';
import { followTabs } from '$lib/sessions/tabsFollow.svelte';

export function provideShell(
  nav: Navigation = new Navigation(),
  controllers: TabControllers = new TabControllers(),
): { nav: Navigation; controllers: TabControllers } {
  setNavigation(nav);
  setTabControllers(controllers);
  followTabs(nav, controllers, () => 'demo', {}, undefined);
  return { nav, controllers };
}
