// One open session: its watch and conversation, and every command the session page sends (a
// message, an interrupt, allow or deny, a custom tool's result, tool edits, a full event, a link
// after the person agreed), with what is in flight and what failed. The page creates it and gives
// it through context (./context.ts); components read it and call its methods, and never send a
// command themselves. Whatever the person typed stays when a command fails.
import { SessionOutputs } from '$lib/files/files.svelte';
import { untrack } from 'svelte';
import type { CacheSnapshot } from 'virtua';
import type {
  Budget,
  Environment,
  Session,
  SessionEvent,
  SessionThread,
  SessionUsage,
} from '$lib/ipc/bindings';
import { call, commands } from '$lib/ipc/call';
import { toBackendError, type BackendError } from '$lib/ipc/errors';
import { raisedBudget } from './budget';
import { getDraft, setDraft } from './drafts';
import type { ConversationState } from './state';
import { toolEditRequest, type ToolEditForm } from './toolEdits';
import { SessionWatch, type WatchBackend } from './watch.svelte';

/** Where the answer to one tool call stands: a confirmation or a custom tool's result. */
export interface ToolCallAnswer {
  /** What is being sent now. */
  busy: 'allow' | 'deny' | 'result' | 'error' | null;
  /** Why the last send failed; cleared by the next one. */
  error: BackendError | null;
  /** Sent and accepted; the call's status changes when the session's own events say so. */
  sent: 'allow' | 'deny' | 'result' | null;
  /** The reason typed for a denial, shown to the agent. */
  reason: string;
  /** The custom tool's result as typed. */
  text: string;
}

const NO_ANSWER: Readonly<ToolCallAnswer> = Object.freeze({
  busy: null,
  error: null,
  sent: null,
  reason: '',
  text: '',
});

/**
 * Where the person left the page, kept while the session's tab is open so switching tabs
 * comes back to it: the scroll (virtua's measured sizes and the offset, or following the
 * end), the tab of the page and the usage panel. Plain data: the page reads it once on mount.
 */
export interface PageView {
  following: boolean;
  offset: number;
  cache: CacheSnapshot | null;
  tab: 'conversation' | 'events' | 'outputs';
  showUsage: boolean;
}

export class SessionController {
  readonly sessionId: string;
  readonly watch: SessionWatch;

  /** The page's place, saved when it unmounts (see {@link PageView}). */
  view: PageView = {
    following: true,
    offset: 0,
    cache: null,
    tab: 'conversation',
    showUsage: false,
  };
  /** The threads of a multi-agent session as the API lists them; null until read. */
  threadList = $state.raw<SessionThread[] | null>(null);
  threadListError = $state.raw<BackendError | null>(null);
  /** The thread whose own transcript the page shows; null shows the session's (primary). */
  shownThread = $state<string | null>(null);
  /**
   * The files the agent wrote (the Outputs tab), read when that tab is shown. Made with the
   * controller, not lazily on first use: state made while an effect runs belongs to that
   * effect, and the tab then missed the notice of a finished download.
   */
  readonly outputs: SessionOutputs;
  /** Cards the person opened or folded, by item id, so a card keeps its state off screen. */
  folds = $state<Record<string, boolean>>({});

  // The composer ---------------------------------------------------------------------------
  #draft = $state('');
  sending = $state(false);
  sendError = $state.raw<BackendError | null>(null);

  interrupting = $state(false);
  interruptError = $state.raw<BackendError | null>(null);

  /** Answers to tool calls, by tool use id; kept while a row scrolls out of view. */
  answers = $state<Record<string, ToolCallAnswer>>({});

  /** Whole events fetched because the relay cut their long strings, by event id. */
  fullEvents = $state.raw<Record<string, SessionEvent>>({});
  fullLoading = $state.raw<Record<string, boolean>>({});
  fullErrors = $state.raw<Record<string, BackendError>>({});

  /** A link from agent output that waits for the person to agree before it opens. */
  link = $state<string | null>(null);
  linkOpening = $state(false);
  linkError = $state.raw<BackendError | null>(null);

