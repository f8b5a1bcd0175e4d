import { render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { DailySpend, LiveSnapshot } from '$lib/ipc/bindings';
import { setSessionController } from '$lib/conversation/context';
import type { SessionController } from '$lib/conversation/sessionController.svelte';
import { scriptedBackend } from '$lib/testing/scriptedBackend';
import Provide from '$lib/testing/Provide.svelte';
import DailyCapStopped from './DailyCapStopped.svelte';

function live(daily: DailySpend | null): LiveSnapshot {
  return {
    statuses: [],
    summary: {
      watched: 0,
      overLimit: 0,
      maxWatched: 50,
      reconnecting: false,
      waitingCalls: 0,
      daily,
    },
  };
}

const reached = (interrupted: string[]): DailySpend => ({
  date: '2026-08-10',
  spentCents: 1004,
  capCents: 1000,
  near: true,
  reached: true,
  interrupts: true,
  interrupted,
});

function renderFor(sessionId: string) {
  const controller = { sessionId } as SessionController;
  render(Provide, {
    props: { provide: () => setSessionController(controller), view: DailyCapStopped },
  });
}

describe('DailyCapStopped', () => {
  it('says why the session stopped when the daily cap interrupted it', async () => {
    scriptedBackend().on('sessions_live', () => live(reached(['sesn_1'])));
    renderFor('sesn_1');
    expect(
      await screen.findByText('Stopped: this profile reached its daily cap of $10.00'),
    ).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Raise or remove the cap in Settings');
  });

  it('says nothing on a session the cap did not stop', async () => {
    const api = scriptedBackend();
    api.on('sessions_live', () => live(reached(['sesn_2'])));
    renderFor('sesn_1');
    await vi.waitFor(() => expect(api.sent('sessions_live')).toHaveLength(1));
    expect(screen.queryByTestId('daily-cap-stopped')).toBeNull();
  });
});
