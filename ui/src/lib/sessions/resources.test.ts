import { describe, expect, it } from 'vitest';
import type { FileMetadata, SessionResource } from '$lib/ipc/bindings';
import { mountPathProblem, viewOf } from './resources.svelte';

const files: FileMetadata[] = [
  {
    id: 'file_1',
    filename: 'spec.md',
    mime_type: 'text/markdown',
    size_bytes: 6,
    created_at: '2026-12-08T00:00:00Z',
  },
];

describe('session resources', () => {
  it('takes an empty mount path (the default) or an absolute one, and says why not otherwise', () => {
    expect(mountPathProblem('')).toBeNull();
    expect(mountPathProblem('/mnt/session/uploads/spec.md')).toBeNull();
    expect(mountPathProblem('docs/spec.md')).toContain('starts with /');
    expect(mountPathProblem('/mnt/../etc/passwd')).toContain('..');
  });

  it('names each resource as a person knows it, and knows which can be removed', () => {
    const file = {
      type: 'file',
      id: 'sesrsc_1',
      file_id: 'file_1',
      mount_path: '/m',
      created_at: '',
      updated_at: '',
    } as SessionResource;
    const repo = {
      type: 'github_repository',
      id: 'sesrsc_2',
      url: 'https://github.com/o/r',
      mount_path: '/workspace/r',
      created_at: '',
      updated_at: '',
    } as SessionResource;
    const store = { type: 'memory_store', memory_store_id: 'memstore_1' } as SessionResource;
    expect(viewOf(file, files).label).toBe('spec.md');
    expect(viewOf(file, []).label).toBe('file_1');
    expect(viewOf(repo, files)).toMatchObject({
      label: 'https://github.com/o/r',
      mountPath: '/workspace/r',
    });
    expect(viewOf(store, files)).toMatchObject({ label: 'memstore_1', id: null });
    expect([file, repo, store].map((r) => viewOf(r, files).id)).toEqual([
      'sesrsc_1',
      'sesrsc_2',
      null,
    ]);
    expect(viewOf('odd', files)).toMatchObject({ type: 'unknown', id: null });
  });
});
