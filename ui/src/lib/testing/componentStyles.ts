// Vitest loads no CSS (`css` is off: turned on, it changes what other tests can see), so jsdom
// computes no style from a component's <style>. These add the styles of the named components,
// compiled as Vite compiles them (same file name, so the same scoping class), and of global
// sheets, to the document: a test can then read the rules a person would see in the window.
import { compile } from 'svelte/compiler';

const sources = import.meta.glob<string>('/src/**/*.{svelte,css}', {
  query: '?raw',
  import: 'default',
});
// The folder holding `src/` (not `new URL('../../..', import.meta.url)`: Vite rewrites that).
const root = import.meta.url.slice('file://'.length, import.meta.url.lastIndexOf('/src/lib/'));

/**
 * Adds the CSS of each file, by path under `src/` (`components/shared/Dialog.svelte`,
 * `app.css`); returns what removes it again.
 */
export async function addStyles(...paths: string[]): Promise<() => void> {
  const styles: HTMLStyleElement[] = [];
  for (const path of paths) {
    const load = sources[`/src/${path}`];
    if (!load) throw new Error(`no file src/${path}`);
    const source = await load();
    const filename = `${root}/src/${path}`;
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
