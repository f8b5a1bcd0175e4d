// The error a failing command answers with, for every test double of the backend.
import type { IpcError } from '$lib/ipc/bindings';

const made = new WeakSet<object>();

/**
 * An `IpcError` as Rust sends it. A handler of `scriptedBackend` that returns one makes the
 * command fail with it; `FakeBackend.failures` takes the same values.
 */
export function ipcError(error: Partial<IpcError> & Pick<IpcError, 'code' | 'message'>): IpcError {
  const value: IpcError = { status: null, requestId: null, ...error };
  made.add(value);
  return value;
}

export function isIpcError(value: unknown): value is IpcError {
  return typeof value === 'object' && value !== null && made.has(value);
}

/** The rejection Tauri gives for a command that returned `Err(IpcError)`: the value itself. */
export function rejectWith(error: IpcError): Promise<never> {
  // Tauri rejects with the command's error value itself, not an Error.
  // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
  return Promise.reject(error);
}
