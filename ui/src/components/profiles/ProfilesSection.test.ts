import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../../App.svelte';
import { DEFAULT_SETTINGS } from '$lib/settings';
import { FakeBackend } from '$lib/testing/fakeBackend';
import { stubMatchMedia } from '$lib/testing/matchMedia';
import { ipcError } from '$lib/testing/ipcError';

const KEY = 'fake-profile-key-for-tests-Q7x9';

let backend: FakeBackend;
let user: UserEvent;

beforeEach(() => {
  stubMatchMedia();
  backend = new FakeBackend().install();
  user = userEvent.setup();
});

async function openSettings() {
  render(App, { props: { settings: DEFAULT_SETTINGS } });
  await user.click(screen.getByRole('button', { name: /^Settings/ }));
  return screen.findByRole('list', { name: 'Profiles' });
}

function row(name: string) {
  const list = screen.getByRole('list', { name: 'Profiles' });
  return within(within(list).getByRole('listitem', { name }));
}

async function fillNewProfile(fields: Record<string, string>) {
  await user.click(screen.getByRole('button', { name: 'Add profile' }));
  for (const [label, text] of Object.entries(fields)) {
    const field = screen.getByLabelText(label);
    await user.clear(field);
    if (text) await user.type(field, text);
  }
}

describe('the profile list', () => {
  it('shows Demo as the built-in simulator, active, with nothing to edit or delete', async () => {
    await openSettings();
    const demo = row('Demo');
    expect(demo.getByText('Built-in simulator · no key needed')).toBeInTheDocument();
    expect(demo.getByText('Active')).toBeInTheDocument();
    expect(demo.queryByRole('button', { name: 'Use this profile' })).toBeNull();
    expect(demo.queryByRole('button', { name: 'Edit' })).toBeNull();
    expect(demo.queryByRole('button', { name: 'Delete' })).toBeNull();
  });

  it('shows each profile with its URL, auth, workspace and key hint or "No key"', async () => {
    backend.addProfile(
      { name: 'Work', baseUrl: 'https://api.example.com', auth: 'bearer', workspaceId: 'ws_1' },
      'sk-ant-abcdefAbCd',
    );
    backend.addProfile({ name: 'Keyless' });
    await openSettings();
    const work = row('Work');
    expect(work.getByText('https://api.example.com')).toBeInTheDocument();
    expect(work.getByText('Authorization: Bearer')).toBeInTheDocument();
    expect(work.getByText('ws_1')).toBeInTheDocument();
    expect(work.getByText('••••AbCd')).toBeInTheDocument();
    expect(work.getByRole('button', { name: 'Use this profile' })).toBeInTheDocument();
    expect(row('Keyless').getByText('No key')).toBeInTheDocument();
    expect(row('Keyless').getByRole('button', { name: 'Add key' })).toBeInTheDocument();
  });

  it('saves a new profile and shows only the key hint, never the key', async () => {
    await openSettings();
    await fillNewProfile({
      Name: 'Local API',
      'Base URL': 'http://127.0.0.1:4010',
      'API key': KEY,
    });
    await user.click(screen.getByRole('button', { name: 'Save profile' }));

    expect(await screen.findByText('••••Q7x9')).toBeInTheDocument();
    const [create] = backend.called('profile_create');
    expect(create?.args).toEqual({
      draft: {
        name: 'Local API',
        baseUrl: 'http://127.0.0.1:4010',
        auth: 'x-api-key',
        apiVersion: '2023-06-01',
        workspaceId: null,
        dailyCap: null,
      },
      apiKey: KEY,
    });
    expect(screen.queryByRole('button', { name: 'Save profile' })).toBeNull();
    expect(document.body.innerHTML).not.toContain(KEY);
    for (const input of document.querySelectorAll('input')) expect(input.value).not.toBe(KEY);
  });

  it('shows the typed key only on request', async () => {
    await openSettings();
    await fillNewProfile({ 'API key': KEY });
    const field = screen.getByLabelText('API key');
    expect(field).toHaveAttribute('type', 'password');
    const toggle = screen.getByRole('button', { name: 'Show key' });
    await user.click(toggle);
    expect(field).toHaveAttribute('type', 'text');
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await user.click(toggle);
    expect(field).toHaveAttribute('type', 'password');
  });

  it('checks the form as it is typed and sends nothing while it is invalid', async () => {
    await openSettings();
    await fillNewProfile({ Name: 'x', 'Base URL': 'http://api.example.com', 'API key': 'short' });
    expect(screen.getByLabelText('Base URL')).toHaveAccessibleDescription(
      /Plain http is allowed only to this machine/,
    );
    expect(screen.getByLabelText('API key')).toHaveAccessibleDescription(/at least 8 characters/);
    await user.clear(screen.getByLabelText('Name'));
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription('Give the profile a name.');

    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(backend.called('profile_create')).toEqual([]);
    expect(backend.called('profile_test')).toEqual([]);
    expect(screen.getByLabelText('Name')).toHaveFocus();

    await user.type(screen.getByLabelText('API key'), ' with space');
    expect(screen.getByLabelText('API key')).toHaveAccessibleDescription(/no spaces/);
    await user.type(screen.getByLabelText('Name'), 'N'.repeat(65));
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription('At most 64 characters.');
  });

  it('keeps everything typed when the backend refuses to save', async () => {
    backend.failures.set(
      'profile_create',
      ipcError({ code: 'KeychainUnavailable', message: 'The keychain is locked.' }),
    );
    await openSettings();
    await fillNewProfile({ Name: 'Work', 'Workspace ID': 'ws_7', 'API key': KEY });
    await user.click(screen.getByRole('button', { name: 'Save profile' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Saving failed');
    expect(alert).toHaveTextContent('The keychain is locked.');
    expect(screen.getByLabelText('Name')).toHaveValue('Work');
    expect(screen.getByLabelText('Workspace ID')).toHaveValue('ws_7');
    expect(screen.getByLabelText('API key')).toHaveValue(KEY);
    expect(screen.getByLabelText('Base URL')).toHaveValue('https://api.anthropic.com');

    backend.failures.delete('profile_create');
    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    expect(await screen.findByText('••••Q7x9')).toBeInTheDocument();
  });

  it('tests the unsaved form with the typed key and says what failed', async () => {
    backend.report = {
      verdict: 'badKey',
      message: 'The API did not accept the key. Paste it again or create a new one in the Console.',
      status: 401,
      requestId: 'req_011CabcXYZ',
      elapsedMs: 87,
    };
    let release = () => {};
    backend.gates.set('profile_test', new Promise<void>((r) => (release = r)));
    await openSettings();
    await fillNewProfile({ Name: 'Work', 'API key': KEY });
    const button = screen.getByRole('button', { name: 'Test connection' });
    await user.click(button);

    expect(await screen.findByText('Testing the connection…')).toBeInTheDocument();
    expect(button).toBeDisabled();
    release();

    expect(await screen.findByText('The key was not accepted')).toBeInTheDocument();
    expect(screen.getByText(/did not accept the key/)).toBeInTheDocument();
    expect(screen.getByText('HTTP 401 · Request req_011CabcXYZ · 87 ms')).toBeInTheDocument();
    expect(button).toBeEnabled();
    expect(backend.called('profile_test')[0]?.args).toMatchObject({
      draft: { name: 'Work', baseUrl: 'https://api.anthropic.com' },
      apiKey: KEY,
      profileId: null,
    });
  });

  it('tests a saved profile with its stored key', async () => {
    const work = backend.addProfile({ name: 'Work' }, KEY);
    await openSettings();
    await user.click(row('Work').getByRole('button', { name: 'Test connection of Work' }));
    expect(await row('Work').findByText('Connected')).toBeInTheDocument();
    expect(backend.called('profile_test')[0]?.args).toMatchObject({
      apiKey: null,
      profileId: work.id,
    });
  });

  it('asks before deleting, says the key goes too, and deletes on confirmation', async () => {
    const work = backend.addProfile({ name: 'Work' }, KEY);
    await openSettings();
    await user.click(row('Work').getByRole('button', { name: 'Delete' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Delete Work?' });
    expect(confirm).toHaveTextContent('its API key is removed from the keychain too');
    expect(within(confirm).getByRole('button', { name: 'Cancel' })).toHaveFocus();

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(row('Work').getByRole('button', { name: 'Delete' })).toHaveFocus();
    expect(backend.called('profile_delete')).toEqual([]);

    await user.click(row('Work').getByRole('button', { name: 'Delete' }));
    await user.click(screen.getByRole('button', { name: 'Delete profile' }));
    await waitFor(() => expect(screen.queryByRole('listitem', { name: 'Work' })).toBeNull());
    expect(backend.called('profile_delete').map((c) => c.args)).toEqual([{ id: work.id }]);
  });

  it('replaces and removes a key', async () => {
    const work = backend.addProfile({ name: 'Work' }, KEY);
    await openSettings();
    await user.click(row('Work').getByRole('button', { name: 'Replace key' }));
    await user.type(screen.getByLabelText('New API key'), 'sk-ant-new-key-WXYZ');
    await user.click(screen.getByRole('button', { name: 'Save key' }));
    expect(await row('Work').findByText('••••WXYZ')).toBeInTheDocument();
    expect(backend.called('profile_set_key')[0]?.args).toEqual({
      id: work.id,
      apiKey: 'sk-ant-new-key-WXYZ',
    });

    await user.click(row('Work').getByRole('button', { name: 'Remove key' }));
    await user.click(screen.getByRole('button', { name: 'Remove the key' }));
    expect(await row('Work').findByText('No key')).toBeInTheDocument();
  });

  it('edits a profile, keeping the stored key when none is typed', async () => {
    const work = backend.addProfile({ name: 'Work' }, KEY);
    await openSettings();
    await user.click(row('Work').getByRole('button', { name: 'Edit' }));
    expect(screen.getByLabelText('Name')).toHaveValue('Work');
    await user.clear(screen.getByLabelText('Name'));
    await user.type(screen.getByLabelText('Name'), 'Work EU');
    await user.selectOptions(screen.getByLabelText('Auth header'), 'bearer');
    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    expect(await screen.findByRole('listitem', { name: 'Work EU' })).toBeInTheDocument();
    expect(backend.called('profile_update')[0]?.args).toMatchObject({
      id: work.id,
      draft: { name: 'Work EU', auth: 'bearer' },
    });
    expect(backend.called('profile_set_key')).toEqual([]);
  });

  it('saves a daily cap and the choice to interrupt, checking the amount as it is typed', async () => {
    await openSettings();
    await fillNewProfile({ Name: 'Capped', 'Daily cap (US dollars)': '10.005' });
    const cap = screen.getByLabelText('Daily cap (US dollars)');
    expect(cap).toHaveAccessibleDescription(/at most 2 decimals/);
    const interrupt = screen.getByRole('checkbox', { name: /Interrupt this profile's running/ });
    await user.clear(cap);
    expect(interrupt).toBeDisabled();
    await user.type(cap, '0');
    expect(cap).toHaveAccessibleDescription('A daily cap is more than $0.');
    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    expect(backend.called('profile_create')).toEqual([]);

    backend.failures.set('profile_create', ipcError({ code: 'Internal', message: 'Disk full.' }));
    await user.clear(cap);
    await user.type(cap, '10');
    await user.click(interrupt);
    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Disk full.');
    expect(cap).toHaveValue('10');
    expect(interrupt).toBeChecked();

    backend.failures.delete('profile_create');
    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    expect(await row('Capped').findByTestId('daily-cap')).toHaveTextContent(
      '$10.00 a day, then interrupts',
    );
    expect(backend.called('profile_create').at(-1)?.args).toMatchObject({
      draft: { name: 'Capped', dailyCap: { cents: 1000, interrupt: true } },
    });
  });

  it('shows a saved cap when editing and removes it when the amount is emptied', async () => {
    const work = backend.addProfile(
      { name: 'Work', dailyCap: { cents: 250, interrupt: false } },
      KEY,
    );
    await openSettings();
    expect(row('Work').getByTestId('daily-cap')).toHaveTextContent('$2.50 a day, warns');
    await user.click(row('Work').getByRole('button', { name: 'Edit' }));
    const cap = screen.getByLabelText('Daily cap (US dollars)');
    expect(cap).toHaveValue('2.50');
    await user.clear(cap);
    await user.click(screen.getByRole('button', { name: 'Save profile' }));
    expect(await row('Work').findByText('None')).toBeInTheDocument();
    expect(backend.called('profile_update')[0]?.args).toMatchObject({
      id: work.id,
      draft: { dailyCap: null },
    });
  });

  it('switches to a profile from its row', async () => {
    const work = backend.addProfile({ name: 'Work' }, KEY);
    await openSettings();
    await user.click(row('Work').getByRole('button', { name: 'Use this profile' }));
    expect(await row('Work').findByText('Active')).toBeInTheDocument();
    expect(screen.getByRole('listitem', { name: 'Work' })).toHaveFocus();
    expect(row('Demo').getByRole('button', { name: 'Use this profile' })).toBeInTheDocument();
    expect(backend.called('profile_activate')[0]?.args).toEqual({ id: work.id });
    expect(screen.getByTestId('active-profile')).toHaveTextContent('Work');
  });
});

describe('key storage', () => {
  it('says plainly when keys last only until the app quits, and why', async () => {
    backend.keyStorage = { kind: 'memory', reason: 'No Secret Service is running on D-Bus.' };
    await openSettings();
    const notice = screen.getByRole('note');
    expect(notice).toHaveTextContent(
      'No keychain is available: keys are kept only until Agent Desk quits',
    );
    expect(notice).toHaveTextContent('No Secret Service is running on D-Bus.');
  });

  it('says nothing about storage when the keychain works', async () => {
    await openSettings();
    expect(screen.queryByText(/No keychain is available/)).toBeNull();
  });

  it('shows a keychain error with what to do, and tries again', async () => {
    backend.keychainError = 'The keychain did not answer within 5 s.';
    await openSettings();
    expect(screen.getByText(/The keychain did not answer within 5 s\./)).toBeInTheDocument();
    expect(screen.getByText(/Unlock your keychain/)).toBeInTheDocument();
    backend.keychainError = null;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.queryByText(/Unlock your keychain/)).toBeNull());
  });
});
