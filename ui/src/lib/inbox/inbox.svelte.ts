// The approvals inbox: every tool call that waits for the person, over every session of the
// profile. The monitor's live statuses say which sessions wait (and how many calls); the
// calls themselves are read per session (`session_pending_calls`) and read again whenever the
// session's status or count changes. A session that stops waiting leaves at once, wherever it
// was answered: here, in its own page, or by another client.
import { call, commands } from '$lib/ipc/call';
import { toBackendError, type BackendError } from '$lib/ipc/errors';
import type {
  LiveSnapshot,
  PendingCall,
  PendingCalls,
  Session,
  SessionStatusChanged,
  Value,
} from '$lib/ipc/bindings';
import { inTauri } from '$lib/platform';
import { idOf } from '$lib/conversation/reducer/draft';
import { knownType } from '$lib/conversation/reducer/known';
import type { EventOf, ToolKind } from '$lib/conversation/state';
import { appStatusSource, type StatusSource } from '$lib/sessions/sessions.svelte';

/** What the inbox needs from the backend; the tests pass their own. */
export interface InboxBackend {
  snapshot(): Promise<LiveSnapshot | null>;
  pending(sessionId: string): Promise<PendingCalls>;
  confirm(sessionId: string, toolUseId: string, allow: boolean, reason: string): Promise<void>;
  answer(sessionId: string, toolUseId: string, text: string, isError: boolean): Promise<void>;
}

export const appInboxBackend: InboxBackend = {
  snapshot: async () => (inTauri() ? await commands.sessionsLive() : null),
  pending: (sessionId) => call(commands.sessionPendingCalls(sessionId)),
  confirm: async (sessionId, toolUseId, allow, reason) => {
    await call(commands.sessionConfirmTool(sessionId, toolUseId, allow, allow ? null : reason));
  },
  answer: async (sessionId, toolUseId, text, isError) => {
    await call(commands.sessionAnswerCustomTool(sessionId, toolUseId, text, isError));
  },
};

/** One call as the inbox lists it. */
export interface InboxItem {
  /** The tool-use event's id: what the answer names. */
  id: string;
  session: Session;
  /** The agent of the thread that made the call, when it is not the primary one. */
  threadAgent: string | null;
  kind: 'confirmation' | 'custom';
  tool: ToolKind;
  name: string;
  serverName: string | null;
  input: Value;
  /** When the agent made the call (RFC 3339), if the API said. */
  at: string | null;
}

/** The answer being given to one call: what is typed, what is in flight, what failed. */
export interface Draft {
  reason: string;
  text: string;
  isError: boolean;
  busy: boolean;
  error: BackendError | null;
}

const NO_DRAFT: Draft = { reason: '', text: '', isError: false, busy: false, error: null };

function toItem(session: Session, pending: PendingCall): InboxItem | null {
  const event = pending.event;
  const type = knownType(event);
  if (
    type !== 'agent.tool_use' &&
    type !== 'agent.mcp_tool_use' &&
    type !== 'agent.custom_tool_use'
  ) {
    return null;
  }
  const call = event as EventOf<typeof type>;
  const base = {
    id: call.id,
    session,
    threadAgent: pending.threadAgent,
    at: call.processed_at ?? null,
    name: call.name,
    input: call.input,
  };
  if (type === 'agent.custom_tool_use') {
    return { ...base, kind: 'custom', tool: 'custom', serverName: null };
  }
  const mcp = type === 'agent.mcp_tool_use' ? (event as EventOf<'agent.mcp_tool_use'>) : null;
  return {
    ...base,
    kind: 'confirmation',
    tool: mcp ? 'mcp' : 'builtin',
    serverName: mcp?.mcp_server_name ?? null,
  };
}

/** When a session's oldest listed call was made; one without a time goes last. */
function waitingSince(calls: InboxItem[]): number {
  const times = calls.map((c) => (c.at ? Date.parse(c.at) : NaN)).filter((t) => !isNaN(t));
  return times.length > 0 ? Math.min(...times) : Number.POSITIVE_INFINITY;
}

/** What a failed answer means for the person, when the call is gone. */
export function goneMessage(item: InboxItem, error: BackendError): string {
  const title = item.session.title || 'Untitled session';
  return error.code === 'NotFound'
    ? `“${title}” was deleted: its ${item.name} call no longer waits.`
    : `“${title}” no longer waits on its ${item.name} call: it was interrupted, or answered elsewhere.`;
}

