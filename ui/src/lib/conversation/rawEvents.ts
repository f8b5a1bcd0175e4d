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

/**
 * The raw list as the view shows it, kept up to date as the event list grows: the types with
 * their counts, and the events of one type. The reducer only appends events, or puts a user
 * event's processed echo (the same event, so the same type) in its place; so a new list that
 * still holds the last event seen, in the same place, is read from there on, not from the start.
 */
export class RawEventIndex {
  #seen: readonly SessionEvent[] = [];
  #counts = new Map<string, number>();
  #types: [string, number][] = [];
  #type = '';
  /** Where the events of `#type` are in `#seen`. */
  #at: number[] = [];

  /** Brings the index up to `events`. */
  update(events: readonly SessionEvent[]): void {
    if (events === this.#seen) return;
    const last = this.#seen.length - 1;
    const from =
      last >= 0 && events.length > last && events[last] === this.#seen[last] ? last + 1 : 0;
    if (from === 0) {
      this.#counts = new Map();
      this.#at = [];
    }
    for (let i = from; i < events.length; i++) {
      const type = eventType(events[i]!);
      this.#counts.set(type, (this.#counts.get(type) ?? 0) + 1);
      if (type === this.#type) this.#at.push(i);
    }
    if (from === 0 || from < events.length) {
      this.#types = [...this.#counts].sort(([a], [b]) => a.localeCompare(b));
    }
    this.#seen = events;
  }

  /** The types present, with how many of each, sorted by name (as `eventTypes`). */
  get types(): [string, number][] {
    return this.#types;
  }

  /** The events of `type`, in order: every event for the empty string. */
  shown(type: string): readonly SessionEvent[] {
    if (type === '') return this.#seen;
    if (type !== this.#type) {
      this.#type = type;
      this.#at = [];
      this.#seen.forEach((event, i) => {
        if (eventType(event) === type) this.#at.push(i);
      });
    }
    // By position: an echo put in an earlier event's place is shown as it is now.
    return this.#at.map((i) => this.#seen[i]!);
  }
}
