/** True on macOS, where shortcuts use ⌘ instead of Ctrl. */
export function isMac(nav: Navigator = navigator): boolean {
  return /Mac|iPhone|iPad/.test(nav.platform || nav.userAgent);
}

/** The label of the primary shortcut modifier on this platform. */
export function modifierLabel(nav: Navigator = navigator): string {
  return isMac(nav) ? '⌘' : 'Ctrl';
}

/** True when the primary modifier (⌘ on macOS, Ctrl elsewhere) is held, and nothing else. */
export function isPrimaryShortcut(event: KeyboardEvent, nav: Navigator = navigator): boolean {
  const primary = isMac(nav) ? event.metaKey : event.ctrlKey;
  const other = isMac(nav) ? event.ctrlKey : event.metaKey;
  return primary && !other && !event.altKey && !event.shiftKey;
}

/** True when the page runs inside the Tauri app rather than a plain browser (UI development). */
export function inTauri(): boolean {
  return '__TAURI_INTERNALS__' in window;
}
