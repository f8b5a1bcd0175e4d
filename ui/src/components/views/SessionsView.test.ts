// The Sessions list: rows, live statuses, filters, inline actions and Interrupt all.
import { screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { Session } from '$lib/ipc/bindings';
import { addStyles, clippingTracks, gridTracks } from '$lib/testing/componentStyles';
import { FakeIntersectionObserver } from '$lib/testing/intersectionObserver';
import { ipcError } from '$lib/testing/ipcError';
import { pageOf } from '$lib/testing/pages';
import { sessionFixture } from '$lib/testing/sessions';
import { AT, rowOf, useSessionsView } from './sessionsView.testkit';

const view = useSessionsView();
describe('the sessions list', () => {
  it('shows title, agent and version, environment name, status, age and cost', async () => {
    view.api.on('sessions_list', () =>
      pageOf([
        sessionFixture('sesn_1', {
          title: 'Fix the build',
          usage: { list_cost: { amount: '137', currency: 'USD' } },
        }),
        sessionFixture('sesn_2', { status: 'terminated', environment_id: 'env_gone' }),
      ]),
    );
    view.renderView();
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
    view.api.on('sessions_list', () =>
      pageOf([sessionFixture('sesn_1'), sessionFixture('sesn_2')]),
    );
    view.renderView();
    await screen.findAllByText('Untitled');
    view.emit({
      sessionId: 'sesn_1',
      status: 'requiresAction',
      pending: 2,
      stopReason: 'requires_action',
      reconnecting: false,
      budgetNear: false,
    });
    expect(await within(rowOf('sesn_1')).findByText('Needs approval (2)')).toBeInTheDocument();
    view.emit({
      sessionId: 'sesn_1',
      status: 'running',
      pending: 0,
      stopReason: null,
      reconnecting: false,
      budgetNear: false,
    });
    expect(await within(rowOf('sesn_1')).findByText('Running')).toBeInTheDocument();
    view.emit({
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
    view.api.on('sessions_list', () => pageOf([sessionFixture('sesn_1')]));
    view.renderView();
    await screen.findAllByText('Untitled');
    view.emit({
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
    view.api.on('sessions_list', () => pageOf([sessionFixture('sesn_1')]));
    view.renderView();
    await screen.findAllByText('Untitled');
    const live = {
      sessionId: 'sesn_1',
      status: 'running',
      pending: 0,
      stopReason: null,
      budgetNear: false,
    } as const;
    view.emit({ ...live, reconnecting: true });
    expect(await within(rowOf('sesn_1')).findByText('Reconnecting')).toBeInTheDocument();
    view.emit({ ...live, reconnecting: false });
    expect(await within(rowOf('sesn_1')).findByText('Running')).toBeInTheDocument();
  });

  it('turns the filters into the list query', async () => {
    const { user } = view.renderView();
    await screen.findByText('No sessions yet');
    await screen.findByRole('option', { name: 'Reviewer' });
    await user.selectOptions(screen.getByLabelText('Agent'), 'agent_2');
    await user.selectOptions(screen.getByLabelText('Status'), 'running');
    await user.click(screen.getByRole('checkbox', { name: 'Show archived' }));
    expect(view.api.sent('sessions_list').at(-1)?.query).toEqual({
      page: null,
      limit: 20,
      include_archived: true,
      agent_id: 'agent_2',
      statuses: ['running'],
    });
    // One new first page per change, no more.
    expect(view.api.sent('sessions_list')).toHaveLength(4);
  });

  it('opens a session by id, and says so clearly when there is none', async () => {
    view.api.on('session_get', (args) =>
      args.sessionId === 'sesn_9'
        ? sessionFixture('sesn_9')
        : ipcError({ code: 'NotFound', message: 'not found', status: 404 }),
    );
    const { user, nav } = view.renderView();
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
    view.api.on('sessions_list', () =>
      pageOf([sessionFixture('sesn_1', { title: 'Fix the build' })]),
    );
    const { user, nav } = view.renderView();
    await user.click(await screen.findByRole('button', { name: /Fix the build/ }));
    expect(nav.session).toBe('sesn_1');
    await user.click(screen.getByRole('button', { name: 'Back' }));
    expect(await screen.findByText('Fix the build')).toBeInTheDocument();
  });

  it('renames inline, keeps the text when the API refuses, and Esc cancels', async () => {
    view.api.on('sessions_list', () => pageOf([sessionFixture('sesn_1', { title: 'Old' })]));
    let refuse = true;
    view.api.on('session_update', (args) =>
      refuse
        ? ipcError({ code: 'InvalidInput', message: 'title: too long', status: 400 })
        : sessionFixture('sesn_1', { title: (args.request as { title: string }).title }),
    );
    const { user } = view.renderView();
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
    expect(view.api.sent('session_update').at(-1)).toEqual({
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
    view.api.on('sessions_list', () => pageOf([sessionFixture('sesn_1', { status })]));
    view.api.on('session_interrupt', () => {
      status = 'idle';
      return [];
    });
    view.api.on('session_get', () => sessionFixture('sesn_1', { status }));
    view.api.on('session_delete', () => ({ id: 'sesn_1', type: 'session_deleted' }));
    const { user } = view.renderView();
    await screen.findByText('Untitled');
    await user.click(within(rowOf('sesn_1')).getByRole('button', { name: 'Delete' }));
    expect(screen.getByRole('alert')).toHaveTextContent(
      'The session is running. Interrupt it first.',
    );
    expect(view.api.sent('session_delete')).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Interrupt' }));
    expect(view.api.sent('session_interrupt')).toEqual([{ sessionId: 'sesn_1', threadId: null }]);
    await user.click(await screen.findByRole('button', { name: 'Try again' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Delete this session?' });
    expect(confirm).toHaveTextContent('This deletes the session and its events for good.');
    await user.click(within(confirm).getByRole('button', { name: 'Delete' }));
    await vi.waitFor(() => expect(view.api.sent('session_delete')).toHaveLength(1));
    expect(await screen.findByText('Deleted sesn_1.')).toBeInTheDocument();
  });

  it('archives after asking, and loads the next page on scroll', async () => {
    view.api.on('sessions_list', (args) =>
      (args.query as { page: string | null }).page === 'p2'
        ? pageOf([sessionFixture('sesn_3', { title: 'Third' })])
        : pageOf([sessionFixture('sesn_1', { title: 'First' }), sessionFixture('sesn_2')], 'p2'),
    );
    view.api.on('session_archive', () =>
      sessionFixture('sesn_1', { archived_at: AT, status: 'terminated' }),
    );
    const { user } = view.renderView();
    await screen.findByText('First');
    FakeIntersectionObserver.scrollIntoView();
    expect(await screen.findByText('Third')).toBeInTheDocument();

    await user.click(within(rowOf('sesn_1')).getByRole('button', { name: 'Archive' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Archive this session?' });
    expect(view.api.sent('session_archive')).toEqual([]);
    await user.click(within(confirm).getByRole('button', { name: 'Archive' }));
    expect(await screen.findByText('Archived “First”.')).toBeInTheDocument();
    expect(screen.queryByText('First')).not.toBeInTheDocument();
  });

  it('shows a failed load with a Retry', async () => {
    let fail = true;
    view.api.on('sessions_list', () =>
      fail
        ? ipcError({ code: 'Network', message: 'connection refused' })
        : pageOf([sessionFixture('s1')]),
    );
    const { user } = view.renderView();
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
    view.api.on('sessions_list', () => pageOf([sessionFixture('sesn_1', { title: 'Fix' })]));
    view.renderView();
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

describe('Interrupt all', () => {
  const running = (id: string, title: string) => sessionFixture(id, { status: 'running', title });

  function listRunning(pages: Session[][]) {
    view.api.on('sessions_list', (args) => {
      const query = args.query as { statuses?: string[]; page: string | null };
      if (!query.statuses) return pageOf([]);
      const index = query.page === null ? 0 : Number(query.page);
      return pageOf(pages[index] ?? [], index + 1 < pages.length ? String(index + 1) : null);
    });
  }

  it('names how many run, interrupts each after the confirmation, and says which failed', async () => {
    listRunning([
      [running('sesn_1', 'Fix the parser'), running('sesn_2', 'Write the docs')],
      [running('sesn_3', 'Deploy')],
    ]);
    view.api.on('session_interrupt', (args) =>
      args.sessionId === 'sesn_2'
        ? ipcError({ code: 'NotFound', message: 'No such session: sesn_2', status: 404 })
        : [],
    );
    const { user } = view.renderView();
    await user.click(await screen.findByRole('button', { name: /Interrupt all/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Interrupt all running sessions' });
    // Every page of running sessions, and only those.
    await within(dialog).findByText(/Interrupt 3 running sessions\?/);
    expect(within(dialog).getByText('Deploy')).toBeInTheDocument();
    const statuses = view.api
      .sent('sessions_list')
      .map((a) => (a.query as { statuses?: string[] }).statuses);
    expect(statuses.filter(Boolean)).toEqual([
      ['running', 'rescheduling'],
      ['running', 'rescheduling'],
    ]);
    expect(view.api.sent('session_interrupt')).toEqual([]);
    // Cancel is first and focused: Enter does not interrupt anything.
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();

    await user.click(within(dialog).getByRole('button', { name: 'Interrupt 3 sessions' }));
    await within(dialog).findByText(/Interrupted 2 sessions/);
    expect(view.api.sent('session_interrupt').map((a) => a.sessionId)).toEqual([
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
    const { user } = view.renderView();
    await user.click(await screen.findByRole('button', { name: /Interrupt all/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Interrupt all running sessions' });
    await within(dialog).findByText('No session of this profile is running.');
    expect(within(dialog).queryByRole('button', { name: /Interrupt \d/ })).toBeNull();
    expect(view.api.sent('session_interrupt')).toEqual([]);
  });
});
