import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CreateSessionRequest, Session, SessionStatusChanged } from '$lib/ipc/bindings';
import { Navigation } from '$lib/navigation/navigation.svelte';
import type { StatusSource } from '$lib/sessions/sessions.svelte';
import { addStyles, clippingTracks, gridTracks } from '$lib/testing/componentStyles';
import { FakeIntersectionObserver } from '$lib/testing/intersectionObserver';
import { ipcError } from '$lib/testing/ipcError';
import { pageOf } from '$lib/testing/pages';
import { scriptedBackend, type ScriptedBackend } from '$lib/testing/scriptedBackend';
import { sessionFixture } from '$lib/testing/sessions';
import Provide from '$lib/testing/Provide.svelte';
import { provideShell } from '$lib/testing/shell';
import SessionsView from './SessionsView.svelte';

let api: ScriptedBackend;
let emit: (change: SessionStatusChanged) => void;
const source: StatusSource = (callback) => {
  emit = callback;
  return Promise.resolve(() => {});
};

const AT = '2026-11-20T10:00:00Z';

const session = sessionFixture;

const page = pageOf;

const agentRow = (id: string, name: string, version = 1) => ({
  id,
  type: 'agent',
  name,
  model: { id: 'claude-opus-4-6' },
  version,
  created_at: AT,
  updated_at: AT,
});

function renderView(nav = new Navigation()) {
  render(Provide, {
    props: {
      provide: () => provideShell(nav),
      view: SessionsView,
      viewProps: { statusSource: source },
    },
  });
  return { user: userEvent.setup(), nav };
}

function rowOf(id: string): HTMLElement {
  const row = document.querySelector<HTMLElement>(`li[data-session-id="${id}"]`);
  if (!row) throw new Error(`no row ${id}`);
  return row;
}

beforeEach(() => {
  api = scriptedBackend();
  api.on('sessions_list', () => page([]));
  api.on('agents_list', () =>
    page([agentRow('agent_1', 'Writer', 2), agentRow('agent_2', 'Reviewer')]),
  );
  api.on('environments_list', () =>
    page([{ id: 'env_1', type: 'environment', name: 'Sandbox', created_at: AT, updated_at: AT }]),
  );
  api.on('vaults_list', () => page([]));
  api.on('files_list', () => page([]));
  api.on('memory_stores_list', () => page([]));
  api.on('agent_versions', () =>
    page([agentRow('agent_1', 'Writer', 2), agentRow('agent_1', 'Writer', 1)]),
  );
  FakeIntersectionObserver.instances = [];
  vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver);
});

