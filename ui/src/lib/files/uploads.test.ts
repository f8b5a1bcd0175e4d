import { describe, expect, it, vi } from 'vitest';
import type { FileMetadata, LocalFile, TransferProgress } from '$lib/ipc/bindings';
import { percent, UploadQueue, type UploadBackend } from './uploads.svelte';

function local(name: string, problem: string | null = null, sizeBytes = 1000): LocalFile {
  return { path: `/home/me/${name}`, name, sizeBytes, mimeType: 'text/plain', problem };
}

function stored(name: string): FileMetadata {
  return {
    id: `file_${name}`,
    filename: name,
    mime_type: 'text/plain',
    size_bytes: 1000,
    created_at: '2026-12-08T00:00:00Z',
  };
}

/** A backend whose uploads the test finishes one by one. */
function manualBackend() {
  const pending: Array<{
    path: string;
    id: string;
    progress: (p: TransferProgress) => void;
    finish: (value: FileMetadata | null) => void;
    fail: (e: unknown) => void;
  }> = [];
  const cancel = vi.fn<UploadBackend['cancel']>(() => Promise.resolve(true));
  const backend: UploadBackend = {
    upload: (path, id, progress) =>
      new Promise((finish, fail) => pending.push({ path, id, progress, finish, fail })),
    cancel,
  };
  return { backend, pending, cancel };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('UploadQueue', () => {
  it('sends one file at a time with its progress, and hands each stored file on', async () => {
    const { backend, pending } = manualBackend();
    const uploaded: string[] = [];
    const queue = new UploadQueue(backend, (f) => uploaded.push(f.filename));
    queue.add([local('a.txt'), local('b.txt')]);
    await settle();
    expect(pending).toHaveLength(1);
    expect(queue.items.map((i) => i.status)).toEqual(['uploading', 'waiting']);
    pending[0]!.progress({ done: 400, total: 1000 });
    expect(percent(queue.items[0]!.done, queue.items[0]!.total)).toBe(40);

    pending[0]!.finish(stored('a.txt'));
    await settle();
    expect(queue.items[0]!.status).toBe('done');
    expect(pending).toHaveLength(2);
    expect(pending[1]!.path).toBe('/home/me/b.txt');
    pending[1]!.finish(stored('b.txt'));
    await settle();
    expect(uploaded).toEqual(['a.txt', 'b.txt']);
    expect(queue.busy).toBe(false);
  });

  it('never sends a file with a problem, and says why', async () => {
    const { backend, pending } = manualBackend();
    const queue = new UploadQueue(backend, () => {});
    queue.add([local('photos', 'is a folder: choose the files inside it, or a .zip of it')]);
    await settle();
    expect(pending).toHaveLength(0);
    expect(queue.items[0]!.status).toBe('refused');
  });

  it('cancels the running upload through the backend and a waiting one at once', async () => {
    const { backend, pending, cancel } = manualBackend();
    const queue = new UploadQueue(backend, () => {});
    queue.add([local('big.bin'), local('next.bin')]);
    await settle();
    const [running, waiting] = queue.items;
    queue.cancel(waiting!.id);
    expect(queue.items[1]!.status).toBe('cancelled');
    queue.cancel(running!.id);
    expect(cancel).toHaveBeenCalledWith(running!.id);
    pending[0]!.finish(null);
    await settle();
    expect(queue.items[0]!.status).toBe('cancelled');
    expect(pending).toHaveLength(1);
  });

  it('keeps a failed upload with the error, and sends it again on retry', async () => {
    const { backend, pending } = manualBackend();
    const uploaded: string[] = [];
    const queue = new UploadQueue(backend, (f) => uploaded.push(f.filename));
    queue.add([local('a.txt')]);
    await settle();
    pending[0]!.fail({
      code: 'Network',
      message: 'connection reset',
      status: null,
      requestId: null,
    });
    await settle();
    expect(queue.items[0]!.status).toBe('failed');
    expect(queue.items[0]!.error?.message).toContain('connection reset');
    expect(uploaded).toEqual([]);

    queue.retry(queue.items[0]!.id);
    await settle();
    pending[1]!.finish(stored('a.txt'));
    await settle();
    expect(queue.items[0]!.status).toBe('done');
    expect(uploaded).toEqual(['a.txt']);
    queue.clearFinished();
    expect(queue.items).toEqual([]);
  });
});
