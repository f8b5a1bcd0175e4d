import { mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from './App.svelte';
import { DEFAULT_SETTINGS } from '$lib/settings';
import { addStyles } from '$lib/testing/componentStyles';
import { DEMO } from '$lib/testing/fakeBackend';
import { stubMatchMedia } from '$lib/testing/matchMedia';

const settings = DEFAULT_SETTINGS;

function heading() {
  return screen.getByRole('heading', { level: 1 }).textContent;
}

describe('the app shell', () => {
  let nativeThemes: unknown[];
  let savedThemes: unknown[];
  let failSaving: boolean;

  beforeEach(() => {
    stubMatchMedia(false);
    nativeThemes = [];
    savedThemes = [];
    failSaving = false;
    mockWindows('main');
    mockIPC((cmd, args) => {
      const payload = args as Record<string, unknown>;
      if (cmd === 'plugin:app|version') return '0.1.0';
      if (cmd.endsWith('s_list') && cmd !== 'profiles_list') return { data: [], next_page: null };
      if (cmd === 'profiles_list') {
        return { activeId: 'demo', profiles: [DEMO], keyStorage: { kind: 'keychain' } };
      }
      if (cmd === 'plugin:window|set_theme') nativeThemes.push(payload.value);
      if (cmd === 'settings_set_theme') {
        if (failSaving) {
          const error = { code: 'Internal', message: 'disk full', status: null, requestId: null };
          // Tauri rejects with the command's error value itself, not an Error.
          // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
          return Promise.reject(error);
        }
        savedThemes.push(payload.theme);
        return { ...settings, theme: payload.theme };
      }
      return undefined;
    });
  });

  it('opens on Sessions with a first-steps guide and the Demo profile', async () => {
    render(App, { props: { settings } });
    expect(heading()).toBe('Sessions');
    expect(await screen.findByText('No sessions yet')).toBeInTheDocument();
    const steps = within(screen.getByRole('list', { name: 'Getting started' }));
    expect(steps.getAllByRole('listitem')).toHaveLength(3);
    expect(screen.getByTestId('active-profile')).toHaveTextContent('Demo');
  });

  it('reaches every section from the sidebar, marking the open one', async () => {
    render(App, { props: { settings } });
    const user = userEvent.setup();
    const nav = within(screen.getByRole('navigation', { name: 'Sections' }));
    for (const label of ['Agents', 'Environments', 'Settings', 'Sessions']) {
      const button = nav.getByRole('button', { name: new RegExp(`^${label}`) });
      await user.click(button);
      expect(heading()).toBe(label);
      expect(button).toHaveAttribute('aria-current', 'page');
    }
  });

  it('keeps every sidebar icon the same size, the selected one too', async () => {
    const remove = addStyles('components/shell/Sidebar.svelte');
    render(App, { props: { settings } });
    const nav = screen.getByRole('navigation', { name: 'Sections' });
    await userEvent.setup().click(within(nav).getByRole('button', { name: /^Environments/ }));
    const icons = [...nav.querySelectorAll('button > svg')];
    expect(icons).toHaveLength(9);
    // A flex item may shrink unless told not to: the bolder selected label squeezed its icon.
    for (const icon of icons) expect(getComputedStyle(icon).flexShrink).toBe('0');
    const label = within(nav).getByText('Environments');
    expect(getComputedStyle(label)).toMatchObject({ minWidth: '0px', textOverflow: 'ellipsis' });
    remove();
  });

  it('draws checkboxes and radios from the theme, not white in the dark', () => {
    const remove = addStyles('app.css', 'controls.css');
    document.documentElement.dataset.theme = 'dark';
    document.body.insertAdjacentHTML(
      'beforeend',
      '<input type="checkbox" id="c1"><input type="radio" id="r1">',
    );
    // jsdom resolves no var() in a computed colour: the declared values are read instead.
    for (const id of ['c1', 'r1']) {
      const input = document.getElementById(id)!;
      const rules = [...document.styleSheets]
        .flatMap((sheet) => [...sheet.cssRules])
        .filter((rule): rule is CSSStyleRule => rule instanceof CSSStyleRule)
        .filter((rule) => input.matches(rule.selectorText));
      const declared = (property: string) =>
        rules.map((rule) => rule.style.getPropertyValue(property)).filter((v) => v !== '');
      expect(declared('background-color')).toContain('var(--bg-raised)');
      expect(declared('border')).toEqual(
        expect.arrayContaining([expect.stringContaining('var(--border-strong)')]),
      );
    }
    const root = getComputedStyle(document.documentElement);
    expect(root.getPropertyValue('--bg-raised').trim()).toBe('#262624');
    expect(root.getPropertyValue('color-scheme')).toBe('dark');
    document.getElementById('c1')?.remove();
    document.getElementById('r1')?.remove();
    delete document.documentElement.dataset.theme;
    remove();
  });

  it('follows a getting-started step to its section', async () => {
    render(App, { props: { settings } });
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Open Environments' }));
    expect(heading()).toBe('Environments');
  });

  it('switches sections with Ctrl+digit and with the arrow keys in the sidebar', async () => {
    render(App, { props: { settings } });
    await fireEvent.keyDown(window, { key: '3', ctrlKey: true });
    expect(heading()).toBe('Environments');
    await fireEvent.keyDown(window, { key: '3' });
    expect(heading()).toBe('Environments');

    const current = screen.getByRole('button', { current: 'page' });
    current.focus();
    await fireEvent.keyDown(current, { key: 'ArrowDown' });
    expect(heading()).toBe('Vaults');
    expect(document.activeElement).toHaveAttribute('data-section', 'vaults');
    await fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(heading()).toBe('Memory');
    await fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(heading()).toBe('Files');
    await fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(heading()).toBe('Skills');
    await fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(heading()).toBe('Inbox');
    expect(document.activeElement).toHaveAttribute('data-section', 'inbox');
    await fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(heading()).toBe('Settings');
    await fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    expect(heading()).toBe('Sessions');
    await fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    expect(heading()).toBe('Settings');
  });

  it('applies the theme chosen in Settings to the whole document', async () => {
    render(App, { props: { settings } });
    const user = userEvent.setup();
    expect(document.documentElement.dataset.theme).toBe('light');
    await user.click(screen.getByRole('button', { name: /^Settings/ }));
    await user.click(screen.getByRole('radio', { name: 'Dark' }));
    expect(document.documentElement.dataset.theme).toBe('dark');
    await user.click(screen.getByRole('radio', { name: 'System' }));
    expect(document.documentElement.dataset.theme).toBe('light');
    // The native title bar follows an explicit choice and goes back to the OS on "System".
    await vi.waitFor(() => expect(nativeThemes).toEqual([null, 'dark', null]));
    expect(savedThemes).toEqual(['dark', 'system']);
  });

  it('opens in the theme saved last time', () => {
    render(App, { props: { settings: { ...settings, theme: 'dark' } } });
    expect(document.documentElement.dataset.theme).toBe('dark');
  });

  it('says so when the theme cannot be saved, and applies it anyway', async () => {
    failSaving = true;
    render(App, { props: { settings } });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: /^Settings/ }));
    await user.click(screen.getByRole('radio', { name: 'Dark' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('could not be saved');
    expect(screen.getByRole('alert')).toHaveTextContent('disk full');
    expect(document.documentElement.dataset.theme).toBe('dark');
  });

  it('starts dark when the OS is dark', () => {
    stubMatchMedia(true);
    render(App, { props: { settings } });
    expect(document.documentElement.dataset.theme).toBe('dark');
  });

  it("shows the app's version from the backend in Settings", async () => {
    render(App, { props: { settings } });
    await userEvent.setup().click(screen.getByRole('button', { name: /^Settings/ }));
    expect(await screen.findByText('Version 0.1.0')).toBeInTheDocument();
  });
});
