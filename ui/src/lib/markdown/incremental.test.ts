import { describe, expect, it } from 'vitest';
import { IncrementalMarkdown, renderMarkdown, type RenderedBlock } from './index';

const DOCS: Record<string, string> = {
  answer: [
    '## Plan',
    '',
    'I looked at `src/main.rs` and found **two** problems:',
    '',
    '1. The retry loop never backs off.',
    '2. Errors are *swallowed*:',
    '   - in `fetch()`',
    '   - in `parse()`',
    '',
    '```rust',
    'fn main() {',
    '    let x = 1;',
    '',
    '    println!("{x}");',
    '}',
    '```',
    '',
    'Then run:',
    '',
    '```bash',
    'cargo test --workspace',
    '```',
    '',
    '> Note: this takes a while.',
    '> Really.',
    '',
    '---',
    '',
    'Done. See [the docs](https://example.com/docs) or <https://example.com>.',
  ].join('\n'),
  table: [
    'Results',
    '=======',
    '',
    '| Test | Status | Time |',
    '|:-----|:------:|-----:|',
    '| unit | ✅ | 1.2s |',
    '| e2e | ❌ | 30s |',
    '',
    'Setext two',
    '----------',
    '',
    '- [x] build',
    '- [ ] deploy',
    '',
    '',
    '- loose item one',
    '',
    '- loose item two',
    '',
    '    indented code',
    '',
    'Trailing paragraph with ~~strike~~ and a footnote-like [ref].',
  ].join('\n'),
  fences: [
    'Here is a diff:',
    '~~~diff',
    '- old',
    '+ new',
    '~~~',
    '````markdown',
    '```js',
    'nested fence stays code',
    '```',
    '````',
    'Text right after a fence.',
    '```',
    'unlabelled',
    '```',
    '<div>raw html block</div>',
    '',
    'Inline <span>html</span> and a [ref link][r].',
    '',
    '[r]: https://example.com/ref',
    '',
    '* star list',
    '+ plus list',
    '',
    '```python',
    'print("an unclosed fence at the end")',
  ].join('\n'),
  references: [
    'The fix follows the upstream advice [1] and the [Guide][g].',
    '',
    '- see also [Straße] and [ spaced  label ]',
    '- and [not defined][nope]',
    '',
    '> quoted [1] reference',
    '',
    '```',
    '[1] inside code is not a link',
    '```',
    '',
    '[1]: https://example.com/one "One"',
    '[g]: <https://example.com/guide>',
    '[STRASSE]: https://example.com/strasse',
    '[spaced label]: https://example.com/spaced',
    '[1]: https://example.com/ignored-second-definition',
  ].join('\n'),
  crlf: '# Windows\r\n\r\nline one\r\nline two\r\n\r\n- a\r\n- b\r\n\r\n```\r\ncode\r\n```\r\n',
};

