import { describe, expect, it, vi } from 'vitest';
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
    const theme = new ThemeController('system', os.media);
    expect(theme.resolved).toBe('light');
    os.setDark(true);
    expect(theme.resolved).toBe('dark');
  });

  it('keeps an explicit choice whatever the OS does, and saves it', async () => {
    const os = fakeMedia(true);
    const save = vi.fn(() => Promise.resolve());
    const theme = new ThemeController('system', os.media, save);
    await theme.set('light');
    expect(save).toHaveBeenCalledWith('light');
    expect(theme.resolved).toBe('light');
    os.setDark(false);
    os.setDark(true);
    expect(theme.resolved).toBe('light');
  });

  it('still applies a choice it could not save, and says why', async () => {
    const theme = new ThemeController('system', fakeMedia(false).media, () =>
      Promise.reject(new Error('disk full')),
    );
    await theme.set('dark');
    expect(theme.resolved).toBe('dark');
    expect(theme.saveError).toBe('disk full');
  });

  it('stops listening to the OS when disposed', () => {
    const os = fakeMedia(false);
    new ThemeController('system', os.media).dispose();
    expect(os.listeners.size).toBe(0);
  });
});
