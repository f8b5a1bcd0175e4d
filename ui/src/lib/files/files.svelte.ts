// The Files section: the paged list of uploaded files, the uploads under way, deleting, and
// the preview and download actions shared with a session's Outputs tab.
import { Channel } from '@tauri-apps/api/core';
import { call, commands } from '$lib/ipc/call';
import type { FileMetadata, LocalFile, TransferProgress } from '$lib/ipc/bindings';
import { toBackendError, type BackendError } from '$lib/ipc/errors';
import { PagedList } from '$lib/lists/pagedList.svelte';
import { FileActions } from './fileActions.svelte';
import { UploadQueue, type UploadBackend } from './uploads.svelte';

export const tauriUploads: UploadBackend = {
  upload: (path, id, onprogress) =>
    call(commands.fileUpload(path, id, new Channel<TransferProgress>(onprogress))),
  cancel: (id) => commands.transferCancel(id),
};

export class FilesController {
  readonly list = new PagedList<FileMetadata>((page) =>
    call(commands.filesList({ limit: 100, page, ids: [], scope_id: null })),
  );
  readonly uploads: UploadQueue;
  readonly actions = new FileActions();
  /** The file whose delete waits for a confirmation. */
  confirming = $state<FileMetadata | null>(null);
  deleting = $state(false);
  notice = $state<string | null>(null);
  error = $state<{ title: string; error: BackendError } | null>(null);

  constructor(uploads: UploadBackend = tauriUploads) {
    this.uploads = new UploadQueue(uploads, (file) => this.#uploaded(file));
  }

  async chooseUploads(): Promise<void> {
    try {
      const files = await call(commands.filesChooseUploads());
      this.uploads.add(files);
    } catch (e) {
      this.error = { title: 'The files could not be chosen', error: toBackendError(e) };
    }
  }

  dropped(files: LocalFile[]): void {
    this.uploads.add(files);
  }

  /** A new upload goes to the top of the list at once; the API lists newest first too. */
  #uploaded(file: FileMetadata): void {
    if (!this.list.items.some((f) => f.id === file.id)) this.list.items.unshift(file);
  }

  askDelete(file: FileMetadata): void {
    this.confirming = file;
  }

  async confirmDelete(): Promise<void> {
    const file = this.confirming;
    if (!file) return;
    this.deleting = true;
    this.error = null;
    try {
      await call(commands.fileDelete(file.id));
      this.list.items = this.list.items.filter((f) => f.id !== file.id);
      if (this.actions.preview?.file.id === file.id) this.actions.closePreview();
      this.notice = `Deleted ${file.filename}.`;
    } catch (e) {
      this.error = { title: `${file.filename} was not deleted`, error: toBackendError(e) };
    } finally {
      this.deleting = false;
      this.confirming = null;
    }
  }
}

/** The files an agent wrote in one session (`scope_id`): its Outputs tab. */
export class SessionOutputs {
  readonly list: PagedList<FileMetadata>;
  readonly actions = new FileActions();

  constructor(sessionId: string) {
    this.list = new PagedList<FileMetadata>((page) =>
      call(commands.filesList({ limit: 100, page, ids: [], scope_id: sessionId })),
    );
  }
}
