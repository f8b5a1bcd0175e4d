// Multi-agent settings. Two generations exist: the legacy `coordinator` roster and
// `multiagent_20261001` (advisor, subagents, workflows), which the reference recommends.
import type { Value } from '$lib/ipc/bindings';
import type { FieldErrors } from '$lib/forms/fieldErrors';
import { asArray, asString, field, isObject, typeOf, type JsonObject } from '$lib/forms/json';

export const ROSTER_MAX = 20;
export const MULTIAGENT_TYPE = 'multiagent_20261001';

export type MultiagentMode = 'off' | 'coordinator' | typeof MULTIAGENT_TYPE | 'unknown';
export type RosterKind = 'agent' | 'self' | 'advisor';

export interface RosterEntry {
  kind: RosterKind;
  /** For `agent`: `agent_…`. */
  agentId: string;
  /** For `agent`: a version number, or empty for the latest when the agent is saved. */
  version: string;
  /** For `advisor`: its model id. */
  model: string;
}

export interface DelegationForm {
  enabled: boolean;
  inlineAgents: boolean;
  predefinedAgents: RosterEntry[];
}

export interface MultiagentForm {
  mode: MultiagentMode;
  /** The coordinator's roster (legacy mode). */
  roster: RosterEntry[];
  advisor: { enabled: boolean; model: string };
  subagents: DelegationForm;
  workflows: DelegationForm;
  /** A shape this app does not know: shown read-only and sent back unchanged. */
  raw: Value | null;
}

export function emptyRosterEntry(): RosterEntry {
  return { kind: 'agent', agentId: '', version: '', model: '' };
}

/** The documented defaults: advisor disabled, subagents and workflows enabled. */
export function emptyMultiagent(): MultiagentForm {
  return {
    mode: 'off',
    roster: [],
    advisor: { enabled: false, model: '' },
    subagents: { enabled: true, inlineAgents: true, predefinedAgents: [] },
    workflows: { enabled: true, inlineAgents: true, predefinedAgents: [] },
    raw: null,
  };
}

/** `ownId` turns the API's resolution of `{type:"self"}` back into "self". */
function rosterFromWire(entries: readonly Value[], ownId: string | undefined): RosterEntry[] {
  return entries.map((entry) => {
    if (typeof entry === 'string') return { ...emptyRosterEntry(), agentId: entry };
    const type = typeOf(entry);
    if (type === 'self') return { ...emptyRosterEntry(), kind: 'self' };
    if (type === 'advisor')
      return { ...emptyRosterEntry(), kind: 'advisor', model: modelId(field(entry, 'model')) };
    const id = asString(field(entry, 'id')) ?? '';
    if (ownId !== undefined && id === ownId) return { ...emptyRosterEntry(), kind: 'self' };
    const version = field(entry, 'version');
    return {
      ...emptyRosterEntry(),
      agentId: id,
      version: typeof version === 'number' ? String(version) : '',
    };
  });
}

function modelId(model: Value | undefined): string {
  return asString(model) ?? asString(field(model, 'id')) ?? '';
}

function delegationFromWire(value: Value | undefined, ownId: string | undefined): DelegationForm {
  if (!isObject(value)) return { enabled: true, inlineAgents: true, predefinedAgents: [] };
  return {
    enabled: typeOf(value) !== 'disabled',
    inlineAgents: typeOf(field(value, 'inline_agents')) !== 'disabled',
    predefinedAgents: rosterFromWire(asArray(field(value, 'predefined_agents')), ownId),
  };
}

export function multiagentFromWire(value: Value | undefined, ownId?: string): MultiagentForm {
  const form = emptyMultiagent();
  if (value === undefined || value === null) return form;
  const type = typeOf(value);
  if (type === 'coordinator') {
    return {
      ...form,
      mode: 'coordinator',
      roster: rosterFromWire(asArray(field(value, 'agents')), ownId),
    };
  }
  if (type === MULTIAGENT_TYPE) {
    const advisor = field(value, 'advisor');
    return {
      ...form,
      mode: MULTIAGENT_TYPE,
      advisor: { enabled: typeOf(advisor) === 'enabled', model: modelId(field(advisor, 'model')) },
      subagents: delegationFromWire(field(value, 'subagents'), ownId),
      workflows: delegationFromWire(field(value, 'workflows'), ownId),
    };
  }
  return { ...form, mode: 'unknown', raw: value };
}

