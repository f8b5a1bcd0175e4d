// The one door to the backend: lib controllers and stores send commands through here, never
// through `invoke()`; components never do (eslint.config.js keeps it so).
import type { IpcError } from './bindings';
import { BackendError, toBackendError } from './errors';

export { commands } from './bindings';
export type {
  AuthHeader,
  ConnectionReport,
  ConnectionVerdict,
  DailyCap,
  ErrorCode,
  IpcError,
  KeyStorage,
  NotificationPrefs,
  ProfileDraft,
  ProfilesView,
  ProfileView,
  SessionTabs,
  Settings,
  ThemePreference,
} from './bindings';

type CommandResult<T> = { status: 'ok'; data: T } | { status: 'error'; error: IpcError };

/** Awaits a generated command and returns its data, or throws a {@link BackendError}. */
export async function call<T>(result: Promise<CommandResult<T>>): Promise<T> {
  let outcome: CommandResult<T>;
  try {
    outcome = await result;
  } catch (e) {
    // Tauri itself failed (unknown command, bad arguments): still one error type for the UI.
    throw toBackendError(e);
  }
  if (outcome.status === 'error') throw new BackendError(outcome.error);
  return outcome.data;
}
