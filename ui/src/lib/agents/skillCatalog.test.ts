import { beforeEach, describe, expect, it } from 'vitest';
import { ipcError } from '$lib/testing/ipcError';
import { scriptedBackend, type ScriptedBackend } from '$lib/testing/scriptedBackend';
import { SkillCatalog } from './skillCatalog.svelte';

let backend: ScriptedBackend;
beforeEach(() => {
  backend = scriptedBackend();
});

describe('SkillCatalog', () => {
  it('reads the skills and keeps the workspace’s own apart', async () => {
    backend.on('skills_list', (args) =>
      (args.query as { page: string | null }).page === null
        ? {
            data: [
              { id: 'skill_01', type: 'skill', source: 'custom', display_name: 'Ours' },
              { id: 'pdf', type: 'skill', source: 'anthropic' },
            ],
            next_page: 'p2',
          }
        : { data: [{ id: 'skill_02', type: 'skill', source: 'custom' }], next_page: null },
    );
    const catalog = new SkillCatalog();
    await catalog.load();
    // Every page: a workspace's own skills may be beyond the first 100.
    expect(backend.sent('skills_list')).toEqual([
      { query: { limit: 100, page: null } },
      { query: { limit: 100, page: 'p2' } },
    ]);
    expect(catalog.known).toHaveLength(3);
    expect(catalog.custom.map((s) => s.id)).toEqual(['skill_01', 'skill_02']);
    expect(catalog.loadError).toBeNull();
  });

  it('says why the list could not be read', async () => {
    backend.on('skills_list', () => ipcError({ code: 'Forbidden', message: 'No access' }));
    const catalog = new SkillCatalog();
    await catalog.load();
    expect(catalog.known).toEqual([]);
    expect(catalog.loadError).toBe('No access');
  });
});