  /** The tool edits dialog is open (with the session as read when it opened). */
  editingTools = $state(false);
  openingTools = $state(false);
  savingTools = $state(false);
  toolsError = $state.raw<BackendError | null>(null);

  /** Raising or removing the budget after the session stopped at it. */
  budgetBusy = $state<'raise' | 'remove' | null>(null);
  /** What is wrong with the amount typed, before anything is sent. */
  budgetProblem = $state<string | null>(null);
  budgetError = $state.raw<BackendError | null>(null);

  /** The session's environment, read for its name; null while loading or when it failed. */
  environment = $state.raw<Environment | null>(null);
  #environmentFor: string | null = null;

  constructor(sessionId: string, watchBackend?: WatchBackend) {
    this.sessionId = sessionId;
    this.watch = new SessionWatch(sessionId, watchBackend);
    this.outputs = new SessionOutputs(sessionId);
    this.#draft = getDraft(sessionId);
  }

  /** Loads the session and opens its feed; returns the cleanup that closes it. */
  start(): () => void {
    this.watch.start();
    // The session names its environment only by id; the header shows its name. Read once the
    // session is known (and again after a reload, should the first read have failed).
    const stopEnvironment = $effect.root(() => {
      $effect(() => {
        const id = this.watch.session?.environment_id;
        if (id) untrack(() => void this.loadEnvironment(id));
      });
    });
    return () => {
      stopEnvironment();
      this.watch.dispose();
    };
  }

  /** Reads the session's threads (their cost and the ones the stream has not named). */
  async loadThreads(): Promise<void> {
    try {
      this.threadList = await call(commands.sessionThreads(this.sessionId));
      this.threadListError = null;
    } catch (e) {
      // What the stream showed of each thread stays; the list is read again on the next change.
      this.threadListError = toBackendError(e);
    }
  }