function rosterEntryToWire(entry: RosterEntry): Value {
  if (entry.kind === 'self') return { type: 'self' };
  if (entry.kind === 'advisor') return { type: 'advisor', model: entry.model.trim() };
  const out: JsonObject = { type: 'agent', id: entry.agentId.trim() };
  if (entry.version.trim() !== '') out.version = Number(entry.version);
  return out;
}

function delegationToWire(form: DelegationForm): Value {
  if (!form.enabled) return { type: 'disabled' };
  return {
    type: 'enabled',
    inline_agents: { type: form.inlineAgents ? 'enabled' : 'disabled' },
    predefined_agents: form.predefinedAgents.map(rosterEntryToWire),
  };
}

/** The `multiagent` value, or null for a single-threaded agent. */
export function multiagentToWire(form: MultiagentForm): Value {
  switch (form.mode) {
    case 'off':
      return null;
    case 'unknown':
      return form.raw;
    case 'coordinator':
      return { type: 'coordinator', agents: form.roster.map(rosterEntryToWire) };
    case MULTIAGENT_TYPE:
      return {
        type: MULTIAGENT_TYPE,
        advisor: form.advisor.enabled
          ? { type: 'enabled', model: form.advisor.model.trim() }
          : { type: 'disabled' },
        subagents: delegationToWire(form.subagents),
        workflows: delegationToWire(form.workflows),
      };
  }
}

function validateRoster(entries: readonly RosterEntry[], at: string, errors: FieldErrors): void {
  if (entries.length > ROSTER_MAX) errors[at] = `At most ${ROSTER_MAX} agents.`;
  const seen = new Set<string>();
  entries.forEach((entry, i) => {
    const here = `${at}.${i}`;
    const key = entry.kind === 'agent' ? `agent:${entry.agentId.trim()}` : entry.kind;
    if (entry.kind === 'agent') {
      const id = entry.agentId.trim();
      if (id === '') errors[`${here}.agentId`] = 'Pick an agent.';
      else if (!id.startsWith('agent_')) errors[`${here}.agentId`] = 'Agent ids start with agent_.';
      const version = entry.version.trim();
      if (version !== '' && !(/^\d+$/.test(version) && Number(version) >= 1))
        errors[`${here}.version`] = 'A version number (1 or more), or empty for the latest.';
    }
    if (entry.kind === 'advisor' && entry.model.trim() === '')
      errors[`${here}.model`] = 'Pick the advisor model.';
    if (seen.has(key) && !errors[`${here}.agentId`])
      errors[entry.kind === 'agent' ? `${here}.agentId` : `${here}.kind`] =
        entry.kind === 'advisor' ? 'Only one advisor.' : 'Already in the list.';
    seen.add(key);
  });
}

export function validateMultiagent(form: MultiagentForm, errors: FieldErrors): void {
  if (form.mode === 'coordinator') {
    if (form.roster.length === 0)
      errors['multiagent.roster'] = 'A coordinator needs at least one agent.';
    validateRoster(form.roster, 'multiagent.roster', errors);
  }
  if (form.mode === MULTIAGENT_TYPE) {
    if (form.advisor.enabled && form.advisor.model.trim() === '')
      errors['multiagent.advisor.model'] = 'Pick the advisor model.';
    if (form.subagents.enabled)
      validateRoster(
        form.subagents.predefinedAgents,
        'multiagent.subagents.predefinedAgents',
        errors,
      );
    if (form.workflows.enabled)
      validateRoster(
        form.workflows.predefinedAgents,
        'multiagent.workflows.predefinedAgents',
        errors,
      );
  }
}
