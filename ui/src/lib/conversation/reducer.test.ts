import { describe, expect, it } from 'vitest';
import type { ConnectionState, RelayBatch, SessionEvent } from '$lib/ipc/bindings';
import {
  apply,
  initialState,
  itemById,
  pendingApprovals,
  pendingCustomTools,
  type ConversationState,
} from './reducer';

// Event shapes follow the API reference's sample transcript (one of each type).
let clock = 0;
const at = () => `2026-11-18T10:15:${String(clock++ % 60).padStart(2, '0')}.000Z`;
const text = (t: string) => ({ type: 'text' as const, text: t });

const ev = {
  user: (id: string, t: string, processed = true): SessionEvent => ({
    type: 'user.message',
    id,
    processed_at: processed ? at() : null,
    content: [text(t)],
  }),
  running: (id: string): SessionEvent => ({
    type: 'session.status_running',
    id,
    processed_at: at(),
  }),
  idle: (id: string, eventIds?: string[]): SessionEvent => ({
    type: 'session.status_idle',
    id,
    processed_at: at(),
    stop_reason: eventIds ? { type: 'requires_action', event_ids: eventIds } : { type: 'end_turn' },
    stop_details: null,
  }),
  requestStart: (id: string): SessionEvent => ({
    type: 'span.model_request_start',
    id,
    processed_at: at(),
  }),
  requestEnd: (id: string, startId: string): SessionEvent => ({
    type: 'span.model_request_end',
    id,
    processed_at: at(),
    model_request_start_id: startId,
    is_error: false,
    model_usage: {
      input_tokens: 4211,
      output_tokens: 187,
      cache_creation_input_tokens: 3900,
      cache_read_input_tokens: 0,
      speed: 'standard',
    },
  }),
  start: (id: string, type = 'agent.message'): SessionEvent => ({
    type: 'event_start',
    event: { type, id },
  }),
  delta: (id: string, t: string, index = 0): SessionEvent => ({
    type: 'event_delta',
    event_id: id,
    delta: { type: 'content_delta', index, content: text(t) },
  }),
  agent: (id: string, t: string): SessionEvent => ({
    type: 'agent.message',
    id,
    processed_at: at(),
    content: [text(t)],
  }),
  thinking: (id: string): SessionEvent => ({ type: 'agent.thinking', id, processed_at: at() }),
  bash: (id: string, permission = 'allow'): SessionEvent => ({
    type: 'agent.tool_use',
    id,
    processed_at: at(),
    name: 'bash',
    input: { command: 'cd /workspace/app && python -m pytest -q', timeout_ms: 120000 },
    evaluated_permission: permission,
    evaluation: { type: permission === 'ask' ? 'always_ask' : 'always_allow' },
  }),
  bashResult: (id: string, toolUseId: string, isError = false): SessionEvent => ({
    type: 'agent.tool_result',
    id,
    processed_at: at(),
    tool_use_id: toolUseId,
    is_error: isError,
    content: [text('1 failed, 41 passed in 3.02s')],
  }),
  mcp: (id: string): SessionEvent => ({
    type: 'agent.mcp_tool_use',
    id,
    processed_at: at(),
    mcp_server_name: 'github',
    name: 'create_issue',
    input: { repo: 'acme/app', title: 'test_dates fails on leap years' },
    evaluated_permission: 'ask',
    evaluation: { type: 'always_ask' },
  }),
  mcpResult: (id: string, toolUseId: string): SessionEvent => ({
    type: 'agent.mcp_tool_result',
    id,
    processed_at: at(),
    mcp_tool_use_id: toolUseId,
    is_error: false,
    content: [text('Created issue acme/app#412')],
  }),
  confirm: (id: string, toolUseId: string, result = 'allow', processed = true): SessionEvent => ({
    type: 'user.tool_confirmation',
    id,
    processed_at: processed ? at() : null,
    tool_use_id: toolUseId,
    result,
    ...(result === 'deny' ? { deny_message: 'Do not open issues.' } : {}),
  }),
  custom: (id: string): SessionEvent => ({
    type: 'agent.custom_tool_use',
    id,
    processed_at: at(),
    name: 'lookup_ticket',
    input: { ticket_id: 'APP-1234' },
  }),
  customResult: (id: string, toolUseId: string): SessionEvent => ({
    type: 'user.custom_tool_result',
    id,
    processed_at: at(),
    custom_tool_use_id: toolUseId,
    is_error: false,
    content: [text('{"status": "open", "assignee": "dana"}')],
  }),
  interrupt: (id: string): SessionEvent => ({ type: 'user.interrupt', id, processed_at: at() }),
  error: (id: string, retry = 'retrying'): SessionEvent => ({
    type: 'session.error',
    id,
    processed_at: at(),
    error: {
      type: 'model_overloaded_error',
      message: 'The model is overloaded; retrying.',
      retry_status: { type: retry },
    },
  }),
  usage: (id: string): SessionEvent => ({
    type: 'session.usage',
    id,
    processed_at: at(),
    usage: {
      input_tokens: 18342,
      output_tokens: 2210,
      cache_read_input_tokens: 12000,
      cache_creation: { ephemeral_5m_input_tokens: 3900, ephemeral_1h_input_tokens: 0 },
      server_tool_use: { web_search_requests: 0, web_fetch_requests: 1 },
      active_seconds: 74.5,
      list_cost: { amount: '137', currency: 'USD' },
    },
  }),
};

