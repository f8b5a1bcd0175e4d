// Sessions in tabs: each tab its own controller and watch, kept while another is shown, its
// status on the tab; closed by ×, the middle button or Ctrl+W (ending its watch); switched with
// Ctrl+Tab and Alt+digit; two side by side in the split view.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Navigation } from '$lib/navigation/navigation.svelte';
import type { StatusSource } from '$lib/sessions/sessions.svelte';
import { FakeIntersectionObserver } from '$lib/testing/intersectionObserver';
import { pageOf } from '$lib/testing/pages';
import Provide from '$lib/testing/Provide.svelte';
import { scriptedBackend, type ScriptedBackend } from '$lib/testing/scriptedBackend';
import { sessionFixture } from '$lib/testing/sessions';
import { provideShell } from '$lib/testing/shell';
import SessionsView from './SessionsView.svelte';

let api: ScriptedBackend;
const source: StatusSource = () => Promise.resolve(() => {});
const TITLES: Record<string, string> = { s1: 'Fix the build', s2: 'Write docs', s3: 'Triage' };

beforeEach(() => {
  api = scriptedBackend();
  let watch = 0;
  api.on('sessions_list', () =>
    pageOf(Object.entries(TITLES).map(([id, title]) => sessionFixture(id, { title }))),
  );
  api.on('session_get', (args) =>
    sessionFixture(args.sessionId as string, { title: TITLES[args.sessionId as string] ?? null }),
  );
  api.on('session_watch', () => ++watch);
  api.on('session_unwatch', () => true);
  api.on('sessions_live', () => ({ statuses: [], summary: {} }));
  api.on('agents_list', () => pageOf([]));
  api.on('environments_list', () => pageOf([]));
  api.on('environment_get', (args) => ({
    id: args.environmentId,
    type: 'environment',
    name: 'Sandbox',
    config: { type: 'cloud' },
    created_at: '2026-11-18T10:00:00Z',
    updated_at: '2026-11-18T10:00:00Z',
  }));
  FakeIntersectionObserver.instances = [];
  vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver);
});

function renderView() {
  const nav = new Navigation();
  let shell: ReturnType<typeof provideShell> | undefined;
  render(Provide, {
    props: {
      provide: () => (shell = provideShell(nav)),
      view: SessionsView,
      viewProps: { statusSource: source },
    },
  });
  return { nav, controllers: shell!.controllers, user: userEvent.setup() };
}

const strip = () => screen.getByRole('tablist', { name: 'Open sessions' });
const tabTitles = () =>
  within(strip())
    .queryAllByRole('tab')
    .map((t) =>
      t.textContent
        ?.trim()
        .split(/\s{2,}|\n/)[0]
        ?.trim(),
    );
const heading = () => screen.getByRole('heading', { level: 1 }).textContent;

