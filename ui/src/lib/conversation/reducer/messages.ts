// Messages: what the person, the system and the agent said, and what agents said to each other.
import { stringField, upsert, type Handlers } from './draft';

export const messages: Handlers = {
  'user.message'(d, event, id) {
    upsert(d, {
      kind: 'user',
      id,
      content: event.content ?? [],
      processedAt: event.processed_at ?? null,
    });
  },
  'user.interrupt'(d, event, id) {
    upsert(d, {
      kind: 'interrupt',
      id,
      threadId: event.session_thread_id ?? null,
      processedAt: event.processed_at ?? null,
    });
  },
  'system.message'(d, event, id) {
    upsert(d, {
      kind: 'system',
      id,
      content: event.content ?? [],
      processedAt: event.processed_at ?? null,
    });
  },
  'agent.message'(d, event, id) {
    d.previews.delete(id);
    upsert(d, {
      kind: 'agent',
      id,
      content: event.content ?? [],
      phase: 'final',
      processedAt: event.processed_at,
      threadId: stringField(event, 'session_thread_id'),
    });
  },
  'agent.thinking'(d, event, id) {
    d.previews.delete(id);
    upsert(d, { kind: 'thinking', id, phase: 'final', processedAt: event.processed_at });
  },
  'agent.thread_message_sent'(d, event, id) {
    upsert(d, {
      kind: 'thread_message',
      id,
      direction: 'sent',
      threadId: event.to_session_thread_id,
      agentName: event.to_agent_name ?? null,
      content: event.content ?? [],
      processedAt: event.processed_at,
    });
  },
  'agent.thread_message_received'(d, event, id) {
    upsert(d, {
      kind: 'thread_message',
      id,
      direction: 'received',
      threadId: event.from_session_thread_id,
      agentName: event.from_agent_name ?? null,
      content: event.content ?? [],
      processedAt: event.processed_at,
    });
  },
  'agent.thread_context_compacted'(d, event, id) {
    upsert(d, { kind: 'compacted', id, processedAt: event.processed_at });
  },
};
