import type { SessionTabs } from '$lib/ipc/bindings';
import { SECTION_IDS, SECTIONS, type SectionId } from './sections';

/**
 * Says whether the open section may be left for `target`. A view with unsaved changes returns
 * false and asks the person itself, then calls `go` again once they agree.
 */
export type LeaveGuard = (target: SectionId) => boolean;

/** A request, from outside the Sessions section, to open the New session dialog. */
export interface NewSessionRequest {
  agentId: string;
  /** The pinned agent version; null for the latest. */
  version: number | null;
}

/** The split view's divider stays between these shares of the width. */
export const RATIO_MIN = 0.2;
export const RATIO_MAX = 0.8;

/**
 * Which section is open, which session tabs are open and which one is shown, and the moves
 * between them that the keyboard offers.
 */
/**
 * What a session error names: a credential of a vault (`credential_host_unreachable_error`), or
 * an MCP server the session's vaults should cover (`mcp_authentication_failed_error`).
 */
export interface VaultTarget {
  vaultId: string | null;
  credentialId: string | null;
  mcpServerUrl: string | null;
  /** The session's vaults, in its order (the first that covers a server is used). */
  sessionVaultIds: string[];
}

export class Navigation {
  current = $state<SectionId>('sessions');
  /** The open session tabs, by session id, in tab order. */
  tabs = $state<string[]>([]);
  /** The tab shown in the Sessions section; null shows the list. */
  session = $state<string | null>(null);
  /** The tab shown beside it in the split view; null when there is no split. */
  split = $state<string | null>(null);
  /** The left side's share of the width in the split view. */
  ratio = $state(0.5);
  /** A call the opened session's page should scroll to (the inbox's Enter); it takes it once. */
  focusItem = $state<string | null>(null);
  /** A call the inbox makes current once it lists it (a notification was clicked). */
  inboxCall = $state<string | null>(null);
  /** A credential to fix that a session's error pointed at; the Vaults view takes it. */
  vaultTarget = $state<VaultTarget | null>(null);
  /** A New session dialog another section asked for; the Sessions view takes it. */
  newSession = $state<NewSessionRequest | null>(null);
  #guard: LeaveGuard | null = null;

  /** Goes to Vaults (unless the open view keeps the person) to fix what `target` names. */
  openVaults(target: VaultTarget): void {
    this.go('vaults');
    if (this.current === 'vaults') this.vaultTarget = target;
  }

  go(id: SectionId): void {
    if (id !== this.current && this.#guard && !this.#guard(id)) return;
    this.current = id;
  }

  /**
   * Goes to Sessions and opens one session's page (unless the open view keeps the person),
   * scrolled to `itemId` if given.
   */
  openSession(id: string, itemId: string | null = null): void {
    this.go('sessions');
    if (this.current !== 'sessions') return;
    if (!this.tabs.includes(id)) {
      // A new tab goes right after the one shown, as in a browser.
      const at = this.session === null ? this.tabs.length : this.tabs.indexOf(this.session) + 1;
      this.tabs.splice(at, 0, id);
    }
    if (this.split === id) this.split = this.session;
    this.session = id;
    if (this.split === this.session) this.split = null;
    this.focusItem = itemId;
  }

  /** Goes to the inbox (unless the open view keeps the person) with call `callId` current. */
  openInbox(callId: string): void {
    this.go('inbox');
    if (this.current === 'inbox') this.inboxCall = callId;
  }

  /** Closes a tab (its watch ends with it); the one shown moves to its neighbour. */
  closeTab(id: string): void {
    const index = this.tabs.indexOf(id);
    if (index < 0) return;
    this.tabs.splice(index, 1);
    if (this.split === id) this.split = null;
    if (this.session === id) {
      const next = this.tabs[index] ?? this.tabs[index - 1] ?? null;
      this.session = next === this.split ? this.split : next;
      if (this.session === this.split) this.split = null;
    }
  }

  /** Ctrl+Tab and Ctrl+Shift+Tab: the next or previous tab, wrapping; from the list, the first. */
  cycleTab(step: number): void {
    const count = this.tabs.length;
    if (count === 0) return;
    const index = this.session === null ? -1 : this.tabs.indexOf(this.session);
    const next =
      index < 0 ? (step > 0 ? 0 : count - 1) : (((index + step) % count) + count) % count;
    this.openSession(this.tabs[next]!);
  }

  /** Alt+1…8 open that tab, Alt+9 the last one, as in a browser. */
  jumpToTab(digit: number): void {
    const id = digit === 9 ? this.tabs[this.tabs.length - 1] : this.tabs[digit - 1];
    if (id !== undefined) this.openSession(id);
  }

  /** Shows `id` beside the tab shown (opening its tab if needed). */
  openBeside(id: string): void {
    if (!this.tabs.includes(id)) this.tabs.push(id);
    if (this.session === null) this.openSession(id);
    else if (id !== this.session) this.split = id;
  }

  closeSplit(): void {
    this.split = null;
  }

  setRatio(ratio: number): void {
    this.ratio = Math.min(RATIO_MAX, Math.max(RATIO_MIN, ratio));
  }

  /** The tabs as settings keep them. */
  tabState(): SessionTabs {
    return { open: [...this.tabs], active: this.session, split: this.split, ratio: this.ratio };
  }

  /** Puts another profile's tabs (or none) in place of these. */
  restoreTabs(state: SessionTabs | undefined): void {
    this.tabs = state ? [...state.open] : [];
    this.session = state?.active ?? null;
    this.split = state?.split ?? null;
    this.ratio = state?.ratio ?? 0.5;
    this.focusItem = null;
  }

  /** Hands the call to scroll to over once; null when there is none. */
  takeFocusItem(): string | null {
    const id = this.focusItem;
    this.focusItem = null;
    return id;
  }

  /** Back from a session's page to the list; its tab stays open. */
  closeSession(): void {
    this.session = null;
    this.split = null;
  }

  /** Goes to Sessions with the New session dialog open for this agent (and version). */
  startSession(request: NewSessionRequest): void {
    this.go('sessions');
    if (this.current !== 'sessions') return;
    this.closeSession();
    this.newSession = request;
  }

  /** Hands the pending New session request to the view once; null when there is none. */
  takeNewSession(): NewSessionRequest | null {
    const request = this.newSession;
    this.newSession = null;
    return request;
  }

  /** Installs the open view's guard; the returned function removes it. */
  guard(guard: LeaveGuard): () => void {
    this.#guard = guard;
    return () => {
      if (this.#guard === guard) this.#guard = null;
    };
  }

  /** Moves by `step` places in sidebar order, wrapping around at either end. */
  move(step: number): SectionId {
    const count = SECTION_IDS.length;
    const index = SECTION_IDS.indexOf(this.current);
    const next = SECTION_IDS[(((index + step) % count) + count) % count] ?? this.current;
    this.go(next);
    return this.current;
  }

  /** The section a Ctrl/⌘ + digit shortcut opens, if the digit is one of ours. */
  static forShortcut(digit: string): SectionId | undefined {
    return SECTIONS.find((s) => s.shortcut === digit)?.id;
  }
}