const connected: ConnectionState = { state: 'connected' };
const reconnecting: ConnectionState = {
  state: 'reconnecting',
  attempt: 1,
  delay_ms: 500,
  reason: 'stream closed',
};

/** Feeds each list of events as one relay message, numbered from the state's last seq. */
function feed(
  state: ConversationState,
  ...batches: (SessionEvent[] | Partial<RelayBatch>)[]
): ConversationState {
  return batches.reduce<ConversationState>((s, b) => {
    const seq = s.lastSeq === null ? 0 : s.lastSeq + 1;
    const batch: RelayBatch = Array.isArray(b)
      ? { seq, events: b, connection: s.connection ?? connected, notices: [], elided: [] }
      : { seq, events: [], connection: s.connection ?? connected, notices: [], elided: [], ...b };
    return apply(s, batch);
  }, state);
}

const texts = (state: ConversationState) =>
  state.items.map((item) =>
    item.kind === 'agent'
      ? `${item.phase}:${item.content.map((b) => (b as { text: string }).text).join('|')}`
      : item.kind,
  );

describe('conversation reducer', () => {
  it('grows a typed preview from deltas, then replaces it with the final message', () => {
    let s = feed(initialState(), [ev.user('u1', 'Run the tests'), ev.running('r1')]);
    s = feed(s, [ev.requestStart('m1'), ev.start('a1')]);
    s = feed(s, [ev.delta('a1', "I'll run ")]);
    s = feed(s, [ev.delta('a1', 'the tests')]);
    expect(texts(s)).toEqual(['user', 'model_request', "typing:I'll run the tests"]);
    s = feed(s, [ev.delta('a1', 'Second block', 1)]);
    expect(texts(s).at(-1)).toBe("typing:I'll run the tests|Second block");

    s = feed(s, [ev.agent('a1', "I'll run the tests first."), ev.requestEnd('m2', 'm1')]);
    expect(texts(s)).toEqual(['user', 'model_request', "final:I'll run the tests first."]);
    expect(s.items.filter((i) => i.kind === 'agent')).toHaveLength(1);
    const request = itemById(s, 'm1');
    expect(request).toMatchObject({ kind: 'model_request', usage: { output_tokens: 187 } });
    expect(s.spanUsage).toMatchObject({ input_tokens: 4211, output_tokens: 187, spans: 1 });
    // Previews are not part of the raw history.
    expect(s.events.map((e) => (e as { type: string }).type)).not.toContain('event_delta');
  });

  it('ends thinking previews with the thinking event', () => {
    let s = feed(initialState(), [ev.start('t1', 'agent.thinking')]);
    expect(s.items[0]).toMatchObject({ kind: 'thinking', phase: 'typing' });
    s = feed(s, [ev.thinking('t1')]);
    expect(s.items).toHaveLength(1);
    expect(s.items[0]).toMatchObject({ kind: 'thinking', phase: 'final' });
  });

  it('marks text cut by an interrupt mid-typing and goes idle', () => {
    let s = feed(initialState(), [
      ev.user('u1', 'Refactor everything'),
      ev.running('r1'),
      ev.requestStart('m1'),
      ev.start('a1'),
      ev.delta('a1', 'Starting with the par'),
    ]);
    expect(s.status).toBe('running');
    s = feed(s, [ev.interrupt('i1'), ev.requestEnd('m2', 'm1'), ev.idle('s1')]);
    expect(texts(s)).toEqual(['user', 'model_request', 'cut:Starting with the par', 'interrupt']);
    expect(s.status).toBe('idle');
    expect(s.stopReason).toEqual({ type: 'end_turn' });
    // A late delta does not revive a cut preview.
    s = feed(s, [ev.delta('a1', 'ser')]);
    expect(texts(s)[2]).toBe('cut:Starting with the par');
  });

  it('follows the newest idle event through partial approvals', () => {
    let s = feed(initialState(), [
      ev.running('r1'),
      ev.bash('b1', 'ask'),
      ev.mcp('p1'),
      ev.idle('s1', ['b1', 'p1']),
    ]);
    expect(pendingApprovals(s).map((t) => t.id)).toEqual(['b1', 'p1']);
    expect(itemById(s, 'p1')).toMatchObject({
      tool: 'mcp',
      serverName: 'github',
      status: 'pending',
      awaiting: 'confirmation',
    });

    // The confirmation's echo first arrives unprocessed, then again once processed.
    s = feed(s, [ev.confirm('c1', 'b1', 'allow', false)]);
    expect(pendingApprovals(s).map((t) => t.id)).toEqual(['p1']);
    s = feed(s, [ev.confirm('c1', 'b1', 'allow'), ev.idle('s2', ['p1'])]);
    expect(s.pendingIds).toEqual(['p1']);
    expect(pendingApprovals(s).map((t) => t.id)).toEqual(['p1']);
    expect(itemById(s, 'b1')).toMatchObject({ status: 'running', awaiting: null });
    expect(s.events.filter((e) => (e as { id?: string }).id === 'c1')).toHaveLength(1);

    s = feed(s, [ev.bashResult('x1', 'b1')]);
    expect(itemById(s, 'b1')).toMatchObject({ status: 'done', result: { eventId: 'x1' } });

    s = feed(s, [ev.confirm('c2', 'p1', 'deny'), ev.running('r2')]);
    expect(pendingApprovals(s)).toEqual([]);
    expect(itemById(s, 'p1')).toMatchObject({
      status: 'denied',
      confirmation: { result: 'deny', denyMessage: 'Do not open issues.' },
    });
  });

  it('times a call that asked from when it was allowed, and a denied call not at all', () => {
    const stamped = (event: SessionEvent, time: string | null) =>
      ({ ...(event as object), processed_at: time }) as SessionEvent;
    const ask = stamped(ev.bash('b1', 'ask'), '2026-11-18T11:00:00.000Z');
    let s = feed(initialState(), [ev.running('r1'), ask, ev.idle('s1', ['b1'])]);
    expect(itemById(s, 'b1')).toMatchObject({ startedAt: null, endedAt: null });

    // The person took two minutes; the echo comes unprocessed first, then processed.
    const allow = (processed: string | null) => stamped(ev.confirm('c1', 'b1'), processed);
    s = feed(s, [allow(null)]);
    expect(itemById(s, 'b1')).toMatchObject({ status: 'running', startedAt: null });
    s = feed(s, [allow('2026-11-18T11:02:00.000Z')]);
    s = feed(s, [stamped(ev.bashResult('x1', 'b1'), '2026-11-18T11:02:03.000Z')]);
    expect(itemById(s, 'b1')).toMatchObject({
      status: 'done',
      startedAt: '2026-11-18T11:02:00.000Z',
      endedAt: '2026-11-18T11:02:03.000Z',
    });

    // Allowed by policy: it runs from its use.
    const use = stamped(ev.bash('b2'), '2026-11-18T11:03:00.000Z');
    s = feed(s, [use]);
    expect(itemById(s, 'b2')).toMatchObject({
      status: 'running',
      startedAt: '2026-11-18T11:03:00.000Z',
    });

    // Denied by the person, or by policy: it never ran.
    s = feed(s, [ev.mcp('p1'), ev.idle('s2', ['p1']), ev.confirm('c2', 'p1', 'deny')]);
    expect(itemById(s, 'p1')).toMatchObject({ status: 'denied', startedAt: null });
    s = feed(s, [ev.bash('b3', 'deny')]);
    expect(itemById(s, 'b3')).toMatchObject({ status: 'denied', startedAt: null });
  });

  it('drops a call from the pending set when a newer idle event leaves it out', () => {
    let s = feed(initialState(), [ev.bash('b1', 'ask'), ev.mcp('p1'), ev.idle('s1', ['b1', 'p1'])]);
    s = feed(s, [ev.idle('s2', ['p1'])]);
    expect(pendingApprovals(s).map((t) => t.id)).toEqual(['p1']);
    expect(itemById(s, 'b1')).toMatchObject({ awaiting: null });
  });

  it('waits for custom tool results and joins them', () => {
    let s = feed(initialState(), [ev.running('r1'), ev.custom('k1')]);
    expect(pendingCustomTools(s).map((t) => t.id)).toEqual(['k1']);
    s = feed(s, [ev.idle('s1', ['k1'])]);
    expect(pendingCustomTools(s).map((t) => t.id)).toEqual(['k1']);
    expect(pendingApprovals(s)).toEqual([]);
    s = feed(s, [ev.customResult('k2', 'k1')]);
    expect(pendingCustomTools(s)).toEqual([]);
    expect(itemById(s, 'k1')).toMatchObject({ tool: 'custom', status: 'done' });
    expect(s.items.filter((i) => i.kind === 'tool')).toHaveLength(1);
  });

  it('recovers from a reconnect with overlap: no doubled rows, no half-built preview', () => {
    const history = [
      ev.user('u1', 'Fix the test'),
      ev.running('r1'),
      ev.requestStart('m1'),
      ev.bash('b1'),
      ev.bashResult('x1', 'b1'),
    ];
    let s = feed(initialState(), history, [ev.start('a1'), ev.delta('a1', 'The failing te')]);
    expect(texts(s).at(-1)).toBe('typing:The failing te');

    s = feed(s, { connection: reconnecting });
    expect(s.connection).toEqual(reconnecting);
    expect(s.items.some((i) => i.kind === 'agent')).toBe(false);
    expect(itemById(s, 'x1')).toBeUndefined();

    // The history is read again and overlaps what was already shown.
    s = feed(s, { events: [...history, ev.agent('a1', 'The failing test is fixed.')] });
    s = feed(s, { connection: connected });
    expect(texts(s)).toEqual(['user', 'model_request', 'tool', 'final:The failing test is fixed.']);
    expect(s.events).toHaveLength(history.length + 1);
    expect(itemById(s, 'b1')).toMatchObject({ status: 'done' });
    expect(s.connection).toEqual(connected);
    expect(s.gap).toBe(false);
  });

  it('keeps unknown event types for the raw view', () => {
    const odd = { type: 'agent.hologram', id: 'h1', processed_at: at(), beam: 3 } as SessionEvent;
    const noId = { type: 'future.ping', note: 'x' } as SessionEvent;
    let s = feed(initialState(), [ev.user('u1', 'hi'), odd, noId]);
    s = feed(s, [odd]);
    expect(s.events).toEqual([expect.objectContaining({ id: 'u1' }), odd, noId]);
    expect(s.items.map((i) => i.kind)).toEqual(['user']);
  });

  it('flags a skipped relay message', () => {
    let s = apply(initialState(), {
      seq: 0,
      events: [],
      connection: connected,
      notices: [],
      elided: [],
    });
    expect(s.gap).toBe(false);
    s = apply(s, { seq: 2, events: [], connection: connected, notices: ['n'], elided: ['e1'] });
    expect(s.gap).toBe(true);
    expect(s.lastSeq).toBe(2);
    expect(s.notices).toEqual(['n']);
    expect(s.elided).toEqual(['e1']);
    s = apply(s, { seq: 3, events: [], connection: connected, notices: [], elided: [] });
    expect(s.gap).toBe(true);
  });

  it('tracks status, errors, usage and threads', () => {
    let s = feed(initialState(), [
      {
        type: 'session.thread_status_running',
        id: 'y1',
        processed_at: at(),
        session_thread_id: 'sthr_primary',
        agent_name: 'Repo fixer',
      },
      ev.error('e1'),
      {
        type: 'session.status_rescheduled',
        id: 'z1',
        processed_at: at(),
      },
      {
        type: 'session.thread_created',
        id: 'y2',
        processed_at: at(),
        session_thread_id: 'sthr_child',
        agent_name: 'Test writer',
        workflow_run_id: null,
      },
      {
        type: 'agent.thread_message_sent',
        id: 'y3',
        processed_at: at(),
        to_session_thread_id: 'sthr_child',
        to_agent_name: 'Test writer',
        content: [text('Add a regression test.')],
      },
      {
        type: 'session.thread_status_idle',
        id: 'y4',
        processed_at: at(),
        session_thread_id: 'sthr_child',
        agent_name: 'Test writer',
        stop_reason: { type: 'end_turn' },
        stop_details: null,
      },
      ev.usage('g1'),
    ]);
    expect(s.status).toBe('rescheduling');
    expect(s.lastError).toMatchObject({ retry_status: { type: 'retrying' } });
    expect(s.items.map((i) => i.kind)).toEqual(['error', 'thread_message']);
    expect(s.threads['sthr_primary']).toMatchObject({ primary: true, status: 'running' });
    expect(s.threads['sthr_child']).toMatchObject({
      primary: false,
      agentName: 'Test writer',
      status: 'idle',
    });
    expect(s.sessionUsage?.list_cost).toEqual({ amount: '137', currency: 'USD' });
    s = feed(s, [ev.running('r1')]);
    expect(s.lastError).toBeNull();
    s = feed(s, [{ type: 'session.status_terminated', id: 'z2', processed_at: at() }]);
    expect(s.status).toBe('terminated');
  });

  it('never changes the state it is given, and stays right when branched', () => {
    const base = feed(initialState(), [ev.bash('b1', 'ask'), ev.idle('s1', ['b1'])]);
    const frozen = JSON.stringify(base);
    const allowed = feed(base, [ev.confirm('c1', 'b1', 'allow')]);
    const denied = feed(base, [ev.confirm('c2', 'b1', 'deny'), ev.user('u9', 'why?')]);
    expect(JSON.stringify(base)).toBe(frozen);
    expect(itemById(base, 'b1')).toMatchObject({ status: 'pending' });
    expect(itemById(allowed, 'b1')).toMatchObject({ status: 'running' });
    expect(itemById(denied, 'b1')).toMatchObject({ status: 'denied' });
    const again = feed(allowed, [ev.user('u9', 'next')]);
    expect(again.items.map((i) => i.id)).toEqual(['b1', 'u9']);
    expect(itemById(again, 'u9')).toMatchObject({ kind: 'user' });
  });

  it('shares what a batch does not change with the state before it', () => {
    const base = feed(
      initialState(),
      [ev.user('u1', 'go'), ev.bash('b1', 'ask'), ev.idle('s1', ['b1'])],
      [ev.start('a1')],
    );
    const typed = feed(base, [ev.delta('a1', 'Hel')]);
    // A delta changes one item: the other items, the events and the rest stay the same objects.
    expect(typed.items).not.toBe(base.items);
    expect(typed.items.slice(0, 2)).toEqual(base.items.slice(0, 2));
    typed.items.slice(0, 2).forEach((item, i) => expect(item).toBe(base.items[i]));
    expect(typed.events).toBe(base.events);
    expect(typed.awaitingIds).toBe(base.awaitingIds);
    expect(typed.notices).toBe(base.notices);
    expect(typed.threads).toBe(base.threads);
    // A batch with nothing in it changes no array at all.
    const quiet = feed(typed, []);
    expect(quiet.items).toBe(typed.items);
    expect(quiet.events).toBe(typed.events);
  });

  // Speed belongs in a benchmark, not here: this checks that a long session comes out whole.
  it('applies 10,000 events one message at a time into a whole conversation', () => {
    const events: SessionEvent[] = [];
    for (let i = 0; i < 2000; i++) {
      events.push(
        ev.requestStart(`m${i}`),
        ev.bash(`b${i}`),
        ev.bashResult(`x${i}`, `b${i}`),
        ev.agent(`a${i}`, `step ${i}`),
        ev.requestEnd(`e${i}`, `m${i}`),
      );
    }
    let s = initialState();
    for (const [seq, event] of events.entries()) {
      s = apply(s, { seq, events: [event], connection: connected, notices: [], elided: [] });
    }
    expect(s.events).toHaveLength(10_000);
    expect(s.items).toHaveLength(6000);
    expect(itemById(s, 'b1999')).toMatchObject({ status: 'done' });
    expect(s.spanUsage.spans).toBe(2000);
    expect(s.gap).toBe(false);
  });
});
