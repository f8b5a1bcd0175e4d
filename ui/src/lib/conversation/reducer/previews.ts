// Previews: an agent message or thinking shown while it is typed (`event_start`, `event_delta`),
// until its final event replaces it. Previews have no id of their own and are never listed in
// the raw history.
import type { ConversationState, EventOf } from '../state';
import { find, indexById, notice, replace, upsert, type Draft } from './draft';

export function previewStart(d: Draft, event: EventOf<'event_start'>): void {
  const { id, type } = event.event;
  if (typeof id !== 'string' || d.itemAt.has(id)) return;
  if (type === 'agent.message') {
    upsert(d, {
      kind: 'agent',
      id,
      content: [],
      phase: 'typing',
      processedAt: null,
      threadId: null,
    });
  } else if (type === 'agent.thinking') {
    upsert(d, { kind: 'thinking', id, phase: 'typing', processedAt: null });
  } else {
    return;
  }
  d.previews.add(id);
}

export function previewDelta(d: Draft, event: EventOf<'event_delta'>): void {
  const id = event.event_id;
  let item = find(d, id);
  if (item === undefined) {
    // The start was missed (the stream opened mid-message): begin the preview here.
    item = { kind: 'agent', id, content: [], phase: 'typing', processedAt: null, threadId: null };
    upsert(d, item);
    d.previews.add(id);
  }
  if (item.kind !== 'agent' || item.phase !== 'typing') return;
  const block = event.delta.content as { type?: unknown; text?: unknown };
  if (block.type !== 'text' || typeof block.text !== 'string') return;
  const index = event.delta.index ?? 0;
  const content = item.content.slice();
  const current = content[index] as { type?: unknown; text?: unknown } | undefined;
  if (index === content.length) {
    content.push({ type: 'text', text: block.text });
  } else if (index < content.length && current?.type === 'text') {
    content[index] = { type: 'text', text: String(current.text) + block.text };
  } else {
    notice(d, `A preview of ${id} skipped block ${index}; the final message will replace it.`);
    return;
  }
  replace(d, { ...item, content });
}

/** The previews still open in `state`, for a new draft of it. */
export function openPreviews(state: ConversationState): Set<string> {
  // Previews sit near the end; walk back until a run of settled items says there are no more.
  const open = new Set<string>();
  for (let i = state.items.length - 1, settled = 0; i >= 0 && settled < 64; i--) {
    const item = state.items[i];
    if ((item?.kind === 'agent' || item?.kind === 'thinking') && item.phase !== 'final') {
      open.add(item.id);
      settled = 0;
    } else {
      settled++;
    }
  }
  return open;
}

/** Marks open previews as cut: their request ended and no final event will come. */
export function closePreviews(d: Draft): void {
  for (const id of d.previews) {
    const item = find(d, id);
    if ((item?.kind === 'agent' || item?.kind === 'thinking') && item.phase === 'typing') {
      replace(d, { ...item, phase: 'cut' });
    }
  }
}

/** Removes every preview that has no final event (typing or cut), and re-indexes. */
export function dropPreviews(d: Draft): void {
  if (d.previews.size === 0) return;
  const drop = d.previews;
  d.items = d.items.filter((item) => !drop.has(item.id));
  d.owned.add('items');
  d.itemAt = indexById(d.items);
  d.previews = new Set();
}
