// The sanitizer on its own, fed raw HTML the renderer would never produce: the allow-list must
// hold even if escaping upstream ever failed.
import { describe, expect, it } from 'vitest';
import { highlightCode, isKnownLanguage } from './highlight';
import payloads from './hostile-payloads.json';
import { sanitizeHtml } from './sanitize';

function parse(html: string): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = sanitizeHtml(html);
  return root;
}

describe('sanitizeHtml', () => {
  it('keeps only allowed elements and attributes', () => {
    const root = parse(
      '<p id="x" style="color:red" onclick="bad()">text</p><img src="https://e.example/a.png">' +
        '<a href="https://e.example">a</a><form action="x"><input></form><svg></svg><iframe></iframe>',
    );
    expect(root.innerHTML).toBe('<p>text</p>a');
  });

  it('filters classes to the generated ones', () => {
    const root = parse(
      '<span class="hljs-keyword function_ md-link evil">x</span><span class="x">y</span>',
    );
    expect(root.firstElementChild?.className).toBe('hljs-keyword function_ md-link');
    expect(root.children[1]?.hasAttribute('class')).toBe(false);
  });

  it('drops unsafe link targets, and a link without a target stops being one', () => {
    const root = parse(
      '<span role="link" tabindex="0" title="t" data-href="javascript:bad()">x</span>' +
        '<span role="button" tabindex="-1" data-href="https://ok.example/">y</span>',
    );
    expect(root.innerHTML).toBe('<span>x</span><span data-href="https://ok.example/">y</span>');
  });

  it('leaves nothing executable from any hostile payload taken as raw HTML', () => {
    for (const payload of payloads) {
      const root = parse(payload);
      for (const el of root.querySelectorAll('*')) {
        for (const attr of el.attributes) {
          expect(attr.name, payload).toMatch(
            /^(class|title|data-href|role|tabindex|align|start|aria-[a-z]+)$/,
          );
        }
      }
      expect(
        root.querySelector('script, img, iframe, svg, math, a, form, input, style'),
        payload,
      ).toBeNull();
    }
  });
});

describe('highlightCode', () => {
  it('highlights registered languages and their usual aliases', () => {
    const names = 'bash sh shell python js ts json rust go yaml diff sql html css toml markdown';
    for (const lang of names.split(' ')) {
      expect(isKnownLanguage(lang), lang).toBe(true);
    }
    expect(highlightCode('def f(): pass', 'python')).toContain(
      '<span class="hljs-keyword">def</span>',
    );
  });

  it('escapes code in an unknown language', () => {
    expect(isKnownLanguage('cobol')).toBe(false);
    expect(highlightCode('<b>&</b>', 'cobol')).toBe('&lt;b&gt;&amp;&lt;/b&gt;');
    expect(highlightCode('<b>', '')).toBe('&lt;b&gt;');
  });
});
