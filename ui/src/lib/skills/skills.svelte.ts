// The Skills section: the workspace's and Anthropic's skills, a new skill from a folder or a
// .zip (checked in Rust before anything is sent, uploaded with progress), a skill's versions
// (add one, delete one) and deleting a skill (its versions first, as the API requires).
import { Channel } from '@tauri-apps/api/core';
import { call, commands } from '$lib/ipc/call';
import type {
  Skill,
  SkillCheck,
  SkillSourceKind,
  SkillVersion,
  TransferProgress,
} from '$lib/ipc/bindings';
import { toBackendError, type BackendError } from '$lib/ipc/errors';
import { transferId } from '$lib/files/transferId';
import { formatBytes } from '$lib/format/bytes';
import { typeOf } from '$lib/forms/json';
import { PagedList } from '$lib/lists/pagedList.svelte';

export type SourceFilter = 'all' | 'custom' | 'anthropic';

/** "Anthropic", "Custom", … of a skill's `source`. */
export function sourceLabel(skill: Skill): string {
  const type = typeOf(skill.source) ?? 'custom';
  const labels: Record<string, string> = {
    anthropic: 'Anthropic',
    custom: 'Custom',
    anthropic_example: 'Anthropic example',
    plugin: 'Plugin',
  };
  return labels[type] ?? type;
}

/** "12 files, 48.0 KB" of a checked skill. */
export function checkSummary(check: SkillCheck): string {
  return `${check.files} ${check.files === 1 ? 'file' : 'files'}, ${formatBytes(check.totalBytes)}`;
}

/** Choosing a folder or .zip, its check, and its upload with progress and cancel. */
export class SkillUpload {
  check = $state<SkillCheck | null>(null);
  choosing = $state(false);
  uploading = $state<{ id: string; done: number; total: number } | null>(null);
  error = $state<{ title: string; error: BackendError } | null>(null);

  get ready(): boolean {
    return this.check !== null && this.check.problems.length === 0 && this.uploading === null;
  }

  async choose(kind: SkillSourceKind): Promise<void> {
    this.choosing = true;
    this.error = null;
    try {
      const check = await call(commands.skillChooseSource(kind));
      if (check !== null) this.check = check;
    } catch (e) {
      this.error = { title: 'That skill could not be read', error: toBackendError(e) };
    } finally {
      this.choosing = false;
    }
  }

  /** Runs `send` with a transfer id and a progress channel; null if cancelled or failed. */
  async send<T>(
    failure: string,
    send: (id: string, progress: Channel<TransferProgress>) => Promise<T | null>,
  ): Promise<T | null> {
    const check = this.check;
    if (!check || !this.ready) return null;
    const id = transferId('skill');
    this.uploading = { id, done: 0, total: check.totalBytes };
    this.error = null;
    try {
      return await send(
        id,
        new Channel<TransferProgress>((p) => {
          if (this.uploading?.id === id) this.uploading = { id, ...p };
        }),
      );
    } catch (e) {
      this.error = { title: failure, error: toBackendError(e) };
      return null;
    } finally {
      this.uploading = null;
    }
  }

  cancel(): void {
    if (this.uploading) void commands.transferCancel(this.uploading.id);
  }
}

export class NewSkill {
  readonly upload = new SkillUpload();
  displayName = $state('');

  async create(): Promise<Skill | null> {
    const check = this.upload.check;
    if (!check) return null;
    const name = this.displayName.trim();
    return this.upload.send('The skill was not created', (id, progress) =>
      call(commands.skillCreate(check.path, name === '' ? null : name, id, progress)),
    );
  }
}

export class SkillPage {
  skill = $state<Skill>() as Skill;
  readonly versions: PagedList<SkillVersion>;
  readonly upload = new SkillUpload();
  addingVersion = $state(false);
  confirming = $state<{ kind: 'skill' } | { kind: 'version'; version: SkillVersion } | null>(null);
  busy = $state(false);
  notice = $state<string | null>(null);
  error = $state<{ title: string; error: BackendError } | null>(null);

  constructor(skill: Skill) {
    this.skill = skill;
    this.versions = new PagedList<SkillVersion>((page) =>
      call(commands.skillVersionsList(skill.id, page)),
    );
  }

  get custom(): boolean {
    return sourceLabel(this.skill) === 'Custom';
  }

  async addVersion(): Promise<void> {
    const check = this.upload.check;
    if (!check) return;
    const added = await this.upload.send('The version was not added', (id, progress) =>
      call(commands.skillVersionCreate(this.skill.id, check.path, id, progress)),
    );
    if (added === null) return;
    this.skill = { ...this.skill, latest_version_id: added.id };
    this.versions.items.unshift(added);
    this.notice = `Version ${added.id} added: ${added.name}.`;
    this.addingVersion = false;
    this.upload.check = null;
  }

  /** Deletes what waits for confirmation; resolves true when the skill itself is gone. */
  async confirm(): Promise<boolean> {
    const what = this.confirming;
    if (!what) return false;
    this.busy = true;
    this.error = null;
    try {
      if (what.kind === 'skill') {
        await call(commands.skillDelete(this.skill.id));
        return true;
      }
      await call(commands.skillVersionDelete(this.skill.id, what.version.id));
      this.versions.items = this.versions.items.filter((v) => v.id !== what.version.id);
      this.skill = { ...this.skill, latest_version_id: this.versions.items[0]?.id ?? null };
      this.notice = `Version ${what.version.id} deleted.`;
      return false;
    } catch (e) {
      const title =
        what.kind === 'skill' ? 'The skill was not deleted' : 'The version was not deleted';
      this.error = { title, error: toBackendError(e) };
      return false;
    } finally {
      this.busy = false;
      this.confirming = null;
    }
  }
}

export type SkillsScreen =
  { kind: 'list' } | { kind: 'new'; form: NewSkill } | { kind: 'skill'; page: SkillPage };

export class SkillsController {
  filter = $state<SourceFilter>('all');
  readonly list = new PagedList<Skill>((page) =>
    call(
      commands.skillsList({
        limit: 100,
        page,
        source: this.filter === 'all' ? null : this.filter,
      }),
    ),
  );
  screen = $state<SkillsScreen>({ kind: 'list' });
  notice = $state<string | null>(null);

  setFilter(filter: SourceFilter): void {
    this.filter = filter;
    void this.list.reload();
  }

  newSkill(): void {
    this.notice = null;
    this.screen = { kind: 'new', form: new NewSkill() };
  }

  open(skill: Skill): void {
    const page = new SkillPage(skill);
    this.screen = { kind: 'skill', page };
    void page.versions.reload();
  }

  back(notice: string | null = null): void {
    this.notice = notice;
    this.screen = { kind: 'list' };
    void this.list.reload();
  }

  async create(form: NewSkill): Promise<void> {
    const skill = await form.create();
    if (skill === null) return;
    this.notice = `Created ${skill.display_name ?? skill.id}.`;
    this.open(skill);
  }
}