export class InboxController {
  /** The calls that wait, by session, each session's in the API's order. */
  bySession = $state<Record<string, InboxItem[]>>({});
  /** Sessions whose calls could not be read, with why. */
  readErrors = $state<Record<string, { title: string; error: BackendError }>>({});
  drafts = $state<Record<string, Draft>>({});
  /** The call the keyboard is on. */
  current = $state<string | null>(null);
  /** Calls chosen to be answered together. */
  selected = $state<string[]>([]);
  /** Calls that left because they could not be answered any more, said once each. */
  notices = $state<{ id: number; text: string }[]>([]);
  loaded = $state(false);

  /** Every call, the sessions in the order they started waiting (reads end in any order). */
  readonly items = $derived(
    Object.values(this.bySession)
      .map((calls) => ({ calls, since: waitingSince(calls) }))
      .sort((a, b) => a.since - b.since)
      .flatMap((s) => s.calls),
  );

  #backend: InboxBackend;
  #statusSource: StatusSource | null;
  // Plain records, not state: nothing is drawn from them.
  /** The newest status of each session, so a read that returns late is not shown stale. */
  #latest: Record<string, SessionStatusChanged> = {};
  /** The newest read of each session: an older one that returns late is dropped. */
  #reads: Record<string, number> = {};
  #generation = 0;
  #noticeId = 0;

  constructor(
    backend: InboxBackend = appInboxBackend,
    statusSource: StatusSource | null = appStatusSource(),
  ) {
    this.#backend = backend;
    this.#statusSource = statusSource;
  }

