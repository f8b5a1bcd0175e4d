// After a desktop notification, the window coming to the front opens the session it was about
// (the backend decides when; see notifications.rs).
import { events } from '$lib/ipc/bindings';
import { inTauri } from '$lib/platform';
import type { Navigation } from './navigation.svelte';

/**
 * Follows `session://open` with `nav`; returns the cleanup that stops following. A refused
 * subscription is never silent: `onerror` gets what to tell the person.
 */
export function openSessionsOnRequest(
  nav: Navigation,
  onerror: (message: string) => void,
): () => void {
  if (!inTauri()) return () => {};
  const stop = events.sessionOpen.listen((event) => nav.openSession(event.payload.sessionId));
  stop.catch((error: unknown) => {
    console.error('session://open could not be listened to', error);
    const reason = error instanceof Error ? error.message : String(error);
    onerror(`Opening a session from a notification is off: ${reason}`);
  });
  // A failed listen was reported above; test doubles of the event plugin may lack
  // `unregisterListener`, and then nothing is left to undo.
  return () => void stop.then((unlisten) => unlisten()).catch(() => {});
}
