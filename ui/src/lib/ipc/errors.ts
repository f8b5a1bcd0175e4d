// The one error type the UI shows, and the one way to get it from whatever a failure threw.
import type { ErrorCode, IpcError } from './bindings';

/** A failed backend call, with the code the UI branches on and a message for a person. */
export class BackendError extends Error {
  readonly code: ErrorCode;
  readonly status: number | null;
  readonly requestId: string | null;

  constructor(error: IpcError) {
    super(error.message);
    this.name = 'BackendError';
    this.code = error.code;
    this.status = error.status ?? null;
    this.requestId = error.requestId ?? null;
  }
}

function isIpcError(value: unknown): value is IpcError {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message } = value as Record<string, unknown>;
  return typeof code === 'string' && typeof message === 'string';
}

/**
 * Any failure as a {@link BackendError}: one already is; an `IpcError` value (what Tauri rejects
 * with) keeps its code and request id; anything else is `Internal`, with its message.
 */
export function toBackendError(e: unknown): BackendError {
  if (e instanceof BackendError) return e;
  if (isIpcError(e)) return new BackendError(e);
  const message = e instanceof Error ? e.message : String(e);
  return new BackendError({ code: 'Internal', message, status: null, requestId: null });
}
