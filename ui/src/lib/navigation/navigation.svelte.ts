import { SECTION_IDS, SECTIONS, type SectionId } from './sections';

/**
 * Says whether the open section may be left for `target`. A view with unsaved changes returns
 * false and asks the person itself, then calls `go` again once they agree.
 */
export type LeaveGuard = (target: SectionId) => boolean;

/** Which section is open, and the moves between sections that the keyboard offers. */
export class Navigation {
  current = $state<SectionId>('sessions');
  #guard: LeaveGuard | null = null;

  go(id: SectionId): void {
    if (id !== this.current && this.#guard && !this.#guard(id)) return;
    this.current = id;
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
