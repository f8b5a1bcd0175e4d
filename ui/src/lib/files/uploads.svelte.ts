// The uploads of the Files section: sent one at a time, each with its progress and a cancel.
// A file with a problem (a folder, too large, unreadable) is listed as refused and never sent;
// a failed or cancelled upload says so, and the API keeps nothing of it.
import type { FileMetadata, LocalFile, TransferProgress } from '$lib/ipc/bindings';
import { toBackendError, type BackendError } from '$lib/ipc/errors';
import { transferId } from './transferId';

export type UploadStatus = 'waiting' | 'uploading' | 'done' | 'failed' | 'cancelled' | 'refused';

export interface Upload {
  id: string;
  file: LocalFile;
  status: UploadStatus;
  done: number;
  total: number;
  error: BackendError | null;
}

/** What the queue needs of the backend (the real one streams in Rust; tests pass a fake). */
export interface UploadBackend {
  /** Resolves with the stored file, or null if the upload was cancelled. */
  upload(
    path: string,
    transferId: string,
    onprogress: (progress: TransferProgress) => void,
  ): Promise<FileMetadata | null>;
  cancel(transferId: string): Promise<unknown>;
}

export class UploadQueue {
  items = $state<Upload[]>([]);
  #sending = false;
  readonly #backend: UploadBackend;
  readonly #onuploaded: (file: FileMetadata) => void;

  constructor(backend: UploadBackend, onuploaded: (file: FileMetadata) => void) {
    this.#backend = backend;
    this.#onuploaded = onuploaded;
  }

  /** Whether an upload is waiting or under way. */
  get busy(): boolean {
    return this.items.some((i) => i.status === 'waiting' || i.status === 'uploading');
  }

  add(files: LocalFile[]): void {
    for (const file of files) {
      this.items.push({
        id: transferId('upload'),
        file,
        status: file.problem === null ? 'waiting' : 'refused',
        done: 0,
        total: file.sizeBytes,
        error: null,
      });
    }
    void this.#sendAll();
  }

  cancel(id: string): void {
    const item = this.items.find((i) => i.id === id);
    if (!item) return;
    if (item.status === 'waiting') item.status = 'cancelled';
    else if (item.status === 'uploading') void this.#backend.cancel(id);
  }

  /** Sends the failed one again. */
  retry(id: string): void {
    const item = this.items.find((i) => i.id === id);
    if (!item || (item.status !== 'failed' && item.status !== 'cancelled')) return;
    Object.assign(item, { status: 'waiting', done: 0, error: null });
    void this.#sendAll();
  }

  /** Forgets the uploads that have ended, whatever their end. */
  clearFinished(): void {
    this.items = this.items.filter((i) => i.status === 'waiting' || i.status === 'uploading');
  }

  async #sendAll(): Promise<void> {
    if (this.#sending) return;
    this.#sending = true;
    try {
      for (;;) {
        const next = this.items.find((i) => i.status === 'waiting');
        if (!next) return;
        await this.#send(next);
      }
    } finally {
      this.#sending = false;
    }
  }

  async #send(item: Upload): Promise<void> {
    item.status = 'uploading';
    try {
      const stored = await this.#backend.upload(item.file.path, item.id, (p) => {
        item.done = p.done;
        item.total = p.total;
      });
      if (stored === null) {
        item.status = 'cancelled';
      } else {
        item.status = 'done';
        item.done = item.total;
        this.#onuploaded(stored);
      }
    } catch (e) {
      item.status = 'failed';
      item.error = toBackendError(e);
    }
  }
}

/** "37%" of an upload or download; 100% for an empty file that is done. */
export function percent(done: number, total: number): number {
  if (total <= 0) return done > 0 ? 100 : 0;
  return Math.min(100, Math.floor((done / total) * 100));
}
