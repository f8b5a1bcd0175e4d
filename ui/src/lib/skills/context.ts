import { getContext, setContext } from 'svelte';
import type { SkillsController } from './skills.svelte';

const KEY = Symbol('skills');

export function setSkills(skills: SkillsController): SkillsController {
  return setContext(KEY, skills);
}

export function getSkills(): SkillsController {
  return getContext<SkillsController>(KEY);
}
