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

/** Which section is open, and the moves between sections that the keyboard offers. */
export class Navigation {
  current = $state<SectionId>('sessions');
  /** The session whose page is open in the Sessions section; null shows the list. */
  session = $state<string | null>(null);
  /** A call the opened session's page should scroll to (the inbox's Enter); it takes it once. */
  focusItem = $state<string | null>(null);
  /** A New session dialog another section asked for; the Sessions view takes it. */
  newSession = $state<NewSessionRequest | null>(null);
  #guard: LeaveGuard | null = null;

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
    this.session = id;
    this.focusItem = itemId;
  }

  /** Hands the call to scroll to over once; null when there is none. */
  takeFocusItem(): string | null {
    const id = this.focusItem;
    this.focusItem = null;
    return id;
  }

  /** Back from a session's page to the list. */
  closeSession(): void {
    this.session = null;
  }

  /** Goes to Sessions with the New session dialog open for this agent (and version). */
  startSession(request: NewSessionRequest): void {
    this.go('sessions');
    if (this.current !== 'sessions') return;
    this.session = null;
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
