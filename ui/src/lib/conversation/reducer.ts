/**
 * The conversation of one watched session, as a pure reducer over the relay's messages
 * (`RelayBatch`). `apply(state, batch)` returns a new state and never changes its input.
 *
 * Items are kept in arrival order and found by id through an index that is shared with the
 * state it was last extended for (see `handles`): applying batches one after another costs
 * the size of each batch for the lookups, plus one copy of the item and event arrays.
 */
import type {
  Budget,
  ConnectionState,
  ContentBlock,
  ModelUsage,
  RelayBatch,
  SessionError,
  SessionEvent,
  SessionUsage,
  StopDetails,
  StopReason,
  Value,
} from '$lib/ipc/bindings';
import {
  type KnownEvent,
  type EventOf,
  type SessionStatus,
  type ToolKind,
  type ToolStatus,
  type ToolCallItem,
  type ConversationItem,
  type ThreadInfo,
  type TokenTotals,
  type ConversationState,
} from './state';

export * from './state';

/** Positions by id. Only the state in `head` may extend it; any other state rebuilds its own. */
interface Handle {
  head: ConversationState;
  items: Map<string, number>;
  events: Map<string, number>;
}

const handles = new WeakMap<ConversationState, Handle>();

function ownHandle(state: ConversationState): Handle {
  const handle = handles.get(state);
  if (handle && handle.head === state) return handle;
  return {
    head: state,
    items: indexById(state.items),
    events: indexById(state.events),
  };
}

function indexById(list: readonly unknown[]): Map<string, number> {
  const map = new Map<string, number>();
  list.forEach((entry, position) => {
    const id = idOf(entry);
    if (id !== null) map.set(id, position);
  });
  return map;
}

function idOf(entry: unknown): string | null {
  if (typeof entry !== 'object' || entry === null || !('id' in entry)) return null;
  return typeof entry.id === 'string' ? entry.id : null;
}

/** The working copy of one `apply`. */
interface Draft {
  items: ConversationItem[];
  events: SessionEvent[];
  itemAt: Map<string, number>;
  eventAt: Map<string, number>;
  status: SessionStatus | null;
  stopReason: StopReason | null;
  stopDetails: StopDetails | null;
  pendingIds: readonly string[];
  awaitingIds: string[];
  lastError: SessionError | null;
  spanUsage: TokenTotals;
  sessionUsage: SessionUsage | null;
  budget: Budget | null;
  title: string | null;
  threads: Record<string, ThreadInfo>;
  threadsCopied: boolean;
  notices: string[];
  deleted: boolean;
  /** Ids of agent messages and thinking still being previewed (not final). */
  previews: Set<string>;
}

export function apply(state: ConversationState, batch: RelayBatch): ConversationState {
  const handle = ownHandle(state);
  const draft: Draft = {
    items: state.items.slice(),
    events: state.events.slice(),
    itemAt: handle.items,
    eventAt: handle.events,
    status: state.status,
    stopReason: state.stopReason,
    stopDetails: state.stopDetails,
    pendingIds: state.pendingIds,
    awaitingIds: state.awaitingIds.slice(),
    lastError: state.lastError,
    spanUsage: state.spanUsage,
    sessionUsage: state.sessionUsage,
    budget: state.budget,
    title: state.title,
    threads: state.threads,
    threadsCopied: false,
    notices: state.notices.slice(),
    deleted: state.deleted,
    previews: openPreviews(state),
  };

  for (const event of batch.events) {
    try {
      applyEvent(draft, event);
    } catch (error) {
      draft.notices.push(`An event could not be shown: ${String(error)}`);
    }
  }
  draft.notices.push(...batch.notices);

  const connection = batch.connection ?? state.connection;
  if (connection?.state === 'reconnecting' && !sameConnection(state.connection, connection)) {
    // Previews are never replayed: what was half typed would stay half typed for good.
    dropPreviews(draft);
  }

  const expected = state.lastSeq === null ? 0 : state.lastSeq + 1;
  const next: ConversationState = {
    items: draft.items,
    events: draft.events,
    status: draft.status,
    stopReason: draft.stopReason,
    stopDetails: draft.stopDetails,
    pendingIds: draft.pendingIds,
    awaitingIds: draft.awaitingIds,
    lastError: draft.lastError,
    spanUsage: draft.spanUsage,
    sessionUsage: draft.sessionUsage,
    budget: draft.budget,
    title: draft.title,
    threads: draft.threads,
    connection,
    lastSeq: batch.seq,
    gap: state.gap || batch.seq !== expected,
    notices: draft.notices,
    elided: batch.elided.length > 0 ? [...state.elided, ...batch.elided] : state.elided,
    deleted: draft.deleted,
  };
  const nextHandle: Handle = { head: next, items: draft.itemAt, events: draft.eventAt };
  handle.head = next;
  handles.set(next, nextHandle);
  return next;
}

