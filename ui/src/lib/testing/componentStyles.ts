// Vitest loads no CSS (`css` is off: turned on, it changes what other tests can see), so jsdom
// computes no style from a component's <style>. These add the styles of the named components,
// compiled as Vite compiles them (same file name, so the same scoping class), and of global
// sheets, to the document: a test can then read the rules a person would see in the window.
import { readFileSync } from 'node:fs';
import { compile } from 'svelte/compiler';

// The folder holding `src/` (not `new URL('../../..', import.meta.url)`: Vite rewrites that).
// Files are read from disk: a `?raw` import of a .css file is emptied while vitest's CSS is off.
const root = import.meta.url.slice('file://'.length, import.meta.url.lastIndexOf('/src/lib/'));

/**
 * Adds the CSS of each file, by path under `src/` (`components/shared/Dialog.svelte`,
 * `app.css`); returns what removes it again.
 */
export function addStyles(...paths: string[]): () => void {
  const styles: HTMLStyleElement[] = [];
  for (const path of paths) {
    const filename = `${root}/src/${path}`;
    const source = readFileSync(filename, 'utf8');
    const css = path.endsWith('.svelte')
      ? (compile(source, { filename, css: 'external' }).css?.code ?? '')
      : source;
    const style = document.createElement('style');
    style.dataset.source = path;
    style.textContent = css;
    document.head.append(style);
    styles.push(style);
  }
  return () => styles.forEach((style) => style.remove());
}

/** The tracks of a `grid-template-columns` value, split at top-level spaces. */
export function gridTracks(template: string): string[] {
  const tracks: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of template.trim()) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ' ' && depth === 0) {
      if (current !== '') tracks.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  if (current !== '') tracks.push(current);
  return tracks;
}

/**
 * Tracks that shrink a short value or clip one: a bare `fr` (it shrinks to nothing before the
 * fixed tracks give way) or a width in px (it does not follow the text's size).
 */
export function clippingTracks(template: string): string[] {
  return gridTracks(template).filter((t) => /^[\d.]+(fr|px)$/.test(t));
}
