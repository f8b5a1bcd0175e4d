/**
 * The threads panel's rows: every thread of a multi-agent session as the stream showed it and as
 * the threads endpoint lists it, merged, so a thread the API no longer lists still shows what
 * was seen of it. Status is the API's (running, idle, rescheduling, terminated), said as
 * "waiting for you" when its idle event asks for action and "failed" when it ended on an error.
 */
import type { Money, SessionEvent, SessionThread } from '$lib/ipc/bindings';
import { knownType } from './reducer/known';
import { stopReasonType } from './status';
import type { ThreadInfo } from './state';

export type ThreadState =
  'running' | 'idle' | 'rescheduling' | 'terminated' | 'waiting' | 'failed' | 'unknown';

export interface ThreadRow {
  id: string;
  name: string;
  primary: boolean;
  state: ThreadState;
  /** Messages the other agents sent it, and it sent them (as the primary stream saw). */
  received: number;
  sent: number;
  /** Its list cost, when the API lists the thread with one. */
  cost: Money | null;
  /** The API lists it no more: what is shown is what was seen. */
  unlisted: boolean;
}

const FAILED_STOPS = new Set(['retries_exhausted', 'error']);

function stateOf(status: string | null, stop: string | null): ThreadState {
  if (stop === 'requires_action') return 'waiting';
  if (stop !== null && FAILED_STOPS.has(stop)) return 'failed';
  switch (status) {
    case 'running':
    case 'idle':
    case 'rescheduling':
    case 'terminated':
      return status;
    default:
      return 'unknown';
  }
}

function agentName(thread: SessionThread): string | null {
  const agent = thread.agent as Record<string, unknown> | null;
  const name = agent?.name ?? agent?.model;
  return typeof name === 'string' ? name : null;
}

function costOf(thread: SessionThread): Money | null {
  const usage = thread.usage as { list_cost?: Money | null } | null | undefined;
  return usage?.list_cost ?? null;
}

export const STATE_LABELS: Record<ThreadState, string> = {
  running: 'Running',
  idle: 'Idle',
  rescheduling: 'Rescheduling',
  terminated: 'Terminated',
  waiting: 'Waiting for you',
  failed: 'Failed',
  unknown: 'Unknown',
};

/**
 * The rows, the primary first, then in the order the threads were created. `listed` is null
 * while the endpoint has not answered (nothing is "unlisted" then).
 */
export function threadRows(
  seen: Readonly<Record<string, ThreadInfo>>,
  listed: readonly SessionThread[] | null,
  events: readonly SessionEvent[],
  /** The session's own status, live: the primary thread's (the list is read only when another
   *  thread changes, so it may still say "running" after the session went idle). */
  session: Pick<ThreadInfo, 'status' | 'stopReason'> | null = null,
): ThreadRow[] {
  const sent: Record<string, number> = {};
  const received: Record<string, number> = {};
  let lastError: Record<string, boolean> = {};
  for (const event of events) {
    const type = knownType(event);
    const fields = event as Record<string, unknown>;
    if (type === 'agent.thread_message_sent') {
      const to = fields.to_session_thread_id as string;
      received[to] = (received[to] ?? 0) + 1;
    } else if (type === 'agent.thread_message_received') {
      const from = fields.from_session_thread_id as string;
      sent[from] = (sent[from] ?? 0) + 1;
    } else if (type === 'session.error' && typeof fields.session_thread_id === 'string') {
      lastError = { ...lastError, [fields.session_thread_id]: true };
    }
  }
  const rows: ThreadRow[] = [];
  const ids = [...Object.keys(seen), ...(listed ?? []).map((t) => t.id)];
  for (const id of new Set(ids)) {
    const api = listed?.find((t) => t.id === id);
    const primary = seen[id]?.primary ?? (api ? api.parent_thread_id == null : false);
    const info = primary && session?.status ? { ...seen[id], ...session } : seen[id];
    // Live from the stream when it said, else as listed. A stop reason tells only while idle.
    const status = info?.status ?? api?.status ?? null;
    const stop = status === 'idle' ? stopReasonType(info?.stopReason ?? null) : null;
    let state = stateOf(status, stop);
    if (state === 'terminated' && lastError[id]) state = 'failed';
    rows.push({
      id,
      name: info?.agentName ?? (api ? agentName(api) : null) ?? 'Agent',
      primary,
      state,
      received: received[id] ?? 0,
      sent: sent[id] ?? 0,
      cost: api ? costOf(api) : null,
      unlisted: listed !== null && api === undefined,
    });
  }
  return rows.sort((a, b) => Number(b.primary) - Number(a.primary));
}