function sameConnection(a: ConnectionState | null, b: ConnectionState): boolean {
  if (a === null || a.state !== b.state) return false;
  return a.state !== 'reconnecting' || b.state !== 'reconnecting' || a.attempt === b.attempt;
}

function openPreviews(state: ConversationState): Set<string> {
  // Previews sit near the end; walk back until a run of settled items says there are no more.
  const open = new Set<string>();
  for (let i = state.items.length - 1, settled = 0; i >= 0 && settled < 64; i--) {
    const item = state.items[i];
    if ((item?.kind === 'agent' || item?.kind === 'thinking') && item.phase !== 'final') {
      open.add(item.id);
      settled = 0;
    } else {
      settled++;
    }
  }
  return open;
}

const KNOWN_TYPES = new Set<string>([
  'user.message',
  'user.interrupt',
  'user.tool_confirmation',
  'user.custom_tool_result',
  'user.tool_result',
  'user.define_outcome',
  'system.message',
  'agent.message',
  'agent.thinking',
  'agent.tool_use',
  'agent.tool_result',
  'agent.mcp_tool_use',
  'agent.mcp_tool_result',
  'agent.custom_tool_use',
  'agent.thread_message_sent',
  'agent.thread_message_received',
  'agent.thread_context_compacted',
  'session.status_running',
  'session.status_idle',
  'session.status_rescheduled',
  'session.status_terminated',
  'session.error',
  'session.deleted',
  'session.updated',
  'session.usage',
  'session.thread_created',
  'session.thread_status_running',
  'session.thread_status_idle',
  'session.thread_status_rescheduled',
  'session.thread_status_terminated',
  'span.model_request_start',
  'span.model_request_end',
  'span.outcome_evaluation_start',
  'span.outcome_evaluation_ongoing',
  'span.outcome_evaluation_end',
  'workflow_run.created',
  'workflow_run.status_running',
  'workflow_run.status_idle',
  'workflow_run.phase_started',
  'workflow_run.phase_ended',
  'workflow_run.error',
  'workflow_run.status_ended',
  'event_start',
  'event_delta',
]);

/** The event's type if this reducer knows it, else `null` (kept for the raw view only). */
export function knownType(event: SessionEvent): KnownEvent['type'] | null {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return null;
  const type = (event as { type?: unknown }).type;
  return typeof type === 'string' && KNOWN_TYPES.has(type) ? (type as KnownEvent['type']) : null;
}

