// Streaming markdown: a message grows by small appends, so only its last top-level block can
// still change. Blocks before it are rendered once and kept; each update lexes the text from the
// start of the last block onward.
import type { Token, Tokens } from 'marked';
import {
  definitionsIn,
  lexBlocks,
  renderStreamingCode,
  renderToken,
  type LinkDefs,
  type RenderedBlock,
} from './render';
import { StreamingCode } from './streamingCode';

/** Counters for tests: how much work the updates did. */
export interface MarkdownStats {
  /** Characters handed to the lexer, summed over all updates. */
  lexedChars: number;
  /** Blocks rendered (parsed to HTML, highlighted and sanitized), summed over all updates. */
  renderedBlocks: number;
}

function normalize(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/** Tokens that show nothing: blank lines and reference definitions. */
function isVisible(token: Token): boolean {
  return token.type !== 'space' && token.type !== 'def';
}

/** A block's text folded the way marked folds reference labels, so a label can be found in it. */
function labelText(raw: string): string {
  return raw
    .replace(/\s+/g, ' ')
    .toLowerCase()
    .toUpperCase()
    .toLowerCase()
    .replace(/\[ /g, '[')
    .replace(/ \]/g, ']');
}

/** Labels whose definition differs between `a` and `b`. */
function changedLabels(a: LinkDefs, b: LinkDefs): string[] {
  const labels = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...labels].filter((l) => JSON.stringify(a[l]) !== JSON.stringify(b[l]));
}

