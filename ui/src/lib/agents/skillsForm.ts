// Skills attached to an agent: Anthropic's by short name (xlsx, docx, pptx, pdf), custom ones by
// `skill_…` id, each at a version or `latest`.
import type { Value } from '$lib/ipc/bindings';
import type { FieldErrors } from '$lib/forms/fieldErrors';
import { asString, extraKeys, field, type JsonObject } from '$lib/forms/json';

export const SKILLS_MAX = 20;
export const ANTHROPIC_SKILLS = ['xlsx', 'docx', 'pptx', 'pdf'] as const;
export type SkillType = 'anthropic' | 'custom';

export interface SkillRow {
  type: SkillType;
  skillId: string;
  /** A version, `latest`, or empty to let the API choose (it defaults to `latest`). */
  version: string;
  extra: JsonObject;
}

export function emptySkill(): SkillRow {
  return { type: 'anthropic', skillId: '', version: '', extra: {} };
}

export function skillFromWire(skill: Value): SkillRow {
  const version = field(skill, 'version');
  return {
    type: field(skill, 'type') === 'custom' ? 'custom' : 'anthropic',
    skillId: asString(field(skill, 'skill_id')) ?? '',
    // Versions are strings in the SDK; a number from a hand-written file is read as its text.
    version: typeof version === 'number' ? String(version) : (asString(version) ?? ''),
    extra: extraKeys(skill, ['type', 'skill_id', 'version']),
  };
}

export function skillToWire(row: SkillRow): Value {
  const out: JsonObject = { type: row.type, ...row.extra, skill_id: row.skillId.trim() };
  if (row.version.trim() !== '') out.version = row.version.trim();
  return out;
}

export function validateSkills(rows: readonly SkillRow[], errors: FieldErrors): void {
  if (rows.length > SKILLS_MAX) errors.skills = `At most ${SKILLS_MAX} skills per agent.`;
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const at = `skills.${i}.skillId`;
    const id = row.skillId.trim();
    if (id === '') errors[at] = 'Pick a skill.';
    else if (row.type === 'custom' && !id.startsWith('skill_'))
      errors[at] = 'Custom skill ids start with skill_.';
    else if (seen.has(`${row.type}:${id}`)) errors[at] = 'This skill is already attached.';
    seen.add(`${row.type}:${id}`);
    if (/\s/.test(row.version.trim())) errors[`skills.${i}.version`] = 'A version has no spaces.';
  });
}
