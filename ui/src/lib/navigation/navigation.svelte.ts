import { SECTION_IDS, SECTIONS, type SectionId } from './sections';

/** Which section is open, and the moves between sections that the keyboard offers. */
export class Navigation {
  current = $state<SectionId>('sessions');

  go(id: SectionId): void {
    this.current = id;
  }

  /** Moves by `step` places in sidebar order, wrapping around at either end. */
  move(step: number): SectionId {
    const count = SECTION_IDS.length;
    const index = SECTION_IDS.indexOf(this.current);
    const next = SECTION_IDS[(((index + step) % count) + count) % count] ?? this.current;
    this.current = next;
    return next;
  }

  /** The section a Ctrl/⌘ + digit shortcut opens, if the digit is one of ours. */
  static forShortcut(digit: string): SectionId | undefined {
    return SECTIONS.find((s) => s.shortcut === digit)?.id;
  }
}