function signature(defs: LinkDefs): string {
  return JSON.stringify(Object.entries(defs).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Renders a whole message at once. */
export function renderMarkdown(text: string): RenderedBlock[] {
  const { tokens } = lexBlocks(normalize(text));
  return tokens.filter(isVisible).map((token, i) => renderToken(token, `b${i}`));
}

/**
 * One per message. `update(text)` returns the message's blocks; blocks before the last one are
 * cached and never lexed or rendered again while the text keeps growing by appends.
 *
 * While `streaming`, code blocks are rendered through `StreamingCode`, which highlights only the
 * lines typed since the last update; the first update that is not streaming renders them whole.
 */
export class IncrementalMarkdown {
  readonly stats: MarkdownStats = { lexedChars: 0, renderedBlocks: 0 };
  private text = '';
  private blocks: RenderedBlock[] = [];
  /** Finished blocks, in order, with their source text as a label match sees it. */
  private frozen: RenderedBlock[] = [];
  private frozenSource: { raw: string; labels: string }[] = [];
  /** Length of the text the finished blocks (and blank lines between them) cover. */
  private frozenEnd = 0;
  /** Reference definitions declared inside the finished text, first one winning. */
  private frozenDefs: LinkDefs = {};
  /** The definitions the finished blocks were rendered with: all of the text's, then. */
  private renderedDefs: LinkDefs = {};
  /** The open blocks of the last update, by key, to skip rendering an unchanged one. */
  private open = new Map<string, { raw: string; block: RenderedBlock }>();
  private streaming = false;
  /** Code blocks rendered while streaming, by key. */
  private streams = new Map<string, StreamingCode>();
  /** Finished code blocks rendered while streaming, by index in `frozen`: rendered whole later. */
  private streamed = new Map<number, Token>();

  update(next: string, streaming = false): RenderedBlock[] {
    const text = normalize(next);
    const ended = this.streaming && !streaming;
    this.streaming = streaming;
    if (text === this.text && this.stats.lexedChars > 0 && !ended) return this.blocks;
    if (!text.startsWith(this.text)) this.restart();
    this.text = text;
    if (ended) this.renderStreamedWhole();
    this.relex();
    return this.blocks;
  }

  private restart() {
    this.frozen = [];
    this.frozenSource = [];
    this.frozenEnd = 0;
    this.frozenDefs = {};
    this.renderedDefs = {};
    this.open.clear();
    this.streams.clear();
    this.streamed.clear();
  }

  private renderStreamedWhole() {
    for (const [i, token] of this.streamed) {
      this.stats.renderedBlocks++;
      this.frozen[i] = renderToken(token, `b${i}`);
    }
    this.streamed.clear();
    this.streams.clear();
  }

  private relex() {
    const src = this.text.slice(this.frozenEnd);
    this.stats.lexedChars += src.length;
    const { tokens, defs } = lexBlocks(src, this.frozenDefs);
    const defsNow = signature(defs);
    if (defsNow !== signature(this.renderedDefs) && !this.refreshReferences(defs)) {
      this.restart();
      this.relex();
      return;
    }

    let last = tokens.length - 1;
    while (last >= 0 && tokens[last]?.type === 'space') last--;
    const open: Token[] = [];
    let offset = this.frozenEnd;
    let freezing = true;
    for (const [i, token] of tokens.entries()) {
      // A token whose raw text is not exactly the source at its place (the lexer merged or
      // trimmed something) stops freezing: from there on, everything is lexed again next time.
      freezing &&= i < last && this.text.startsWith(token.raw, offset);
      if (!freezing) {
        if (isVisible(token)) open.push(token);
        continue;
      }
      offset += token.raw.length;
      this.frozenEnd = offset;
      for (const def of definitionsIn(token)) {
        this.frozenDefs[def.tag] ??= { href: def.href, title: def.title };
      }
      if (isVisible(token)) {
        const block = this.render(token, `b${this.frozen.length}`, defsNow);
        if (block.chunks) this.streamed.set(this.frozen.length, token);
        this.streams.delete(block.key);
        this.frozen.push(block);
        this.frozenSource.push({ raw: token.raw, labels: labelText(token.raw) });
      }
    }
    this.renderedDefs = defs;

    const openBlocks = open.map((token, i) =>
      this.render(token, `b${this.frozen.length + i}`, defsNow),
    );
    this.open = new Map(
      openBlocks.map((block, i) => [block.key, { raw: this.cacheKey(open[i]!, defsNow), block }]),
    );
    this.blocks = [...this.frozen, ...openBlocks];
  }

  /**
   * A reference definition further down was added or changed (typically a `[1]: https://…`
   * list being typed at the end). Only the finished blocks that mention a changed label are
   * lexed and rendered again, each on its own. False when that cannot be done exactly, and
   * the caller starts over.
   */
  private refreshReferences(defs: LinkDefs): boolean {
    const changed = changedLabels(this.renderedDefs, defs);
    if (changed.some((label) => /[\\[\]]/.test(label))) return false;
    for (const [i, source] of this.frozenSource.entries()) {
      if (!changed.some((label) => source.labels.includes(`[${label}]`))) continue;
      this.stats.lexedChars += source.raw.length;
      const visible = lexBlocks(source.raw, defs).tokens.filter(isVisible);
      if (visible.length !== 1 || visible[0]?.raw !== source.raw) return false;
      this.stats.renderedBlocks++;
      this.frozen[i] = renderToken(visible[0], `b${i}`);
      this.streamed.delete(i);
    }
    return true;
  }

  private render(token: Token, key: string, defs: string): RenderedBlock {
    const previous = this.open.get(key);
    if (previous && previous.raw === this.cacheKey(token, defs)) return previous.block;
    this.stats.renderedBlocks++;
    if (!this.streaming || token.type !== 'code') return renderToken(token, key);
    let stream = this.streams.get(key);
    if (!stream) this.streams.set(key, (stream = new StreamingCode()));
    return renderStreamingCode(token as Tokens.Code, key, stream);
  }

  /** What makes an open block render the same again: its text, the definitions, the mode. */
  private cacheKey(token: Token, defs: string): string {
    const streamed = this.streaming && token.type === 'code';
    return token.raw + '\u0000' + defs + (streamed ? '\u0000streamed' : '');
  }
}
