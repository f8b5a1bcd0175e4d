// A SessionController for component tests: its conversation set by the test instead of a feed,
// its commands answered by `scriptedBackend()`, and a way to render a component inside it.
import { render } from '@testing-library/svelte';
import type { Component } from 'svelte';
import { setSessionController } from '$lib/conversation/context';
import { SessionController } from '$lib/conversation/sessionController.svelte';
import { initialState, type ConversationState } from '$lib/conversation/state';
import Provide from './Provide.svelte';

/** The watch id the controller acts as if the relay had given (for full events). */
export const WATCH_ID = 11;

/** A controller for `sessionId` showing `state`, as if its feed were open. Nothing is started. */
export function sessionControllerWith(
  state: Partial<ConversationState> = {},
  sessionId = 'sesn_1',
): SessionController {
  const controller = new SessionController(sessionId);
  controller.watch.state = { ...initialState(), ...state };
  controller.watch.watchId = WATCH_ID;
  return controller;
}

/** Renders `view` with `props` inside the session page's context, as `controller`. */
export function renderInSession(
  controller: SessionController,
  // Any component: each takes its own props.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  view: Component<any>,
  props: Record<string, unknown> = {},
) {
  return render(Provide, {
    props: { provide: () => setSessionController(controller), view, viewProps: props },
  });
}
