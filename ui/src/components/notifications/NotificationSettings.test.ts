import { render, screen } from '@testing-library/svelte';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../App.svelte';
import { DEFAULT_SETTINGS } from '$lib/settings';
import { FakeBackend } from '$lib/testing/fakeBackend';
import { stubMatchMedia } from '$lib/testing/matchMedia';
import { ipcError } from '$lib/testing/ipcError';

let backend: FakeBackend;
let user: UserEvent;

beforeEach(async () => {
  stubMatchMedia();
  backend = new FakeBackend().install();
  user = userEvent.setup();
  render(App, { props: { settings: DEFAULT_SETTINGS } });
  await user.click(screen.getByRole('button', { name: /^Settings/ }));
});

describe('notification preferences', () => {
  it('saves each change as a whole set of preferences', async () => {
    await user.click(screen.getByRole('checkbox', { name: 'A session finished its turn' }));
    await vi.waitFor(() => expect(backend.called('settings_set_notifications')).toHaveLength(1));
    expect(backend.settings.notifications).toEqual({
      enabled: true,
      approvals: true,
      turnEnded: false,
      failures: true,
      budget: true,
    });
  });

  it('turning them off greys out the kinds', async () => {
    const kind = screen.getByRole('checkbox', { name: /waits for my approval/ });
    await user.click(screen.getByRole('switch', { name: 'Desktop notifications' }));
    expect(kind).toBeDisabled();
    await vi.waitFor(() => expect(backend.settings.notifications.enabled).toBe(false));
  });

  it('says so when saving fails and shows what is still in force', async () => {
    backend.failures.set(
      'settings_set_notifications',
      ipcError({ code: 'Internal', message: 'disk full' }),
    );
    const failures = screen.getByRole('checkbox', { name: 'A session failed or was terminated' });
    await user.click(failures);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('could not be saved');
    expect(alert).toHaveTextContent('disk full');
    expect(failures).toBeChecked();
  });
});
