// The Sessions section's list: filters that become the list query, names for agent and
// environment ids, live status from the app-wide event, and the row actions (rename, archive,
// delete, interrupt) with what each one needs to say when it cannot be done.
import type { UnlistenFn } from '@tauri-apps/api/event';
import { call, commands } from '$lib/ipc/call';
import { toBackendError, type BackendError } from '$lib/ipc/errors';
import {
  events,
  type Agent,
  type MonitorSummary,
  type Session,
  type SessionStatus,
  type SessionStatusChanged,
} from '$lib/ipc/bindings';
import { allPages } from '$lib/lists/allPages';
import { PagedList } from '$lib/lists/pagedList.svelte';
import { inTauri } from '$lib/platform';
import type { RowStatus } from './status';

export const PAGE_SIZE = 20;
export const STATUS_FILTERS = ['idle', 'running', 'rescheduling', 'terminated'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number] | '';

/** Subscribes to live status changes; resolves to the function that unsubscribes. */
export type StatusSource = (
  callback: (change: SessionStatusChanged) => void,
) => Promise<UnlistenFn>;

/** The app-wide `session://status` event, or nothing outside Tauri (plain browser). */
export function appStatusSource(): StatusSource | null {
  return inTauri() ? (callback) => events.sessionStatus.listen((e) => callback(e.payload)) : null;
}

