// The session's own state: running or idle (and why it stopped), errors, deletion, title,
// budget and the server's usage snapshot.
import { upsert, type Handlers } from './draft';
import { closePreviews } from './previews';
import { requiredIds, setPending } from './tools';

export const status: Handlers = {
  'session.status_running'(d) {
    d.status = 'running';
    d.stopReason = null;
    d.stopDetails = null;
    d.lastError = null;
    setPending(d, []);
  },
  'session.status_idle'(d, event) {
    d.status = 'idle';
    d.stopReason = event.stop_reason;
    d.stopDetails = event.stop_details ?? null;
    closePreviews(d);
    setPending(d, requiredIds(event.stop_reason));
  },
  'session.status_rescheduled'(d) {
    d.status = 'rescheduling';
  },
  'session.status_terminated'(d) {
    d.status = 'terminated';
    closePreviews(d);
    setPending(d, []);
  },
  'session.error'(d, event, id) {
    d.lastError = event.error;
    upsert(d, { kind: 'error', id, error: event.error, processedAt: event.processed_at });
  },
  'session.deleted'(d) {
    d.deleted = true;
    closePreviews(d);
    setPending(d, []);
  },
  'session.updated'(d, event) {
    if (typeof event.title === 'string' || event.title === null) d.title = event.title;
    if ('budget' in event) d.budget = event.budget ?? null;
  },
  'session.usage'(d, event) {
    d.sessionUsage = event.usage;
    if (event.budget !== undefined) d.budget = event.budget;
  },
};
