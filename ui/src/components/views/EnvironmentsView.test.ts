import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CreateEnvironmentRequest } from '$lib/ipc/bindings';
import { setNavigation } from '$lib/context';
import { Navigation } from '$lib/navigation/navigation.svelte';
import { environmentFromCreate } from '$lib/testing/fakeApi';
import { addStyles, clippingTracks } from '$lib/testing/componentStyles';
import { FakeIntersectionObserver } from '$lib/testing/intersectionObserver';
import { ipcError } from '$lib/testing/ipcError';
import { pageOf } from '$lib/testing/pages';
import { scriptedBackend, type ScriptedBackend } from '$lib/testing/scriptedBackend';
import Provide from '$lib/testing/Provide.svelte';
import EnvironmentsView from './EnvironmentsView.svelte';

let api: ScriptedBackend;

const page = pageOf;

function renderView() {
  const nav = new Navigation();
  nav.go('environments');
  render(Provide, { props: { provide: () => setNavigation(nav), view: EnvironmentsView } });
  return userEvent.setup();
}

beforeEach(() => {
  api = scriptedBackend();
  api.on('environments_list', () => page([]));
  vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver);
});

describe('environments', () => {
  it('gives short values in a row their room, and cuts the date only with an ellipsis', async () => {
    // The row's layout is the shared list row's (controls.css) with this list's columns.
    const remove = addStyles('controls.css', 'components/environments/EnvironmentList.svelte');
    api.on('environments_list', () =>
      page([
        {
          id: 'env_1',
          type: 'environment',
          name: 'Py',
          config: { type: 'cloud' },
          created_at: '2026-11-20T10:00:00Z',
          updated_at: '2026-11-20T10:00:00Z',
        },
      ]),
    );
    renderView();
    const row = (await screen.findByText('Py')).closest('li')!;
    const open = row.querySelector('button.open')!;
    expect(clippingTracks(getComputedStyle(open).gridTemplateColumns)).toEqual([]);
    const date = within(row).getByText(/^Updated/);
    expect(date).toHaveAttribute('title');
    expect(getComputedStyle(date)).toMatchObject({ overflow: 'hidden', textOverflow: 'ellipsis' });
    remove();
  });

  it('creates one with limited networking and pip packages', async () => {
    api.on('environment_create', (args) =>
      environmentFromCreate(args.request as CreateEnvironmentRequest, 'env_7'),
    );
    const user = renderView();
    await user.click((await screen.findAllByRole('button', { name: 'New environment' }))[0]!);
    await user.type(screen.getByLabelText('Name'), 'Data work');
    await user.click(screen.getByRole('radio', { name: /^Limited/ }));
    await user.click(screen.getByRole('button', { name: 'Add host' }));
    await user.type(screen.getByLabelText('Allowed host 1'), 'api.example.com');
    await user.click(screen.getByRole('button', { name: 'Add pip package' }));
    await user.type(screen.getByLabelText('pip package 1'), 'pandas==2.2.0');
    // Packages under limited networking need package managers allowed: the form says so.
    expect(screen.getByText(/Packages need package managers allowed/)).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: /Allow package managers/ }));
    expect(screen.queryByText(/Packages need package managers allowed/)).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save environment' }));

    expect(api.sent('environment_create')).toEqual([
      {
        request: {
          name: 'Data work',
          config: {
            type: 'cloud',
            networking: {
              type: 'limited',
              allowed_hosts: ['api.example.com'],
              allow_mcp_servers: false,
              allow_package_managers: true,
            },
            packages: { type: 'packages', pip: ['pandas==2.2.0'] },
          },
        },
      },
    ]);
    const row = (await screen.findByText('Data work')).closest('li');
    expect(row).toHaveAttribute('data-environment-id', 'env_7');
  });

  it("sends nothing while a package does not follow its manager's syntax", async () => {
    const user = renderView();
    await user.click((await screen.findAllByRole('button', { name: 'New environment' }))[0]!);
    await user.type(screen.getByLabelText('Name'), 'Bad pins');
    await user.click(screen.getByRole('button', { name: 'Add pip package' }));
    await user.type(screen.getByLabelText('pip package 1'), 'pandas@2.2.0');
    expect(screen.getByText('pip pins with ==, e.g. pandas==2.2.0.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save environment' }));
    expect(api.sent('environment_create')).toEqual([]);
  });

  it('keeps the form when the API rejects it, with message and request id', async () => {
    api.on('environment_create', () =>
      ipcError({ code: 'Conflict', message: 'name taken', status: 409, requestId: 'req_9' }),
    );
    const user = renderView();
    await user.click((await screen.findAllByRole('button', { name: 'New environment' }))[0]!);
    await user.type(screen.getByLabelText('Name'), 'Twin');
    await user.click(screen.getByRole('button', { name: 'Save environment' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('name taken');
    expect(alert).toHaveTextContent('req_9');
    expect(screen.getByLabelText('Name')).toHaveValue('Twin');
  });

  it('asks before deleting, and deletes only once confirmed', async () => {
    const env = environmentFromCreate({ name: 'Old box' }, 'env_1');
    api.on('environments_list', () => page([env]));
    api.on('environment_delete', () => ({ id: 'env_1', type: 'environment_deleted' }));
    const user = renderView();
    await user.click(await screen.findByRole('button', { name: /^Old box/ }));
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete “Old box”?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(api.sent('environment_delete')).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Delete' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete' }));
    expect(api.sent('environment_delete')).toEqual([{ environmentId: 'env_1' }]);
    expect(await screen.findByRole('status')).toHaveTextContent('Deleted “Old box”');
    expect(screen.queryByText('Old box')).not.toBeInTheDocument();
  });

  it('shows a self-hosted environment read-only, saying why', async () => {
    const env = environmentFromCreate(
      { name: 'Own worker', config: { type: 'self_hosted' } },
      'env_2',
    );
    api.on('environments_list', () => page([env]));
    const user = renderView();
    await user.click(await screen.findByRole('button', { name: /^Own worker/ }));
    expect(screen.getByRole('note')).toHaveTextContent('Self-hosted');
    expect(screen.getByLabelText('Name')).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Save environment' })).not.toBeInTheDocument();
  });
});