describe('session tabs', () => {
  it('opens each session in its own tab and keeps the others watching', async () => {
    const { nav, controllers, user } = renderView();
    await user.click(await screen.findByRole('button', { name: /Fix the build/ }));
    await waitFor(() => expect(heading()).toBe('Fix the build'));
    await user.click(within(strip()).getByRole('tab', { name: /All sessions/ }));
    await user.click(await screen.findByRole('button', { name: /Write docs/ }));
    await waitFor(() => expect(heading()).toBe('Write docs'));
    expect(nav.tabs).toEqual(['s1', 's2']);
    expect(controllers.size).toBe(2);
    // Both watch: switching is not a reopen.
    expect(api.sent('session_watch').map((a) => a.sessionId)).toEqual(['s1', 's2']);
    await user.click(within(strip()).getByRole('tab', { name: /Fix the build/ }));
    await waitFor(() => expect(heading()).toBe('Fix the build'));
    expect(api.sent('session_watch')).toHaveLength(2);
    expect(api.sent('session_unwatch')).toEqual([]);
  });

  it('keeps a tab’s draft and folded cards while another is shown', async () => {
    const { nav, controllers, user } = renderView();
    nav.openSession('s1');
    await waitFor(() => expect(heading()).toBe('Fix the build'));
    const composer = await screen.findByRole('textbox', { name: 'Message' });
    await user.type(composer, 'half a thought');
    expect(composer).toHaveValue('half a thought');
    controllers.get('s1')!.folds['item_1'] = true;
    nav.openSession('s2');
    await waitFor(() => expect(heading()).toBe('Write docs'));
    nav.openSession('s1');
    await waitFor(() => expect(heading()).toBe('Fix the build'));
    expect(screen.getByRole('textbox', { name: 'Message' })).toHaveValue('half a thought');
    expect(controllers.get('s1')!.folds['item_1']).toBe(true);
  });

  it('closes with ×, the middle button and Ctrl+W, each ending its watch', async () => {
    const { nav } = renderView();
    for (const id of ['s1', 's2', 's3']) nav.openSession(id);
    await waitFor(() => expect(api.sent('session_watch')).toHaveLength(3));
    await fireEvent.keyDown(window, { key: 'w', ctrlKey: true });
    // The shown tab closes; its left neighbour is shown.
    await waitFor(() => expect(nav.tabs).toEqual(['s1', 's2']));
    expect(nav.session).toBe('s2');
    expect(api.sent('session_unwatch')).toHaveLength(1);
    const middle = within(strip()).getByRole('tab', { name: /Fix the build/ });
    await fireEvent.pointerDown(middle, { button: 1 });
    expect(nav.tabs).toEqual(['s2']);
    await fireEvent.click(within(strip()).getByRole('button', { name: 'Close Write docs' }));
    expect(nav.tabs).toEqual([]);
    expect(nav.session).toBeNull();
    await waitFor(() => expect(api.sent('session_unwatch')).toHaveLength(3));
    expect(screen.queryByRole('tablist', { name: 'Open sessions' })).toBeNull();
  });

  it('switches with Ctrl+Tab, Ctrl+Shift+Tab and Alt+digit', async () => {
    const { nav } = renderView();
    for (const id of ['s1', 's2', 's3']) nav.openSession(id);
    await waitFor(() => expect(tabTitles()).toHaveLength(4));
    await fireEvent.keyDown(window, { key: 'Tab', code: 'Tab', ctrlKey: true });
    expect(nav.session).toBe('s1');
    await fireEvent.keyDown(window, { key: 'Tab', code: 'Tab', ctrlKey: true, shiftKey: true });
    expect(nav.session).toBe('s3');
    await fireEvent.keyDown(window, { key: '2', code: 'Digit2', altKey: true });
    expect(nav.session).toBe('s2');
    await fireEvent.keyDown(window, { key: '9', code: 'Digit9', altKey: true });
    expect(nav.session).toBe('s3');
    // Ctrl+digit stays the sections.
    await fireEvent.keyDown(window, { key: '1', code: 'Digit1', ctrlKey: true });
    expect(nav.session).toBe('s3');
  });

  it('shows two sessions side by side, the divider moved by keyboard', async () => {
    const { nav, user } = renderView();
    nav.openSession('s1');
    nav.openSession('s2');
    await user.click(await screen.findByRole('button', { name: 'Open Fix the build beside' }));
    expect(nav.split).toBe('s1');
    await waitFor(() => expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(2));
    const divider = screen.getByRole('separator', { name: 'Resize the split view' });
    expect(divider).toHaveAttribute('aria-valuenow', '50');
    divider.focus();
    await user.keyboard('{ArrowLeft}{ArrowLeft}');
    expect(divider).toHaveAttribute('aria-valuenow', '40');
    await user.keyboard('{Home}');
    expect(nav.ratio).toBe(0.2);
    // The right side closes on its own; its tab stays.
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(nav.split).toBeNull();
    expect(nav.tabs).toEqual(['s1', 's2']);
  });

  it('warns on the tab at 80 % of the session’s budget', async () => {
    api.on('session_get', (args) =>
      sessionFixture(args.sessionId as string, {
        title: 'On a budget',
        budget: { type: 'limit', max_list_cost: { amount: '1000', currency: 'USD' } },
        usage: { list_cost: { amount: '850', currency: 'USD' } },
      }),
    );
    const { nav } = renderView();
    nav.openSession('s1');
    await waitFor(() => expect(heading()).toBe('On a budget'));
    const warning = await within(strip()).findByTestId('tab-budget');
    expect(warning.getAttribute('title')).toMatch(/^Near its budget: \$\s?8\.50 of \$\s?10\.00$/);
  });
});
