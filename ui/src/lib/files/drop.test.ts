import { describe, expect, it, vi } from 'vitest';
import type { LocalFile } from '$lib/ipc/bindings';
import { DropTarget, type DragKind } from './drop.svelte';

/** A fake event source the test fires by hand, counting its live listeners. */
function source<T>() {
  const handlers = new Set<(value: T) => void>();
  return {
    subscribe: (handler: (value: T) => void) => {
      handlers.add(handler);
      return Promise.resolve(() => handlers.delete(handler));
    },
    fire: (value: T) => handlers.forEach((h) => h(value)),
    get listeners() {
      return handlers.size;
    },
  };
}

const file: LocalFile = {
  path: '/home/me/report.pdf',
  name: 'report.pdf',
  sizeBytes: 1234,
  mimeType: 'application/pdf',
  problem: null,
};
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('DropTarget', () => {
  it('shows the overlay while files are dragged over, and uploads what is dropped', async () => {
    const drags = source<DragKind>();
    const drops = source<LocalFile[]>();
    const ondrop = vi.fn();
    const target = new DropTarget(drags.subscribe, drops.subscribe, ondrop);
    target.start();
    await settle();

    drags.fire('enter');
    expect(target.hovering).toBe(true);
    drags.fire('over');
    expect(target.hovering).toBe(true);
    drags.fire('leave');
    expect(target.hovering).toBe(false);

    drags.fire('enter');
    drags.fire('drop');
    drops.fire([file]);
    expect(target.hovering).toBe(false);
    expect(ondrop).toHaveBeenCalledWith([file]);
  });

  it('stops listening when the view goes, even if it goes before the listeners are set', async () => {
    const drags = source<DragKind>();
    const drops = source<LocalFile[]>();
    const ondrop = vi.fn();
    const target = new DropTarget(drags.subscribe, drops.subscribe, ondrop);
    const stop = target.start();
    stop();
    await settle();
    expect(drags.listeners + drops.listeners).toBe(0);
    drops.fire([file]);
    expect(ondrop).not.toHaveBeenCalled();
  });

  it('says so when the app refuses the subscription', async () => {
    const target = new DropTarget(
      () => Promise.reject(new Error('event.listen not allowed')),
      null,
      () => {},
    );
    target.start();
    await settle();
    expect(target.unavailable).toContain('event.listen not allowed');
  });
});