  /** Reads the environment `id` for its name; a failure leaves the id shown, with no error. */
  async loadEnvironment(id: string): Promise<void> {
    if (this.#environmentFor === id) return;
    this.#environmentFor = id;
    try {
      const environment = await call(commands.environmentGet(id));
      if (this.#environmentFor === id) this.environment = environment;
    } catch {
      // The name is a nicety: the id stays in its place, and the next session read tries again.
      if (this.#environmentFor === id) this.#environmentFor = null;
    }
  }

  // What the page shows ---------------------------------------------------------------------

  get conversation(): ConversationState {
    return this.watch.state;
  }

  get session(): Session | null {
    return this.watch.session;
  }

  /** The live status, or the stored one until the feed has said. */
  get status(): string | null {
    return this.watch.state.status ?? this.watch.session?.status ?? null;
  }

  get running(): boolean {
    return this.status === 'running' || this.status === 'rescheduling';
  }

  get terminated(): boolean {
    return this.status === 'terminated';
  }

  /** The environment's name once read, else its id (while loading, or when it failed). */
  get environmentLabel(): string | null {
    const id = this.watch.session?.environment_id ?? null;
    if (id === null) return null;
    return this.environment?.id === id && this.environment.name.trim() !== ''
      ? this.environment.name
      : id;
  }

  get title(): string | null {
    return this.watch.state.title ?? this.watch.session?.title ?? null;
  }

  get budget(): Budget | null {
    return this.watch.state.budget ?? this.watch.session?.budget ?? null;
  }

  get usage(): SessionUsage | null {
    return this.watch.state.sessionUsage ?? this.watch.session?.usage ?? null;
  }

  /** Only the newest events are shown: the earlier ones are still loading. */
  get partial(): boolean {
    return this.watch.partial;
  }

  /** The feed has not said anything yet, and has not failed. */
  get loading(): boolean {
    return this.watch.state.connection === null && !this.watch.watchError;
  }

  /** Raises the budget to `dollars` as typed; the API resumes the session by itself. What was
   *  typed stays when the amount is wrong or the API refuses it. */
  async raiseBudget(dollars: string): Promise<void> {
    if (this.budgetBusy) return;
    const raised = raisedBudget(dollars, this.usage?.list_cost ?? { amount: '0', currency: 'USD' });
    this.budgetError = null;
    if ('error' in raised) {
      this.budgetProblem = raised.error;
      return;
    }
    this.budgetProblem = null;
    await this.#updateBudget('raise', raised.budget);
  }

  /** Removes the budget for good (the API cannot add one back); the session resumes. */
  async removeBudget(): Promise<void> {
    if (this.budgetBusy) return;
    this.budgetError = null;
    this.budgetProblem = null;
    await this.#updateBudget('remove', null);
  }

  async #updateBudget(busy: 'raise' | 'remove', budget: Budget | null): Promise<void> {
    this.budgetBusy = busy;
    try {
      const session = await call(commands.sessionUpdate(this.sessionId, { budget }));
      this.watch.session = session;
    } catch (e) {
      this.budgetError = toBackendError(e);
    } finally {
      this.budgetBusy = null;
    }
  }

  /** Why tools cannot be edited now, or null when they can. */
  get toolsBlocked(): string | null {
    if (!this.watch.session) return 'The session is still loading.';
    if (this.status !== 'idle') return 'Tools can be changed only while the session is idle.';
    return null;
  }

  // Messages and interrupts -----------------------------------------------------------------

  /** The message being written; kept by session while the app runs. */
  get draft(): string {
    return this.#draft;
  }

  set draft(text: string) {
    this.#draft = text;
    setDraft(this.sessionId, text);
  }

  get canSend(): boolean {
    return !this.sending && !this.terminated && this.#draft.trim() !== '';
  }

  /** Sends the draft; only what was sent is cleared, text typed meanwhile stays. */
  async send(): Promise<void> {
    if (!this.canSend) return;
    const message = this.#draft;
    this.sending = true;
    this.sendError = null;
    try {
      await call(commands.sessionSendMessage(this.sessionId, message));
      if (this.#draft === message) this.draft = '';
    } catch (e) {
      this.sendError = toBackendError(e);
    } finally {
      this.sending = false;
    }
  }

  /** Interrupts the session, or only thread `threadId` of a multi-agent one. */
  async interrupt(threadId: string | null = null): Promise<void> {
    if (this.interrupting) return;
    this.interrupting = true;
    this.interruptError = null;
    try {
      await call(commands.sessionInterrupt(this.sessionId, threadId));
    } catch (e) {
      this.interruptError = toBackendError(e);
    } finally {
      this.interrupting = false;
    }
  }

  // Tool calls that wait for the person -----------------------------------------------------

  /** Where the answer to `toolUseId` stands (an untouched one when nothing happened yet). */
  answer(toolUseId: string): Readonly<ToolCallAnswer> {
    return this.answers[toolUseId] ?? NO_ANSWER;
  }

  /** The answer's state to change; created on the first change. */
  #answer(toolUseId: string): ToolCallAnswer {
    if (!this.answers[toolUseId]) this.answers[toolUseId] = { ...NO_ANSWER };
    // Read back: the stored object is the reactive one.
    return this.answers[toolUseId];
  }

  setReason(toolUseId: string, reason: string): void {
    this.#answer(toolUseId).reason = reason;
  }

  setResultText(toolUseId: string, text: string): void {
    this.#answer(toolUseId).text = text;
  }

  allow(toolUseId: string): Promise<void> {
    return this.#confirm(toolUseId, true);
  }

  /** Denies with the reason typed for it, if any. */
  deny(toolUseId: string): Promise<void> {
    return this.#confirm(toolUseId, false);
  }

  async #confirm(toolUseId: string, allow: boolean): Promise<void> {
    const answer = this.#answer(toolUseId);
    if (answer.busy !== null || answer.sent !== null) return;
    const reason = answer.reason.trim();
    await this.#send(answer, allow ? 'allow' : 'deny', () =>
      call(
        commands.sessionConfirmTool(
          this.sessionId,
          toolUseId,
          allow,
          allow || reason === '' ? null : reason,
        ),
      ),
    );
  }

