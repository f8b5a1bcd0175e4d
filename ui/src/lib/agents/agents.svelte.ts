// The Agents section: the paged list with its search, and which screen is open (the list, the
// form for a new agent or a new version, or an agent's version history).
import { call, commands } from '$lib/ipc/call';
import type { Agent } from '$lib/ipc/bindings';
import { LeaveConfirm } from '$lib/forms/leave.svelte';
import { PagedList } from '$lib/lists/pagedList.svelte';
import { AgentEditor } from './agentEditor.svelte';
import { AgentVersions } from './versions.svelte';

export type AgentsScreen =
  | { kind: 'list' }
  | { kind: 'form'; editor: AgentEditor }
  | { kind: 'versions'; versions: AgentVersions };

export const PAGE_SIZE = 20;

export class AgentsController {
  readonly list = new PagedList<Agent>((page, includeArchived) =>
    call(commands.agentsList({ page, limit: PAGE_SIZE, include_archived: includeArchived })),
  );
  search = $state('');
  screen = $state<AgentsScreen>({ kind: 'list' });
  /** A line about the last thing that happened ("Saved … as version 2"). */
  notice = $state<string | null>(null);

  /** The list narrowed to names containing the search text; the API has no name filter. */
  readonly visible: Agent[] = $derived.by(() => {
    const needle = this.search.trim().toLocaleLowerCase();
    if (needle === '') return this.list.items;
    return this.list.items.filter((a) => a.name.toLocaleLowerCase().includes(needle));
  });

  /** True while a form holds edits that were not saved. */
  get unsaved(): boolean {
    return this.screen.kind === 'form' && this.screen.editor.form.dirty;
  }

  readonly leave = new LeaveConfirm();

  showList(): void {
    this.screen = { kind: 'list' };
  }

  /** Back to the list, asking first if the form holds unsaved edits. */
  back(): void {
    this.leave.request(this.unsaved, () => this.showList());
  }

  /** The section's leave guard: true to let go now, else asks and runs `then` on discard. */
  allowLeave(then: () => void): boolean {
    if (!this.unsaved) return true;
    this.leave.request(true, () => {
      this.showList();
      then();
    });
    return false;
  }

  create(): void {
    this.#open(() => ({ kind: 'form', editor: new AgentEditor(null) }));
  }

  edit(agent: Agent): void {
    this.#open(() => ({ kind: 'form', editor: new AgentEditor(agent) }));
  }

  /** The version history; from a form with unsaved edits, only once the person agrees. */
  versions(agent: Agent): void {
    this.#open(() => ({ kind: 'versions', versions: new AgentVersions(agent) }));
  }

  #open(next: () => AgentsScreen): void {
    this.leave.request(this.unsaved, () => {
      this.notice = null;
      this.screen = next();
    });
  }

  /** Saves the open form; on success goes back to the list with the saved agent in it. */
  async save(editor: AgentEditor, overwrite = false): Promise<void> {
    const wasNew = editor.isNew;
    const saved = overwrite ? await editor.overwrite() : await editor.save();
    if (!saved) return;
    this.list.upsert(saved, (a, b) => a.id === b.id);
    this.notice = wasNew
      ? `Created “${saved.name}”.`
      : `Saved “${saved.name}” as version ${saved.version}.`;
    this.showList();
  }

  async archive(editor: AgentEditor): Promise<void> {
    const archived = await editor.archive();
    if (!archived) return;
    if (this.list.includeArchived) this.list.upsert(archived, (a, b) => a.id === b.id);
    else this.list.remove((a) => a.id === archived.id);
    this.notice = `Archived “${archived.name}”.`;
    this.showList();
  }
}
