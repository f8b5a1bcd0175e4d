/**
 * The timeline above a multi-agent conversation: one lane per thread over time, with its model
 * requests, tool calls and waits for the person. Built from the session's own stream, which
 * carries every event of the primary thread and, of the other threads, their status changes and
 * the calls that wait for the person (cross-posted), and from each subagent thread's own events
 * (its model requests and tool calls), where they were read. Pure: the component draws what
 * this returns.
 */
import type { SessionEvent } from '$lib/ipc/bindings';
import { knownType } from './reducer/known';
import type { ThreadInfo } from './state';

export type SpanKind = 'model' | 'tool' | 'wait' | 'running';

export interface Span {
  kind: SpanKind;
  /** Milliseconds since the epoch. */
  start: number;
  /** Still going when null: it ends at `now`. */
  end: number | null;
  label: string;
  /** The event that started it: the transcript scrolls to its row. */
  eventId: string;
  /** Whether that event is in the session's own stream, or only in its thread's transcript. */
  inSession: boolean;
}

export interface Lane {
  /** The thread, or null for a session whose primary thread is not known by id yet. */
  threadId: string | null;
  name: string;
  primary: boolean;
  spans: Span[];
}

export interface Timeline {
  start: number;
  end: number;
  lanes: Lane[];
}

type Fields = Record<string, unknown>;

function at(event: Fields): number | null {
  const time = typeof event.processed_at === 'string' ? Date.parse(event.processed_at) : NaN;
  return Number.isFinite(time) ? time : null;
}

function str(event: Fields, key: string): string | null {
  const value = event[key];
  return typeof value === 'string' ? value : null;
}

/**
 * `threadEvents` holds each subagent thread's own events, by thread id; an event also in the
 * session's stream (a call that waits, cross-posted) counts once.
 */
export function timeline(
  events: readonly SessionEvent[],
  threads: Readonly<Record<string, ThreadInfo>>,
  now: number,
  threadEvents: Readonly<Record<string, readonly SessionEvent[]>> = {},
): Timeline {
  const primaryId = Object.values(threads).find((t) => t.primary)?.id ?? null;
  const lanes = new Map<string | null, Lane>();
  const lane = (threadId: string | null): Lane => {
    const key = threadId === primaryId ? null : threadId;
    let found = lanes.get(key);
    if (!found) {
      const info = threadId === null ? null : threads[threadId];
      const primary = key === null;
      found = {
        threadId: primary ? primaryId : threadId,
        name: info?.agentName ?? (primary ? 'Primary' : 'Thread'),
        primary,
        spans: [],
      };
      lanes.set(key, found);
    }
    return found;
  };
  lane(primaryId);
  // Spans still open, by the id of what will close them.
  const open = new Map<string, Span>();
  let first = Infinity;

  const begin = (threadId: string | null, key: string, span: Span) => {
    lane(threadId).spans.push(span);
    open.set(key, span);
  };
  const finish = (key: string | null, time: number) => {
    const span = key === null ? undefined : open.get(key);
    if (span && key !== null) {
      span.end = Math.max(span.start, time);
      open.delete(key);
    }
  };

  const taken = new Set<string>();
  // `ownThread`: the thread whose transcript the event comes from (null: the session's stream).
  const take = (raw: SessionEvent, ownThread: string | null) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return;
    const event = raw as Fields;
    const time = at(event);
    const id = str(event, 'id');
    if (time === null || id === null || taken.has(id)) return;
    taken.add(id);
    first = Math.min(first, time);
    const thread = ownThread ?? str(event, 'session_thread_id');
    const inSession = ownThread === null;
    switch (knownType(raw)) {
      case 'span.model_request_start':
        begin(thread, id, {
          kind: 'model',
          start: time,
          end: null,
          label: 'Model request',
          eventId: id,
          inSession,
        });
        break;
      case 'span.model_request_end':
        finish(str(event, 'model_request_start_id'), time);
        break;
      case 'agent.tool_use':
      case 'agent.mcp_tool_use':
      case 'agent.custom_tool_use': {
        const name = str(event, 'name') ?? 'tool';
        const asks =
          event.evaluated_permission === 'ask' || knownType(raw) === 'agent.custom_tool_use';
        const kind = asks ? 'wait' : 'tool';
        const label = asks ? `Waits for you: ${name}` : name;
        begin(thread, id, { kind, start: time, end: null, label, eventId: id, inSession });
        break;
      }
      case 'user.tool_confirmation': {
        const call = str(event, 'tool_use_id');
        const waited = call === null ? undefined : open.get(call);
        finish(call, time);
        // Allowed: the call now runs until its result.
        if (waited && call !== null && event.result === 'allow') {
          const name = waited.label.replace(/^Waits for you: /, '');
          // In the lane of the call, whichever thread the answer was sent on.
          const [key] = [...lanes].find(([, l]) => l.spans.includes(waited)) ?? [thread];
          begin(key ?? primaryId, call, {
            kind: 'tool',
            start: time,
            end: null,
            label: name,
            eventId: call,
            inSession: waited.inSession,
          });
        }
        break;
      }
      case 'agent.tool_result':
        finish(str(event, 'tool_use_id'), time);
        break;
      case 'agent.mcp_tool_result':
        finish(str(event, 'mcp_tool_use_id'), time);
        break;
      case 'user.custom_tool_result':
        finish(str(event, 'custom_tool_use_id'), time);
        break;
      case 'session.thread_created':
        if (thread !== null) lane(thread);
        break;
      case 'session.thread_status_running':
        if (thread !== null && !open.has(`run:${thread}`)) {
          begin(thread, `run:${thread}`, {
            kind: 'running',
            start: time,
            end: null,
            label: 'Running',
            eventId: id,
            inSession,
          });
        }
        break;
      case 'session.thread_status_idle':
      case 'session.thread_status_terminated':
        if (thread !== null) finish(`run:${thread}`, time);
        break;
      default:
        break;
    }
  };
  for (const raw of events) take(raw, null);
  // After the session's stream: a call it cross-posted is already in, with its wait.
  for (const [threadId, own] of Object.entries(threadEvents)) {
    for (const raw of own) take(raw, threadId);
  }
  const start = Number.isFinite(first) ? first : now;
  return { start, end: Math.max(now, start + 1), lanes: [...lanes.values()] };
}