/** The app-wide `sessions://monitor` event: what the monitor of every session covers. */
export function appSummarySource():
  ((callback: (summary: MonitorSummary) => void) => Promise<UnlistenFn>) | null {
  return inTauri() ? (callback) => events.sessionsMonitor.listen((e) => callback(e.payload)) : null;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export const RUNNING_REASON = 'The session is running. Interrupt it first.';

/** What a row is doing: renaming, asking before archive/delete, or saying why it cannot. */
export type RowMode =
  | { kind: 'rename'; text: string; busy: boolean; error: string | null }
  | { kind: 'confirm'; action: 'archive' | 'delete'; busy: boolean; error: string | null }
  | {
      kind: 'blocked';
      action: 'archive' | 'delete';
      busy: boolean;
      interrupted: boolean;
      error: string | null;
    };

export type FindResult = { kind: 'error'; message: string } | null;

export class SessionsController {
  agentId = $state('');
  status = $state<StatusFilter>('');
  readonly list = new PagedList<Session>((page, includeArchived) =>
    call(
      commands.sessionsList({
        page,
        limit: PAGE_SIZE,
        include_archived: includeArchived,
        ...(this.agentId ? { agent_id: this.agentId } : {}),
        ...(this.status ? { statuses: [this.status as SessionStatus] } : {}),
      }),
    ),
  );
  agents = $state<Agent[]>([]);
  environmentNames = $state<Record<string, string>>({});
  /** Live statuses that arrived after the list was loaded, by session id. */
  live = $state<Record<string, RowStatus>>({});
  /** The one row doing something other than showing itself. */
  row = $state<{ id: string; mode: RowMode } | null>(null);
  notice = $state<string | null>(null);
  /** Why live status updates could not be subscribed to; the badges then show the list's. */
  liveError = $state<string | null>(null);
  /** What the backend's monitor of every session covers (see ARCHITECTURE.md). */
  monitor = $state<MonitorSummary | null>(null);
  findText = $state('');
  findBusy = $state(false);
  findError = $state<string | null>(null);

  readonly #source: StatusSource | null;

  constructor(source: StatusSource | null = appStatusSource()) {
    this.#source = source;
  }

  /** Loads the first page and the names; returns the cleanup that stops the live updates. */
  start(): () => void {
    void this.#reload();
    void this.#loadNames();
    let stop: UnlistenFn | null = null;
    let stopSummary: UnlistenFn | null = null;
    let stopped = false;
    appSummarySource()?.((summary) => (this.monitor = summary)).then(
      (unlisten) => {
        if (stopped) unlisten();
        else stopSummary = unlisten;
      },
      (error: unknown) => console.error('sessions://monitor could not be listened to', error),
    );
    this.#source?.((change) => this.applyStatus(change)).then(
      (unlisten) => {
        if (stopped) unlisten();
        else stop = unlisten;
      },
      (error: unknown) => {
        // Never silent: without this subscription every badge is frozen at the list's answer.
        console.error('session://status could not be listened to', error);
        this.liveError = `Live status is off (${errorText(error)}); the badges show the status from when the list was loaded.`;
      },
    );
    return () => {
      stopped = true;
      stop?.();
      stopSummary?.();
    };
  }

  async #loadNames(): Promise<void> {
    const [agents, environments] = await Promise.allSettled([
      allPages((page) => call(commands.agentsList({ limit: 100, page, include_archived: true }))),
      allPages((page) =>
        call(commands.environmentsList({ limit: 100, page, include_archived: true })),
      ),
    ]);
    if (agents.status === 'fulfilled') this.agents = agents.value;
    if (environments.status === 'fulfilled')
      this.environmentNames = Object.fromEntries(environments.value.map((e) => [e.id, e.name]));
  }

  environmentName(id: string): string {
    return this.environmentNames[id] ?? id;
  }

  setAgent(agentId: string): Promise<void> {
    this.agentId = agentId;
    return this.#reload();
  }

  setStatus(status: StatusFilter): Promise<void> {
    this.status = status;
    return this.#reload();
  }

  async setIncludeArchived(value: boolean): Promise<void> {
    await this.list.setIncludeArchived(value);
    await this.#seedLive();
  }

  /** Reads the list again, e.g. on coming back from a session whose status moved on. */
  refresh(): Promise<void> {
    return this.#reload();
  }

  /** A fresh first page, then what the monitor knows of its sessions now: a session waiting
   * for approval is plain `idle` in the list. */
  async #reload(): Promise<void> {
    await this.list.reload();
    await this.#seedLive();
  }

  async #seedLive(): Promise<void> {
    if (!inTauri()) return;
    try {
      const snapshot = await commands.sessionsLive();
      for (const change of snapshot.statuses) this.applyStatus(change);
      this.monitor = snapshot.summary;
    } catch (error) {
      // The badges keep the list's statuses and the live ones still arrive.
      console.warn('the live statuses could not be read', error);
    }
  }

  statusOf(session: Session): RowStatus {
    return this.live[session.id] ?? { status: session.status, pending: 0, reconnecting: false };
  }

  applyStatus(change: SessionStatusChanged): void {
    if (change.status === 'deleted') {
      this.list.remove((s) => s.id === change.sessionId);
      delete this.live[change.sessionId];
      return;
    }
    this.live[change.sessionId] = {
      status: change.status,
      pending: change.pending,
      reconnecting: change.reconnecting,
    };
  }

  /** Puts a newly created or refreshed session in the list, with its API status. */
  put(session: Session): void {
    this.list.upsert(session, (a, b) => a.id === b.id);
    delete this.live[session.id];
  }

  // Row actions ---------------------------------------------------------------------------

  startRename(session: Session): void {
    this.row = {
      id: session.id,
      mode: { kind: 'rename', text: session.title ?? '', busy: false, error: null },
    };
  }

  cancelRow(): void {
    this.row = null;
  }

  async saveRename(id: string): Promise<void> {
    const mode = this.row?.id === id ? this.row.mode : null;
    if (mode?.kind !== 'rename' || mode.busy) return;
    mode.busy = true;
    mode.error = null;
    try {
      const saved = await call(commands.sessionUpdate(id, { title: mode.text.trim() || null }));
      this.put(saved);
      this.row = null;
    } catch (e) {
      mode.error = toBackendError(e).message;
    } finally {
      mode.busy = false;
    }
  }

  /** Archive or delete: asks first, or says why not while the session runs. */
  ask(session: Session, action: 'archive' | 'delete'): void {
    this.notice = null;
    const running = this.statusOf(session).status === 'running';
    this.row = {
      id: session.id,
      mode: running
        ? { kind: 'blocked', action, busy: false, interrupted: false, error: null }
        : { kind: 'confirm', action, busy: false, error: null },
    };
  }

  async interrupt(session: Session): Promise<void> {
    const mode = this.row?.id === session.id ? this.row.mode : null;
    if (mode?.kind !== 'blocked' || mode.busy) return;
    mode.busy = true;
    mode.error = null;
    try {
      await call(commands.sessionInterrupt(session.id, null));
      mode.interrupted = true;
      // The list may still say running; ask the API what it says now.
      try {
        this.put(await call(commands.sessionGet(session.id)));
      } catch {
        // The interrupt went through; the status will follow.
      }
    } catch (e) {
      mode.error = toBackendError(e).message;
    } finally {
      mode.busy = false;
    }
  }

  async confirm(session: Session): Promise<void> {
    const mode = this.row?.id === session.id ? this.row.mode : null;
    if (mode?.kind !== 'confirm' || mode.busy) return;
    mode.busy = true;
    mode.error = null;
    const name = session.title?.trim() ? `“${session.title}”` : session.id;
    try {
      if (mode.action === 'delete') {
        await call(commands.sessionDelete(session.id));
        this.list.remove((s) => s.id === session.id);
        this.notice = `Deleted ${name}.`;
      } else {
        const archived = await call(commands.sessionArchive(session.id));
        if (this.list.includeArchived) this.put(archived);
        else this.list.remove((s) => s.id === session.id);
        this.notice = `Archived ${name}.`;
      }
      this.row = null;
    } catch (e) {
      mode.error = toBackendError(e).message;
    } finally {
      mode.busy = false;
    }
  }

  // Find by id ----------------------------------------------------------------------------

  /** Looks the typed id up; returns the session to open, or null (the error says why). */
  async find(): Promise<Session | null> {
    const id = this.findText.trim();
    this.findError = null;
    if (id === '') {
      this.findError = 'Type a session id, like sesn_….';
      return null;
    }
    if (!id.startsWith('sesn_')) {
      this.findError = `“${id}” is not a session id: those start with sesn_.`;
      return null;
    }
    this.findBusy = true;
    try {
      return await call(commands.sessionGet(id));
    } catch (e) {
      const error: BackendError = toBackendError(e);
      this.findError = error.code === 'NotFound' ? `No session has the id ${id}.` : error.message;
      return null;
    } finally {
      this.findBusy = false;
    }
  }
}
