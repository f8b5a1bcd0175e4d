// The session tabs' life across profiles and restarts: each profile has its own tabs, put in
// place when it becomes the active one (the previous profile's watches end), every open tab
// has its controller, and each change is saved for the next start. Called once, while the app
// component initialises (it sets up effects).
import { untrack } from 'svelte';
import type { SessionTabs } from '$lib/ipc/bindings';
import type { Navigation } from '$lib/navigation/navigation.svelte';
import type { TabControllers } from './tabControllers.svelte';

/** How long tab changes settle before they are written (switching fast writes once). */
const SAVE_DELAY_MS = 300;

export function followTabs(
  nav: Navigation,
  controllers: TabControllers,
  activeProfile: () => string,
  saved: Record<string, SessionTabs>,
  save: ((profileId: string, tabs: SessionTabs) => Promise<void>) | undefined,
): void {
  let profile: string | null = null;

  $effect(() => {
    const next = activeProfile();
    untrack(() => {
      if (profile === next) return;
      controllers.reset();
      nav.restoreTabs(saved[next]);
      profile = next;
    });
  });

  $effect(() => {
    controllers.sync(nav.tabs);
  });

  $effect(() => {
    const state = nav.tabState();
    const owner = untrack(() => profile);
    if (owner === null) return;
    saved[owner] = state;
    if (!save) return;
    const timer = setTimeout(() => {
      save(owner, state).catch((error: unknown) =>
        console.error('the open tabs could not be saved', error),
      );
    }, SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  });

  $effect(() => () => controllers.reset());
}
