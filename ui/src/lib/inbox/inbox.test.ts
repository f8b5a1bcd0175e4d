import { describe, expect, it } from 'vitest';
import { ipcError, rejectWith } from '$lib/testing/ipcError';
import { InboxController } from './inbox.svelte';
import { bash, custom, inboxBackend, running, waiting } from './inbox.testkit';

async function settle() {
  for (let i = 0; i < 5; i++) await Promise.resolve();
  await new Promise((resolve) => setTimeout(resolve, 0));
}

function started(calls: Parameters<typeof inboxBackend>[0]) {
  const fake = inboxBackend(calls, { s1: 'Deploy', s2: 'Fix tests', s3: 'Tickets' });
  const inbox = new InboxController(fake.backend, fake.statusSource);
  const stop = inbox.start();
  return { ...fake, inbox, stop };
}

describe('the approvals inbox', () => {
  it('lists every waiting call of every waiting session, the first one current', async () => {
    const { inbox } = started({
      s1: [bash('c1', 'make deploy'), bash('c2', 'rm -rf build')],
      s2: [custom('c3', 'lookup_ticket')],
    });
    await settle();
    expect(inbox.items.map((i) => [i.session.id, i.id, i.kind])).toEqual([
      ['s1', 'c1', 'confirmation'],
      ['s1', 'c2', 'confirmation'],
      ['s2', 'c3', 'custom'],
    ]);
    expect(inbox.current).toBe('c1');
    expect(inbox.loaded).toBe(true);
  });

  it('lists the session that waits longest first, whichever read comes back first', async () => {
    const { inbox, backend } = started({
      s1: [bash('c1', 'make deploy', null, '2026-12-07T10:00:01Z')],
      s2: [bash('c2', 'ls', null, '2026-12-07T10:00:05Z')],
    });
    // s1's read is slow and comes back last, yet s1 has waited longer.
    const read = backend.pending.getMockImplementation()!;
    let release = () => {};
    backend.pending.mockImplementationOnce(
      (id) => new Promise((resolve) => (release = () => void read(id).then(resolve))),
    );
    await settle();
    expect(inbox.items.map((i) => i.id)).toEqual(['c2']);
    release();
    await settle();
    expect(inbox.items.map((i) => i.id)).toEqual(['c1', 'c2']);
  });

  it('drops a session that stops waiting, wherever it was answered', async () => {
    const { inbox, emit } = started({ s1: [bash('c1', 'make deploy')], s2: [bash('c2', 'ls')] });
    await settle();
    emit(running('s1'));
    expect(inbox.items.map((i) => i.id)).toEqual(['c2']);
    expect(inbox.current).toBe('c2');
  });

  it('reads a session again when its count changes, and a new one when it starts waiting', async () => {
    const calls = { s1: [bash('c1', 'make deploy')] };
    const { inbox, emit, backend } = started(calls);
    await settle();
    calls.s1.push(bash('c4', 'make publish'));
    emit(waiting('s1', 2));
    Object.assign(calls, { s3: [custom('c5', 'lookup_ticket')] });
    emit(waiting('s3', 1));
    await settle();
    expect(inbox.items.map((i) => i.id)).toEqual(['c1', 'c4', 'c5']);
    expect(backend.pending).toHaveBeenCalledTimes(3);
  });

  it('ignores a read that comes back after its session stopped waiting', async () => {
    const { inbox, emit, backend } = started({});
    await settle();
    let release = () => {};
    backend.pending.mockImplementationOnce(
      (id) =>
        new Promise((resolve) => {
          release = () =>
            resolve({
              session: { ...(inbox.items[0]?.session ?? {}), id } as never,
              calls: [bash('c1', 'x')],
            });
        }),
    );
    emit(waiting('s1', 1));
    emit(running('s1'));
    release();
    await settle();
    expect(inbox.items).toEqual([]);
  });

  it('allows and denies with the reason typed, and each answered call leaves', async () => {
    const { inbox, backend } = started({ s1: [bash('c1', 'make deploy'), bash('c2', 'rm -rf /')] });
    await settle();
    await inbox.confirm([inbox.item('c1')!], true);
    inbox.edit('c2', { reason: 'not on main' });
    await inbox.confirm([inbox.item('c2')!], false, 'c2');
    expect(backend.confirm.mock.calls).toEqual([
      ['s1', 'c1', true, ''],
      ['s1', 'c2', false, 'not on main'],
    ]);
    expect(inbox.items).toEqual([]);
  });

  it('answers several chosen calls at once, one reason for all', async () => {
    const { inbox, backend } = started({
      s1: [bash('c1', 'make deploy')],
      s2: [bash('c2', 'make test')],
      s3: [custom('c3', 'lookup_ticket')],
    });
    await settle();
    inbox.toggle('c1');
    inbox.toggle('c2');
    inbox.toggle('c3');
    inbox.edit('c1', { reason: 'wrong branch' });
    await inbox.confirm(inbox.targets(), false, 'c1');
    // A custom tool is answered with a result, never denied in a batch.
    expect(backend.confirm.mock.calls).toEqual([
      ['s1', 'c1', false, 'wrong branch'],
      ['s2', 'c2', false, 'wrong branch'],
    ]);
    expect(inbox.items.map((i) => i.id)).toEqual(['c3']);
    expect(inbox.selected).toEqual(['c3']);
  });

  it('sends a custom tool its typed result', async () => {
    const { inbox, backend } = started({ s3: [custom('c3', 'lookup_ticket')] });
    await settle();
    inbox.edit('c3', { text: 'APP-1234: open, P2', isError: false });
    await inbox.answer(inbox.item('c3')!);
    expect(backend.answer).toHaveBeenCalledWith('s3', 'c3', 'APP-1234: open, P2', false);
    expect(inbox.items).toEqual([]);
  });

  it('says so when a call no longer waits, and nothing else changes', async () => {
    const calls = { s1: [bash('c1', 'make deploy')], s2: [bash('c2', 'make test')] };
    const { inbox, backend } = started(calls);
    await settle();
    // Interrupted meanwhile: the API refuses, and the session no longer names the call.
    backend.confirm.mockImplementationOnce(() =>
      rejectWith(
        ipcError({ code: 'Rejected', message: 'c1 is not a tool use awaiting confirmation' }),
      ),
    );
    calls.s1 = [];
    await inbox.confirm([inbox.item('c1')!], true);
    expect(inbox.notices.map((n) => n.text)).toEqual([
      '“Deploy” no longer waits on its bash call: it was interrupted, or answered elsewhere.',
    ]);
    // Deleted meanwhile.
    backend.confirm.mockImplementationOnce(() =>
      rejectWith(ipcError({ code: 'NotFound', message: 'session not found' })),
    );
    await inbox.confirm([inbox.item('c2')!], true);
    expect(inbox.notices[1]?.text).toBe('“Fix tests” was deleted: its bash call no longer waits.');
    expect(inbox.items).toEqual([]);
  });

  it('keeps the call and what was typed when the answer did not reach the API', async () => {
    const { inbox, backend } = started({ s1: [bash('c1', 'make deploy')] });
    await settle();
    backend.confirm.mockImplementationOnce(() =>
      rejectWith(ipcError({ code: 'Network', message: 'The API could not be reached.' })),
    );
    inbox.edit('c1', { reason: 'later' });
    await inbox.confirm([inbox.item('c1')!], false, 'c1');
    expect(inbox.items.map((i) => i.id)).toEqual(['c1']);
    expect(inbox.draft('c1')).toMatchObject({ reason: 'later', busy: false });
    expect(inbox.draft('c1').error?.message).toBe('The API could not be reached.');
    expect(inbox.notices).toEqual([]);
  });

  it('puts the keyboard on a call by id only once it is listed', async () => {
    const { inbox } = started({ s1: [bash('c1', 'make deploy')], s2: [bash('c2', 'ls')] });
    expect(inbox.select('c2')).toBe(false);
    await settle();
    expect(inbox.select('c2')).toBe(true);
    expect(inbox.current).toBe('c2');
    expect(inbox.select('gone')).toBe(false);
    expect(inbox.current).toBe('c2');
  });

  it('moves with j and k within the list', async () => {
    const { inbox } = started({ s1: [bash('c1', 'a'), bash('c2', 'b')], s2: [bash('c3', 'c')] });
    await settle();
    inbox.move(1);
    inbox.move(1);
    inbox.move(1);
    expect(inbox.current).toBe('c3');
    inbox.move(-1);
    expect(inbox.current).toBe('c2');
  });
});
