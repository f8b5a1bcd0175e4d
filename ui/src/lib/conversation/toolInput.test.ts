import { describe, expect, it } from 'vitest';
import { classifyToolInput, prettyJson, toolInputSummary } from './toolInput';

describe('classifyToolInput', () => {
  it('shows bash as its command', () => {
    const view = classifyToolInput('builtin', 'bash', { command: 'ls -la', timeout_ms: 5000 });
    expect(view).toEqual({ kind: 'command', command: 'ls -la', restart: false, timeoutMs: 5000 });
    expect(toolInputSummary(view)).toBe('ls -la');
  });

  it('shows a bash restart without a command', () => {
    const view = classifyToolInput('builtin', 'bash', { restart: true });
    expect(view).toMatchObject({ kind: 'command', command: '', restart: true });
    expect(toolInputSummary(view)).toBe('restart the shell');
  });

  it('shows edit as a replacement in a file', () => {
    const view = classifyToolInput('builtin', 'edit', {
      file_path: 'src/a.ts',
      old_string: 'a',
      new_string: 'b',
      replace_all: true,
    });
    expect(view).toEqual({
      kind: 'edit',
      path: 'src/a.ts',
      before: 'a',
      after: 'b',
      replaceAll: true,
    });
    expect(toolInputSummary(view)).toBe('src/a.ts');
  });

  it('shows write as a path and its content', () => {
    const view = classifyToolInput('builtin', 'write', { file_path: 'x.md', content: '# X\n' });
    expect(view).toEqual({ kind: 'write', path: 'x.md', content: '# X\n' });
  });

  it('shows read as a path with its range when there is one', () => {
    expect(classifyToolInput('builtin', 'read', { file_path: 'a.rs' })).toEqual({
      kind: 'read',
      path: 'a.rs',
      range: null,
    });
    const ranged = classifyToolInput('builtin', 'read', { file_path: 'a.rs', view_range: [3, 9] });
    expect(ranged).toEqual({ kind: 'read', path: 'a.rs', range: [3, 9] });
    expect(toolInputSummary(ranged)).toBe('a.rs:3–9');
    expect(classifyToolInput('builtin', 'read', { file_path: 'a', view_range: ['x'] })).toEqual({
      kind: 'read',
      path: 'a',
      range: null,
    });
  });

  it('shows glob and grep as a pattern and path', () => {
    const glob = classifyToolInput('builtin', 'glob', { pattern: '**/*.ts' });
    expect(glob).toEqual({ kind: 'pattern', tool: 'glob', pattern: '**/*.ts', path: null });
    const grep = classifyToolInput('builtin', 'grep', { pattern: 'TODO', path: 'src' });
    expect(grep).toEqual({ kind: 'pattern', tool: 'grep', pattern: 'TODO', path: 'src' });
    expect(toolInputSummary(grep)).toBe('TODO in src');
  });

  it('shows web_search as its query and web_fetch as its URL', () => {
    expect(classifyToolInput('builtin', 'web_search', { query: 'svelte 5' })).toEqual({
      kind: 'query',
      query: 'svelte 5',
    });
    expect(classifyToolInput('builtin', 'web_fetch', { url: 'https://example.com' })).toEqual({
      kind: 'url',
      url: 'https://example.com',
    });
  });

  it('shows MCP, custom and unknown tools as pretty JSON', () => {
    const input = { repo: 'a/b', n: 1 };
    expect(classifyToolInput('mcp', 'bash', input)).toEqual({
      kind: 'json',
      text: prettyJson(input),
    });
    expect(classifyToolInput('custom', 'lookup', input).kind).toBe('json');
    expect(classifyToolInput('builtin', 'teleport', input).kind).toBe('json');
    expect(prettyJson(input)).toBe('{\n  "repo": "a/b",\n  "n": 1\n}');
  });

  it('falls back to JSON when a built-in input has an unexpected shape', () => {
    expect(classifyToolInput('builtin', 'bash', { command: 42 }).kind).toBe('json');
    expect(classifyToolInput('builtin', 'edit', { file_path: 'a' }).kind).toBe('json');
    expect(classifyToolInput('builtin', 'write', 'text').kind).toBe('json');
    expect(classifyToolInput('builtin', 'read', null).kind).toBe('json');
    expect(classifyToolInput('builtin', 'web_fetch', { link: 'x' }).kind).toBe('json');
  });

  it('summarises on one short line', () => {
    const long = classifyToolInput('builtin', 'bash', { command: `echo ${'x'.repeat(300)}\nls` });
    const summary = toolInputSummary(long);
    expect(summary).not.toContain('\n');
    expect(summary.length).toBeLessThanOrEqual(120);
    expect(summary.endsWith('…')).toBe(true);
    expect(toolInputSummary(classifyToolInput('custom', 'noop', {}))).toBe('');
  });
});
