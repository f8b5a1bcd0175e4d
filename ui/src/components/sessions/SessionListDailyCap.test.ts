import { render, screen, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DailySpend, LiveSnapshot } from '$lib/ipc/bindings';
import { setNavigation } from '$lib/context';
import { Navigation } from '$lib/navigation/navigation.svelte';
import { setSessions } from '$lib/sessions/context';
import { SessionsController, type StatusSource } from '$lib/sessions/sessions.svelte';
import { FakeIntersectionObserver } from '$lib/testing/intersectionObserver';
import { pageOf } from '$lib/testing/pages';
import { scriptedBackend, type ScriptedBackend } from '$lib/testing/scriptedBackend';
import { sessionFixture } from '$lib/testing/sessions';
import Provide from '$lib/testing/Provide.svelte';
import SessionList from './SessionList.svelte';

let api: ScriptedBackend;
const source: StatusSource = () => Promise.resolve(() => {});

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

const day = (spentCents: number, interrupted: string[] = []): DailySpend => ({
  date: '2026-08-10',
  spentCents,
  capCents: 1000,
  near: spentCents >= 800,
  reached: spentCents >= 1000,
  interrupts: true,
  interrupted,
});

/** The list as the Sessions view shows it, with its controller started. */
function renderList() {
  const sessions = new SessionsController(source);
  render(Provide, {
    props: {
      provide: () => {
        setNavigation(new Navigation());
        setSessions(sessions);
      },
      view: SessionList,
      viewProps: { onnew: () => {}, oninterruptall: () => {} },
    },
  });
  sessions.start();
}

beforeEach(() => {
  api = scriptedBackend();
  api.on('sessions_list', () =>
    pageOf([sessionFixture('sesn_1', { title: 'Migration' }), sessionFixture('sesn_2')]),
  );
  api.on('agents_list', () => pageOf([]));
  api.on('environments_list', () => pageOf([]));
  vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver);
});

describe('the daily cap on the sessions list', () => {
  it('warns with the figures from 80 % of the cap', async () => {
    api.on('sessions_live', () => live(day(810)));
    renderList();
    const strip = await screen.findByTestId('daily-cap');
    expect(strip).toHaveTextContent("Today's spend $8.10 of $10.00 daily cap");
    expect(strip).toHaveAttribute('data-tone', 'warning');
    expect(screen.queryByTestId('cap-stop')).toBeNull();
  });

  it('at the cap says how many were interrupted, and each of their rows says why', async () => {
    api.on('sessions_live', () => live(day(1002, ['sesn_1'])));
    renderList();
    const strip = await screen.findByTestId('daily-cap');
    expect(strip).toHaveTextContent("Today's spend $10.02 reached the $10.00 daily cap");
    expect(strip).toHaveTextContent('1 running session was interrupted.');
    const row = document.querySelector<HTMLElement>('li[data-session-id="sesn_1"]');
    expect(
      within(row ?? document.body).getByText(
        'Stopped: this profile reached its daily cap of $10.00',
      ),
    ).toBeInTheDocument();
    const other = document.querySelector<HTMLElement>('li[data-session-id="sesn_2"]');
    expect(other?.textContent).not.toContain('daily cap');
  });

  it('says nothing below 80 % or without a cap', async () => {
    api.on('sessions_live', () => live(day(500)));
    renderList();
    await screen.findByText('Migration');
    await vi.waitFor(() => expect(api.sent('sessions_live').length).toBeGreaterThan(0));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(screen.queryByTestId('daily-cap')).toBeNull();
  });
});
