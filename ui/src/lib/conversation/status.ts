// Words for the session page's status strip: stop reason and connection. The status reads as in
// the sessions list (lib/sessions/status.ts), a session error as in the conversation (content.ts).
import type { ConnectionState, StopReason } from '$lib/ipc/bindings';
import { asString, field } from '$lib/forms/json';

const STOP_WORDS: Record<string, string> = {
  end_turn: 'The agent finished its turn.',
  requires_action: 'The agent waits for your answer to a tool call.',
  retries_exhausted: 'Stopped after repeated errors (retries used up).',
  budget_reached: 'Stopped: the session reached its budget.',
  refusal: 'The model declined to continue.',
};

/** The stop reason's `type` (`end_turn`, `budget_reached`, …), or null when it has none. */
export function stopReasonType(reason: StopReason | null): string | null {
  if (reason === null) return null;
  return asString(field(reason, 'type')) ?? (typeof reason === 'string' ? reason : null);
}

export function stopReasonText(reason: StopReason | null): string | null {
  if (reason === null) return null;
  const type = stopReasonType(reason);
  if (type === null) return 'The agent stopped.';
  return STOP_WORDS[type] ?? `The agent stopped (${type.replaceAll('_', ' ')}).`;
}

/** Seconds left before the next attempt; `elapsedMs` since the state arrived. */
export function secondsLeft(delayMs: number, elapsedMs: number): number {
  return Math.max(0, Math.ceil((delayMs - elapsedMs) / 1000));
}

export function connectionText(connection: ConnectionState | null, elapsedMs: number): string {
  if (connection === null) return 'Connecting…';
  switch (connection.state) {
    case 'connected':
      return 'Live';
    case 'reconnecting': {
      const left = secondsLeft(connection.delay_ms, elapsedMs);
      const when = left > 0 ? `in ${left} s` : 'now';
      return `Reconnecting ${when} (attempt ${connection.attempt}): ${connection.reason}`;
    }
    case 'stopped': {
      const why = connection.reason;
      if (why.kind === 'session_deleted') return 'Stopped: the session was deleted.';
      const words = {
        unauthorized: 'the API key was not accepted',
        forbidden: 'this key may not read the session',
        not_found: 'no such session',
      }[why.kind];
      return `Stopped: ${words}. ${why.message}`;
    }
  }
}
