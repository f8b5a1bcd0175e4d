// The one door to the backend: components import from here, never `invoke()` directly.
import type { ErrorCode, IpcError } from './bindings';

export { commands } from './bindings';
export type {
  AuthHeader,
  ConnectionReport,
  ConnectionVerdict,
  ErrorCode,
  IpcError,
  KeyStorage,
  NotificationPrefs,
  ProfileDraft,
  ProfilesView,
  ProfileView,
  Settings,
  ThemePreference,
} from './bindings';

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

type CommandResult<T> = { status: 'ok'; data: T } | { status: 'error'; error: IpcError };

/** Awaits a generated command and returns its data, or throws a {@link BackendError}. */
export async function call<T>(result: Promise<CommandResult<T>>): Promise<T> {
  let outcome: CommandResult<T>;
  try {
    outcome = await result;
  } catch (e) {
    // Tauri itself failed (unknown command, bad arguments): still one error type for the UI.
    throw new BackendError({ code: 'Internal', message: String(e), status: null, requestId: null });
  }
  if (outcome.status === 'error') throw new BackendError(outcome.error);
  return outcome.data;
}
