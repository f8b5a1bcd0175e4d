import { describe, expect, it } from 'vitest';
import { isSafeLink, renderMarkdown, type RenderedBlock } from './index';

function dom(blocks: RenderedBlock[]): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = blocks
    .map((b) => (b.kind === 'code' ? `<pre><code>${b.html}</code></pre>` : b.html))
    .join('');
  return root;
}

describe('isSafeLink', () => {
  it.each([
    'https://example.com',
    'http://example.com/a?b=c#d',
    'mailto:someone@example.com',
    'HTTPS://EXAMPLE.COM',
  ])('accepts %s', (url) => expect(isSafeLink(url)).toBe(true));

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'jav&#x61;script:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    './relative',
    '/absolute/path',
    '//example.com',
    'https://',
    'ftp://example.com',
    '',
  ])('refuses %j', (url) => expect(isSafeLink(url)).toBe(false));
});

describe('renderMarkdown', () => {
  it('renders GFM: headings, emphasis, strikethrough, lists, tasks, quotes, tables, rules', () => {
    const blocks = renderMarkdown(
      [
        '# Title',
        '',
        'Some *em*, **strong**, ~~gone~~ and `code`.',
        '',
        '1. one',
        '2. two',
        '',
        '- [x] done',
        '- [ ] todo',
        '',
        '> quoted',
        '',
        '| Name | Size |',
        '|:-----|-----:|',
        '| a    | 1    |',
        '',
        '---',
      ].join('\n'),
    );
    const root = dom(blocks);
    expect(root.querySelector('h1')).toHaveTextContent('Title');
    expect(root.querySelector('em')).toHaveTextContent('em');
    expect(root.querySelector('strong')).toHaveTextContent('strong');
    expect(root.querySelector('del')).toHaveTextContent('gone');
    expect(root.querySelector('p code')).toHaveTextContent('code');
    expect(root.querySelectorAll('ol li')).toHaveLength(2);
    const tasks = root.querySelectorAll('[role="checkbox"]');
    expect([...tasks].map((t) => t.getAttribute('aria-checked'))).toEqual(['true', 'false']);
    expect(root.querySelector('input')).toBeNull();
    expect(root.querySelector('blockquote')).toHaveTextContent('quoted');
    expect(root.querySelector('.md-table-wrap table th')).toHaveTextContent('Name');
    expect(root.querySelector('td[align="right"]')).toHaveTextContent('1');
    expect(root.querySelector('hr')).not.toBeNull();
    expect(blocks.map((b) => b.key)).toEqual(blocks.map((_, i) => `b${i}`));
  });

  it('shows raw HTML as text instead of parsing it', () => {
    const root = dom(renderMarkdown('<div onclick="x()">*hi*</div>\n\nText <b>bold</b>'));
    expect(root.textContent).toContain('<div onclick="x()">*hi*</div>');
    expect(root.textContent).toContain('Text <b>bold</b>');
    expect(root.querySelector('b')).toBeNull();
  });

  it('renders safe links without href, and unsafe ones as text', () => {
    const root = dom(
      renderMarkdown('[docs](https://example.com/docs) [bad](javascript:alert(1)) <a@b.example>'),
    );
    const links = [...root.querySelectorAll('[role="link"]')];
    expect(links.map((l) => l.getAttribute('data-href'))).toEqual([
      'https://example.com/docs',
      'mailto:a@b.example',
    ]);
    expect(links[0]).toHaveAttribute('tabindex', '0');
    expect(links[0]).toHaveAttribute('title', 'https://example.com/docs');
    expect(root.querySelector('[href]')).toBeNull();
    expect(root.textContent).toContain('bad');
  });

  it('keeps link targets free of quotes and angle brackets', () => {
    const root = dom(renderMarkdown('[x](https://example.com/"><b>)'));
    expect(root.querySelector('[role="link"]')).toHaveAttribute(
      'data-href',
      'https://example.com/%22%3E%3Cb%3E',
    );
  });

  it('turns images into a marker with the alt text and the URL as a link', () => {
    const root = dom(renderMarkdown('![a diagram](https://example.com/d.png)'));
    expect(root.querySelector('img')).toBeNull();
    const marker = root.querySelector('.md-image');
    expect(marker).toHaveTextContent('a diagram');
    expect(marker?.querySelector('[role="link"]')).toHaveAttribute(
      'data-href',
      'https://example.com/d.png',
    );
  });

  it('makes top-level code blocks code blocks, highlighted when the language is known', () => {
    const [py, unknown, indented] = renderMarkdown(
      '```python\ndef f(): return "<x>"\n```\n\n```brainfuck\n<+>\n```\n\n    plain <b>\n',
    );
    expect(py).toMatchObject({ kind: 'code', lang: 'python', code: 'def f(): return "<x>"' });
    expect(py?.html).toContain('<span class="hljs-keyword">def</span>');
    expect(py?.html).toContain('&lt;x&gt;');
    expect(unknown).toMatchObject({ kind: 'code', lang: 'brainfuck', html: '&lt;+&gt;' });
    expect(indented).toMatchObject({ kind: 'code', lang: '', code: 'plain <b>' });
  });

  it('highlights code nested in a list too', () => {
    const root = dom(renderMarkdown('- step\n\n  ```bash\n  echo hi\n  ```\n'));
    expect(root.querySelector('li pre.md-pre code.hljs')).toHaveTextContent('echo hi');
    expect(root.querySelector('.hljs-built_in')).toHaveTextContent('echo');
  });

  it('resolves reference links, and refuses unsafe ones', () => {
    const root = dom(
      renderMarkdown('[ok][1] and [bad][2]\n\n[1]: https://example.com\n[2]: javascript:alert(1)'),
    );
    const links = [...root.querySelectorAll('[data-href]')];
    expect(links.map((l) => l.getAttribute('data-href'))).toEqual(['https://example.com/']);
    expect(root.textContent).toContain('bad');
  });
});
