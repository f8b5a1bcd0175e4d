// What the Sessions view's tests share: a scripted backend with one page of agents, one
// environment and nothing else, a status source the test drives, and the view rendered in the
// shell.
import { render } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, vi } from 'vitest';
import type { SessionStatusChanged } from '$lib/ipc/bindings';
import { Navigation } from '$lib/navigation/navigation.svelte';
import type { StatusSource } from '$lib/sessions/sessions.svelte';
import { FakeIntersectionObserver } from '$lib/testing/intersectionObserver';
import { pageOf } from '$lib/testing/pages';
import { scriptedBackend } from '$lib/testing/scriptedBackend';
import Provide from '$lib/testing/Provide.svelte';
import { provideShell } from '$lib/testing/shell';
import SessionsView from './SessionsView.svelte';

export const AT = '2026-11-20T10:00:00Z';

export const agentRow = (id: string, name: string, version = 1) => ({
  id,
  type: 'agent',
  name,
  model: { id: 'claude-opus-4-6' },
  version,
  created_at: AT,
  updated_at: AT,
});

export function rowOf(id: string): HTMLElement {
  const row = document.querySelector<HTMLElement>(`li[data-session-id="${id}"]`);
  if (!row) throw new Error(`no row ${id}`);
  return row;
}

/** Sets up a fresh backend before each test; `api` and `emit` are that test's. */
export function useSessionsView() {
  let emitter: (change: SessionStatusChanged) => void = () => {};
  const source: StatusSource = (callback) => {
    emitter = callback;
    return Promise.resolve(() => {});
  };
  const kit = {
    api: scriptedBackend(),
    emit: (change: SessionStatusChanged) => emitter(change),
    renderView(nav = new Navigation()) {
      render(Provide, {
        props: {
          provide: () => provideShell(nav),
          view: SessionsView,
          viewProps: { statusSource: source },
        },
      });
      return { user: userEvent.setup(), nav };
    },
  };
  beforeEach(() => {
    const api = (kit.api = scriptedBackend());
    api.on('sessions_list', () => pageOf([]));
    api.on('agents_list', () =>
      pageOf([agentRow('agent_1', 'Writer', 2), agentRow('agent_2', 'Reviewer')]),
    );
    api.on('environments_list', () =>
      pageOf([
        { id: 'env_1', type: 'environment', name: 'Sandbox', created_at: AT, updated_at: AT },
      ]),
    );
    api.on('vaults_coverage', () => []);
    api.on('files_list', () => pageOf([]));
    api.on('memory_stores_list', () => pageOf([]));
    api.on('agent_versions', () =>
      pageOf([agentRow('agent_1', 'Writer', 2), agentRow('agent_1', 'Writer', 1)]),
    );
    FakeIntersectionObserver.instances = [];
    vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver);
  });
  return kit;
}
