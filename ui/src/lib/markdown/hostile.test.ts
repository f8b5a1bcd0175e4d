// Every hostile payload, rendered as agent text, must come out inert: nothing that could run
// script, fetch anything or navigate, and its text still visible as text.
import { render } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Markdown from '../../components/conversation/Markdown.svelte';
import payloads from './hostile-payloads.json';
import { isSafeLink, renderMarkdown } from './index';

const ALLOWED_ELEMENTS = new Set(
  'P BR HR H1 H2 H3 H4 H5 H6 STRONG EM DEL CODE PRE BLOCKQUOTE UL OL LI TABLE THEAD TBODY TR TH TD SPAN DIV'.split(
    ' ',
  ),
);
const FORBIDDEN_ATTRIBUTES = new Set(
  'href src xlink:href action formaction srcdoc style id srcset background poster data'.split(' '),
);

/** Everything wrong with the markup under `root`, as readable strings. */
function problems(root: Element, ownMarkup = false): string[] {
  // The component's own markup (the copy button, Svelte's scoped classes) is not agent output.
  const extraElements = new Set(ownMarkup ? ['BUTTON'] : []);
  const found: string[] = [];
  for (const el of root.querySelectorAll('*')) {
    if (!ALLOWED_ELEMENTS.has(el.tagName) && !extraElements.has(el.tagName)) {
      found.push(`element <${el.tagName.toLowerCase()}>`);
    }
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) found.push(`handler ${name}`);
      if (FORBIDDEN_ATTRIBUTES.has(name)) found.push(`attribute ${name}`);
      if (name === 'data-href' && !isSafeLink(attr.value)) found.push(`link ${attr.value}`);
      if (
        !ownMarkup &&
        name === 'class' &&
        /(^|\s)(?!hljs|md-|[a-z]+_+(\s|$))\S+/.test(attr.value)
      ) {
        found.push(`class ${attr.value}`);
      }
    }
  }
  return found;
}

/** The tag names a payload spells out, which must still be readable as text. */
function taggedWords(payload: string): string[] {
  // Link destinations and reference definitions are URLs, not text: refused ones are dropped.
  const text = payload
    .replace(/\]\((?:[^()\n]|\([^()\n]*\))*\)/g, ']')
    .replace(/^ {0,3}\[[^\]\n]+\]:.*$/gm, '');
  return [...text.matchAll(/<(script|img|iframe|svg|math|style|object|embed|form|input)\b/gi)]
    .map((m) => `<${m[1]}`.toLowerCase())
    .filter((word, i, all) => all.indexOf(word) === i);
}

/** What a reader can see or reach: text, code, and link targets and titles. */
function visibleText(root: Element, code: string[] = []): string {
  const targets = [...root.querySelectorAll('[data-href]')].map((e) => e.getAttribute('data-href'));
  return [root.textContent, ...code, ...targets].join('\n').toLowerCase();
}

const cases = payloads.map((payload, i) => [i, payload] as const);

describe('hostile payloads', () => {
  it('are many, and each one that could run script reports itself', () => {
    expect(payloads.length).toBeGreaterThanOrEqual(120);
    for (const payload of payloads) {
      if (/<script|\bon[a-z]+\s*=|javascript:|vbscript:|expression\(/i.test(payload)) {
        expect(payload).toContain('__hostile(');
      }
    }
  });

  it.each(cases)('payload %i renders inert through the pipeline', (_, payload) => {
    const blocks = renderMarkdown(payload);
    const root = document.createElement('div');
    root.innerHTML = blocks
      .map((b) => (b.kind === 'code' ? `<pre><code class="hljs">${b.html}</code></pre>` : b.html))
      .join('');
    expect(problems(root)).toEqual([]);
    const text = visibleText(
      root,
      blocks.flatMap((b) => (b.kind === 'code' ? [b.code ?? '', b.lang ?? ''] : [])),
    );
    for (const word of taggedWords(payload)) expect(text).toContain(word);
  });

  describe('in the component', () => {
    const hostile = vi.fn();
    beforeEach(() => {
      (window as unknown as { __hostile: typeof hostile }).__hostile = hostile;
    });
    afterEach(() => {
      delete (window as unknown as { __hostile?: unknown }).__hostile;
    });

    it.each(cases)('payload %i renders inert in Markdown.svelte', (_, payload) => {
      const onlink = vi.fn();
      const { container } = render(Markdown, { text: payload, streaming: false, onlink });
      // The copy button is the component's own, outside the rendered markdown.
      expect(problems(container, true)).toEqual([]);
      for (const button of container.querySelectorAll('button')) {
        expect(button).toHaveAccessibleName('Copy code');
      }
      const text = visibleText(container);
      for (const word of taggedWords(payload)) expect(text).toContain(word);
      expect(hostile).not.toHaveBeenCalled();
    });
  });
});
