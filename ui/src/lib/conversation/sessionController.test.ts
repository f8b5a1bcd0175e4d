import { beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '$lib/ipc/bindings';
import { ipcError } from '$lib/testing/ipcError';
import { scriptedBackend, type ScriptedBackend } from '$lib/testing/scriptedBackend';
import { sessionControllerWith, WATCH_ID } from '$lib/testing/sessionController';
import { sessionFixture } from '$lib/testing/sessions';
import { getDraft } from './drafts';
import { toolEditForm } from './toolEdits';

let backend: ScriptedBackend;
beforeEach(() => {
  backend = scriptedBackend();
  backend.on('session_send_message', () => []);
  backend.on('session_confirm_tool', () => []);
  backend.on('session_answer_custom_tool', () => []);
  backend.on('session_interrupt', () => []);
  backend.on('link_open', () => null);
});

const refused = (message: string, requestId: string | null = null) =>
  ipcError({ code: 'InvalidInput', message, requestId });

describe('SessionController: messages', () => {
  it('sends the draft for its session and clears it', async () => {
    const controller = sessionControllerWith({ status: 'idle' }, 'sesn_send');
    controller.draft = 'Fix the parser';
    expect(getDraft('sesn_send')).toBe('Fix the parser');
    await controller.send();
    expect(backend.sent('session_send_message')).toEqual([
      { sessionId: 'sesn_send', text: 'Fix the parser' },
    ]);
    expect(controller.draft).toBe('');
    expect(getDraft('sesn_send')).toBe('');
    expect(controller.sendError).toBeNull();
  });

  it('keeps the draft and shows the error when sending fails', async () => {
    backend.on('session_send_message', () => refused('Session is archived', 'req_42'));
    const controller = sessionControllerWith({ status: 'idle' }, 'sesn_fail');
    controller.draft = 'keep me';
    await controller.send();
    expect(controller.draft).toBe('keep me');
    expect(controller.sendError).toMatchObject({
      code: 'InvalidInput',
      message: 'Session is archived',
      requestId: 'req_42',
    });
    expect(controller.sending).toBe(false);

    // The next try clears the error and goes through.
    backend.on('session_send_message', () => []);
    await controller.send();
    expect(controller.sendError).toBeNull();
    expect(controller.draft).toBe('');
  });

  it('sends nothing that is blank, nor to a terminated session', async () => {
    const controller = sessionControllerWith({ status: 'idle' }, 'sesn_blank');
    controller.draft = '   ';
    await controller.send();
    const ended = sessionControllerWith({ status: 'terminated' }, 'sesn_ended');
    ended.draft = 'hello?';
    await ended.send();
    expect(backend.sent('session_send_message')).toEqual([]);
  });

  it('interrupts its session, and shows why when that fails', async () => {
    const controller = sessionControllerWith({ status: 'running' });
    await controller.interrupt();
    expect(backend.sent('session_interrupt')).toEqual([{ sessionId: 'sesn_1', threadId: null }]);
    expect(controller.interruptError).toBeNull();

    backend.on('session_interrupt', () => ipcError({ code: 'Network', message: 'offline' }));
    await controller.interrupt();
    expect(controller.interruptError?.message).toBe('offline');
    expect(controller.interrupting).toBe(false);
  });
});

describe('SessionController: tool calls', () => {
  it('allows a call and then waits for the session', async () => {
    const controller = sessionControllerWith();
    await controller.allow('tu_1');
    expect(backend.sent('session_confirm_tool')).toEqual([
      { sessionId: 'sesn_1', toolUseId: 'tu_1', allow: true, reason: null },
    ]);
    expect(controller.answer('tu_1')).toMatchObject({ sent: 'allow', busy: null, error: null });
    // Sent once: a second press does nothing.
    await controller.allow('tu_1');
    expect(backend.sent('session_confirm_tool')).toHaveLength(1);
  });

  it('shows a failed allow and lets the person try again', async () => {
    backend.on('session_confirm_tool', () => refused('Already answered', 'req_3'));
    const controller = sessionControllerWith();
    await controller.allow('tu_1');
    expect(controller.answer('tu_1').error).toMatchObject({
      message: 'Already answered',
      requestId: 'req_3',
    });
    expect(controller.answer('tu_1').sent).toBeNull();
    backend.on('session_confirm_tool', () => []);
    await controller.allow('tu_1');
    expect(controller.answer('tu_1')).toMatchObject({ sent: 'allow', error: null });
  });

  it('denies with the reason typed, trimmed, and with none as null', async () => {
    const controller = sessionControllerWith();
    controller.setReason('tu_1', '  Not on main ');
    await controller.deny('tu_1');
    await controller.deny('tu_2');
    expect(backend.sent('session_confirm_tool')).toEqual([
      { sessionId: 'sesn_1', toolUseId: 'tu_1', allow: false, reason: 'Not on main' },
      { sessionId: 'sesn_1', toolUseId: 'tu_2', allow: false, reason: null },
    ]);
    expect(controller.answer('tu_1').sent).toBe('deny');
  });

  it('keeps the reason and shows the error when a denial fails', async () => {
    backend.on('session_confirm_tool', () => refused('The session is gone'));
    const controller = sessionControllerWith();
    controller.setReason('tu_1', 'Too risky');
    await controller.deny('tu_1');
    expect(controller.answer('tu_1')).toMatchObject({
      reason: 'Too risky',
      sent: null,
      busy: null,
    });
    expect(controller.answer('tu_1').error?.message).toBe('The session is gone');
    controller.clearError('tu_1');
    expect(controller.answer('tu_1').error).toBeNull();
    expect(controller.answer('tu_1').reason).toBe('Too risky');
  });

  it('answers a custom tool with the typed text, as a result or as an error', async () => {
    const controller = sessionControllerWith();
    controller.setResultText('ctu_1', '{"ok":true}');
    await controller.sendResult('ctu_1', false);
    controller.setResultText('ctu_2', 'Order not found');
    await controller.sendResult('ctu_2', true);
    expect(backend.sent('session_answer_custom_tool')).toEqual([
      { sessionId: 'sesn_1', customToolUseId: 'ctu_1', text: '{"ok":true}', isError: false },
      { sessionId: 'sesn_1', customToolUseId: 'ctu_2', text: 'Order not found', isError: true },
    ]);
    expect(controller.answer('ctu_1').sent).toBe('result');
    expect(controller.answer('ctu_2').sent).toBe('result');
  });

  it('keeps the typed result and shows the error when the answer fails', async () => {
    backend.on('session_answer_custom_tool', () => refused('Session is busy'));
    const controller = sessionControllerWith();
    controller.setResultText('ctu_1', 'APP-1234');
    await controller.sendResult('ctu_1', false);
    expect(controller.answer('ctu_1')).toMatchObject({ text: 'APP-1234', sent: null });
    expect(controller.answer('ctu_1').error?.message).toBe('Session is busy');
  });

  it('shows an untouched answer for a call nobody acted on', () => {
    const controller = sessionControllerWith();
    expect(controller.answer('tu_9')).toEqual({
      busy: null,
      error: null,
      sent: null,
      reason: '',
      text: '',
    });
  });
});

describe('SessionController: events, links and tools', () => {
  it('fetches a whole event through its watch, once', async () => {
    const whole = { type: 'user.message', id: 'ev_1', content: [{ type: 'text', text: 'all' }] };
    backend.on('session_event_full', () => whole);
    const controller = sessionControllerWith();
    await controller.loadFullEvent('ev_1');
    await controller.loadFullEvent('ev_1');
    expect(backend.sent('session_event_full')).toEqual([{ watchId: WATCH_ID, eventId: 'ev_1' }]);
    expect(controller.fullEvents['ev_1']).toEqual(whole);
  });

  it('keeps why a whole event could not be fetched', async () => {
    backend.on('session_event_full', () => refused('Watch closed', 'req_7'));
    const controller = sessionControllerWith();
    await controller.loadFullEvent('ev_1');
    expect(controller.fullErrors['ev_1']).toMatchObject({
      message: 'Watch closed',
      requestId: 'req_7',
    });
    expect(controller.fullLoading['ev_1']).toBe(false);
  });

  it('opens a link only after the person agrees, and keeps it when refused', async () => {
    const controller = sessionControllerWith();
    controller.requestLink('https://example.com');
    expect(controller.link).toBe('https://example.com');
    expect(backend.sent('link_open')).toEqual([]);
    await controller.openLink();
    expect(backend.sent('link_open')).toEqual([{ url: 'https://example.com' }]);
    expect(controller.link).toBeNull();

    backend.on('link_open', () => refused('Only http and https links open.'));
    controller.requestLink('file:///etc/passwd');
    await controller.openLink();
    expect(controller.link).toBe('file:///etc/passwd');
    expect(controller.linkError?.message).toBe('Only http and https links open.');
    controller.closeLink();
    expect(controller.link).toBeNull();
    expect(controller.linkError).toBeNull();
  });

  it('saves tool edits from a fresh read, and keeps the dialog on a refusal', async () => {
    const session: Session = sessionFixture('sesn_1');
    backend.on('session_get', () => session);
    backend.on('session_update', () => refused('Session is running'));
    const controller = sessionControllerWith({ status: 'idle' });
    await controller.editTools();
    expect(backend.sent('session_get')).toEqual([{ sessionId: 'sesn_1' }]);
    expect(controller.editingTools).toBe(true);

    const form = toolEditForm(session.agent);
    await controller.saveTools(form);
    expect(controller.toolsError?.message).toBe('Session is running');
    expect(controller.editingTools).toBe(true);

    const updated = { ...session, title: 'Tools changed' };
    backend.on('session_update', () => updated);
    await controller.saveTools(form);
    expect(controller.editingTools).toBe(false);
    expect(controller.session).toEqual(updated);
  });
});
