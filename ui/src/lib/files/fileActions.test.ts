import { describe, expect, it, vi } from 'vitest';
import type { FileMetadata, FilePreview, TransferProgress } from '$lib/ipc/bindings';
import { FileActions, type FileBackend } from './fileActions.svelte';

function meta(id: string, filename: string, size = 2048): FileMetadata {
  return {
    id,
    filename,
    mime_type: 'text/plain',
    size_bytes: size,
    created_at: '2026-12-08T00:00:00Z',
  };
}

const text = (t: string): FilePreview => ({ kind: 'text', text: t, truncated: false });

function backend(overrides: Partial<FileBackend> = {}) {
  const mocks = {
    download: vi.fn<FileBackend['download']>(() => Promise.resolve('/home/me/a.txt')),
    downloadAll: vi.fn<FileBackend['downloadAll']>(() =>
      Promise.resolve({ folder: '/home/me/out', count: 2 }),
    ),
    cancel: vi.fn<FileBackend['cancel']>(() => Promise.resolve(true)),
  };
  const b: FileBackend = {
    preview: () => Promise.resolve(text('hi')),
    ...mocks,
    ...overrides,
  };
  return { b, mocks };
}

describe('FileActions', () => {
  it('shows where a download went, and nothing when the dialog was cancelled', async () => {
    const { b, mocks } = backend();
    const actions = new FileActions(b);
    await actions.save(meta('file_1', 'a.txt'));
    expect(actions.notice).toBe('Saved to /home/me/a.txt');
    expect(mocks.download).toHaveBeenCalledWith(
      { id: 'file_1', filename: 'a.txt', sizeBytes: 2048 },
      expect.any(String),
      expect.any(Function),
    );

    const cancelled = new FileActions(backend({ download: () => Promise.resolve(null) }).b);
    await cancelled.save(meta('file_1', 'a.txt'));
    expect(cancelled.notice).toBeNull();
    expect(cancelled.error).toBeNull();
  });

  it('follows a download’s progress and cancels it by its id', async () => {
    let report: ((p: TransferProgress) => void) | undefined;
    let finish: ((path: string | null) => void) | undefined;
    const { b, mocks } = backend({
      download: (_file, _id, onprogress) => {
        report = onprogress;
        return new Promise((resolve) => (finish = resolve));
      },
    });
    const actions = new FileActions(b);
    const done = actions.save(meta('file_1', 'big.bin', 1000));
    report!({ done: 250, total: 1000 });
    expect(actions.download).toMatchObject({ label: 'big.bin', done: 250, total: 1000 });
    actions.cancelDownload();
    expect(mocks.cancel).toHaveBeenCalledWith(actions.download!.id);
    finish!(null);
    await done;
    expect(actions.download).toBeNull();
  });

  it('downloads all files of a list into one folder, counting their sizes', async () => {
    const { b, mocks } = backend();
    const actions = new FileActions(b);
    await actions.saveAll([meta('f1', 'a.txt', 10), meta('f2', 'b.png', 20)]);
    expect(actions.notice).toBe('Saved 2 files to /home/me/out');
    const [files] = mocks.downloadAll.mock.calls[0]!;
    expect(files.map((f) => f.sizeBytes)).toEqual([10, 20]);
  });

  it('keeps a failed download’s error, and a preview that answers late does not replace a newer one', async () => {
    const failing = new FileActions(
      backend({ download: () => Promise.reject(new Error('file gone')) }).b,
    );
    await failing.save(meta('f1', 'a.txt'));
    expect(failing.error?.error.message).toContain('file gone');

    let first: ((v: FilePreview) => void) | undefined;
    const slow = backend({
      preview: (id: string) =>
        id === 'f1'
          ? new Promise<FilePreview>((resolve) => (first = resolve))
          : Promise.resolve(text('second')),
    });
    const actions = new FileActions(slow.b);
    const one = actions.showPreview(meta('f1', 'one.txt'));
    await actions.showPreview(meta('f2', 'two.txt'));
    first!(text('first'));
    await one;
    expect(actions.preview?.file.id).toBe('f2');
    expect(actions.preview?.preview).toEqual(text('second'));
  });
});
