import { describe, expect, it } from 'vitest';
import type { SessionEvent, SessionThread } from '$lib/ipc/bindings';
import type { ThreadInfo } from './state';
import { threadRows } from './threads';
import { timeline } from './timeline';

const T0 = Date.parse('2026-12-07T10:00:00Z');
const at = (s: number) => new Date(T0 + s * 1000).toISOString();
const ev = (s: number, type: string, fields: Record<string, unknown> = {}) =>
  ({ id: `e${s}-${type}`, type, processed_at: at(s), ...fields }) as unknown as SessionEvent;

const seen: Record<string, ThreadInfo> = {
  th_main: {
    id: 'th_main',
    agentName: 'Coordinator',
    status: 'idle',
    stopReason: null,
    workflowRunId: null,
    primary: true,
  },
  th_r: {
    id: 'th_r',
    agentName: 'Researcher',
    status: 'idle',
    stopReason: { type: 'requires_action', event_ids: ['x'] },
    workflowRunId: null,
    primary: false,
  },
  th_w: {
    id: 'th_w',
    agentName: 'Test writer',
    status: 'terminated',
    stopReason: null,
    workflowRunId: null,
    primary: false,
  },
};

function listed(id: string, cost: string | null): SessionThread {
  return {
    id,
    type: 'session_thread',
    session_id: 's1',
    parent_thread_id: id === 'th_main' ? null : 'th_main',
    status: 'idle',
    agent: { type: 'agent', name: 'Coordinator' },
    created_at: at(0),
    updated_at: at(0),
    usage: cost === null ? null : { list_cost: { amount: cost, currency: 'USD' } },
  };
}

describe('the threads panel rows', () => {
  it('says waiting, failed and the rest, with messages and cost, primary first', () => {
    const events = [
      ev(1, 'agent.thread_message_sent', { to_session_thread_id: 'th_r', content: [] }),
      ev(2, 'agent.thread_message_received', { from_session_thread_id: 'th_r', content: [] }),
      ev(3, 'agent.thread_message_sent', { to_session_thread_id: 'th_w', content: [] }),
      ev(4, 'session.error', { session_thread_id: 'th_w', error: { type: 'x' } }),
    ];
    const rows = threadRows(seen, [listed('th_main', '12'), listed('th_r', '3')], events);
    expect(
      rows.map((r) => [r.name, r.primary, r.state, r.received, r.sent, r.cost?.amount ?? null]),
    ).toEqual([
      ['Coordinator', true, 'idle', 0, 0, '12'],
      ['Researcher', false, 'waiting', 1, 1, '3'],
      ['Test writer', false, 'failed', 1, 0, null],
    ]);
    // Not listed by the API any more: still shown, said so.
    expect(rows.find((r) => r.id === 'th_w')?.unlisted).toBe(true);
  });

  it('says the primary thread is what the session is, not what an older list read said', () => {
    const stale = { ...listed('th_main', null), status: 'running' as const };
    const primaryOnlyListed = { th_r: seen.th_r! };
    const idle = { status: 'idle' as const, stopReason: { type: 'end_turn' as const } };
    expect(threadRows(primaryOnlyListed, [stale], [], idle)[0]).toMatchObject({
      id: 'th_main',
      primary: true,
      state: 'idle',
    });
    expect(threadRows(primaryOnlyListed, [stale], [])[0]?.state).toBe('running');
  });

  it('shows a thread only the API lists, by its agent name', () => {
    const rows = threadRows({}, [listed('th_x', null)], []);
    expect(rows).toMatchObject([
      { id: 'th_x', name: 'Coordinator', state: 'idle', unlisted: false },
    ]);
  });
});

describe('the timeline', () => {
  it('has a lane per thread with its requests, calls, waits and runs', () => {
    const events = [
      ev(0, 'span.model_request_start'),
      ev(2, 'span.model_request_end', { model_request_start_id: 'e0-span.model_request_start' }),
      ev(3, 'session.thread_created', { session_thread_id: 'th_r', agent_name: 'Researcher' }),
      ev(3.5, 'session.thread_status_running', {
        session_thread_id: 'th_r',
        agent_name: 'Researcher',
      }),
      ev(4, 'agent.tool_use', { name: 'bash', input: {}, evaluated_permission: 'ask' }),
      ev(6, 'user.tool_confirmation', { tool_use_id: 'e4-agent.tool_use', result: 'allow' }),
      ev(7, 'agent.tool_result', { tool_use_id: 'e4-agent.tool_use' }),
      ev(9, 'session.thread_status_idle', { session_thread_id: 'th_r', agent_name: 'Researcher' }),
      ev(10, 'agent.tool_use', {
        name: 'grep',
        input: {},
        evaluated_permission: 'ask',
        session_thread_id: 'th_r',
      }),
    ];
    const data = timeline(events, seen, T0 + 12_000);
    expect(data.start).toBe(T0);
    expect(data.end).toBe(T0 + 12_000);
    const spans = (name: string) =>
      data.lanes
        .find((l) => l.name === name)!
        .spans.map((s) => [
          s.kind,
          (s.start - T0) / 1000,
          s.end === null ? null : (s.end - T0) / 1000,
        ]);
    expect(spans('Coordinator')).toEqual([
      ['model', 0, 2],
      ['wait', 4, 6],
      ['tool', 6, 7],
    ]);
    // The subagent ran from 3.5 s to 9 s; its cross-posted call still waits.
    expect(spans('Researcher')).toEqual([
      ['running', 3.5, 9],
      ['wait', 10, null],
    ]);
  });

  it("fills a subagent's lane from its own transcript, a cross-posted call once", () => {
    const ask = { name: 'grep', input: {}, evaluated_permission: 'ask', session_thread_id: 'th_r' };
    const session = [
      ev(1, 'session.thread_status_running', { session_thread_id: 'th_r' }),
      ev(4, 'agent.tool_use', ask),
      // Answered on the session, without naming the thread.
      ev(5, 'user.tool_confirmation', { tool_use_id: 'e4-agent.tool_use', result: 'allow' }),
    ];
    const own = [
      ev(2, 'span.model_request_start'),
      ev(3, 'span.model_request_end', { model_request_start_id: 'e2-span.model_request_start' }),
      ev(4, 'agent.tool_use', ask),
      ev(6, 'agent.tool_result', { tool_use_id: 'e4-agent.tool_use' }),
    ];
    const data = timeline(session, seen, T0 + 8_000, { th_r: own });
    const researcher = data.lanes.find((l) => l.name === 'Researcher')!;
    expect(
      researcher.spans.map((s) => [s.kind, (s.start - T0) / 1000, s.end && (s.end - T0) / 1000]),
    ).toEqual([
      ['running', 1, null],
      ['wait', 4, 5],
      ['tool', 5, 6],
      ['model', 2, 3],
    ]);
    // Its model request is only in its transcript; the call is in the session's stream too.
    expect(researcher.spans.map((s) => s.inSession)).toEqual([true, true, true, false]);
    expect(data.lanes.find((l) => l.name === 'Coordinator')!.spans).toEqual([]);
  });
});
