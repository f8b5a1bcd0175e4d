import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import type { Memory, MemoryStore } from '$lib/ipc/bindings';
import { ipcError } from '$lib/testing/ipcError';
import { scriptedBackend } from '$lib/testing/scriptedBackend';
import { MemoryEditor } from './memoryEditor.svelte';

const AT = '2026-12-07T10:00:00Z';
const store: MemoryStore = {
  id: 'memstore_1',
  type: 'memory_store',
  name: 'Notes',
  metadata: {},
  created_at: AT,
  updated_at: AT,
};
const memory = (content: string, sha: string): Memory => ({
  id: 'mem_1',
  memory_store_id: 'memstore_1',
  path: '/a.md',
  content,
  content_sha256: sha,
  content_size_bytes: content.length,
  memory_version_id: `memver_${sha}`,
  created_at: AT,
  updated_at: AT,
});

describe('editing a memory', () => {
  it('sends the content it read as a precondition and catches a change made elsewhere', async () => {
    const api = scriptedBackend();
    let current = memory('one', 'sha-one');
    api.on('memory_get', () => current);
    api.on('memory_versions_list', () => ({ data: [], next_page: null }));
    api.on('memory_update', (args) => {
      const request = args.request as {
        content: string;
        precondition?: { content_sha256: string };
      };
      if (request.precondition && request.precondition.content_sha256 !== current.content_sha256)
        return ipcError({
          code: 'Conflict',
          message: 'content_sha256 precondition failed',
          status: 409,
        });
      current = memory(request.content, `sha-${request.content}`);
      return current;
    });
    const editor = new MemoryEditor(store, memory('one', 'sha-one'));
    await editor.load();
    // An agent writes it meanwhile.
    current = memory('agent', 'sha-agent');
    editor.form.values.content = 'mine';
    flushSync();
    expect(await editor.save()).toBe(false);
    expect(editor.conflict).toBe(true);
    expect(editor.form.values.content).toBe('mine');
    expect(api.sent('memory_update')[0]?.request).toEqual({
      content: 'mine',
      precondition: { type: 'content_sha256', content_sha256: 'sha-one' },
    });

    // Reload shows the agent's text and keeps what was typed aside.
    await editor.reload();
    expect(editor.form.values.content).toBe('agent');
    expect(editor.kept).toBe('mine');
    expect(editor.conflict).toBe(false);

    // Overwrite sends no precondition.
    editor.form.values.content = 'mine again';
    flushSync();
    expect(await editor.save(true)).toBe(true);
    expect(api.sent('memory_update')[1]?.request).toEqual({ content: 'mine again' });
    expect(current.content).toBe('mine again');
  });

  it('names a path taken by another memory instead of calling it a conflict', async () => {
    const api = scriptedBackend();
    api.on('memory_versions_list', () => ({ data: [], next_page: null }));
    api.on('memory_update', () =>
      ipcError({ code: 'Conflict', message: 'a memory already exists at this path', status: 409 }),
    );
    const editor = new MemoryEditor(store, memory('one', 'sha-one'));
    editor.form.values.path = '/b.md';
    flushSync();
    expect(await editor.save()).toBe(false);
    expect(editor.conflict).toBe(false);
    expect(editor.error?.error.message).toBe('a memory already exists at this path');
  });
});
