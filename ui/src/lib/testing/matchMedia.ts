import { vi } from 'vitest';

/** A `matchMedia` that says the OS theme is dark (or not) and never changes; jsdom has none. */
export function stubMatchMedia(dark = false): void {
  vi.stubGlobal(
    'matchMedia',
    vi.fn(() => ({ matches: dark, addEventListener: vi.fn(), removeEventListener: vi.fn() })),
  );
}