  /** Sends the typed result of a custom tool call; `isError` marks it as failed. */
  async sendResult(customToolUseId: string, isError: boolean): Promise<void> {
    const answer = this.#answer(customToolUseId);
    if (answer.busy !== null || answer.sent !== null) return;
    const text = answer.text;
    await this.#send(answer, isError ? 'error' : 'result', () =>
      call(commands.sessionAnswerCustomTool(this.sessionId, customToolUseId, text, isError)),
    );
  }

  async #send(
    answer: ToolCallAnswer,
    what: NonNullable<ToolCallAnswer['busy']>,
    command: () => Promise<unknown>,
  ): Promise<void> {
    answer.busy = what;
    answer.error = null;
    try {
      await command();
      answer.sent = what === 'error' ? 'result' : what;
    } catch (e) {
      answer.error = toBackendError(e);
    } finally {
      answer.busy = null;
    }
  }

  /** Clears the error of a denial the person gave up on. */
  clearError(toolUseId: string): void {
    if (this.answers[toolUseId]) this.answers[toolUseId].error = null;
  }

  // Whole events ----------------------------------------------------------------------------

  /** The whole of an event the relay sent with its long strings cut. */
  fullEvent(eventId: string): Promise<SessionEvent> {
    return this.watch.fullEvent(eventId);
  }

  /** Fetches the whole event into `fullEvents`; a failure lands in `fullErrors`. */
  async loadFullEvent(eventId: string): Promise<void> {
    if (this.fullLoading[eventId] || this.fullEvents[eventId]) return;
    this.fullLoading = { ...this.fullLoading, [eventId]: true };
    this.fullErrors = Object.fromEntries(
      Object.entries(this.fullErrors).filter(([id]) => id !== eventId),
    );
    try {
      const event = await this.fullEvent(eventId);
      this.fullEvents = { ...this.fullEvents, [eventId]: event };
    } catch (e) {
      this.fullErrors = { ...this.fullErrors, [eventId]: toBackendError(e) };
    } finally {
      this.fullLoading = { ...this.fullLoading, [eventId]: false };
    }
  }

  // Links -----------------------------------------------------------------------------------

  /** Shows `url` in full; it opens only through `openLink` once the person agrees. */
  requestLink(url: string): void {
    this.link = url;
    this.linkError = null;
  }

  closeLink(): void {
    this.link = null;
    this.linkError = null;
  }

  /** Opens the requested link in the browser; on a refusal the dialog stays with the error. */
  async openLink(): Promise<void> {
    const url = this.link;
    if (url === null || this.linkOpening) return;
    this.linkOpening = true;
    this.linkError = null;
    try {
      await call(commands.linkOpen(url));
      if (this.link === url) this.link = null;
    } catch (e) {
      this.linkError = toBackendError(e);
    } finally {
      this.linkOpening = false;
    }
  }

  // Tool edits ------------------------------------------------------------------------------

  /** Tools are replaced whole, so the dialog starts from the session as stored now. */
  async editTools(): Promise<void> {
    if (this.openingTools) return;
    this.openingTools = true;
    this.toolsError = null;
    await this.watch.loadSession();
    this.openingTools = false;
    if (this.watch.session && !this.watch.sessionError) this.editingTools = true;
  }

  closeTools(): void {
    this.editingTools = false;
    this.toolsError = null;
  }

  /** Saves the edits; a refusal keeps the dialog open with the API's message. */
  async saveTools(form: ToolEditForm): Promise<void> {
    const session = this.watch.session;
    if (!session || this.savingTools) return;
    this.savingTools = true;
    this.toolsError = null;
    try {
      const request = toolEditRequest(session.agent, form);
      this.watch.session = await call(commands.sessionUpdate(session.id, request));
      this.editingTools = false;
    } catch (e) {
      this.toolsError = toBackendError(e);
    } finally {
      this.savingTools = false;
    }
  }
}
