// The session tabs' life across profiles and restarts: each profile has its own tabs, put in
// place when it becomes the active one (the previous profile's watches end), every open tab
// has its controller, and each change is saved at once for the next start. Called once, while the app
// component initialises (it sets up effects).
import { untrack } from 'svelte';
import type { SessionTabs } from '$lib/ipc/bindings';
import type { Navigation } from '$lib/navigation/navigation.svelte';
import type { TabControllers } from './tabControllers.svelte';

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

  // Written at once, so a window closed right after a change keeps it; one write at a time,
  // and only the newest state waits behind it (fast switching writes twice, not n times).
  let writing = false;
  let next: { owner: string; state: SessionTabs } | null = null;
  const write = async () => {
    if (writing || !save) return;
    writing = true;
    while (next) {
      const { owner, state } = next;
      next = null;
      await save(owner, state).catch((error: unknown) =>
        console.error('the open tabs could not be saved', error),
      );
    }
    writing = false;
  };
  $effect(() => {
    const state = nav.tabState();
    const owner = untrack(() => profile);
    if (owner === null) return;
    saved[owner] = state;
    next = { owner, state };
    void write();
  });

  $effect(() => () => controllers.reset());
}
