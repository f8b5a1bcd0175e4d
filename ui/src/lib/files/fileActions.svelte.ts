// What can be done to a file of a list, in the Files section and in a session's Outputs tab:
// preview it, download it (or several into a folder) with progress and a cancel.
import { Channel } from '@tauri-apps/api/core';
import { call, commands } from '$lib/ipc/call';
import type { FileMetadata, FilePreview, FileToSave, TransferProgress } from '$lib/ipc/bindings';
import { toBackendError, type BackendError } from '$lib/ipc/errors';
import { transferId } from './transferId';

export interface PreviewState {
  file: FileMetadata;
  loading: boolean;
  preview: FilePreview | null;
  /** A `blob:` URL of an image preview, revoked when the preview closes. */
  imageUrl: string | null;
  error: BackendError | null;
}

export interface DownloadState {
  id: string;
  label: string;
  done: number;
  total: number;
}

/** The backend of downloads and previews (tests pass a fake). */
export interface FileBackend {
  preview(fileId: string): Promise<FilePreview>;
  download(
    file: FileToSave,
    transferId: string,
    onprogress: (p: TransferProgress) => void,
  ): Promise<string | null>;
  downloadAll(
    files: FileToSave[],
    transferId: string,
    onprogress: (p: TransferProgress) => void,
  ): Promise<{ folder: string; count: number } | null>;
  cancel(transferId: string): Promise<unknown>;
}

export const tauriFiles: FileBackend = {
  preview: (fileId) => call(commands.filePreview(fileId)),
  download: (file, id, onprogress) =>
    call(commands.fileDownload(file, id, new Channel<TransferProgress>(onprogress))),
  downloadAll: (files, id, onprogress) =>
    call(commands.filesDownloadAll(files, id, new Channel<TransferProgress>(onprogress))),
  cancel: (id) => commands.transferCancel(id),
};

function toSave(file: FileMetadata): FileToSave {
  return { id: file.id, filename: file.filename, sizeBytes: file.size_bytes };
}

function imageUrl(preview: FilePreview): string | null {
  if (preview.kind !== 'image') return null;
  const bytes = Uint8Array.from(atob(preview.base64), (c) => c.charCodeAt(0));
  return URL.createObjectURL(new Blob([bytes], { type: preview.mimeType }));
}

export class FileActions {
  preview = $state<PreviewState | null>(null);
  download = $state<DownloadState | null>(null);
  /** What the last download did ("Saved to …"). */
  notice = $state<string | null>(null);
  error = $state<{ title: string; error: BackendError } | null>(null);
  readonly #backend: FileBackend;

  constructor(backend: FileBackend = tauriFiles) {
    this.#backend = backend;
  }

  async showPreview(file: FileMetadata): Promise<void> {
    this.closePreview();
    const state: PreviewState = { file, loading: true, preview: null, imageUrl: null, error: null };
    this.preview = state;
    try {
      const preview = await this.#backend.preview(file.id);
      // Another preview was opened, or this one closed, while it loaded.
      if (this.preview?.file.id !== file.id) return;
      this.preview = { ...state, loading: false, preview, imageUrl: imageUrl(preview) };
    } catch (e) {
      if (this.preview?.file.id !== file.id) return;
      this.preview = { ...state, loading: false, error: toBackendError(e) };
    }
  }

  closePreview(): void {
    if (this.preview?.imageUrl) URL.revokeObjectURL(this.preview.imageUrl);
    this.preview = null;
  }

  /** Downloads one file where the person chooses. */
  async save(file: FileMetadata): Promise<void> {
    await this.#transfer(file.filename, file.size_bytes, 'The file was not downloaded', (id, p) =>
      this.#backend.download(toSave(file), id, p).then((path) => path && `Saved to ${path}`),
    );
  }

  /** Downloads every file of `files` into a folder the person chooses. */
  async saveAll(files: FileMetadata[]): Promise<void> {
    const total = files.reduce((sum, f) => sum + f.size_bytes, 0);
    const label = `${files.length} ${files.length === 1 ? 'file' : 'files'}`;
    await this.#transfer(label, total, 'The files were not all downloaded', (id, p) =>
      this.#backend
        .downloadAll(files.map(toSave), id, p)
        .then((saved) => saved && `Saved ${saved.count} files to ${saved.folder}`),
    );
  }

  cancelDownload(): void {
    if (this.download) void this.#backend.cancel(this.download.id);
  }

  async #transfer(
    label: string,
    total: number,
    failure: string,
    run: (id: string, onprogress: (p: TransferProgress) => void) => Promise<string | null>,
  ): Promise<void> {
    if (this.download) return;
    const id = transferId('download');
    this.download = { id, label, done: 0, total };
    this.notice = null;
    this.error = null;
    try {
      const done = await run(id, (p) => {
        if (this.download?.id === id) this.download = { ...this.download, ...p };
      });
      // null: the dialog or the download was cancelled; nothing was saved.
      this.notice = done;
    } catch (e) {
      this.error = { title: failure, error: toBackendError(e) };
    } finally {
      this.download = null;
    }
  }
}
