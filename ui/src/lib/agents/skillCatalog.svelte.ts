// The skills the workspace has, offered as suggestions while an agent's skills are typed. Only a
// help: when the list cannot be read, an id can still be typed.
import type { Skill } from '$lib/ipc/bindings';
import { call, commands } from '$lib/ipc/call';
import { toBackendError } from '$lib/ipc/errors';
import { typeOf } from '$lib/forms/json';
import { allPages } from '$lib/lists/allPages';

export class SkillCatalog {
  known = $state.raw<Skill[]>([]);
  /** Why the list could not be read, if it could not. */
  loadError = $state<string | null>(null);

  /** The workspace's own skills (not Anthropic's), which are typed by id. */
  readonly custom: Skill[] = $derived(this.known.filter((s) => typeOf(s.source) !== 'anthropic'));

  async load(): Promise<void> {
    this.loadError = null;
    try {
      this.known = await allPages((page) => call(commands.skillsList({ limit: 100, page })));
    } catch (e) {
      this.loadError = toBackendError(e).message;
    }
  }
}
