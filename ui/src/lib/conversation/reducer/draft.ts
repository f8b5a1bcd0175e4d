// The working copy of one `apply` (see ../reducer.ts), shared by the event families' handlers.
// Arrays are copied on their first change only: a batch that changes one item copies the item
// array once and leaves the event array (and everything else) shared with the previous state.
import type {
  Budget,
  SessionError,
  SessionEvent,
  SessionUsage,
  StopDetails,
  StopReason,
  Value,
} from '$lib/ipc/bindings';
import type {
  ConversationItem,
  ConversationState,
  EventOf,
  KnownEvent,
  SessionStatus,
  ThreadInfo,
  TokenTotals,
} from '../state';

export interface Draft {
  /** Read freely; write through `writableItems` (or `replace`, `upsert`). */
  items: readonly ConversationItem[];
  /** Read freely; write through `writableEvents`. */
  events: readonly SessionEvent[];
  /** Positions by id, extended in place (see `apply`). */
  itemAt: Map<string, number>;
  eventAt: Map<string, number>;
  status: SessionStatus | null;
  stopReason: StopReason | null;
  stopDetails: StopDetails | null;
  pendingIds: readonly string[];
  /** Read freely; write through `writableAwaiting`, or replace it whole. */
  awaitingIds: readonly string[];
  lastError: SessionError | null;
  spanUsage: TokenTotals;
  sessionUsage: SessionUsage | null;
  budget: Budget | null;
  title: string | null;
  /** Read freely; write through `writableThreads`. */
  threads: Readonly<Record<string, ThreadInfo>>;
  /** Read freely; add through `notice`. */
  notices: readonly string[];
  deleted: boolean;
  /** Ids of agent messages and thinking still being previewed (not final). */
  previews: Set<string>;
  /** Which of the arrays and records above are this draft's own copies. */
  owned: Set<'items' | 'events' | 'awaitingIds' | 'threads' | 'notices'>;
}

/** A draft of `state`, sharing everything with it until changed. */
export function draftOf(
  state: ConversationState,
  itemAt: Map<string, number>,
  eventAt: Map<string, number>,
  previews: Set<string>,
): Draft {
  return {
    items: state.items,
    events: state.events,
    itemAt,
    eventAt,
    status: state.status,
    stopReason: state.stopReason,
    stopDetails: state.stopDetails,
    pendingIds: state.pendingIds,
    awaitingIds: state.awaitingIds,
    lastError: state.lastError,
    spanUsage: state.spanUsage,
    sessionUsage: state.sessionUsage,
    budget: state.budget,
    title: state.title,
    threads: state.threads,
    notices: state.notices,
    deleted: state.deleted,
    previews,
    owned: new Set(),
  };
}

export function writableItems(d: Draft): ConversationItem[] {
  if (!d.owned.has('items')) {
    d.items = d.items.slice();
    d.owned.add('items');
  }
  return d.items as ConversationItem[];
}

export function writableEvents(d: Draft): SessionEvent[] {
  if (!d.owned.has('events')) {
    d.events = d.events.slice();
    d.owned.add('events');
  }
  return d.events as SessionEvent[];
}

export function writableAwaiting(d: Draft): string[] {
  if (!d.owned.has('awaitingIds')) {
    d.awaitingIds = d.awaitingIds.slice();
    d.owned.add('awaitingIds');
  }
  return d.awaitingIds as string[];
}

export function writableThreads(d: Draft): Record<string, ThreadInfo> {
  if (!d.owned.has('threads')) {
    d.threads = { ...d.threads };
    d.owned.add('threads');
  }
  return d.threads;
}

export function notice(d: Draft, ...notices: string[]): void {
  if (notices.length === 0) return;
  if (!d.owned.has('notices')) {
    d.notices = d.notices.slice();
    d.owned.add('notices');
  }
  (d.notices as string[]).push(...notices);
}

/** What an event family does with one event of its types; `id` is the event's id. */
export type Handler<T extends KnownEvent['type']> = (
  d: Draft,
  event: EventOf<T>,
  id: string,
) => void;

/** The handlers of an event family, by event type. */
export type Handlers = { [T in KnownEvent['type']]?: Handler<T> };

export function indexById(list: readonly unknown[]): Map<string, number> {
  const map = new Map<string, number>();
  list.forEach((entry, position) => {
    const id = idOf(entry);
    if (id !== null) map.set(id, position);
  });
  return map;
}

export function idOf(entry: unknown): string | null {
  if (typeof entry !== 'object' || entry === null || !('id' in entry)) return null;
  return typeof entry.id === 'string' ? entry.id : null;
}

export function find(d: Draft, id: string): ConversationItem | undefined {
  const at = d.itemAt.get(id);
  return at === undefined ? undefined : d.items[at];
}

export function replace(d: Draft, item: ConversationItem): void {
  const at = d.itemAt.get(item.id);
  if (at !== undefined) writableItems(d)[at] = item;
}

/** Replaces the item with the same id in place, or appends it. */
export function upsert(d: Draft, item: ConversationItem): void {
  const at = d.itemAt.get(item.id);
  if (at !== undefined) {
    writableItems(d)[at] = item;
  } else {
    d.itemAt.set(item.id, d.items.length);
    writableItems(d).push(item);
  }
}

export function stringField(event: { [key in string]: Value }, key: string): string | null {
  const value = event[key];
  return typeof value === 'string' ? value : null;
}
