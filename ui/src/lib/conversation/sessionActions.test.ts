import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcError } from '$lib/testing/ipcError';
import { scriptedBackend, type ScriptedBackend } from '$lib/testing/scriptedBackend';
import { sessionActions } from './sessionActions';

let backend: ScriptedBackend;
beforeEach(() => {
  backend = scriptedBackend();
  backend.on('session_confirm_tool', () => []);
  backend.on('session_answer_custom_tool', () => []);
});

describe('sessionActions', () => {
  it('sends confirmations and custom tool results for its session', async () => {
    const actions = sessionActions('sesn_1', vi.fn(), vi.fn());
    await actions.confirm('tu_1', false, 'Not on main');
    await actions.answer('ctu_1', '{"ok":true}', false);
    expect(backend.sent('session_confirm_tool')).toEqual([
      { sessionId: 'sesn_1', toolUseId: 'tu_1', allow: false, reason: 'Not on main' },
    ]);
    expect(backend.sent('session_answer_custom_tool')).toEqual([
      { sessionId: 'sesn_1', customToolUseId: 'ctu_1', text: '{"ok":true}', isError: false },
    ]);
  });

  it('throws the backend error for the item to show', async () => {
    backend.on('session_confirm_tool', () =>
      ipcError({ code: 'InvalidInput', message: 'Already answered', requestId: 'req_3' }),
    );
    const actions = sessionActions('sesn_1', vi.fn(), vi.fn());
    await expect(actions.confirm('tu_1', true, null)).rejects.toMatchObject({
      message: 'Already answered',
      requestId: 'req_3',
    });
  });

  it('passes links and full-event requests to the page', () => {
    const openLink = vi.fn();
    const fullEvent = vi.fn();
    const actions = sessionActions('sesn_1', fullEvent, openLink);
    actions.openLink('https://example.com');
    void actions.fullEvent('ev_1');
    expect(openLink).toHaveBeenCalledWith('https://example.com');
    expect(fullEvent).toHaveBeenCalledWith('ev_1');
  });
});
