import { describe, expect, it } from 'vitest';
import type { FieldErrors } from '$lib/forms/fieldErrors';
import {
  emptyMultiagent,
  emptyRosterEntry,
  multiagentFromWire,
  multiagentToWire,
  validateMultiagent,
  type MultiagentForm,
} from './multiagentForm';

function errorsOf(form: MultiagentForm): FieldErrors {
  const errors: FieldErrors = {};
  validateMultiagent(form, errors);
  return errors;
}

describe('multiagent', () => {
  it('is off for a single-threaded agent and sends null', () => {
    expect(multiagentFromWire(null).mode).toBe('off');
    expect(multiagentToWire(emptyMultiagent())).toBeNull();
  });

  it('reads the roster a coordinator response resolved, with "self" recognised by id', () => {
    const form = multiagentFromWire(
      {
        type: 'coordinator',
        agents: [
          { type: 'agent', id: 'agent_me', version: 2 },
          { type: 'agent', id: 'agent_helper', version: 5 },
          { type: 'advisor', model: { id: 'claude-opus-4-8' } },
          'agent_short',
        ],
      },
      'agent_me',
    );
    expect(form.roster).toEqual([
      { kind: 'self', agentId: '', version: '', model: '' },
      { kind: 'agent', agentId: 'agent_helper', version: '5', model: '' },
      { kind: 'advisor', agentId: '', version: '', model: 'claude-opus-4-8' },
      { kind: 'agent', agentId: 'agent_short', version: '', model: '' },
    ]);
    expect(multiagentToWire(form)).toEqual({
      type: 'coordinator',
      agents: [
        { type: 'self' },
        { type: 'agent', id: 'agent_helper', version: 5 },
        { type: 'advisor', model: 'claude-opus-4-8' },
        { type: 'agent', id: 'agent_short' },
      ],
    });
  });

  it('round-trips multiagent_20261001', () => {
    const wire = {
      type: 'multiagent_20261001',
      advisor: { type: 'enabled', model: 'claude-opus-4-8' },
      subagents: { type: 'disabled' },
      workflows: {
        type: 'enabled',
        inline_agents: { type: 'disabled' },
        predefined_agents: [{ type: 'agent', id: 'agent_x', version: 1 }],
      },
    };
    expect(multiagentToWire(multiagentFromWire(wire))).toEqual(wire);
  });

  it('keeps a shape it does not know exactly as it was', () => {
    const wire = { type: 'swarm_20270101', size: 9 };
    const form = multiagentFromWire(wire);
    expect(form.mode).toBe('unknown');
    expect(multiagentToWire(form)).toEqual(wire);
  });

  it('validates a coordinator roster: not empty, ids, versions, one advisor, no repeats', () => {
    const form: MultiagentForm = { ...emptyMultiagent(), mode: 'coordinator' };
    expect(errorsOf(form)).toEqual({
      'multiagent.roster': 'A coordinator needs at least one agent.',
    });
    form.roster = [
      { ...emptyRosterEntry(), agentId: 'helper' },
      { ...emptyRosterEntry(), agentId: 'agent_a', version: '0' },
      { ...emptyRosterEntry(), agentId: 'agent_a' },
      { ...emptyRosterEntry(), kind: 'advisor', model: 'm' },
      { ...emptyRosterEntry(), kind: 'advisor', model: '' },
    ];
    expect(errorsOf(form)).toEqual({
      'multiagent.roster.0.agentId': 'Agent ids start with agent_.',
      'multiagent.roster.1.version': 'A version number (1 or more), or empty for the latest.',
      'multiagent.roster.2.agentId': 'Already in the list.',
      'multiagent.roster.4.model': 'Pick the advisor model.',
      'multiagent.roster.4.kind': 'Only one advisor.',
    });
    form.roster = Array.from({ length: 21 }, (_, i) => ({
      ...emptyRosterEntry(),
      agentId: `agent_${i}`,
    }));
    expect(errorsOf(form)['multiagent.roster']).toBe('At most 20 agents.');
  });

  it('needs a model for an enabled advisor', () => {
    const form: MultiagentForm = {
      ...emptyMultiagent(),
      mode: 'multiagent_20261001',
      advisor: { enabled: true, model: '' },
    };
    expect(errorsOf(form)).toEqual({ 'multiagent.advisor.model': 'Pick the advisor model.' });
  });
});
