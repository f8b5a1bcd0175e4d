// A scripted backend for component tests: each command answers from a handler the test sets,
// and every call is recorded so a test can check what was (and was not) sent.
import { mockIPC } from '@tauri-apps/api/mocks';
import { isIpcError, rejectWith } from './ipcError';

export type Handler = (args: Record<string, unknown>) => unknown;

export interface ScriptedBackend {
  calls: { cmd: string; args: Record<string, unknown> }[];
  /** Sets how `cmd` answers; a handler that returns an `ipcError(…)` makes the command fail. */
  on(cmd: string, handler: Handler): void;
  sent(cmd: string): Record<string, unknown>[];
}

/** Installs the mock; setup.ts clears it after each test. */
export function scriptedBackend(): ScriptedBackend {
  const handlers = new Map<string, Handler>();
  const calls: ScriptedBackend['calls'] = [];
  handlers.set('skills_list', () => ({ data: [], next_page: null }));
  handlers.set('profiles_list', () => {
    throw new Error('no profiles in tests');
  });
  mockIPC((cmd, args) => {
    const payload = (args ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args: payload });
    const handler = handlers.get(cmd);
    const answer = handler ? handler(payload) : undefined;
    return isIpcError(answer) ? rejectWith(answer) : answer;
  });
  return {
    calls,
    on: (cmd, handler) => handlers.set(cmd, handler),
    sent: (cmd) => calls.filter((c) => c.cmd === cmd).map((c) => c.args),
  };
}
