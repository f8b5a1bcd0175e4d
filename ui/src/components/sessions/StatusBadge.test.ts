// The sessions list and the session page say a session's status with the same words.
import { render, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { SessionStatus } from '$lib/conversation/state';
import { setNavigation } from '$lib/context';
import { Navigation } from '$lib/navigation/navigation.svelte';
import { setSessions } from '$lib/sessions/context';
import { SessionsController } from '$lib/sessions/sessions.svelte';
import Provide from '$lib/testing/Provide.svelte';
import { renderInSession, sessionControllerWith } from '$lib/testing/sessionController';
import { sessionFixture } from '$lib/testing/sessions';
import StatusStrip from '../conversation/StatusStrip.svelte';
import SessionRow from './SessionRow.svelte';

/** The label of the session's badge in its row of the sessions list. */
function listLabel(status: string, pending = 0): string {
  const session = sessionFixture('sesn_1', { status });
  const sessions = new SessionsController(null);
  if (pending > 0)
    sessions.applyStatus({
      sessionId: 'sesn_1',
      status: 'requiresAction',
      pending,
      stopReason: 'requires_action',
      reconnecting: false,
      budgetNear: false,
    });
  const { container, unmount } = render(Provide, {
    props: {
      provide: () => {
        setNavigation(new Navigation());
        setSessions(sessions);
      },
      view: SessionRow,
      viewProps: { session },
    },
  });
  const badge = container.querySelector('[data-status]');
  const label = badge?.textContent?.trim() ?? '';
  unmount();
  return label;
}

/** The label of the status badge in the session page's status strip. */
function stripLabel(status: SessionStatus, pending = 0): string {
  const controller = sessionControllerWith({
    status,
    awaitingIds: Array.from({ length: pending }, (_, i) => `t${i}`),
  });
  const { container, unmount } = renderInSession(controller, StatusStrip);
  const label = within(container).getByTestId('session-status').textContent?.trim() ?? '';
  unmount();
  return label;
}

describe('one status vocabulary', () => {
  // Every status the page knows (the list also shows statuses it does not, as sent).
  it.each<SessionStatus>(['idle', 'running', 'rescheduling', 'terminated'])(
    'says %s the same in the list and on the page',
    (status) => {
      const label = listLabel(status);
      expect(label).not.toBe('');
      expect(stripLabel(status)).toBe(label);
    },
  );

  it('counts the calls that wait for approval the same way', () => {
    expect(listLabel('idle', 2)).toBe('Needs approval (2)');
    expect(stripLabel('idle', 2)).toBe('Needs approval (2)');
  });
});
