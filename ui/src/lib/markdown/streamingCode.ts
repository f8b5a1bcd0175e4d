// A fenced code block that is still being typed. Highlighting it whole on every delta costs the
// size of the block (tens of milliseconds for a few hundred lines), and so does setting it as
// HTML again. Instead its lines are highlighted once, in chunks cut where highlight.js is back in
// the language's outermost mode, and only the lines after the last chunk are highlighted again.
import { highlightPart } from './highlight';
import { sanitizeHtml } from './sanitize';

/** Sanitized, highlighted HTML for a run of whole lines; the same object while it stays. */
export interface CodeChunk {
  readonly key: string;
  readonly html: string;
}

/** How many finished lines wait before a chunk is cut: fewer chunks, each update a bit more. */
const CHUNK_LINES = 8;

export class StreamingCode {
  private lang = '';
  private chunks: CodeChunk[] = [];
  /** The code the chunks cover: whole lines, each a settled place to cut. */
  private covered = '';
  /** Finished lines the tail had when a cut there was not settled; tried again with more. */
  private tried = 0;

  /** The chunks of `code`, the last one being the lines after the last cut. */
  update(code: string, lang: string): CodeChunk[] {
    if (lang !== this.lang || !code.startsWith(this.covered)) {
      this.lang = lang;
      this.chunks = [];
      this.covered = '';
      this.tried = 0;
    }
    let tail = code.slice(this.covered.length);
    const cut = tail.lastIndexOf('\n') + 1;
    const lines = lineCount(tail, cut);
    if (lines >= CHUNK_LINES && lines > this.tried) {
      const part = highlightPart(tail.slice(0, cut), lang);
      if (part.settled) {
        this.chunks.push({ key: `c${this.chunks.length}`, html: sanitizeHtml(part.html) });
        this.covered += tail.slice(0, cut);
        tail = tail.slice(cut);
        this.tried = 0;
      } else {
        this.tried = lines;
      }
    }
    const open = {
      key: `c${this.chunks.length}`,
      html: sanitizeHtml(highlightPart(tail, lang).html),
    };
    return [...this.chunks, open];
  }
}

function lineCount(text: string, end: number): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at >= 0 && at < end; at = text.indexOf('\n', at + 1)) count++;
  return count;
}
