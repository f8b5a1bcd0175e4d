import { render, screen, within } from '@testing-library/svelte';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../App.svelte';
import { DEFAULT_SETTINGS } from '$lib/settings';
import { FakeBackend } from '$lib/testing/fakeBackend';
import { stubMatchMedia } from '$lib/testing/matchMedia';
import { ipcError } from '$lib/testing/ipcError';

let backend: FakeBackend;
let user: UserEvent;

beforeEach(() => {
  stubMatchMedia();
  backend = new FakeBackend().install();
  user = userEvent.setup();
});

function trigger() {
  return screen.getByRole('button', { name: 'Switch profile' });
}

describe('the sidebar profile card', () => {
  it('shows Demo as the simulator', async () => {
    render(App, { props: { settings: DEFAULT_SETTINGS } });
    expect(screen.getByTestId('active-profile')).toHaveTextContent(/^Demo$/);
    expect(screen.getByTestId('active-profile').parentElement).toHaveTextContent(
      'Demo · simulator',
    );
    expect(trigger()).toHaveAccessibleDescription(/No key needed/);
    await vi.waitFor(() => expect(backend.called('profiles_list')).not.toEqual([]));
  });

  it('shows the stored active profile from the first paint, before the list arrives', () => {
    const work = backend.addProfile(
      { name: 'Work', baseUrl: 'https://api.example.com' },
      'k'.repeat(9),
    );
    backend.activeId = work.id;
    const settings = {
      ...DEFAULT_SETTINGS,
      activeProfile: work.id,
      profiles: [{ ...work }],
    };
    render(App, { props: { settings } });
    expect(screen.getByTestId('active-profile')).toHaveTextContent(/^Work$/);
  });

  it('switches profiles from the keyboard: Enter opens, arrows move, Enter picks', async () => {
    const work = backend.addProfile(
      { name: 'Work', baseUrl: 'https://api.example.com' },
      'k'.repeat(9),
    );
    render(App, { props: { settings: DEFAULT_SETTINGS } });
    trigger().focus();
    await user.keyboard('{Enter}');

    const menu = await screen.findByRole('menu', { name: 'Profiles' });
    expect(trigger()).toHaveAttribute('aria-expanded', 'true');
    const demo = await within(menu).findByRole('menuitemradio', { name: 'Demo' });
    expect(demo).toHaveFocus();
    expect(demo).toHaveAttribute('aria-checked', 'true');
    await user.keyboard('{ArrowDown}');
    const workItem = within(menu).getByRole('menuitemradio', { name: 'Work' });
    expect(workItem).toHaveFocus();
    await user.keyboard('{Enter}');

    expect(screen.queryByRole('menu')).toBeNull();
    expect(trigger()).toHaveFocus();
    await vi.waitFor(() =>
      expect(screen.getByTestId('active-profile')).toHaveTextContent(/^Work$/),
    );
    expect(backend.called('profile_activate').map((c) => c.args)).toEqual([{ id: work.id }]);
    expect(trigger()).toHaveAccessibleDescription(/api\.example\.com/);
  });

  it('closes on Escape without switching, and wraps around with the arrows', async () => {
    backend.addProfile({ name: 'Work' });
    render(App, { props: { settings: DEFAULT_SETTINGS } });
    trigger().focus();
    await user.keyboard(' ');
    const menu = await screen.findByRole('menu');
    await within(menu).findByRole('menuitemradio', { name: 'Work' });
    await user.keyboard('{ArrowUp}');
    expect(within(menu).getByRole('menuitem', { name: 'Manage profiles…' })).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(within(menu).getByRole('menuitemradio', { name: 'Demo' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(trigger()).toHaveFocus();
    expect(backend.called('profile_activate')).toEqual([]);
  });

  it('closes when the pointer goes elsewhere', async () => {
    render(App, { props: { settings: DEFAULT_SETTINGS } });
    await user.click(trigger());
    expect(await screen.findByRole('menu')).toBeInTheDocument();
    await user.click(screen.getByRole('heading', { level: 1 }));
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('goes to the profiles in Settings from "Manage profiles…"', async () => {
    render(App, { props: { settings: DEFAULT_SETTINGS } });
    await user.click(trigger());
    await user.click(await screen.findByRole('menuitem', { name: 'Manage profiles…' }));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Settings');
    expect(screen.getByRole('heading', { name: 'Profiles' })).toHaveFocus();
  });

  it('says so when switching fails, and stays on the profile it had', async () => {
    backend.addProfile({ name: 'Work' });
    backend.failures.set(
      'profile_activate',
      ipcError({ code: 'Internal', message: 'The settings file is read-only.' }),
    );
    render(App, { props: { settings: DEFAULT_SETTINGS } });
    await user.click(trigger());
    await user.click(await screen.findByRole('menuitemradio', { name: 'Work' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not switch to Work: The settings file is read-only.',
    );
    expect(screen.getByTestId('active-profile')).toHaveTextContent(/^Demo$/);
  });
});
