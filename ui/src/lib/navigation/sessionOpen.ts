// After a desktop notification, the window coming to the front opens the session it was about,
// and a click on a notification about a waiting call shows that call in the inbox (the backend
// decides when; see notifications.rs).
import { events } from '$lib/ipc/bindings';
import { inTauri } from '$lib/platform';
import type { Navigation } from './navigation.svelte';

/**
 * Follows `session://open` and `inbox://open` with `nav`; returns the cleanup that stops
 * following. A refused subscription is never silent: `onerror` gets what to tell the person.
 */
export function openSessionsOnRequest(
  nav: Navigation,
  onerror: (message: string) => void,
): () => void {
  if (!inTauri()) return () => {};
  const stops = [
    follow(
      events.sessionOpen.listen((event) => nav.openSession(event.payload.sessionId)),
      'session://open',
      'Opening a session from a notification',
      onerror,
    ),
    follow(
      events.inboxOpen.listen((event) => nav.openInbox(event.payload.callId)),
      'inbox://open',
      'Showing a call from a notification',
      onerror,
    ),
  ];
  return () => stops.forEach((stop) => stop());
}

function follow(
  listening: Promise<() => void>,
  name: string,
  what: string,
  onerror: (message: string) => void,
): () => void {
  listening.catch((error: unknown) => {
    console.error(`${name} could not be listened to`, error);
    const reason = error instanceof Error ? error.message : String(error);
    onerror(`${what} is off: ${reason}`);
  });
  // A failed listen was reported above; test doubles of the event plugin may lack
  // `unregisterListener`, and then nothing is left to undo.
  return () => void listening.then((unlisten) => unlisten()).catch(() => {});
}