describe('the sessions list', () => {
  it('shows title, agent and version, environment name, status, age and cost', async () => {
    api.on('sessions_list', () =>
      page([
        session('sesn_1', {
          title: 'Fix the build',
          usage: { list_cost: { amount: '137', currency: 'USD' } },
        }),
        session('sesn_2', { status: 'terminated', environment_id: 'env_gone' }),
      ]),
    );
    renderView();
    expect(await screen.findByText('Fix the build')).toBeInTheDocument();
    const first = rowOf('sesn_1');
    expect(first).toHaveTextContent('Writer v2');
    expect(await within(first).findByText('Sandbox')).toBeInTheDocument();
    expect(first).toHaveTextContent('Idle');
    expect(first).toHaveTextContent('$1.37');
    const second = rowOf('sesn_2');
    expect(second).toHaveTextContent('Untitled');
    expect(second).toHaveTextContent('sesn_2');
    expect(second).toHaveTextContent('env_gone');
    expect(second).toHaveTextContent('Terminated');
    expect(second).toHaveTextContent('—');
  });

  it('applies live status changes and drops a deleted session', async () => {
    api.on('sessions_list', () => page([session('sesn_1'), session('sesn_2')]));
    renderView();
    await screen.findAllByText('Untitled');
    emit({
      sessionId: 'sesn_1',
      status: 'requiresAction',
      pending: 2,
      stopReason: 'requires_action',
      reconnecting: false,
      budgetNear: false,
    });
    expect(await within(rowOf('sesn_1')).findByText('Needs approval (2)')).toBeInTheDocument();
    emit({
      sessionId: 'sesn_1',
      status: 'running',
      pending: 0,
      stopReason: null,
      reconnecting: false,
      budgetNear: false,
    });
    expect(await within(rowOf('sesn_1')).findByText('Running')).toBeInTheDocument();
    emit({
      sessionId: 'sesn_2',
      status: 'deleted',
      pending: 0,
      stopReason: null,
      reconnecting: false,
      budgetNear: false,
    });
    await vi.waitFor(() => expect(document.querySelector('[data-session-id="sesn_2"]')).toBeNull());
  });

  it('flags a session archived elsewhere in its row', async () => {
    api.on('sessions_list', () => page([session('sesn_1')]));
    renderView();
    await screen.findAllByText('Untitled');
    emit({
      sessionId: 'sesn_1',
      status: 'archived',
      pending: 0,
      stopReason: null,
      reconnecting: false,
      budgetNear: false,
    });
    expect(await within(rowOf('sesn_1')).findByText('Archived')).toBeInTheDocument();
  });

  it('says a badge is reconnecting while the API cannot be reached, and what it was after', async () => {
    api.on('sessions_list', () => page([session('sesn_1')]));
    renderView();
    await screen.findAllByText('Untitled');
    const live = {
      sessionId: 'sesn_1',
      status: 'running',
      pending: 0,
      stopReason: null,
      budgetNear: false,
    } as const;
    emit({ ...live, reconnecting: true });
    expect(await within(rowOf('sesn_1')).findByText('Reconnecting')).toBeInTheDocument();
    emit({ ...live, reconnecting: false });
    expect(await within(rowOf('sesn_1')).findByText('Running')).toBeInTheDocument();
  });

  it('turns the filters into the list query', async () => {
    const { user } = renderView();
    await screen.findByText('No sessions yet');
    await screen.findByRole('option', { name: 'Reviewer' });
    await user.selectOptions(screen.getByLabelText('Agent'), 'agent_2');
    await user.selectOptions(screen.getByLabelText('Status'), 'running');
    await user.click(screen.getByRole('checkbox', { name: 'Show archived' }));
    expect(api.sent('sessions_list').at(-1)?.query).toEqual({
      page: null,
      limit: 20,
      include_archived: true,
      agent_id: 'agent_2',
      statuses: ['running'],
    });
    // One new first page per change, no more.
    expect(api.sent('sessions_list')).toHaveLength(4);
  });

  it('opens a session by id, and says so clearly when there is none', async () => {
    api.on('session_get', (args) =>
      args.sessionId === 'sesn_9'
        ? session('sesn_9')
        : ipcError({ code: 'NotFound', message: 'not found', status: 404 }),
    );
    const { user, nav } = renderView();
    const box = screen.getByLabelText('Find by id');
    await user.type(box, 'sesn_nope');
    await user.click(screen.getByRole('button', { name: 'Find by id' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('No session has the id sesn_nope.');
    expect(box).toHaveValue('sesn_nope');
    await user.clear(box);
    await user.type(box, 'sesn_9{Enter}');
    await vi.waitFor(() => expect(nav.session).toBe('sesn_9'));
    expect(await screen.findByRole('heading', { name: 'Untitled session' })).toBeInTheDocument();
  });

  it('opens a session from its row', async () => {
    api.on('sessions_list', () => page([session('sesn_1', { title: 'Fix the build' })]));
    const { user, nav } = renderView();
    await user.click(await screen.findByRole('button', { name: /Fix the build/ }));
    expect(nav.session).toBe('sesn_1');
    await user.click(screen.getByRole('button', { name: 'Back' }));
    expect(await screen.findByText('Fix the build')).toBeInTheDocument();
  });

  it('renames inline, keeps the text when the API refuses, and Esc cancels', async () => {
    api.on('sessions_list', () => page([session('sesn_1', { title: 'Old' })]));
    let refuse = true;
    api.on('session_update', (args) =>
      refuse
        ? ipcError({ code: 'InvalidInput', message: 'title: too long', status: 400 })
        : session('sesn_1', { title: (args.request as { title: string }).title }),
    );
    const { user } = renderView();
    await screen.findByText('Old');
    await user.click(within(rowOf('sesn_1')).getByRole('button', { name: 'Rename' }));
    const input = screen.getByLabelText('Title of sesn_1');
    await user.clear(input);
    await user.type(input, 'New name{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('title: too long');
    expect(input).toHaveValue('New name');
    refuse = false;
    await user.type(input, '{Enter}');
    expect(await screen.findByText('New name')).toBeInTheDocument();
    expect(api.sent('session_update').at(-1)).toEqual({
      sessionId: 'sesn_1',
      request: { title: 'New name' },
    });

    await user.click(within(rowOf('sesn_1')).getByRole('button', { name: 'Rename' }));
    await user.type(screen.getByLabelText('Title of sesn_1'), ' more{Escape}');
    expect(screen.queryByLabelText('Title of sesn_1')).not.toBeInTheDocument();
    expect(screen.getByText('New name')).toBeInTheDocument();
  });

  it('will not delete a running session, says why and offers to interrupt it', async () => {
    let status = 'running';
    api.on('sessions_list', () => page([session('sesn_1', { status })]));
    api.on('session_interrupt', () => {
      status = 'idle';
      return [];
    });
    api.on('session_get', () => session('sesn_1', { status }));
    api.on('session_delete', () => ({ id: 'sesn_1', type: 'session_deleted' }));
    const { user } = renderView();
    await screen.findByText('Untitled');
    await user.click(within(rowOf('sesn_1')).getByRole('button', { name: 'Delete' }));
    expect(screen.getByRole('alert')).toHaveTextContent(
      'The session is running. Interrupt it first.',
    );
    expect(api.sent('session_delete')).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Interrupt' }));
    expect(api.sent('session_interrupt')).toEqual([{ sessionId: 'sesn_1', threadId: null }]);
    await user.click(await screen.findByRole('button', { name: 'Try again' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Delete this session?' });
    expect(confirm).toHaveTextContent('This deletes the session and its events for good.');
    await user.click(within(confirm).getByRole('button', { name: 'Delete' }));
    await vi.waitFor(() => expect(api.sent('session_delete')).toHaveLength(1));
    expect(await screen.findByText('Deleted sesn_1.')).toBeInTheDocument();
  });

  it('archives after asking, and loads the next page on scroll', async () => {
    api.on('sessions_list', (args) =>
      (args.query as { page: string | null }).page === 'p2'
        ? page([session('sesn_3', { title: 'Third' })])
        : page([session('sesn_1', { title: 'First' }), session('sesn_2')], 'p2'),
    );
    api.on('session_archive', () => session('sesn_1', { archived_at: AT, status: 'terminated' }));
    const { user } = renderView();
    await screen.findByText('First');
    FakeIntersectionObserver.scrollIntoView();
    expect(await screen.findByText('Third')).toBeInTheDocument();

    await user.click(within(rowOf('sesn_1')).getByRole('button', { name: 'Archive' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Archive this session?' });
    expect(api.sent('session_archive')).toEqual([]);
    await user.click(within(confirm).getByRole('button', { name: 'Archive' }));
    expect(await screen.findByText('Archived “First”.')).toBeInTheDocument();
    expect(screen.queryByText('First')).not.toBeInTheDocument();
  });

  it('shows a failed load with a Retry', async () => {
    let fail = true;
    api.on('sessions_list', () =>
      fail ? ipcError({ code: 'Network', message: 'connection refused' }) : page([session('s1')]),
    );
    const { user } = renderView();
    expect(await screen.findByRole('alert')).toHaveTextContent('connection refused');
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Untitled')).toBeInTheDocument();
  });
});

describe('the sessions list layout', () => {
  it('gives short values their room, cuts only long ones, and lines the header up', async () => {
    const remove = addStyles(
      'app.css',
      'components/sessions/SessionRow.svelte',
      'components/sessions/SessionList.svelte',
    );
    api.on('sessions_list', () => page([session('sesn_1', { title: 'Fix' })]));
    renderView();
    const row = rowOf(await screen.findByText('Fix').then(() => 'sesn_1'));
    // Header and rows take their tracks from one place...
    const columns = getComputedStyle(row.querySelector('button.open')!).gridTemplateColumns;
    expect(columns).toBe('var(--session-columns)');
    const head = document.querySelector<HTMLElement>('.head')!;
    expect(getComputedStyle(head).gridTemplateColumns).toBe(columns);
    // ...whose widths do not depend on the font size (the header's type is smaller: tracks in
    // em would shift its columns against the rows'), and none of them clips a short value.
    const tracks = getComputedStyle(document.documentElement)
      .getPropertyValue('--session-columns')
      .trim();
    expect(gridTracks(tracks)).toHaveLength(6);
    expect(tracks).not.toMatch(/\d(em)\b/);
    expect(clippingTracks(tracks)).toEqual([]);
    remove();
  });
});

describe('the New session dialog', () => {
  async function openDialog(user: ReturnType<typeof userEvent.setup>) {
    const empty = await screen.findByRole('region', { name: 'No sessions yet' });
    await user.click(within(empty).getByRole('button', { name: 'New session' }));
    const dialog = await screen.findByRole('dialog', { name: 'New session' });
    await within(dialog).findByRole('option', { name: 'Sandbox' });
    return dialog;
  }

  it('preselects the only agent and the only environment', async () => {
    api.on('agents_list', () => page([agentRow('agent_1', 'Writer', 2)]));
    api.on('session_create', () => session('sesn_new'));
    const { user, nav } = renderView();
    const dialog = await openDialog(user);
    await vi.waitFor(() => expect(within(dialog).getByLabelText('Agent')).toHaveValue('agent_1'));
    expect(within(dialog).getByLabelText('Environment')).toHaveValue('env_1');
    await user.click(within(dialog).getByRole('button', { name: 'Create session' }));
    await vi.waitFor(() => expect(nav.session).toBe('sesn_new'));
    expect(api.sent('session_create')[0]?.request).toEqual({
      agent: 'agent_1',
      environment_id: 'env_1',
    });
  });

  it('offers every agent and environment, not only the first page of each', async () => {
    const agents = Array.from({ length: 150 }, (_, i) =>
      agentRow(`agent_${i + 1}`, `Agent ${i + 1}`),
    );
    api.on('agents_list', (args) =>
      (args.query as { page: string | null }).page === null
        ? page(agents.slice(0, 100), 'p2')
        : page(agents.slice(100)),
    );
    api.on('environments_list', (args) =>
      (args.query as { page: string | null }).page === null
        ? page(
            [{ id: 'env_1', type: 'environment', name: 'Sandbox', created_at: AT, updated_at: AT }],
            'p2',
          )
        : page([
            { id: 'env_2', type: 'environment', name: 'GPU box', created_at: AT, updated_at: AT },
          ]),
    );
    const { user } = renderView();
    const dialog = await openDialog(user);
    await within(dialog).findByRole('option', { name: 'Agent 150' });
    expect(within(dialog).getByRole('option', { name: 'GPU box' })).toBeInTheDocument();
  });

  it('on the Demo, says which words start which script and fills an example in', async () => {
    api.on('demo_scripts', () => [
      {
        name: 'Approvals',
        words: ['approv', 'deploy'],
        shows: 'tool calls that wait for you',
        example: 'Deploy to staging',
      },
    ]);
    const { user } = renderView();
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
    api.on('demo_scripts', () => []);
    const { user } = renderView();
    const dialog = await openDialog(user);
    await within(dialog).findByRole('option', { name: 'Sandbox' });
    expect(within(dialog).queryByText('What the Demo agent can do')).toBeNull();
  });

  it('is never taller than the window: its body scrolls, its buttons stay in view', async () => {
    const remove = addStyles('components/shared/Dialog.svelte');
    const { user } = renderView();
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
    const created: ReturnType<typeof session>[] = [];
    api.on('session_create', (args) => {
      const request = args.request as CreateSessionRequest;
      created.push(session('sesn_new', { title: request.title ?? null }));
      return created[0];
    });
    // The list is read again on coming back from the session; by then the API has it.
    api.on('sessions_list', () => page(created));
    const { user, nav } = renderView();
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
    expect(api.sent('session_create')[0]?.request).toEqual({
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
    api.on('vaults_list', () =>
      page([
        { id: 'vlt_1', type: 'vault', display_name: 'GitHub keys', created_at: AT, updated_at: AT },
      ]),
    );
    api.on('files_list', () =>
      page([
        {
          id: 'file_1',
          filename: 'data.csv',
          mime_type: 'text/csv',
          size_bytes: 10,
          created_at: AT,
        },
      ]),
    );
    api.on('memory_stores_list', () =>
      page([
        { id: 'memstore_1', type: 'memory_store', name: 'Notes', created_at: AT, updated_at: AT },
      ]),
    );
    api.on('session_create', () => session('sesn_new'));
    const { user, nav } = renderView();
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
    expect(api.sent('session_create')[0]?.request).toEqual({
      agent: 'agent_2',
      environment_id: 'env_1',
      vault_ids: ['vlt_1'],
      resources: [
        { type: 'file', file_id: 'file_1', mount_path: '/data.csv' },
        { type: 'memory_store', memory_store_id: 'memstore_1', access: 'read_only' },
      ],
    });
  });

  it('sends nothing while fields are wrong, lists them and focuses the first', async () => {
    const { user } = renderView();
    const dialog = await openDialog(user);
    expect(await within(dialog).findByText('No vaults')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Create session' }));
    const alert = within(dialog).getByRole('alert');
    expect(alert).toHaveTextContent('Choose the agent this session runs.');
    expect(alert).toHaveTextContent('Choose the environment it runs in.');
    expect(within(dialog).getByLabelText('Agent')).toHaveFocus();
    expect(api.sent('session_create')).toEqual([]);
  });

  it('keeps everything typed when the API refuses, with its message and request id', async () => {
    api.on('session_create', () =>
      ipcError({
        code: 'InvalidInput',
        message: 'environment is archived',
        status: 400,
        requestId: 'req_42',
      }),
    );
    const { user, nav } = renderView();
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
    const { user } = renderView();
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
    renderView(nav);
    const dialog = await screen.findByRole('dialog', { name: 'New session' });
    await within(dialog).findByRole('option', { name: 'Version 2' });
    expect(within(dialog).getByLabelText('Agent')).toHaveValue('agent_1');
    expect(within(dialog).getByLabelText('Version')).toHaveValue('2');
    expect(nav.newSession).toBeNull();
  });
});

describe('Interrupt all', () => {
  const running = (id: string, title: string) => session(id, { status: 'running', title });

  function listRunning(pages: Session[][]) {
    api.on('sessions_list', (args) => {
      const query = args.query as { statuses?: string[]; page: string | null };
      if (!query.statuses) return page([]);
      const index = query.page === null ? 0 : Number(query.page);
      return page(pages[index] ?? [], index + 1 < pages.length ? String(index + 1) : null);
    });
  }

  it('names how many run, interrupts each after the confirmation, and says which failed', async () => {
    listRunning([
      [running('sesn_1', 'Fix the parser'), running('sesn_2', 'Write the docs')],
      [running('sesn_3', 'Deploy')],
    ]);
    api.on('session_interrupt', (args) =>
      args.sessionId === 'sesn_2'
        ? ipcError({ code: 'NotFound', message: 'No such session: sesn_2', status: 404 })
        : [],
    );
    const { user } = renderView();
    await user.click(await screen.findByRole('button', { name: /Interrupt all/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Interrupt all running sessions' });
    // Every page of running sessions, and only those.
    await within(dialog).findByText(/Interrupt 3 running sessions\?/);
    expect(within(dialog).getByText('Deploy')).toBeInTheDocument();
    const statuses = api
      .sent('sessions_list')
      .map((a) => (a.query as { statuses?: string[] }).statuses);
    expect(statuses.filter(Boolean)).toEqual([
      ['running', 'rescheduling'],
      ['running', 'rescheduling'],
    ]);
    expect(api.sent('session_interrupt')).toEqual([]);
    // Cancel is first and focused: Enter does not interrupt anything.
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();

    await user.click(within(dialog).getByRole('button', { name: 'Interrupt 3 sessions' }));
    await within(dialog).findByText(/Interrupted 2 sessions/);
    expect(api.sent('session_interrupt').map((a) => a.sessionId)).toEqual([
      'sesn_1',
      'sesn_2',
      'sesn_3',
    ]);
    expect(within(dialog).getByText(/“Write the docs” was not interrupted/)).toBeInTheDocument();
    expect(within(dialog).getByText(/No such session: sesn_2/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('says so when nothing runs, and sends nothing', async () => {
    listRunning([[]]);
    const { user } = renderView();
    await user.click(await screen.findByRole('button', { name: /Interrupt all/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Interrupt all running sessions' });
    await within(dialog).findByText('No session of this profile is running.');
    expect(within(dialog).queryByRole('button', { name: /Interrupt \d/ })).toBeNull();
    expect(api.sent('session_interrupt')).toEqual([]);
  });
});
