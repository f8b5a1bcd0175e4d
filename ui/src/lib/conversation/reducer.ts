/**
 * The conversation of one watched session, as a pure reducer over the relay's messages
 * (`RelayBatch`). `apply(state, batch)` returns a new state and never changes its input.
 *
 * Each event family has its file under reducer/: messages, tools, status, spans, threads, and
 * the previews of messages being typed. Items are kept in arrival order and found by id through
 * an index that is shared with the state it was last extended for (see `handles`); arrays are
 * copied only when the batch changes them (see reducer/draft.ts). So a batch costs its own size,
 * plus one copy of the item array when it changes an item, never a walk over the session.
 */
import type { ConnectionState, RelayBatch, SessionEvent } from '$lib/ipc/bindings';
import type {
  ConversationItem,
  ConversationState,
  EventOf,
  KnownEvent,
  ToolCallItem,
} from './state';
import {
  draftOf,
  idOf,
  indexById,
  notice,
  writableEvents,
  type Draft,
  type Handlers,
} from './reducer/draft';
import { knownType } from './reducer/known';
import { messages } from './reducer/messages';
import { dropPreviews, openPreviews, previewDelta, previewStart } from './reducer/previews';
import { spans } from './reducer/spans';
import { status } from './reducer/status';
import { threads } from './reducer/threads';
import { tools } from './reducer/tools';

export * from './state';
export { knownType } from './reducer/known';

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

// Outcomes and workflow runs have no handler: they are shown from the raw list for now.
const HANDLERS: Handlers = { ...messages, ...tools, ...status, ...spans, ...threads };

export function apply(state: ConversationState, batch: RelayBatch): ConversationState {
  const handle = ownHandle(state);
  const draft = draftOf(state, handle.items, handle.events, openPreviews(state));

  for (const event of batch.events) {
    try {
      applyEvent(draft, event);
    } catch (error) {
      notice(draft, `An event could not be shown: ${String(error)}`);
    }
  }
  notice(draft, ...batch.notices);

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
      writableEvents(d)[seen] = event;
    } else {
      d.eventAt.set(id, d.events.length);
      writableEvents(d).push(event);
    }
  } else {
    writableEvents(d).push(event);
  }
  if (type === null || id === null) return;
  const known = event as KnownEvent;
  const handler = HANDLERS[known.type] as
    ((d: Draft, event: KnownEvent, id: string) => void) | undefined;
  handler?.(d, known, id);
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
