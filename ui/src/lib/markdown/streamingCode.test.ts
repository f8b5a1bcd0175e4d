import { describe, expect, it } from 'vitest';
import { highlightCode } from './highlight';
import { sanitizeHtml } from './sanitize';
import { StreamingCode } from './streamingCode';

// Code with constructs that span lines (docstrings, block comments, template literals, embedded
// markup), so chunks must not be cut inside them.
const SAMPLES: Record<string, string> = {
  python: Array.from(
    { length: 12 },
    (_, i) =>
      `def step_${i}(state, batch):\n    """Applies the batch.\n\n    Keeps the rest.\n    """\n` +
      `    total = sum(x for x in state if x != "${i}")  # inline\n    return total * ${i}\n`,
  ).join('\n'),
  typescript: Array.from(
    { length: 10 },
    (_, i) =>
      `/*\n * Block ${i}\n * spans lines\n */\nexport function f${i}(a: number): string {\n` +
      '  const t = `line one\n  line ${a}\n  line three`;\n' +
      `  return t + '${i}'; // done\n}\n`,
  ).join('\n'),
  javascript: Array.from(
    { length: 8 },
    (_, i) =>
      `const view${i} = (\n  <div className="row">\n    <span>{items[${i}]}</span>\n  </div>\n);\n` +
      `let n${i} = ${i};\nn${i} += 1;\nconsole.log(n${i});\n`,
  ).join('\n'),
  rust: Array.from(
    { length: 10 },
    (_, i) =>
      `/// Doc ${i}\nfn f${i}(x: &str) -> String {\n    let s = r#"raw\n    string"#;\n` +
      `    format!("{}{}", x, s) // ${i}\n}\n`,
  ).join('\n'),
  unknown: Array.from({ length: 40 }, (_, i) => `<b>line ${i}</b> & "quotes"`).join('\n'),
};

const LANGS: Record<string, string> = { unknown: 'nosuchlang' };

function whole(code: string, lang: string): string {
  return sanitizeHtml(highlightCode(code, lang));
}

describe('StreamingCode', () => {
  for (const [name, code] of Object.entries(SAMPLES)) {
    const lang = LANGS[name] ?? name;

    it(`shows ${name} code as highlighting it whole would, at every step`, () => {
      const stream = new StreamingCode();
      let chunks = stream.update('', lang);
      for (let end = 11; end < code.length; end += 11) {
        const prefix = code.slice(0, end).replace(/\n+$/, '');
        chunks = stream.update(prefix, lang);
        expect(chunks.map((c) => c.html).join(''), `${name} at ${end}`).toBe(whole(prefix, lang));
      }
      chunks = stream.update(code, lang);
      expect(chunks.map((c) => c.html).join('')).toBe(whole(code, lang));
      // Sanitizing in jsdom is slow; the limit is for a stuck run, not a speed check.
    }, 60_000);
  }

  it('keeps its finished chunks and highlights only the lines after them', () => {
    const code = SAMPLES.python!;
    const stream = new StreamingCode();
    const half = code.slice(0, code.length / 2);
    for (let end = 1; end < half.length; end += 5) stream.update(half.slice(0, end), 'python');
    const before = stream.update(half, 'python');
    expect(before.length).toBeGreaterThan(3);
    const next = stream.update(half + 'x = 1', 'python');
    // The same objects: the view keeps their DOM.
    for (let i = 0; i < before.length - 1; i++) expect(next[i]).toBe(before[i]);
    expect(next.at(-1)!.html.length).toBeLessThan(half.length / 3);
  });

  it('starts over when the language or the code before the last chunk changes', () => {
    const code = SAMPLES.rust!;
    const stream = new StreamingCode();
    stream.update(code, 'rust');
    expect(
      stream
        .update(code, 'go')
        .map((c) => c.html)
        .join(''),
    ).toBe(whole(code, 'go'));
    const edited = 'fn changed() {}\n' + code;
    expect(
      stream
        .update(edited, 'go')
        .map((c) => c.html)
        .join(''),
    ).toBe(whole(edited, 'go'));
  });

  it('cuts no chunk after embedded markup, whose state would carry on', () => {
    const jsx = SAMPLES.javascript!;
    const stream = new StreamingCode();
    const chunks = stream.update(jsx, 'javascript');
    // The first view opens embedded markup on its second line: nothing is cut from there on.
    expect(chunks).toHaveLength(1);
  });
});
