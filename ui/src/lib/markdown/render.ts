// Markdown to sanitized HTML, one top-level block at a time. Raw HTML is never parsed: it is
// shown as text. Links carry no href (nothing can navigate), and images are never fetched.
import { Lexer, Marked, type Token, type Tokens } from 'marked';
import { fenceLanguage, highlightCode, isKnownLanguage } from './highlight';
import { escapeHtml, safeLinkTarget } from './links';
import { sanitizeHtml } from './sanitize';
import type { CodeChunk, StreamingCode } from './streamingCode';

/** One rendered top-level block of a message. */
export interface RenderedBlock {
  /** Stable for the block's position in the message, so a list can be keyed by it. */
  key: string;
  /** `code` is a top-level code block, shown with a copy button; `html` is everything else. */
  kind: 'html' | 'code';
  /** Sanitized HTML: the whole block, or for `code` the highlighted code alone. */
  html: string;
  /** For `code`: the raw code, as copied. */
  code?: string;
  /** For `code`: the fence's language (its first word, lower-cased), or the empty string. */
  lang?: string;
  /**
   * For `code` still being typed: `html` in pieces, to be shown one after the other. The pieces
   * that stay are the same objects from one update to the next, so their DOM is kept.
   */
  chunks?: readonly CodeChunk[];
}

function linkElement(url: string, content: string): string {
  const safe = escapeHtml(url);
  return `<span class="md-link" role="link" tabindex="0" data-href="${safe}" title="${safe}">${content}</span>`;
}

const markdown = new Marked({ gfm: true, breaks: false, async: false });
markdown.use({
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag) {
      const text = escapeHtml(token.text);
      return token.block ? `<p class="md-raw">${text}</p>\n` : text;
    },
    link(token: Tokens.Link) {
      const content = token.autolink
        ? escapeHtml(token.text)
        : this.parser.parseInline(token.tokens);
      const target = safeLinkTarget(token.href);
      return target === null ? content : linkElement(target, content);
    },
    image(token: Tokens.Image) {
      const alt = escapeHtml(token.text);
      const target = safeLinkTarget(token.href);
      const url =
        target === null ? escapeHtml(token.href) : linkElement(target, escapeHtml(target));
      return `<span class="md-image" title="Image not loaded"><span class="md-image-label">image</span> ${alt ? `<span class="md-image-alt">${alt}</span> ` : ''}${url}</span>`;
    },
    checkbox(token: Tokens.Checkbox) {
      return `<span class="md-task${token.checked ? ' md-task-done' : ''}" role="checkbox" aria-checked="${token.checked}" aria-disabled="true" aria-label="${token.checked ? 'Done' : 'Not done'}"></span> `;
    },
    code(token: Tokens.Code) {
      const lang = fenceLanguage(token.lang);
      const known = isKnownLanguage(lang);
      return `<pre class="md-pre"><code class="hljs">${highlightCode(token.text, known ? lang : '')}</code></pre>\n`;
    },
    table(token: Tokens.Table) {
      const cell = (c: Tokens.TableCell) => {
        const tag = c.header ? 'th' : 'td';
        const align = c.align ? ` align="${c.align}"` : '';
        return `<${tag}${align}>${this.parser.parseInline(c.tokens)}</${tag}>`;
      };
      const head = `<thead><tr>${token.header.map(cell).join('')}</tr></thead>`;
      const rows = token.rows.map((row) => `<tr>${row.map(cell).join('')}</tr>`).join('');
      const body = rows ? `<tbody>${rows}</tbody>` : '';
      return `<div class="md-table-wrap"><table>${head}${body}</table></div>\n`;
    },
  },
});

/** A link reference definition, as the lexer records it. */
export type LinkDefs = Record<string, { href: string; title?: string | null }>;

/**
 * Lexes `src` into top-level tokens. `defs` are reference definitions from earlier text, so
 * `[x][ref]` resolves as it would in the whole message.
 */
export function lexBlocks(src: string, defs: LinkDefs = {}): { tokens: Token[]; defs: LinkDefs } {
  const lexer = new Lexer(markdown.defaults);
  Object.assign(lexer.tokens.links, defs);
  const tokens = lexer.lex(src);
  return { tokens: [...tokens], defs: { ...lexer.tokens.links } };
}

/** Reference definitions declared anywhere inside `token` (lists and quotes included). */
export function definitionsIn(token: Token): Tokens.Def[] {
  const found: Tokens.Def[] = [];
  void markdown.walkTokens([token], (t) => {
    if (t.type === 'def') found.push(t as Tokens.Def);
  });
  return found;
}

/** Renders one top-level token (never a `space`) into a block. */
export function renderToken(token: Token, key: string): RenderedBlock {
  if (token.type === 'code') {
    const { code, lang } = codeOf(token as Tokens.Code);
    return { key, kind: 'code', html: sanitizeHtml(highlightCode(code, lang)), code, lang };
  }
  return { key, kind: 'html', html: sanitizeHtml(markdown.parser([token])) };
}

/**
 * Renders a code block that is still being typed through `stream`, which highlights only what
 * changed since its last update. Its `html` is `renderToken`'s, but for where a line ending
 * inside a construct that spans lines is highlighted apart from the lines after it (see
 * StreamingCode).
 */
export function renderStreamingCode(
  token: Tokens.Code,
  key: string,
  stream: StreamingCode,
): RenderedBlock {
  const { code, lang } = codeOf(token);
  const chunks = stream.update(code, lang);
  return { key, kind: 'code', html: chunks.map((c) => c.html).join(''), code, lang, chunks };
}

function codeOf(token: Tokens.Code): { code: string; lang: string } {
  // Indented code keeps its trailing newline; nobody wants it copied.
  return { code: token.text.replace(/\n+$/, ''), lang: fenceLanguage(token.lang) };
}