function applyEvent(d: Draft, event: SessionEvent): void {
  const type = knownType(event);
  if (type === 'event_start' || type === 'event_delta') {
    // Previews have no id of their own and are never listed: not part of the raw history.
    if (type === 'event_start') previewStart(d, event as EventOf<'event_start'>);
    else previewDelta(d, event as EventOf<'event_delta'>);
    return;
  }

  const id = idOf(event);
  if (id !== null) {
    const seen = d.eventAt.get(id);
    if (seen !== undefined) {
      // Only user input comes again (once processed); anything else is a replayed overlap.
      if (type === null || !(type.startsWith('user.') || type === 'system.message')) return;
      d.events[seen] = event;
    } else {
      d.eventAt.set(id, d.events.length);
      d.events.push(event);
    }
  } else {
    d.events.push(event);
  }
  if (type === null || id === null) return;
  const known = event as KnownEvent;

  switch (known.type) {
    case 'user.message':
      upsert(d, {
        kind: 'user',
        id,
        content: known.content ?? [],
        processedAt: known.processed_at ?? null,
      });
      break;
    case 'user.interrupt':
      upsert(d, {
        kind: 'interrupt',
        id,
        threadId: known.session_thread_id ?? null,
        processedAt: known.processed_at ?? null,
      });
      break;
    case 'user.tool_confirmation':
      confirm(d, known);
      break;
    case 'user.custom_tool_result':
      toolResult(d, known.custom_tool_use_id, id, known);
      break;
    case 'user.tool_result':
    case 'agent.tool_result':
      toolResult(d, known.tool_use_id, id, known);
      break;
    case 'agent.mcp_tool_result':
      toolResult(d, known.mcp_tool_use_id, id, known);
      break;
    case 'system.message':
      upsert(d, {
        kind: 'system',
        id,
        content: known.content ?? [],
        processedAt: known.processed_at ?? null,
      });
      break;
    case 'agent.message':
      d.previews.delete(id);
      upsert(d, {
        kind: 'agent',
        id,
        content: known.content ?? [],
        phase: 'final',
        processedAt: known.processed_at,
        threadId: stringField(known, 'session_thread_id'),
      });
      break;
    case 'agent.thinking':
      d.previews.delete(id);
      upsert(d, { kind: 'thinking', id, phase: 'final', processedAt: known.processed_at });
      break;
    case 'agent.tool_use':
    case 'agent.mcp_tool_use':
    case 'agent.custom_tool_use':
      toolUse(d, known, id);
      break;
    case 'agent.thread_message_sent':
      upsert(d, {
        kind: 'thread_message',
        id,
        direction: 'sent',
        threadId: known.to_session_thread_id,
        agentName: known.to_agent_name ?? null,
        content: known.content ?? [],
        processedAt: known.processed_at,
      });
      break;
    case 'agent.thread_message_received':
      upsert(d, {
        kind: 'thread_message',
        id,
        direction: 'received',
        threadId: known.from_session_thread_id,
        agentName: known.from_agent_name ?? null,
        content: known.content ?? [],
        processedAt: known.processed_at,
      });
      break;
    case 'agent.thread_context_compacted':
      upsert(d, { kind: 'compacted', id, processedAt: known.processed_at });
      break;
    case 'session.status_running':
      d.status = 'running';
      d.stopReason = null;
      d.stopDetails = null;
      d.lastError = null;
      setPending(d, []);
      break;
    case 'session.status_idle':
      d.status = 'idle';
      d.stopReason = known.stop_reason;
      d.stopDetails = known.stop_details ?? null;
      closePreviews(d);
      setPending(d, requiredIds(known.stop_reason));
      break;
    case 'session.status_rescheduled':
      d.status = 'rescheduling';
      break;
    case 'session.status_terminated':
      d.status = 'terminated';
      closePreviews(d);
      setPending(d, []);
      break;
    case 'session.error':
      d.lastError = known.error;
      upsert(d, { kind: 'error', id, error: known.error, processedAt: known.processed_at });
      break;
    case 'session.deleted':
      d.deleted = true;
      closePreviews(d);
      setPending(d, []);
      break;
    case 'session.updated':
      if (typeof known.title === 'string' || known.title === null) d.title = known.title;
      if ('budget' in known) d.budget = known.budget ?? null;
      break;
    case 'session.usage':
      d.sessionUsage = known.usage;
      if (known.budget !== undefined) d.budget = known.budget;
      break;
    case 'session.thread_created':
      thread(d, known.session_thread_id, {
        agentName: known.agent_name,
        workflowRunId: known.workflow_run_id ?? null,
      });
      break;
    case 'session.thread_status_running':
      thread(d, known.session_thread_id, { agentName: known.agent_name, status: 'running' });
      break;
    case 'session.thread_status_idle':
      thread(d, known.session_thread_id, {
        agentName: known.agent_name,
        status: 'idle',
        stopReason: known.stop_reason,
      });
      break;
    case 'session.thread_status_rescheduled':
      thread(d, known.session_thread_id, { agentName: known.agent_name, status: 'rescheduling' });
      break;
    case 'session.thread_status_terminated':
      thread(d, known.session_thread_id, { agentName: known.agent_name, status: 'terminated' });
      break;
    case 'span.model_request_start':
      upsert(d, {
        kind: 'model_request',
        id,
        startedAt: known.processed_at,
        endedAt: null,
        usage: null,
        isError: false,
      });
      break;
    case 'span.model_request_end': {
      // It closes any preview its request left open (an interrupt or an error gives no final).
      closePreviews(d);
      const start = find(d, known.model_request_start_id);
      if (start?.kind === 'model_request') {
        replace(d, {
          ...start,
          endedAt: known.processed_at,
          usage: known.model_usage,
          isError: known.is_error ?? false,
        });
      }
      addTokens(d, known.model_usage);
      break;
    }
    case 'span.outcome_evaluation_end':
      addTokens(d, known.usage);
      break;
    default:
      // Outcomes and workflow runs are shown from the raw list for now.
      break;
  }
}

