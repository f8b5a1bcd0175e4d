// After a desktop notification, the window coming to the front opens the session it was about
// (the backend decides when; see notifications.rs).
import { events } from '$lib/ipc/bindings';
import { inTauri } from '$lib/platform';
import type { Navigation } from './navigation.svelte';

/** Follows `session://open` with `nav`; returns the cleanup that stops following. */
export function openSessionsOnRequest(nav: Navigation): () => void {
  if (!inTauri()) return () => {};
  const stop = events.sessionOpen.listen((event) => nav.openSession(event.payload.sessionId));
  // Test doubles of the event plugin may lack `unregisterListener`; nothing is left to undo then.
  return () => void stop.then((unlisten) => unlisten()).catch(() => {});
}
