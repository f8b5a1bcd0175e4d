import { describe, expect, it } from 'vitest';
import { ThemeController } from './theme.svelte';

/** A MediaQueryList whose `matches` the test flips, as the OS would. */
function fakeMedia(initiallyDark: boolean) {
  const listeners = new Set<(event: MediaQueryListEvent) => void>();
  const media = {
    matches: initiallyDark,
    addEventListener: (_: string, fn: (event: MediaQueryListEvent) => void) => listeners.add(fn),
    removeEventListener: (_: string, fn: (event: MediaQueryListEvent) => void) =>
      listeners.delete(fn),
  } as unknown as MediaQueryList;
  const setDark = (dark: boolean) =>
    listeners.forEach((fn) => fn({ matches: dark } as MediaQueryListEvent));
  return { media, setDark, listeners };
}

describe('ThemeController', () => {
  it('follows the OS while the preference is "system"', () => {
    const os = fakeMedia(false);
    const theme = new ThemeController(localStorage, os.media);
    expect(theme.resolved).toBe('light');
    os.setDark(true);
    expect(theme.resolved).toBe('dark');
  });

  it('keeps an explicit choice whatever the OS does, and remembers it', () => {
    const os = fakeMedia(true);
    new ThemeController(localStorage, os.media).set('light');
    const reopened = new ThemeController(localStorage, os.media);
    expect(reopened.preference).toBe('light');
    expect(reopened.resolved).toBe('light');
    os.setDark(false);
    os.setDark(true);
    expect(reopened.resolved).toBe('light');
  });

  it('ignores a stored value it does not know', () => {
    localStorage.setItem('agent-desk.theme', 'sepia');
    expect(new ThemeController(localStorage, fakeMedia(true).media).preference).toBe('system');
  });

  it('stops listening to the OS when disposed', () => {
    const os = fakeMedia(false);
    new ThemeController(localStorage, os.media).dispose();
    expect(os.listeners.size).toBe(0);
  });
});
