// A fenced code block that is still being typed. Highlighting it whole on every delta costs the
// size of the block (tens of milliseconds for a few hundred lines), and so does setting it as
// HTML again. Instead its lines are highlighted once, in chunks, and only the lines after the
// last chunk are highlighted again.
//
// A chunk is cut before the last finished line of the tail, where highlight.js is back in the
// language's outermost mode, and only if highlighting the chunk and the rest apart gives what
// highlighting them together does: a pattern may look past the end of a line (a call whose
// parenthesis opens the next line, JSX after `(`), and the line after the cut shows it. A
// pattern that reaches further (past a blank line, or into a token still being typed) can be
// shown apart while streaming; the first render after streaming highlights the block whole.
import { highlightPart } from './highlight';
import { sanitizeHtml } from './sanitize';

/** Sanitized, highlighted HTML for a run of whole lines; the same object while it stays. */
export interface CodeChunk {
  readonly key: string;
  readonly html: string;
}

export class StreamingCode {
  private lang = '';
  private chunks: CodeChunk[] = [];
  /** The code the chunks cover: whole lines. */
  private covered = '';
  /** Finished lines the tail had when no cut could be made; tried again with more. */
  private tried = 0;

  /** The chunks of `code`, the last one being the lines after the last cut. */
  update(code: string, lang: string): CodeChunk[] {
    if (lang !== this.lang || !code.startsWith(this.covered)) {
      this.lang = lang;
      this.chunks = [];
      this.covered = '';
      this.tried = 0;
    }
    const tail = code.slice(this.covered.length);
    const whole = highlightPart(tail, lang);
    let open = whole.html;
    const lines = lineCount(tail);
    if (lines >= 2 && lines > this.tried) {
      // The start of the last finished line: what comes after it is the context for the check.
      const cut = tail.lastIndexOf('\n', tail.lastIndexOf('\n') - 1) + 1;
      const head = highlightPart(tail.slice(0, cut), lang);
      const rest = highlightPart(tail.slice(cut), lang);
      if (head.settled && head.html + rest.html === whole.html) {
        this.chunks.push({ key: `c${this.chunks.length}`, html: sanitizeHtml(head.html) });
        this.covered += tail.slice(0, cut);
        open = rest.html;
        this.tried = 0;
      } else {
        this.tried = lines;
      }
    }
    return [...this.chunks, { key: `c${this.chunks.length}`, html: sanitizeHtml(open) }];
  }
}

function lineCount(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
  return count;
}
