// The New session dialog: what it preselects and offers, what it sends, and a refusal.
import { screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { CreateSessionRequest } from '$lib/ipc/bindings';
import { Navigation } from '$lib/navigation/navigation.svelte';
import { addStyles } from '$lib/testing/componentStyles';
import { ipcError } from '$lib/testing/ipcError';
import { pageOf } from '$lib/testing/pages';
import { sessionFixture } from '$lib/testing/sessions';
import { AT, agentRow, useSessionsView } from './sessionsView.testkit';

const view = useSessionsView();

describe('the New session dialog', () => {
  async function openDialog(user: ReturnType<typeof userEvent.setup>) {
    const empty = await screen.findByRole('region', { name: 'No sessions yet' });
    await user.click(within(empty).getByRole('button', { name: 'New session' }));
    const dialog = await screen.findByRole('dialog', { name: 'New session' });
    await within(dialog).findByRole('option', { name: 'Sandbox' });
    return dialog;
  }

  it('preselects the only agent and the only environment', async () => {
    view.api.on('agents_list', () => pageOf([agentRow('agent_1', 'Writer', 2)]));
    view.api.on('session_create', () => sessionFixture('sesn_new'));
    const { user, nav } = view.renderView();
    const dialog = await openDialog(user);
    await vi.waitFor(() => expect(within(dialog).getByLabelText('Agent')).toHaveValue('agent_1'));
    expect(within(dialog).getByLabelText('Environment')).toHaveValue('env_1');
    await user.click(within(dialog).getByRole('button', { name: 'Create session' }));
    await vi.waitFor(() => expect(nav.session).toBe('sesn_new'));
    expect(view.api.sent('session_create')[0]?.request).toEqual({
      agent: 'agent_1',
      environment_id: 'env_1',
    });
  });

  it('offers every agent and environment, not only the first page of each', async () => {
    const agents = Array.from({ length: 150 }, (_, i) =>
      agentRow(`agent_${i + 1}`, `Agent ${i + 1}`),
    );
    view.api.on('agents_list', (args) =>
      (args.query as { page: string | null }).page === null
        ? pageOf(agents.slice(0, 100), 'p2')
        : pageOf(agents.slice(100)),
    );
    view.api.on('environments_list', (args) =>
      (args.query as { page: string | null }).page === null
        ? pageOf(
            [{ id: 'env_1', type: 'environment', name: 'Sandbox', created_at: AT, updated_at: AT }],
            'p2',
          )
        : pageOf([
            { id: 'env_2', type: 'environment', name: 'GPU box', created_at: AT, updated_at: AT },
          ]),
    );
    const { user } = view.renderView();
    const dialog = await openDialog(user);
    await within(dialog).findByRole('option', { name: 'Agent 150' });
    expect(within(dialog).getByRole('option', { name: 'GPU box' })).toBeInTheDocument();
  });

  it('on the Demo, says which words start which script and fills an example in', async () => {
    view.api.on('demo_scripts', () => [
      {
        name: 'Approvals',
        words: ['approv', 'deploy'],
        shows: 'tool calls that wait for you',
        example: 'Deploy to staging',
      },
    ]);
    const { user } = view.renderView();
    const dialog = await openDialog(user);
    // Open from the start: on the Demo, an example is one click away.
    const scripts = await within(dialog).findByTestId('demo-scripts');
    expect(scripts).toHaveAttribute('open');
    expect(within(dialog).getByText(/Words: approv, deploy/)).toBeInTheDocument();
    const message = within(dialog).getByLabelText(/First message/);
    await user.type(message, 'Hello.');
    await user.click(within(dialog).getByRole('button', { name: 'Deploy to staging' }));
    // What was typed stays; the example goes under it.
    expect(message).toHaveValue('Hello.\nDeploy to staging');
  });

  it('says nothing of demo scripts for a real API', async () => {
    view.api.on('demo_scripts', () => []);
    const { user } = view.renderView();
    const dialog = await openDialog(user);
    await within(dialog).findByRole('option', { name: 'Sandbox' });
    expect(within(dialog).queryByText('What the Demo agent can do')).toBeNull();
  });

  it('is never taller than the window: its body scrolls, its buttons stay in view', async () => {
    const remove = addStyles('components/shared/Dialog.svelte');
    const { user } = view.renderView();
    const dialog = await openDialog(user);
    const style = getComputedStyle(dialog);
    expect(style.display).toBe('flex');
    expect(style.flexDirection).toBe('column');
    expect(style.maxHeight).toMatch(/^calc\(100d?vh - \d+px\)$/);
    const body = within(dialog).getByLabelText('Title').closest('form')!.parentElement!;
    expect(getComputedStyle(body)).toMatchObject({ overflow: 'auto', minHeight: '0px' });
    const actions = within(dialog).getByRole('button', { name: 'Create session' }).parentElement!;
    expect(getComputedStyle(actions).flexShrink).toBe('0');
    remove();
  });

  it('creates a session, opens it and puts it in the list', async () => {
    const created: ReturnType<typeof sessionFixture>[] = [];
    view.api.on('session_create', (args) => {
      const request = args.request as CreateSessionRequest;
      created.push(sessionFixture('sesn_new', { title: request.title ?? null }));
      return created[0];
    });
    // The list is read again on coming back from the session; by then the API has it.
    view.api.on('sessions_list', () => pageOf(created));
    const { user, nav } = view.renderView();
    const dialog = await openDialog(user);
    await user.selectOptions(within(dialog).getByLabelText('Agent'), 'agent_1');
    await within(dialog).findByRole('option', { name: 'Version 1' });
    await user.selectOptions(within(dialog).getByLabelText('Version'), '1');
    await user.selectOptions(within(dialog).getByLabelText('Environment'), 'env_1');
    await user.type(within(dialog).getByLabelText('Title'), 'Nightly');
    await user.click(within(dialog).getByRole('button', { name: 'Add GitHub repository' }));
    await user.type(
      within(dialog).getByLabelText('Repository URL'),
      'https://github.com/acme/site',
    );
    await user.type(within(dialog).getByLabelText('Access token'), 'ghp_secret');
    await user.type(within(dialog).getByLabelText('Budget (USD)'), '5');
    await user.type(within(dialog).getByLabelText('First message'), 'Go.');
    await user.click(within(dialog).getByRole('button', { name: 'Create session' }));

    await vi.waitFor(() => expect(nav.session).toBe('sesn_new'));
    expect(view.api.sent('session_create')[0]?.request).toEqual({
      agent: { type: 'agent', id: 'agent_1', version: 1 },
      environment_id: 'env_1',
      title: 'Nightly',
      resources: [
        {
          type: 'github_repository',
          url: 'https://github.com/acme/site',
          authorization_token: 'ghp_secret',
        },
      ],
      budget: { type: 'limit', max_list_cost: { amount: '500', currency: 'USD' } },
      initial_events: [{ type: 'user.message', content: [{ type: 'text', text: 'Go.' }] }],
    });
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Back' }));
    expect(await screen.findByText('Nightly')).toBeInTheDocument();
  });

  it('mounts a picked file and memory store, and attaches the ticked vaults', async () => {
    view.api.on('vaults_coverage', () => [
      { vault_id: 'vlt_1', display_name: 'GitHub keys', servers: [] },
    ]);
    view.api.on('files_list', () =>
      pageOf([
        {
          id: 'file_1',
          filename: 'data.csv',
          mime_type: 'text/csv',
          size_bytes: 10,
          created_at: AT,
        },
      ]),
    );
    view.api.on('memory_stores_list', () =>
      pageOf([
        { id: 'memstore_1', type: 'memory_store', name: 'Notes', created_at: AT, updated_at: AT },
      ]),
    );
    view.api.on('session_create', () => sessionFixture('sesn_new'));
    const { user, nav } = view.renderView();
    const dialog = await openDialog(user);
    await user.selectOptions(within(dialog).getByLabelText('Agent'), 'agent_2');
    await user.selectOptions(within(dialog).getByLabelText('Environment'), 'env_1');
    await user.click(await within(dialog).findByRole('checkbox', { name: /GitHub keys/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Add file' }));
    await user.click(within(dialog).getByRole('button', { name: 'Add memory store' }));
    await user.click(within(dialog).getByRole('button', { name: 'Add GitHub repository' }));
    await user.click(within(dialog).getByRole('button', { name: /Remove resource 3/ }));
    await user.selectOptions(within(dialog).getByLabelText('File'), 'file_1');
    await user.type(within(dialog).getByLabelText('Mount path'), '/data.csv');
    await user.selectOptions(within(dialog).getByLabelText('Memory store'), 'memstore_1');
    await user.selectOptions(within(dialog).getByLabelText('Access'), 'read_only');
    await user.click(within(dialog).getByRole('button', { name: 'Create session' }));
    await vi.waitFor(() => expect(nav.session).toBe('sesn_new'));
    expect(view.api.sent('session_create')[0]?.request).toEqual({
      agent: 'agent_2',
      environment_id: 'env_1',
      vault_ids: ['vlt_1'],
      resources: [
        { type: 'file', file_id: 'file_1', mount_path: '/data.csv' },
        { type: 'memory_store', memory_store_id: 'memstore_1', access: 'read_only' },
      ],
    });
  });

  it('says which chosen vault covers each MCP server of the agent, and warns about the rest', async () => {
    const withServers = {
      ...agentRow('agent_2', 'Reviewer'),
      mcp_servers: [
        { type: 'url', name: 'github', url: 'https://mcp.github.example/mcp' },
        { type: 'url', name: 'docs', url: 'https://mcp.docs.example/' },
      ],
    };
    view.api.on('agents_list', () => pageOf([agentRow('agent_1', 'Writer', 2), withServers]));
    const covered = (url: string) => ({
      credential_id: `vcrd_${url.length}`,
      kind: 'static_bearer',
      mcp_server_url: url,
      expires_at: null,
    });
    view.api.on('vaults_coverage', () => [
      {
        vault_id: 'vlt_1',
        display_name: 'GitHub keys',
        servers: [covered('https://mcp.github.example/mcp')],
      },
      { vault_id: 'vlt_2', display_name: 'Docs', servers: [covered('https://mcp.docs.example')] },
    ]);
    const { user } = view.renderView();
    const dialog = await openDialog(user);
    await user.selectOptions(within(dialog).getByLabelText('Agent'), 'agent_2');
    const servers = await within(dialog).findByRole('list', {
      name: 'MCP servers and their vaults',
    });
    expect(within(servers).getAllByRole('alert')).toHaveLength(2);
    expect(servers).toHaveTextContent('“GitHub keys” has one.');
    await user.click(within(dialog).getByRole('checkbox', { name: /GitHub keys/ }));
    expect(servers).toHaveTextContent('github covered by GitHub keys');
    // A trailing slash is the same server.
    await user.click(within(dialog).getByRole('checkbox', { name: /Docs/ }));
    expect(within(servers).queryAllByRole('alert')).toHaveLength(0);
    expect(servers).toHaveTextContent('docs covered by Docs');
  });

  it('sends nothing while fields are wrong, lists them and focuses the first', async () => {
    const { user } = view.renderView();
    const dialog = await openDialog(user);
    expect(await within(dialog).findByText(/^No vaults\./)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Create session' }));
    const alert = within(dialog).getByRole('alert');
    expect(alert).toHaveTextContent('Choose the agent this session runs.');
    expect(alert).toHaveTextContent('Choose the environment it runs in.');
    expect(within(dialog).getByLabelText('Agent')).toHaveFocus();
    expect(view.api.sent('session_create')).toEqual([]);
  });

  it('keeps everything typed when the API refuses, with its message and request id', async () => {
    view.api.on('session_create', () =>
      ipcError({
        code: 'InvalidInput',
        message: 'environment is archived',
        status: 400,
        requestId: 'req_42',
      }),
    );
    const { user, nav } = view.renderView();
    const dialog = await openDialog(user);
    await user.selectOptions(within(dialog).getByLabelText('Agent'), 'agent_1');
    await user.selectOptions(within(dialog).getByLabelText('Environment'), 'env_1');
    await user.type(within(dialog).getByLabelText('First message'), 'Hello');
    await user.click(within(dialog).getByRole('button', { name: 'Create session' }));
    expect(await within(dialog).findByText('environment is archived')).toBeInTheDocument();
    expect(within(dialog).getByTestId('request-id')).toHaveTextContent('req_42');
    expect(within(dialog).getByLabelText('First message')).toHaveValue('Hello');
    expect(within(dialog).getByLabelText('Environment')).toHaveValue('env_1');
    expect(nav.session).toBeNull();
  });

  it('never shows the GitHub token in View JSON', async () => {
    const { user } = view.renderView();
    const dialog = await openDialog(user);
    await user.selectOptions(within(dialog).getByLabelText('Agent'), 'agent_1');
    await user.selectOptions(within(dialog).getByLabelText('Environment'), 'env_1');
    await user.click(within(dialog).getByRole('button', { name: 'Add GitHub repository' }));
    await user.type(
      within(dialog).getByLabelText('Repository URL'),
      'https://github.com/acme/site',
    );
    await user.type(within(dialog).getByLabelText('Access token'), 'ghp_secret');
    await user.click(within(dialog).getByRole('button', { name: 'View JSON' }));
    const json = await screen.findByLabelText('Request body');
    expect(json).toHaveTextContent('<github-token>');
    expect(json.textContent).not.toContain('ghp_secret');
  });

  it('opens with the agent and version asked for from the agents page', async () => {
    const nav = new Navigation();
    nav.go('agents');
    nav.startSession({ agentId: 'agent_1', version: 2 });
    view.renderView(nav);
    const dialog = await screen.findByRole('dialog', { name: 'New session' });
    await within(dialog).findByRole('option', { name: 'Version 2' });
    expect(within(dialog).getByLabelText('Agent')).toHaveValue('agent_1');
    expect(within(dialog).getByLabelText('Version')).toHaveValue('2');
    expect(nav.newSession).toBeNull();
  });
});
