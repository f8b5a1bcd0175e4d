import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { setNavigation } from '$lib/context';
import { InboxController } from '$lib/inbox/inbox.svelte';
import { bash, custom, edit, inboxBackend } from '$lib/inbox/inbox.testkit';
import { Navigation } from '$lib/navigation/navigation.svelte';
import Provide from '$lib/testing/Provide.svelte';
import InboxView from './InboxView.svelte';

function renderInbox(calls: Parameters<typeof inboxBackend>[0]) {
  const fake = inboxBackend(calls, { s1: 'Deploy', s2: 'Fix tests', s3: 'Tickets' });
  const inbox = new InboxController(fake.backend, fake.statusSource);
  const nav = new Navigation();
  nav.go('inbox');
  render(Provide, {
    props: { provide: () => setNavigation(nav), view: InboxView, viewProps: { inbox } },
  });
  return { ...fake, inbox, nav, user: userEvent.setup() };
}

function row(id: string): HTMLElement {
  const found = document.querySelector<HTMLElement>(`[data-inbox-item="${id}"]`);
  if (!found) throw new Error(`no row ${id}`);
  return found;
}

describe('the inbox view', () => {
  it('says what to expect while nothing waits', async () => {
    renderInbox({});
    expect(await screen.findByRole('heading', { name: 'Nothing waits for you' })).toBeVisible();
  });

  it('shows each call with its session, agent, thread and input as on the tool card', async () => {
    renderInbox({
      s1: [bash('c1', 'make deploy', 'Researcher')],
      s2: [edit('c2', 'src/date.rs', 'let x = 1;', 'let x = 2;')],
    });
    await waitFor(() =>
      expect(screen.getByTestId('inbox-count')).toHaveTextContent('2 calls wait in 2 sessions'),
    );
    const first = within(row('c1'));
    expect(first.getByRole('button', { name: /Deploy/ })).toBeVisible();
    expect(first.getByText('Researcher')).toBeVisible();
    // A command as a command, an edit as a diff.
    expect(row('c1').querySelector('[data-input-kind="command"]')).toHaveTextContent(
      '$ make deploy',
    );
    expect(row('c2').querySelector('[data-input-kind="edit"]')).toHaveTextContent('src/date.rs');
    expect(row('c2').querySelector('[data-input-kind="edit"]')).toHaveTextContent(
      '1 removed, 1 added',
    );
  });

  it('answers by keyboard: j to move, a to allow, d and a reason to deny, x to choose', async () => {
    const { user, backend } = renderInbox({
      s1: [bash('c1', 'make deploy')],
      s2: [bash('c2', 'rm -rf build')],
      s3: [bash('c3', 'make test'), bash('c4', 'make lint')],
    });
    await waitFor(() => expect(row('c1')).toHaveAttribute('aria-current', 'true'));
    await user.keyboard('j');
    expect(row('c2')).toHaveAttribute('aria-current', 'true');
    expect(document.activeElement).toBe(row('c2'));
    await user.keyboard('a');
    expect(backend.confirm).toHaveBeenLastCalledWith('s2', 'c2', true, '');
    // The answered call leaves; the next one is current.
    await waitFor(() => expect(document.querySelector('[data-inbox-item="c2"]')).toBeNull());
    expect(row('c3')).toHaveAttribute('aria-current', 'true');
    await user.keyboard('d');
    const reason = within(row('c3')).getByLabelText(/Reason/);
    expect(reason).toHaveFocus();
    // Letters typed into the reason are text, not commands.
    await user.keyboard('not today{Enter}');
    expect(backend.confirm).toHaveBeenLastCalledWith('s3', 'c3', false, 'not today');
    await waitFor(() => expect(document.querySelector('[data-inbox-item="c3"]')).toBeNull());
    // Several at once: choose two, allow both.
    await user.keyboard('k');
    expect(row('c1')).toHaveAttribute('aria-current', 'true');
    await user.keyboard('xjx');
    expect(screen.getByText('2 chosen')).toBeVisible();
    await user.keyboard('a');
    expect(backend.confirm).toHaveBeenCalledWith('s1', 'c1', true, '');
    expect(backend.confirm).toHaveBeenCalledWith('s3', 'c4', true, '');
    expect(await screen.findByRole('heading', { name: 'Nothing waits for you' })).toBeVisible();
  });

  it('answers a custom tool: a puts the cursor in the result, Ctrl+Enter sends it', async () => {
    const { user, backend } = renderInbox({ s3: [custom('c5', 'lookup_ticket')] });
    await waitFor(() => expect(row('c5')).toHaveAttribute('aria-current', 'true'));
    await user.keyboard('a');
    const result = within(row('c5')).getByLabelText(/Result for the agent/);
    expect(result).toHaveFocus();
    await user.keyboard('APP-1234 is open{Control>}{Enter}{/Control}');
    expect(backend.answer).toHaveBeenCalledWith('s3', 'c5', 'APP-1234 is open', false);
  });

  it('opens the session at the call with Enter', async () => {
    const { user, nav } = renderInbox({ s1: [bash('c1', 'make deploy')] });
    await waitFor(() => expect(row('c1')).toHaveAttribute('aria-current', 'true'));
    await user.keyboard('{Enter}');
    expect(nav.current).toBe('sessions');
    expect(nav.session).toBe('s1');
    expect(nav.focusItem).toBe('c1');
  });

  it('makes the call a notification asked for current once it is listed, and focuses it', async () => {
    const fake = inboxBackend(
      { s1: [bash('c1', 'make deploy')], s2: [bash('c2', 'make test')] },
      { s1: 'Deploy', s2: 'Fix tests' },
    );
    const inbox = new InboxController(fake.backend, fake.statusSource);
    const nav = new Navigation();
    // Asked for before the view is shown and before its calls are read.
    nav.openInbox('c2');
    render(Provide, {
      props: { provide: () => setNavigation(nav), view: InboxView, viewProps: { inbox } },
    });
    await waitFor(() => expect(row('c2')).toHaveAttribute('aria-current', 'true'));
    await waitFor(() => expect(document.activeElement).toBe(row('c2')));
    expect(nav.inboxCall).toBeNull();
  });
});