  /** Follows the statuses from now on, after reading the ones known now; returns the stop. */
  start(): () => void {
    let stopped = false;
    let stop: (() => void) | undefined;
    // Listening first, so no change between the snapshot and the listen is missed.
    void this.#statusSource?.((change) => {
      if (!stopped) void this.#seen(change);
    }).then((unlisten) => {
      if (stopped) unlisten();
      else stop = unlisten;
    });
    void this.#backend
      .snapshot()
      .catch(() => null)
      .then(async (snapshot) => {
        if (stopped) return;
        const reads = (snapshot?.statuses ?? [])
          .filter((change) => !(change.sessionId in this.#latest))
          .map((change) => this.#seen(change));
        // "Nothing waits" only once every waiting session was read, not while they load.
        await Promise.all(reads);
        this.loaded = true;
      });
    return () => {
      stopped = true;
      stop?.();
    };
  }

  item(id: string): InboxItem | undefined {
    return this.items.find((i) => i.id === id);
  }

  draft(id: string): Draft {
    return this.drafts[id] ?? NO_DRAFT;
  }

  edit(id: string, change: Partial<Pick<Draft, 'reason' | 'text' | 'isError'>>): void {
    this.drafts[id] = { ...this.draft(id), ...change };
  }

  /** Puts the keyboard on call `id` if it is listed; says whether it is. */
  select(id: string): boolean {
    if (!this.item(id)) return false;
    this.current = id;
    return true;
  }

  /** Moves the keyboard's place by `step` calls; the first move lands on the first call. */
  move(step: number): void {
    const ids = this.items.map((i) => i.id);
    if (ids.length === 0) return;
    const index = this.current === null ? -1 : ids.indexOf(this.current);
    const next = index < 0 ? (step > 0 ? 0 : ids.length - 1) : index + step;
    this.current = ids[Math.max(0, Math.min(ids.length - 1, next))] ?? null;
  }

  toggle(id: string): void {
    this.selected = this.selected.includes(id)
      ? this.selected.filter((s) => s !== id)
      : [...this.selected, id];
  }

  /** The calls an answer given now applies to: the chosen ones, or the current one. */
  targets(): InboxItem[] {
    const ids = this.selected.length > 0 ? this.selected : this.current ? [this.current] : [];
    return ids.map((id) => this.item(id)).filter((i): i is InboxItem => i !== undefined);
  }

  /** Allows (or denies, with the reason typed on `reasonFrom`'s draft) every target. */
  async confirm(items: InboxItem[], allow: boolean, reasonFrom?: string): Promise<void> {
    const reason = reasonFrom ? this.draft(reasonFrom).reason.trim() : '';
    await Promise.all(
      items
        .filter((i) => i.kind === 'confirmation')
        .map((i) =>
          this.#send(i, () =>
            this.#backend.confirm(
              i.session.id,
              i.id,
              allow,
              reason || this.draft(i.id).reason.trim(),
            ),
          ),
        ),
    );
  }

  /** Sends the typed result of a custom tool. */
  async answer(item: InboxItem): Promise<void> {
    const draft = this.draft(item.id);
    await this.#send(item, () =>
      this.#backend.answer(item.session.id, item.id, draft.text, draft.isError),
    );
  }

  dismiss(noticeId: number): void {
    this.notices = this.notices.filter((n) => n.id !== noticeId);
  }

  async #send(item: InboxItem, send: () => Promise<void>): Promise<void> {
    this.drafts[item.id] = { ...this.draft(item.id), busy: true, error: null };
    try {
      await send();
      this.#drop(item.session.id, item.id);
    } catch (e) {
      const error = toBackendError(e);
      if (await this.#gone(item, error)) {
        this.#drop(item.session.id, item.id);
        this.notices = [...this.notices, { id: ++this.#noticeId, text: goneMessage(item, error) }];
      } else {
        this.drafts[item.id] = { ...this.draft(item.id), busy: false, error };
      }
    }
  }

  /** Whether the call no longer waits: its session is gone, or no longer names it. */
  async #gone(item: InboxItem, error: BackendError): Promise<boolean> {
    if (error.code === 'NotFound') return true;
    if (error.code !== 'Rejected' && error.code !== 'Conflict') return false;
    try {
      const pending = await this.#backend.pending(item.session.id);
      return !pending.calls.some((c) => idOf(c.event) === item.id);
    } catch (e) {
      return toBackendError(e).code === 'NotFound';
    }
  }

  /** Removes one answered call; the keyboard moves to the next one. */
  #drop(sessionId: string, id: string): void {
    this.#without([id], () => {
      const rest = (this.bySession[sessionId] ?? []).filter((i) => i.id !== id);
      if (rest.length > 0) this.bySession[sessionId] = rest;
      else delete this.bySession[sessionId];
    });
  }

  /** Runs `remove`, which takes calls `ids` out, and keeps the keyboard's place sensible. */
  #without(ids: string[], remove: () => void): void {
    const before = this.items.map((i) => i.id);
    const index = this.current === null ? -1 : before.indexOf(this.current);
    remove();
    for (const id of ids) delete this.drafts[id];
    this.selected = this.selected.filter((s) => !ids.includes(s));
    if (this.current !== null && ids.includes(this.current)) {
      // The next call that is left, or the last one.
      const left = before.filter((id) => !ids.includes(id));
      const after = before.slice(index + 1).find((id) => !ids.includes(id));
      this.current = after ?? left[left.length - 1] ?? null;
    }
  }

  /** Takes one status in; resolves once the read it started (if any) is over. */
  async #seen(change: SessionStatusChanged): Promise<void> {
    const before = this.#latest[change.sessionId];
    this.#latest[change.sessionId] = change;
    if (change.status !== 'requiresAction') {
      this.#forget(change.sessionId);
      return;
    }
    const same = before?.status === 'requiresAction' && before.pending === change.pending;
    if (!same || !(change.sessionId in this.bySession)) await this.#read(change.sessionId);
  }

  #forget(sessionId: string): void {
    const ids = (this.bySession[sessionId] ?? []).map((i) => i.id);
    this.#without(ids, () => delete this.bySession[sessionId]);
    delete this.readErrors[sessionId];
    delete this.#reads[sessionId];
  }

  async #read(sessionId: string): Promise<void> {
    const generation = ++this.#generation;
    this.#reads[sessionId] = generation;
    try {
      const pending = await this.#backend.pending(sessionId);
      // A newer read started, or the session stopped waiting meanwhile.
      if (this.#reads[sessionId] !== generation) return;
      if (this.#latest[sessionId]?.status !== 'requiresAction') return;
      const items = pending.calls
        .map((c) => toItem(pending.session, c))
        .filter((i): i is InboxItem => i !== null);
      delete this.readErrors[sessionId];
      if (items.length > 0) this.bySession[sessionId] = items;
      else delete this.bySession[sessionId];
      if (this.current === null) this.current = this.items[0]?.id ?? null;
    } catch (e) {
      if (this.#reads[sessionId] !== generation) return;
      const error = toBackendError(e);
      if (error.code === 'NotFound') {
        this.#forget(sessionId);
        return;
      }
      this.readErrors[sessionId] = { title: sessionId, error };
    }
  }

  /** Reads one session's calls again (its read failed). */
  retry(sessionId: string): void {
    void this.#read(sessionId);
  }
}
