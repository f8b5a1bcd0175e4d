import { describe, expect, it } from 'vitest';
import type { Skill, SkillCheck } from '$lib/ipc/bindings';
import { checkSummary, sourceLabel } from './skills.svelte';

function skill(source: string): Skill {
  return {
    id: 'skill_1',
    display_name: 'Notes',
    source: { type: source },
    created_at: '2026-12-08T00:00:00Z',
    updated_at: '2026-12-08T00:00:00Z',
  };
}

describe('skills', () => {
  it('names where a skill comes from', () => {
    expect(sourceLabel(skill('anthropic'))).toBe('Anthropic');
    expect(sourceLabel(skill('custom'))).toBe('Custom');
    expect(sourceLabel(skill('plugin'))).toBe('Plugin');
    expect(sourceLabel(skill('something_new'))).toBe('something_new');
  });

  it('sums up a checked folder', () => {
    const check: SkillCheck = {
      path: '/home/me/release-notes',
      root: 'release-notes',
      files: 3,
      totalBytes: 48 * 1024,
      name: 'release-notes',
      description: 'Writes release notes.',
      problems: [],
    };
    expect(checkSummary(check)).toBe('3 files, 48.0 KB');
    expect(checkSummary({ ...check, files: 1, totalBytes: 3 * 1024 * 1024 })).toBe(
      '1 file, 3.0 MB',
    );
  });
});
