// The Environments section: the paged list and the open form.
import { call, commands } from '$lib/ipc/call';
import type { Environment } from '$lib/ipc/bindings';
import { LeaveConfirm } from '$lib/forms/leave.svelte';
import { PagedList } from '$lib/lists/pagedList.svelte';
import { EnvironmentEditor } from './environmentEditor.svelte';

export type EnvironmentsScreen = { kind: 'list' } | { kind: 'form'; editor: EnvironmentEditor };

const same = (a: Environment, b: Environment) => a.id === b.id;

export class EnvironmentsController {
  readonly list = new PagedList<Environment>((page, includeArchived) =>
    call(commands.environmentsList({ page, limit: 20, include_archived: includeArchived })),
  );
  screen = $state<EnvironmentsScreen>({ kind: 'list' });
  notice = $state<string | null>(null);
  readonly leave = new LeaveConfirm();

  get unsaved(): boolean {
    return this.screen.kind === 'form' && this.screen.editor.form.dirty;
  }

  showList(): void {
    this.screen = { kind: 'list' };
  }

  back(): void {
    this.leave.request(this.unsaved, () => this.showList());
  }

  allowLeave(then: () => void): boolean {
    if (!this.unsaved) return true;
    this.leave.request(true, () => {
      this.showList();
      then();
    });
    return false;
  }

  create(): void {
    this.notice = null;
    this.screen = { kind: 'form', editor: new EnvironmentEditor(null) };
  }

  edit(environment: Environment): void {
    this.notice = null;
    this.screen = { kind: 'form', editor: new EnvironmentEditor(environment) };
  }

  async save(editor: EnvironmentEditor): Promise<void> {
    const wasNew = editor.isNew;
    const saved = await editor.save();
    if (!saved) return;
    this.list.upsert(saved, same);
    this.notice = wasNew
      ? `Created “${saved.name}”.`
      : `Saved “${saved.name}”; new sessions get the change.`;
    this.showList();
  }

  async archive(editor: EnvironmentEditor): Promise<boolean> {
    const archived = await editor.archive();
    if (!archived) return false;
    if (this.list.includeArchived) this.list.upsert(archived, same);
    else this.list.remove((e) => e.id === archived.id);
    this.notice = `Archived “${archived.name}”.`;
    this.showList();
    return true;
  }

  async delete(editor: EnvironmentEditor): Promise<boolean> {
    const stored = editor.stored;
    if (!stored || !(await editor.delete())) return false;
    this.list.remove((e) => e.id === stored.id);
    this.notice = `Deleted “${stored.name}”.`;
    this.showList();
    return true;
  }
}