/** A small deterministic PRNG, so a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function splitPoints(length: number, next: () => number): number[] {
  const count = 1 + Math.floor(next() * 40);
  const points = Array.from({ length: count }, () => Math.floor(next() * length));
  return [...new Set([...points, length])].sort((a, b) => a - b);
}

describe('IncrementalMarkdown', () => {
  for (const [name, doc] of Object.entries(DOCS)) {
    it(`ends with the one-shot blocks for random splits of the ${name} document`, () => {
      const next = random(name.length * 7919);
      for (let run = 0; run < 12; run++) {
        const md = new IncrementalMarkdown();
        for (const point of splitPoints(doc.length, next)) {
          const prefix = doc.slice(0, point);
          // Every intermediate state matches too, so nothing flickers while streaming.
          expect(md.update(prefix), `${name} run ${run} at ${point}`).toEqual(
            renderMarkdown(prefix),
          );
        }
        expect(md.update(doc)).toEqual(renderMarkdown(doc));
      }
      // Sanitizing in jsdom is slow; the limit is for a stuck run, not a speed check.
    }, 60_000);

    it(`ends with the one-shot blocks fed one character at a time (${name})`, () => {
      const md = new IncrementalMarkdown();
      for (let i = 0; i <= doc.length; i++) md.update(doc.slice(0, i));
      expect(md.update(doc)).toEqual(renderMarkdown(doc));
    });
  }

  it('never renders or lexes a finished block again', () => {
    const head = '# One\n\nParagraph two.\n\n```js\nconst three = 3;\n```\n\n';
    const md = new IncrementalMarkdown();
    const first = md.update(head + 'F');
    expect(first).toHaveLength(4);
    const rendered = md.stats.renderedBlocks;
    const lexed = md.stats.lexedChars;

    let last = first;
    const tail = 'ourth paragraph, typed one character at a time.';
    for (let i = 1; i <= tail.length; i++) {
      last = md.update(head + 'F' + tail.slice(0, i));
      // The finished blocks are the very same objects: Svelte will not touch their DOM.
      expect(last.slice(0, 3)).toEqual(first.slice(0, 3));
      for (let b = 0; b < 3; b++) expect(last[b]).toBe(first[b]);
    }
    // One render per update, for the last block only.
    expect(md.stats.renderedBlocks - rendered).toBe(tail.length);
    // Each update lexed only the last block, never the finished ones.
    let expectedLexed = 0;
    for (let i = 1; i <= tail.length; i++) expectedLexed += 1 + i;
    expect(md.stats.lexedChars - lexed).toBe(expectedLexed);
    expect(last[3]?.html).toBe(`<p>F${tail}</p>\n`);
  });

  it('shows an open fence as code while it streams', () => {
    const md = new IncrementalMarkdown();
    const text = 'Intro\n\n```ts\nconst a = 1;\nconst b';
    for (let i = 'Intro\n\n```'.length; i <= text.length; i++) {
      const blocks = md.update(text.slice(0, i));
      expect(blocks.at(-1)?.kind).toBe('code');
    }
    expect(md.update(text).at(-1)).toMatchObject({ lang: 'ts', code: 'const a = 1;\nconst b' });
  });

  it('streams a code block in chunks, and renders it whole once streaming ends', () => {
    const code = Array.from(
      { length: 40 },
      (_, i) => `def f${i}(x):\n    """Doc ${i}.\n    """\n    return x * ${i}  # ${i}\n`,
    ).join('');
    const doc = `Here:\n\n\`\`\`python\n${code}\`\`\`\n\nDone, with **all** of it.`;
    const md = new IncrementalMarkdown();
    const withoutChunks = (blocks: RenderedBlock[]) =>
      blocks.map((block) => {
        const { chunks, ...rest } = block;
        return chunks === undefined ? block : rest;
      });
    let chunked = 0;
    for (let end = 1; end <= doc.length; end += 9) {
      const prefix = doc.slice(0, end);
      const blocks = md.update(prefix, true);
      chunked = Math.max(chunked, blocks.at(-1)?.chunks?.length ?? 0);
      expect(withoutChunks(blocks), `at ${end}`).toEqual(renderMarkdown(prefix));
    }
    expect(chunked).toBeGreaterThan(5);
    // The code block was finished while streaming, in chunks; the end renders it whole.
    expect(md.update(doc, true)[1]?.chunks).toBeDefined();
    expect(md.update(doc, false)).toEqual(renderMarkdown(doc));
  }, 60_000);

  it('starts over when the text is replaced rather than extended', () => {
    const md = new IncrementalMarkdown();
    md.update('# Old title\n\nold body\n\nmore');
    const replaced = md.update('# New title\n\nnew body');
    expect(replaced).toEqual(renderMarkdown('# New title\n\nnew body'));
    expect(md.update('')).toEqual([]);
  });

  it('re-renders earlier blocks when a later reference definition changes them', () => {
    const md = new IncrementalMarkdown();
    md.update('See [docs][d].\n\nMore text.\n\n');
    const doc = 'See [docs][d].\n\nMore text.\n\n[d]: https://example.com/docs';
    const blocks = md.update(doc);
    expect(blocks).toEqual(renderMarkdown(doc));
    expect(blocks[0]?.html).toContain('data-href="https://example.com/docs"');
  });

  it('resolves the references document the way marked does', () => {
    const html = renderMarkdown(DOCS.references!)
      .map((b) => b.html)
      .join('');
    for (const target of ['one', 'guide', 'strasse', 'spaced']) {
      expect(html).toContain(`data-href="https://example.com/${target}"`);
    }
    expect(html).not.toContain('ignored-second-definition');
  });

  it('does not start over while a list of reference definitions is typed at the end', () => {
    const body = Array.from({ length: 200 }, (_, i) => `Paragraph ${i} cites [${i % 5}].`).join(
      '\n\n',
    );
    const defs = Array.from({ length: 5 }, (_, i) => `[${i}]: https://example.com/${i}`).join('\n');
    const doc = `${body}\n\n${defs}`;
    const md = new IncrementalMarkdown();
    md.update(body + '\n\n');
    const lexed = md.stats.lexedChars;
    for (let i = 1; i <= defs.length; i++) md.update(`${body}\n\n${defs.slice(0, i)}`);
    expect(md.update(doc)).toEqual(renderMarkdown(doc));
    // Each change re-lexes the 40 paragraphs citing that label, never the whole message.
    expect(md.stats.lexedChars - lexed).toBeLessThan(defs.length * body.length * 0.3);
  });

  it('keeps the lexing of a long streamed message linear, not quadratic', () => {
    const section = (i: number) =>
      [
        `## Section ${i}`,
        '',
        `Paragraph ${i} explains the change in a sentence or two, with \`code\` and **bold**.`,
        '',
        '- first point',
        '- second point',
        '',
        '```ts',
        ...Array.from({ length: 8 }, (_, l) => `const v${l} = ${l} * ${i};`),
        '```',
        '',
      ].join('\n');
    const lines: string[] = [];
    for (let i = 0; lines.length < 10_000; i++) lines.push(...section(i).split('\n'));
    const doc = lines.slice(0, 10_000).join('\n');
    const deltas = 2000;
    const md = new IncrementalMarkdown();
    for (let d = 1; d <= deltas; d++)
      md.update(doc.slice(0, Math.round((doc.length * d) / deltas)));
    expect(md.stats.lexedChars).toBeLessThan(20 * doc.length);
    expect(md.update(doc)).toEqual(renderMarkdown(doc));
  }, 120_000);
});
