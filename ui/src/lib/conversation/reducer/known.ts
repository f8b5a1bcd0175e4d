// The event types this reducer knows. Any other event is kept as it came, for the raw view.
import type { SessionEvent } from '$lib/ipc/bindings';
import type { KnownEvent } from '../state';

const KNOWN_TYPES = new Set<string>([
  'user.message',
  'user.interrupt',
  'user.tool_confirmation',
  'user.custom_tool_result',
  'user.tool_result',
  'user.define_outcome',
  'system.message',
  'agent.message',
  'agent.thinking',
  'agent.tool_use',
  'agent.tool_result',
  'agent.mcp_tool_use',
  'agent.mcp_tool_result',
  'agent.custom_tool_use',
  'agent.thread_message_sent',
  'agent.thread_message_received',
  'agent.thread_context_compacted',
  'session.status_running',
  'session.status_idle',
  'session.status_rescheduled',
  'session.status_terminated',
  'session.error',
  'session.deleted',
  'session.updated',
  'session.usage',
  'session.thread_created',
  'session.thread_status_running',
  'session.thread_status_idle',
  'session.thread_status_rescheduled',
  'session.thread_status_terminated',
  'span.model_request_start',
  'span.model_request_end',
  'span.outcome_evaluation_start',
  'span.outcome_evaluation_ongoing',
  'span.outcome_evaluation_end',
  'workflow_run.created',
  'workflow_run.status_running',
  'workflow_run.status_idle',
  'workflow_run.phase_started',
  'workflow_run.phase_ended',
  'workflow_run.error',
  'workflow_run.status_ended',
  'event_start',
  'event_delta',
]);

/** The event's type if this reducer knows it, else `null` (kept for the raw view only). */
export function knownType(event: SessionEvent): KnownEvent['type'] | null {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return null;
  const type = (event as { type?: unknown }).type;
  return typeof type === 'string' && KNOWN_TYPES.has(type) ? (type as KnownEvent['type']) : null;
}