function stringField(event: { [key in string]: Value }, key: string): string | null {
  const value = event[key];
  return typeof value === 'string' ? value : null;
}

function requiredIds(reason: StopReason): string[] {
  if (typeof reason !== 'object' || reason === null || Array.isArray(reason)) return [];
  if (reason.type !== 'requires_action') return [];
  const ids = (reason as { event_ids?: unknown }).event_ids;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

function find(d: Draft, id: string): ConversationItem | undefined {
  const at = d.itemAt.get(id);
  return at === undefined ? undefined : d.items[at];
}

function replace(d: Draft, item: ConversationItem): void {
  const at = d.itemAt.get(item.id);
  if (at !== undefined) d.items[at] = item;
}

/** Replaces the item with the same id in place, or appends it. */
function upsert(d: Draft, item: ConversationItem): void {
  const at = d.itemAt.get(item.id);
  if (at !== undefined) {
    d.items[at] = item;
  } else {
    d.itemAt.set(item.id, d.items.length);
    d.items.push(item);
  }
}

function previewStart(d: Draft, event: EventOf<'event_start'>): void {
  const { id, type } = event.event;
  if (typeof id !== 'string' || d.itemAt.has(id)) return;
  if (type === 'agent.message') {
    upsert(d, {
      kind: 'agent',
      id,
      content: [],
      phase: 'typing',
      processedAt: null,
      threadId: null,
    });
  } else if (type === 'agent.thinking') {
    upsert(d, { kind: 'thinking', id, phase: 'typing', processedAt: null });
  } else {
    return;
  }
  d.previews.add(id);
}

function previewDelta(d: Draft, event: EventOf<'event_delta'>): void {
  const id = event.event_id;
  let item = find(d, id);
  if (item === undefined) {
    // The start was missed (the stream opened mid-message): begin the preview here.
    item = { kind: 'agent', id, content: [], phase: 'typing', processedAt: null, threadId: null };
    upsert(d, item);
    d.previews.add(id);
  }
  if (item.kind !== 'agent' || item.phase !== 'typing') return;
  const block = event.delta.content as { type?: unknown; text?: unknown };
  if (block.type !== 'text' || typeof block.text !== 'string') return;
  const index = event.delta.index ?? 0;
  const content = item.content.slice();
  const current = content[index] as { type?: unknown; text?: unknown } | undefined;
  if (index === content.length) {
    content.push({ type: 'text', text: block.text });
  } else if (index < content.length && current?.type === 'text') {
    content[index] = { type: 'text', text: String(current.text) + block.text };
  } else {
    d.notices.push(`A preview of ${id} skipped block ${index}; the final message will replace it.`);
    return;
  }
  replace(d, { ...item, content });
}

/** Marks open previews as cut: their request ended and no final event will come. */
function closePreviews(d: Draft): void {
  for (const id of d.previews) {
    const item = find(d, id);
    if ((item?.kind === 'agent' || item?.kind === 'thinking') && item.phase === 'typing') {
      replace(d, { ...item, phase: 'cut' });
    }
  }
}

/** Removes every preview that has no final event (typing or cut), and re-indexes. */
function dropPreviews(d: Draft): void {
  if (d.previews.size === 0) return;
  const drop = d.previews;
  d.items = d.items.filter((item) => !drop.has(item.id));
  d.itemAt = indexById(d.items);
  d.previews = new Set();
}

function toolUse(
  d: Draft,
  event: EventOf<'agent.tool_use' | 'agent.mcp_tool_use' | 'agent.custom_tool_use'>,
  id: string,
): void {
  const tool: ToolKind =
    event.type === 'agent.mcp_tool_use'
      ? 'mcp'
      : event.type === 'agent.custom_tool_use'
        ? 'custom'
        : 'builtin';
  const permission =
    event.type === 'agent.custom_tool_use' ? null : (event.evaluated_permission ?? null);
  let status: ToolStatus = 'running';
  let awaiting: ToolCallItem['awaiting'] = null;
  if (tool === 'custom') {
    // A custom tool may be answered as soon as its use arrives.
    status = 'pending';
    awaiting = 'result';
  } else if (permission === 'deny') {
    status = 'denied';
  } else if (permission === 'ask') {
    status = 'pending';
    if (d.pendingIds.includes(id)) awaiting = 'confirmation';
  }
  upsert(d, {
    kind: 'tool',
    id,
    tool,
    name: event.name,
    serverName: event.type === 'agent.mcp_tool_use' ? event.mcp_server_name : null,
    input: event.input,
    permission,
    status,
    awaiting,
    confirmation: null,
    result: null,
    threadId: event.session_thread_id ?? null,
    // A custom tool runs in this client from its use on; the others once nobody has to approve.
    startedAt: status === 'running' || tool === 'custom' ? event.processed_at : null,
    endedAt: null,
  });
  if (awaiting !== null && !d.awaitingIds.includes(id)) d.awaitingIds.push(id);
}

function confirm(d: Draft, event: EventOf<'user.tool_confirmation'>): void {
  const item = find(d, event.tool_use_id);
  if (item?.kind !== 'tool') return;
  const allowed = event.result === 'allow';
  let status = item.status;
  if (!allowed) status = 'denied';
  else if (status === 'pending') status = 'running';
  replace(d, {
    ...item,
    status,
    awaiting: null,
    // It runs from the moment it was allowed (the echo comes again once processed); a denied
    // call never ran.
    startedAt: allowed ? (event.processed_at ?? item.startedAt) : null,
    confirmation: {
      eventId: event.id,
      result: event.result,
      denyMessage: event.deny_message ?? null,
    },
  });
  stopAwaiting(d, item.id);
}

function toolResult(
  d: Draft,
  toolUseId: string,
  id: string,
  event: {
    content?: ContentBlock[] | null;
    is_error?: boolean | null;
    processed_at?: string | null;
  },
): void {
  const isError = event.is_error ?? false;
  const content = event.content ?? [];
  const item = find(d, toolUseId);
  if (item?.kind !== 'tool') {
    upsert(d, { kind: 'tool_result', id, toolUseId, content, isError });
    return;
  }
  replace(d, {
    ...item,
    status: item.status === 'denied' ? 'denied' : isError ? 'error' : 'done',
    awaiting: null,
    result: { eventId: id, content, isError, processedAt: event.processed_at ?? null },
    endedAt: event.processed_at ?? null,
  });
  stopAwaiting(d, item.id);
}

function stopAwaiting(d: Draft, id: string): void {
  const at = d.awaitingIds.indexOf(id);
  if (at >= 0) d.awaitingIds.splice(at, 1);
}

/** The newest idle event's list is authoritative: it replaces whatever was awaited before. */
function setPending(d: Draft, ids: string[]): void {
  const wanted = new Set(ids);
  const still: string[] = [];
  for (const id of d.awaitingIds) {
    const item = find(d, id);
    if (item?.kind !== 'tool') continue;
    if (wanted.has(id)) still.push(id);
    else replace(d, { ...item, awaiting: null });
  }
  for (const id of ids) {
    const item = find(d, id);
    if (item?.kind !== 'tool' || item.result !== null || still.includes(id)) continue;
    if (item.tool !== 'custom' && item.confirmation !== null) continue;
    replace(d, {
      ...item,
      status: 'pending',
      awaiting: item.tool === 'custom' ? 'result' : 'confirmation',
    });
    still.push(id);
  }
  d.pendingIds = ids;
  d.awaitingIds = still;
}

function addTokens(d: Draft, usage: ModelUsage | null | undefined): void {
  if (!usage) return;
  const t = d.spanUsage;
  d.spanUsage = {
    input_tokens: t.input_tokens + (usage.input_tokens ?? 0),
    output_tokens: t.output_tokens + (usage.output_tokens ?? 0),
    cache_creation_input_tokens:
      t.cache_creation_input_tokens + (usage.cache_creation_input_tokens ?? 0),
    cache_read_input_tokens: t.cache_read_input_tokens + (usage.cache_read_input_tokens ?? 0),
    spans: t.spans + 1,
  };
}

function thread(d: Draft, id: string, change: Partial<Omit<ThreadInfo, 'id' | 'primary'>>): void {
  if (!d.threadsCopied) {
    d.threads = { ...d.threads };
    d.threadsCopied = true;
  }
  const before = d.threads[id];
  // A thread first seen in a status event (not created) is the primary, if none is yet.
  const primary = before
    ? before.primary
    : change.status !== undefined && !Object.values(d.threads).some((t) => t.primary);
  d.threads[id] = {
    id,
    agentName: change.agentName ?? before?.agentName ?? null,
    status: change.status ?? before?.status ?? null,
    stopReason: change.stopReason ?? before?.stopReason ?? null,
    workflowRunId: change.workflowRunId ?? before?.workflowRunId ?? null,
    primary,
  };
}

/** Looks an item up by id (the index when this state owns it, else a scan). */
export function itemById(state: ConversationState, id: string): ConversationItem | undefined {
  const handle = handles.get(state);
  const at = handle?.head === state ? handle.items.get(id) : undefined;
  const item = at === undefined ? undefined : state.items[at];
  return item?.id === id ? item : state.items.find((entry) => entry.id === id);
}

function awaitingTools(state: ConversationState, what: 'confirmation' | 'result'): ToolCallItem[] {
  const tools: ToolCallItem[] = [];
  for (const id of state.awaitingIds) {
    const item = itemById(state, id);
    if (item?.kind === 'tool' && item.awaiting === what) tools.push(item);
  }
  return tools;
}

/** Built-in and MCP tool calls waiting for Allow or Deny. */
export function pendingApprovals(state: ConversationState): ToolCallItem[] {
  return awaitingTools(state, 'confirmation');
}

/** Custom tool calls waiting for this client's result. */
export function pendingCustomTools(state: ConversationState): ToolCallItem[] {
  return awaitingTools(state, 'result');
}
