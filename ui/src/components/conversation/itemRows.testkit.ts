// What the conversation's item-row tests share: a session backend that takes the rows'
// commands, a row shown inside a session controller, and tool-call items to show.
import { within } from '@testing-library/svelte';
import { beforeEach } from 'vitest';
import type { SessionController } from '$lib/conversation/sessionController.svelte';
import {
  initialState,
  type ConversationItem,
  type ConversationState,
  type ToolCallItem,
} from '$lib/conversation/state';
import { ipcError } from '$lib/testing/ipcError';
import { scriptedBackend, type ScriptedBackend } from '$lib/testing/scriptedBackend';
import { renderInSession, sessionControllerWith } from '$lib/testing/sessionController';
import ConversationItemView from './ConversationItemView.svelte';

export const T0 = '2026-11-24T10:00:00.000Z';
export const T1 = '2026-11-24T10:00:02.400Z';

/** The session's commands, as the item rows send them through the controller; fresh for each
 *  test of a file that calls `useItemBackend()`. */
export let backend: ScriptedBackend;

export function useItemBackend(): void {
  beforeEach(() => {
    backend = scriptedBackend();
    backend.on('session_confirm_tool', () => []);
    backend.on('session_answer_custom_tool', () => []);
  });
}

/** What was sent to allow or deny a call, in the order sent. */
export const confirmations = () => backend.sent('session_confirm_tool');
export const confirmation = (toolUseId: string, allow: boolean, reason: string | null) => ({
  sessionId: 'sesn_1',
  toolUseId,
  allow,
  reason,
});

/** Makes the next `times` calls of `cmd` fail with `error` (then they answer `[]`). */
export function failNext(cmd: string, error: Parameters<typeof ipcError>[0], times = 1) {
  let left = times;
  backend.on(cmd, () => (left-- > 0 ? ipcError(error) : []));
}

export function stateWith(extra: Partial<ConversationState> = {}): ConversationState {
  return { ...initialState(), ...extra };
}

/** Shows `item` as the conversation would, inside a session controller holding `state`. */
export function show(item: ConversationItem, state = stateWith()) {
  const controller: SessionController = sessionControllerWith(state);
  const result = renderInSession(controller, ConversationItemView, { item });
  const row = result.container.querySelector<HTMLElement>(`[data-item-id="${item.id}"]`);
  if (!row) throw new Error('no row');
  return {
    ...result,
    /** Shows the row with a changed item, as a new batch would. */
    rerender: ({ item }: { item: ConversationItem }) => result.rerender({ viewProps: { item } }),
    row,
    controller,
    view: within(row),
  };
}

export function tool(over: Partial<ToolCallItem> = {}): ToolCallItem {
  return {
    kind: 'tool',
    id: 'tu_1',
    tool: 'builtin',
    name: 'bash',
    serverName: null,
    input: { command: 'ls -la' },
    permission: null,
    status: 'running',
    awaiting: null,
    confirmation: null,
    result: null,
    threadId: null,
    startedAt: T0,
    endedAt: null,
    ...over,
  };
}

export function done(text: string, isError = false): Partial<ToolCallItem> {
  return {
    status: isError ? 'error' : 'done',
    result: {
      eventId: 'tr_1',
      content: [{ type: 'text', text }],
      isError,
      processedAt: T1,
    },
    endedAt: T1,
  };
}

export const awaitingApproval = tool({
  status: 'pending',
  permission: 'ask',
  awaiting: 'confirmation',
});

/** A thread of the session as the reducer keeps it, with nothing known but its agent. */
export function thread(id: string, agentName: string, primary = false) {
  return { id, agentName, status: null, stopReason: null, workflowRunId: null, primary };
}
