// A scripted backend for the inbox: sessions that wait, the calls they wait on, and every
// answer sent, for the controller's and the view's tests.
import { vi } from 'vitest';
import type { LiveSnapshot, PendingCalls, SessionStatusChanged } from '$lib/ipc/bindings';
import type { StatusSource } from '$lib/sessions/sessions.svelte';
import { sessionFixture } from '$lib/testing/sessions';
import type { InboxBackend } from './inbox.svelte';

export const AT = '2026-12-07T10:00:00Z';

export function bash(id: string, command: string, thread: string | null = null, at = AT) {
  return {
    event: {
      type: 'agent.tool_use' as const,
      id,
      processed_at: at,
      name: 'bash',
      input: { command },
      evaluated_permission: 'ask' as const,
    },
    threadAgent: thread,
  };
}

export function edit(id: string, path: string, before: string, after: string) {
  return {
    event: {
      type: 'agent.tool_use' as const,
      id,
      processed_at: AT,
      name: 'edit',
      input: { file_path: path, old_string: before, new_string: after },
      evaluated_permission: 'ask' as const,
    },
    threadAgent: null,
  };
}

export function custom(id: string, name: string) {
  return {
    event: {
      type: 'agent.custom_tool_use' as const,
      id,
      processed_at: AT,
      name,
      input: { ticket_id: 'APP-1234' },
    },
    threadAgent: null,
  };
}

export function waiting(sessionId: string, pending: number): SessionStatusChanged {
  return {
    sessionId,
    status: 'requiresAction',
    pending,
    stopReason: 'requires_action',
    reconnecting: false,
    budgetNear: false,
  };
}

export function running(sessionId: string): SessionStatusChanged {
  return { ...waiting(sessionId, 0), status: 'running', stopReason: null };
}

/** The backend double: `calls[session]` is what the session waits on now. */
export function inboxBackend(
  calls: Record<string, PendingCalls['calls']>,
  titles: Record<string, string> = {},
) {
  let emit: (change: SessionStatusChanged) => void = () => {};
  const statusSource: StatusSource = (callback) => {
    emit = callback;
    return Promise.resolve(() => {});
  };
  const backend = {
    snapshot: vi.fn(() =>
      Promise.resolve({
        statuses: Object.entries(calls).map(([id, c]) => waiting(id, c.length)),
        // Only what the inbox reads; the summary is the sidebar's.
        summary: {} as LiveSnapshot['summary'],
      }),
    ),
    pending: vi.fn<InboxBackend['pending']>((sessionId) =>
      Promise.resolve({
        session: sessionFixture(sessionId, { title: titles[sessionId] ?? null }),
        calls: calls[sessionId] ?? [],
      }),
    ),
    confirm: vi.fn<InboxBackend['confirm']>(() => Promise.resolve()),
    answer: vi.fn<InboxBackend['answer']>(() => Promise.resolve()),
  } satisfies InboxBackend;
  return { backend, statusSource, emit: (change: SessionStatusChanged) => emit(change) };
}
