// Threads: the session's agents (the primary and its subagents), their names and status.
import type { ThreadInfo } from '../state';
import { writableThreads, type Draft, type Handlers } from './draft';

export const threads: Handlers = {
  'session.thread_created'(d, event) {
    thread(d, event.session_thread_id, {
      agentName: event.agent_name,
      workflowRunId: event.workflow_run_id ?? null,
    });
  },
  'session.thread_status_running'(d, event) {
    thread(d, event.session_thread_id, { agentName: event.agent_name, status: 'running' });
  },
  'session.thread_status_idle'(d, event) {
    thread(d, event.session_thread_id, {
      agentName: event.agent_name,
      status: 'idle',
      stopReason: event.stop_reason,
    });
  },
  'session.thread_status_rescheduled'(d, event) {
    thread(d, event.session_thread_id, { agentName: event.agent_name, status: 'rescheduling' });
  },
  'session.thread_status_terminated'(d, event) {
    thread(d, event.session_thread_id, { agentName: event.agent_name, status: 'terminated' });
  },
};

function thread(d: Draft, id: string, change: Partial<Omit<ThreadInfo, 'id' | 'primary'>>): void {
  const all = writableThreads(d);
  const before = all[id];
  // A thread first seen in a status event (not created) is the primary, if none is yet.
  const primary = before
    ? before.primary
    : change.status !== undefined && !Object.values(all).some((t) => t.primary);
  all[id] = {
    id,
    agentName: change.agentName ?? before?.agentName ?? null,
    status: change.status ?? before?.status ?? null,
    stopReason: change.stopReason ?? before?.stopReason ?? null,
    workflowRunId: change.workflowRunId ?? before?.workflowRunId ?? null,
    primary,
  };
}
