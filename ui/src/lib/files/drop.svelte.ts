// Files dropped on the window. The OS drop reaches Rust, which allows those paths for upload
// and tells the web view (`files://dropped`); the hover state comes from the web view's own
// drag events. Both sources are injected so that vitest can play a drag without an OS.
import { getCurrentWebview } from '@tauri-apps/api/webview';
import { events, type LocalFile } from '$lib/ipc/bindings';
import { inTauri } from '$lib/platform';

export type DragKind = 'enter' | 'over' | 'leave' | 'drop';

/** Subscribes; returns the unsubscribe function (or a promise of it, as Tauri's listen does). */
export type Subscribe<T> = (handler: (value: T) => void) => Promise<() => void> | (() => void);

/** The window's drags and Rust's `files://dropped`, inside the app; nothing in a browser. */
export function tauriDropSources(): {
  drags: Subscribe<DragKind> | null;
  drops: Subscribe<LocalFile[]> | null;
} {
  if (!inTauri()) return { drags: null, drops: null };
  return {
    drags: (handler) => getCurrentWebview().onDragDropEvent((e) => handler(e.payload.type)),
    drops: (handler) => events.filesDropped.listen((e) => handler(e.payload.files)),
  };
}

export class DropTarget {
  /** A drag with files is over the window: show where they will go. */
  hovering = $state(false);
  /** Why dropping does not work here (a refused subscription), to say so rather than fail. */
  unavailable = $state<string | null>(null);
  #stops: Array<() => void> = [];
  #closed = false;
  readonly #drags: Subscribe<DragKind> | null;
  readonly #drops: Subscribe<LocalFile[]> | null;
  readonly #ondrop: (files: LocalFile[]) => void;

  constructor(
    drags: Subscribe<DragKind> | null,
    drops: Subscribe<LocalFile[]> | null,
    ondrop: (files: LocalFile[]) => void,
  ) {
    this.#drags = drags;
    this.#drops = drops;
    this.#ondrop = ondrop;
  }

  /** Starts listening; call the returned function to stop (when the view goes away). */
  start(): () => void {
    this.#closed = false;
    this.#listen(this.#drags, (kind) => {
      this.hovering = kind === 'enter' || kind === 'over';
    });
    this.#listen(this.#drops, (files) => {
      this.hovering = false;
      if (files.length > 0) this.#ondrop(files);
    });
    return () => this.stop();
  }

  stop(): void {
    this.#closed = true;
    this.hovering = false;
    for (const stop of this.#stops.splice(0)) stop();
  }

  #listen<T>(subscribe: Subscribe<T> | null, handler: (value: T) => void): void {
    if (subscribe === null) return;
    const guarded = (value: T) => {
      if (!this.#closed) handler(value);
    };
    Promise.resolve()
      .then(() => subscribe(guarded))
      .then(
        (stop) => {
          // The view may have gone while Tauri was registering the listener.
          if (this.#closed) stop();
          else this.#stops.push(stop);
        },
        (e: unknown) => {
          this.unavailable = `Dropping files here is not available: ${String(e)}`;
        },
      );
  }
}
