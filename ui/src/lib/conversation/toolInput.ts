/**
 * How a tool call's input is shown to a person. Built-in tools have known input shapes (API
 * reference §3.1); anything else, or a built-in input that does not match its shape, is shown as
 * pretty JSON. The input is untrusted model output: callers render every string as text.
 */
import type { Value } from '$lib/ipc/bindings';
import type { ToolKind } from './state';

export type ToolInputView =
  /** `bash`: the command, as typed at a prompt. */
  | { kind: 'command'; command: string; restart: boolean; timeoutMs: number | null }
  /** `edit`: a replacement in one file. */
  | { kind: 'edit'; path: string; before: string; after: string; replaceAll: boolean }
  /** `write`: a whole file. */
  | { kind: 'write'; path: string; content: string }
  /** `read`: a file, optionally a line range. */
  | { kind: 'read'; path: string; range: [number, number] | null }
  /** `glob` and `grep`: a pattern, optionally under a path. */
  | { kind: 'pattern'; tool: 'glob' | 'grep'; pattern: string; path: string | null }
  /** `web_search`. */
  | { kind: 'query'; query: string }
  /** `web_fetch`: shown as text, never loaded. */
  | { kind: 'url'; url: string }
  /** MCP, custom and unknown tools, and inputs of an unexpected shape. */
  | { kind: 'json'; text: string };

type Fields = { [key in string]: Value };

function fields(input: Value): Fields | null {
  return typeof input === 'object' && input !== null && !Array.isArray(input) ? input : null;
}

function str(f: Fields, key: string): string | null {
  const value = f[key];
  return typeof value === 'string' ? value : null;
}

function num(f: Fields, key: string): number | null {
  const value = f[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Two-space JSON, or the value as a string if it cannot be serialised. */
export function prettyJson(value: Value): string {
  try {
    return JSON.stringify(value, null, 2) ?? 'null';
  } catch {
    // Only a cycle gets here, which JSON from the API cannot have.
    return '(a value that cannot be shown)';
  }
}

function builtin(name: string, f: Fields): ToolInputView | null {
  switch (name) {
    case 'bash': {
      const command = str(f, 'command');
      const restart = f.restart === true;
      if (command === null && !restart) return null;
      return { kind: 'command', command: command ?? '', restart, timeoutMs: num(f, 'timeout_ms') };
    }
    case 'edit': {
      const path = str(f, 'file_path');
      const before = str(f, 'old_string');
      const after = str(f, 'new_string');
      if (path === null || before === null || after === null) return null;
      return { kind: 'edit', path, before, after, replaceAll: f.replace_all === true };
    }
    case 'write': {
      const path = str(f, 'file_path');
      const content = str(f, 'content');
      if (path === null || content === null) return null;
      return { kind: 'write', path, content };
    }
    case 'read': {
      const path = str(f, 'file_path');
      if (path === null) return null;
      const range = f.view_range;
      const valid =
        Array.isArray(range) &&
        range.length === 2 &&
        range.every((n) => typeof n === 'number' && Number.isFinite(n));
      return { kind: 'read', path, range: valid ? [range[0] as number, range[1] as number] : null };
    }
    case 'glob':
    case 'grep': {
      const pattern = str(f, 'pattern');
      if (pattern === null) return null;
      return { kind: 'pattern', tool: name, pattern, path: str(f, 'path') };
    }
    case 'web_search': {
      const query = str(f, 'query');
      return query === null ? null : { kind: 'query', query };
    }
    case 'web_fetch': {
      const url = str(f, 'url');
      return url === null ? null : { kind: 'url', url };
    }
    default:
      return null;
  }
}

/** Classifies a call's input; only built-in tools get a special view. */
export function classifyToolInput(tool: ToolKind, name: string, input: Value): ToolInputView {
  const f = fields(input);
  const view = tool === 'builtin' && f !== null ? builtin(name, f) : null;
  return view ?? { kind: 'json', text: prettyJson(input) };
}

const SUMMARY_LENGTH = 120;

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > SUMMARY_LENGTH ? `${line.slice(0, SUMMARY_LENGTH - 1)}…` : line;
}

/** One line that names what the call does, for its collapsed header ("" when nothing fits). */
export function toolInputSummary(view: ToolInputView): string {
  switch (view.kind) {
    case 'command':
      return view.command === '' ? 'restart the shell' : oneLine(view.command);
    case 'edit':
    case 'write':
      return oneLine(view.path);
    case 'read':
      return oneLine(view.range ? `${view.path}:${view.range[0]}–${view.range[1]}` : view.path);
    case 'pattern':
      return oneLine(view.path ? `${view.pattern} in ${view.path}` : view.pattern);
    case 'query':
      return oneLine(view.query);
    case 'url':
      return oneLine(view.url);
    case 'json':
      return view.text === '{}' ? '' : oneLine(view.text);
  }
}
