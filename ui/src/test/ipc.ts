// A scripted backend for component tests: each command answers from a handler the test sets,
// and every call is recorded so a test can check what was (and was not) sent.
import { mockIPC } from '@tauri-apps/api/mocks';
import type { IpcError } from '$lib/ipc/bindings';

export type Handler = (args: Record<string, unknown>) => unknown;

export interface FakeBackend {
  calls: { cmd: string; args: Record<string, unknown> }[];
  on(cmd: string, handler: Handler): void;
  sent(cmd: string): Record<string, unknown>[];
}

/** The value Tauri rejects with when a command returns `Err(IpcError)`. */
export function ipcError(error: Partial<IpcError> & Pick<IpcError, 'code' | 'message'>) {
  const value: IpcError = { status: null, requestId: null, ...error };
  // Tauri rejects with the command's error value itself, not an Error.
  // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
  return Promise.reject(value);
}

export function fakeBackend(): FakeBackend {
  const handlers = new Map<string, Handler>();
  const calls: FakeBackend['calls'] = [];
  handlers.set('skills_list', () => ({ data: [], next_page: null }));
  handlers.set('profiles_list', () => {
    throw new Error('no profiles in tests');
  });
  mockIPC((cmd, args) => {
    const payload = (args ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args: payload });
    const handler = handlers.get(cmd);
    return handler ? handler(payload) : undefined;
  });
  return {
    calls,
    on: (cmd, handler) => handlers.set(cmd, handler),
    sent: (cmd) => calls.filter((c) => c.cmd === cmd).map((c) => c.args),
  };
}

/** A stand-in for IntersectionObserver that a test triggers by hand. */
export class FakeIntersectionObserver {
  static instances: FakeIntersectionObserver[] = [];
  readonly callback: IntersectionObserverCallback;
  targets = new Set<Element>();

  constructor(callback: IntersectionObserverCallback) {
    this.callback = callback;
    FakeIntersectionObserver.instances.push(this);
  }
  observe(target: Element) {
    this.targets.add(target);
  }
  unobserve(target: Element) {
    this.targets.delete(target);
  }
  disconnect() {
    this.targets.clear();
  }

  /** Reports every observed element as scrolled into view. */
  static scrollIntoView() {
    for (const observer of FakeIntersectionObserver.instances) {
      const entries = [...observer.targets].map(
        (target) => ({ target, isIntersecting: true }) as IntersectionObserverEntry,
      );
      if (entries.length > 0)
        observer.callback(entries, observer as unknown as IntersectionObserver);
    }
  }
}
