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
    backend.on('skills_list', () => ({
      data: [
        { id: 'skill_01', type: 'skill', source: 'custom', display_name: 'Ours' },
        { id: 'pdf', type: 'skill', source: 'anthropic' },
      ],
      next_page: null,
    }));
    const catalog = new SkillCatalog();
    await catalog.load();
    expect(backend.sent('skills_list')).toEqual([{ query: { limit: 100 } }]);
    expect(catalog.known).toHaveLength(2);
    expect(catalog.custom.map((s) => s.id)).toEqual(['skill_01']);
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
