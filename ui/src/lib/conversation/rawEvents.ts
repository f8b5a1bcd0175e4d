// Reading any event the relay sent, including types this app does not know (kept as raw JSON).
import type { SessionEvent } from '$lib/ipc/bindings';
import { asString, field } from '$lib/forms/json';

export function eventType(event: SessionEvent): string {
  return asString(field(event, 'type')) ?? '(no type)';
}

export function eventId(event: SessionEvent): string | null {
  return asString(field(event, 'id')) ?? null;
}

/** The types present, with how many of each, sorted by name. */
export function eventTypes(events: readonly SessionEvent[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const event of events) {
    const type = eventType(event);
    counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  return [...counts].sort(([a], [b]) => a.localeCompare(b));
}
