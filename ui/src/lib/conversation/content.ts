/**
 * Content blocks as a person reads them. Blocks come from the API untyped at the
 * edges (unknown block and source types are kept as raw JSON), so `viewBlock` checks every field
 * it uses and turns anything unexpected into JSON text.
 */
import type { ContentBlock, RetryStatus, Value } from '$lib/ipc/bindings';
import { formatCount } from '$lib/format/count';
import { prettyJson } from './toolInput';

export type MediaView =
  | { kind: 'base64'; mediaType: string; data: string }
  | { kind: 'text'; mediaType: string; data: string }
  | { kind: 'url'; url: string }
  | { kind: 'file'; fileId: string }
  | { kind: 'unknown'; json: string };

export type BlockView =
  | { kind: 'text'; text: string }
  | { kind: 'image'; source: MediaView }
  | { kind: 'document'; title: string | null; context: string | null; source: MediaView }
  | { kind: 'search_result'; title: string; url: string; snippet: string }
  | { kind: 'redacted' }
  | { kind: 'unknown'; json: string };

type Fields = { [key in string]: Value };

function fields(value: Value): Fields | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : null;
}

function str(f: Fields, key: string): string | null {
  const value = f[key];
  return typeof value === 'string' ? value : null;
}

function media(value: Value | undefined): MediaView {
  const f = value === undefined ? null : fields(value);
  if (f !== null) {
    const type = str(f, 'type');
    const data = str(f, 'data');
    const mediaType = str(f, 'media_type') ?? '';
    if (type === 'base64' && data !== null) return { kind: 'base64', mediaType, data };
    if (type === 'text' && data !== null) return { kind: 'text', mediaType, data };
    const url = str(f, 'url');
    if (type === 'url' && url !== null) return { kind: 'url', url };
    const fileId = str(f, 'file_id');
    if (type === 'file' && fileId !== null) return { kind: 'file', fileId };
  }
  return { kind: 'unknown', json: prettyJson(value ?? null) };
}

/** The block as one of the shapes the view knows, with every field checked. */
export function viewBlock(block: ContentBlock): BlockView {
  const f = fields(block);
  if (f === null) return { kind: 'unknown', json: prettyJson(block) };
  switch (f.type) {
    case 'text': {
      const text = str(f, 'text');
      if (text !== null) return { kind: 'text', text };
      break;
    }
    case 'image':
      return { kind: 'image', source: media(f.source) };
    case 'document':
      return {
        kind: 'document',
        title: str(f, 'title'),
        context: str(f, 'context'),
        source: media(f.source),
      };
    case 'search_result': {
      const inner = Array.isArray(f.content) ? (f.content as ContentBlock[]) : [];
      return {
        kind: 'search_result',
        title: str(f, 'title') ?? '',
        url: str(f, 'source') ?? '',
        snippet: textOf(inner),
      };
    }
    case 'redacted':
      return { kind: 'redacted' };
  }
  return { kind: 'unknown', json: prettyJson(block) };
}

/** The text blocks joined by blank lines; other blocks are left out. */
export function textOf(blocks: readonly ContentBlock[]): string {
  const texts: string[] = [];
  for (const block of blocks) {
    const view = viewBlock(block);
    if (view.kind === 'text') texts.push(view.text);
  }
  return texts.join('\n\n');
}

/** A short name for a block that is not text ("Image (image/png)", "Document: Report"). */
export function blockLabel(view: BlockView): string {
  switch (view.kind) {
    case 'text':
      return 'Text';
    case 'image':
      return `Image${sourceNote(view.source)}`;
    case 'document':
      return `${view.title ? `Document: ${view.title}` : 'Document'}${sourceNote(view.source)}`;
    case 'search_result':
      return `Search result: ${view.title || view.url}`;
    case 'redacted':
      return 'Content withheld';
    case 'unknown':
      return 'Unknown content';
  }
}

function sourceNote(source: MediaView): string {
  switch (source.kind) {
    case 'base64':
    case 'text':
      return source.mediaType ? ` (${source.mediaType})` : '';
    case 'url':
      return ' (link)';
    case 'file':
      return ` (${source.fileId})`;
    case 'unknown':
      return '';
  }
}

/** Image types a web view shows safely from a `blob:` URL. */
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

export function isShownImageType(mediaType: string): boolean {
  return IMAGE_TYPES.has(mediaType.toLowerCase());
}

/** Base64 to bytes, or `null` when the data is not base64. */
export function decodeBase64(data: string): Uint8Array<ArrayBuffer> | null {
  try {
    const binary = atob(data.replace(/\s+/g, ''));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

/** About how many bytes a base64 string holds. */
export function base64Size(data: string): number {
  const clean = data.replace(/\s+/g, '');
  const padding = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((clean.length * 3) / 4) - padding);
}

export interface ClippedText {
  /** The beginning when clipped, else the whole text. */
  shown: string;
  /** How many lines the whole text has. */
  lines: number;
  clipped: boolean;
  /** What the button that shows the rest says. */
  more: string;
}

/**
 * The first `max` lines of a long text (a text at most `max + 5` lines long is kept whole), and
 * at most `maxChars` characters of it, so that one enormous line does not fill the view either.
 */
export function clipLines(text: string, max = 20, maxChars = 4000): ClippedText {
  const all = text.split('\n');
  // A trailing newline is not a line of its own for a person counting lines.
  const lines = all.length > 1 && all[all.length - 1] === '' ? all.length - 1 : all.length;
  if (lines > max + 5) {
    const shown = all.slice(0, max).join('\n');
    return {
      shown: shown.length > maxChars ? shown.slice(0, maxChars) : shown,
      lines,
      clipped: true,
      more: `Show all ${formatCount(lines)} lines`,
    };
  }
  if (text.length > maxChars + 500) {
    return {
      shown: text.slice(0, maxChars),
      lines,
      clipped: true,
      more: `Show all ${formatCount(text.length)} characters`,
    };
  }
  return { shown: text, lines, clipped: false, more: '' };
}

/** What a session error's retry status means for the person waiting. */
export function retryStatusText(status: RetryStatus | null | undefined): string {
  const type = status?.type;
  switch (type) {
    case 'retrying':
      return 'Retrying automatically';
    case 'exhausted':
      return 'Retries exhausted: this turn ended, you can send a new message';
    case 'terminal':
      return 'The session will terminate';
    case undefined:
      return '';
    default:
      return `Retry status: ${type}`;
  }
}

/** "model_overloaded_error" → "Model overloaded". */
export function errorTypeLabel(type: string): string {
  const words = type
    .replace(/_error$/, '')
    .replace(/_/g, ' ')
    .trim();
  if (words === '') return 'Error';
  // Acronyms keep their capitals: "MCP connection failed", not "Mcp connection failed".
  const spelled = words.replace(/\b(mcp|api|url)\b/g, (word) => word.toUpperCase());
  return spelled.charAt(0).toUpperCase() + spelled.slice(1);
}
