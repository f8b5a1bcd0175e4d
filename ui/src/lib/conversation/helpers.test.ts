import { describe, expect, it } from 'vitest';
import type { SessionAgent, SessionEvent } from '$lib/ipc/bindings';
import { atBottom, nextFollowing } from './follow';
import { eventTypes, RawEventIndex } from './rawEvents';
import { connectionText, stopReasonText } from './status';
import { toolEditForm, toolEditRequest } from './toolEdits';
import { budgetUse, modelUsageRows, usageRows } from './usage';

describe('follow mode', () => {
  const m = (offset: number) => ({ offset, scrollSize: 1000, viewportSize: 400 });
  it('counts the last screenful as the bottom', () => {
    expect(atBottom(m(600))).toBe(true);
    expect(atBottom(m(560))).toBe(true);
    expect(atBottom(m(300))).toBe(false);
  });
  it('stops following only when the person scrolls up', () => {
    expect(nextFollowing(true, 600, m(300))).toBe(false);
    // Content grew below a following view: not at the bottom, but nobody scrolled up.
    expect(nextFollowing(true, 300, { offset: 300, scrollSize: 2000, viewportSize: 400 })).toBe(
      true,
    );
    expect(nextFollowing(false, 300, m(350))).toBe(false);
    expect(nextFollowing(false, 300, m(600))).toBe(true);
  });
});

describe('status words', () => {
  it('says why the session stopped, also for unknown reasons', () => {
    expect(stopReasonText({ type: 'retries_exhausted' })).toMatch(/retries used up/);
    expect(stopReasonText({ type: 'something_new' })).toBe('The agent stopped (something new).');
  });
  it('counts down a reconnect and says why a feed stopped', () => {
    const reconnecting = {
      state: 'reconnecting' as const,
      attempt: 2,
      delay_ms: 5000,
      reason: 'connection reset',
    };
    expect(connectionText(reconnecting, 1200)).toBe(
      'Reconnecting in 4 s (attempt 2): connection reset',
    );
    expect(
      connectionText({ state: 'stopped', reason: { kind: 'unauthorized', message: 'bad key' } }, 0),
    ).toBe('Stopped: the API key was not accepted. bad key');
  });
});

describe('usage', () => {
  it('labels the counts of a model request', () => {
    expect(
      modelUsageRows({
        input_tokens: 1200,
        output_tokens: 30,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 3000,
      }),
    ).toEqual([
      { label: 'Input', value: '1,200' },
      { label: 'Output', value: '30' },
      { label: 'Cache write', value: '0' },
      { label: 'Cache read', value: '3,000' },
    ]);
  });
  it('measures spend against the budget and warns near the limit', () => {
    const budget = { type: 'limit', max_list_cost: { amount: '1000', currency: 'USD' } };
    const use = budgetUse({ amount: '850', currency: 'USD' }, budget);
    expect(use?.fraction).toBeCloseTo(0.85);
    expect(use?.nearLimit).toBe(true);
    expect(use?.reached).toBe(false);
    expect(budgetUse({ amount: '1000', currency: 'USD' }, budget)?.reached).toBe(true);
    expect(budgetUse(null, null)).toBeNull();
  });
  it('falls back to span totals', () => {
    const rows = usageRows(null, {
      input_tokens: 10,
      output_tokens: 2,
      cache_creation_input_tokens: 3,
      cache_read_input_tokens: 4,
      spans: 1,
    });
    expect(rows).toMatchObject({
      input: 10,
      output: 2,
      cacheWrite: 3,
      cacheRead: 4,
      source: 'spans',
    });
  });
});

describe('raw events', () => {
  it('lists the types present, unknown ones included', () => {
    const events = [
      { type: 'session.status_running', id: 'a', processed_at: 'x' },
      { type: 'vendor.future_thing', id: 'b' },
      { type: 'session.status_running', id: 'c', processed_at: 'x' },
    ] as unknown as SessionEvent[];
    expect(eventTypes(events)).toEqual([
      ['session.status_running', 2],
      ['vendor.future_thing', 1],
    ]);
  });

  it('keeps counts and a filter up to date as the list grows, is echoed, or starts over', () => {
    const e = (type: string, id: string, extra = {}) => ({ type, id, ...extra }) as SessionEvent;
    const index = new RawEventIndex();
    const first = [e('user.message', 'u1'), e('agent.message', 'a1')];
    index.update(first);
    expect(index.types).toEqual([
      ['agent.message', 1],
      ['user.message', 1],
    ]);
    expect(index.shown('user.message')).toEqual([first[0]]);
    expect(index.shown('')).toBe(first);

    // Appended, and the user message's processed echo put in its place.
    const echo = e('user.message', 'u1', { processed_at: 'now' });
    const grown = [echo, first[1]!, e('user.message', 'u2'), e('vendor.new', 'v1')];
    index.update(grown);
    expect(index.types).toEqual(eventTypes(grown));
    expect(index.shown('user.message')).toEqual([echo, grown[2]]);
    expect(index.shown('vendor.new')).toEqual([grown[3]]);

    // A reload starts from an empty list.
    const reloaded = [e('agent.message', 'a9')];
    index.update(reloaded);
    expect(index.types).toEqual([['agent.message', 1]]);
    expect(index.shown('vendor.new')).toEqual([]);
  });
});

describe('tool edits', () => {
  const agent = {
    id: 'agent_1',
    type: 'agent',
    version: 3,
    name: 'Fixer',
    model: { id: 'claude' },
    skills: [],
    tools: [
      {
        type: 'agent_toolset_20260401',
        default_config: { enabled: true, permission_policy: { type: 'always_allow' } },
        configs: [],
      },
      { type: 'mcp_toolset', mcp_server_name: 'github' },
      { type: 'mcp_toolset', mcp_server_name: 'linear' },
      { type: 'custom', name: 'lookup', description: 'Look up', input_schema: { type: 'object' } },
      { type: 'future_tool', x: 1 },
    ],
    mcp_servers: [
      { type: 'url', name: 'github', url: 'https://gh.example/mcp' },
      { type: 'url', name: 'linear', url: 'https://linear.example/mcp' },
    ],
  } as unknown as SessionAgent;

  it('sends every tool back, with switched tools, removed servers and unknown types kept', () => {
    const form = toolEditForm(agent);
    form.toolset!.tools.bash.enabled = false;
    form.toolset!.tools.write.policy = 'always_ask';
    form.mcp[0]!.removed = true;
    const body = toolEditRequest(agent, form) as {
      agent: { tools: Record<string, unknown>[]; mcp_servers: { name: string }[] };
    };
    expect(body.agent.mcp_servers.map((s) => s.name)).toEqual(['linear']);
    const types = body.agent.tools.map((t) => t.type);
    expect(types).toEqual(['agent_toolset_20260401', 'mcp_toolset', 'custom', 'future_tool']);
    expect(body.agent.tools[0]).toMatchObject({
      configs: [
        { name: 'bash', enabled: false },
        { name: 'write', permission_policy: { type: 'always_ask' } },
      ],
    });
  });
});
