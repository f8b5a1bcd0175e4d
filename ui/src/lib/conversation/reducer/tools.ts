// Tool calls: their use, the person's confirmation, their result, and which of them wait for
// this client (`awaitingIds`; the newest idle event's `requires_action` list decides).
import type { ContentBlock, StopReason } from '$lib/ipc/bindings';
import type { EventOf, ToolCallItem, ToolKind, ToolStatus } from '../state';
import { find, replace, upsert, writableAwaiting, type Draft, type Handlers } from './draft';

export const tools: Handlers = {
  'agent.tool_use': toolUse,
  'agent.mcp_tool_use': toolUse,
  'agent.custom_tool_use': toolUse,
  'user.tool_confirmation': confirm,
  'user.custom_tool_result'(d, event, id) {
    toolResult(d, event.custom_tool_use_id, id, event);
  },
  'user.tool_result'(d, event, id) {
    toolResult(d, event.tool_use_id, id, event);
  },
  'agent.tool_result'(d, event, id) {
    toolResult(d, event.tool_use_id, id, event);
  },
  'agent.mcp_tool_result'(d, event, id) {
    toolResult(d, event.mcp_tool_use_id, id, event);
  },
};

function toolUse(
  d: Draft,
  event: EventOf<'agent.tool_use' | 'agent.mcp_tool_use' | 'agent.custom_tool_use'>,
  id: string,
): void {
  const tool: ToolKind =
    event.type === 'agent.mcp_tool_use'
      ? 'mcp'
      : event.type === 'agent.custom_tool_use'
        ? 'custom'
        : 'builtin';
  const permission =
    event.type === 'agent.custom_tool_use' ? null : (event.evaluated_permission ?? null);
  let status: ToolStatus = 'running';
  let awaiting: ToolCallItem['awaiting'] = null;
  if (tool === 'custom') {
    // A custom tool may be answered as soon as its use arrives.
    status = 'pending';
    awaiting = 'result';
  } else if (permission === 'deny') {
    status = 'denied';
  } else if (permission === 'ask') {
    status = 'pending';
    if (d.pendingIds.includes(id)) awaiting = 'confirmation';
  }
  upsert(d, {
    kind: 'tool',
    id,
    tool,
    name: event.name,
    serverName: event.type === 'agent.mcp_tool_use' ? event.mcp_server_name : null,
    input: event.input,
    permission,
    status,
    awaiting,
    confirmation: null,
    result: null,
    threadId: event.session_thread_id ?? null,
    // A custom tool runs in this client from its use on; the others once nobody has to approve.
    startedAt: status === 'running' || tool === 'custom' ? event.processed_at : null,
    endedAt: null,
  });
  if (awaiting !== null && !d.awaitingIds.includes(id)) writableAwaiting(d).push(id);
}

function confirm(d: Draft, event: EventOf<'user.tool_confirmation'>): void {
  const item = find(d, event.tool_use_id);
  if (item?.kind !== 'tool') return;
  const allowed = event.result === 'allow';
  let status = item.status;
  if (!allowed) status = 'denied';
  else if (status === 'pending') status = 'running';
  replace(d, {
    ...item,
    status,
    awaiting: null,
    // It runs from the moment it was allowed (the echo comes again once processed); a denied
    // call never ran.
    startedAt: allowed ? (event.processed_at ?? item.startedAt) : null,
    confirmation: {
      eventId: event.id,
      result: event.result,
      denyMessage: event.deny_message ?? null,
    },
  });
  stopAwaiting(d, item.id);
}

function toolResult(
  d: Draft,
  toolUseId: string,
  id: string,
  event: {
    content?: ContentBlock[] | null;
    is_error?: boolean | null;
    processed_at?: string | null;
  },
): void {
  const isError = event.is_error ?? false;
  const content = event.content ?? [];
  const item = find(d, toolUseId);
  if (item?.kind !== 'tool') {
    upsert(d, { kind: 'tool_result', id, toolUseId, content, isError });
    return;
  }
  replace(d, {
    ...item,
    status: item.status === 'denied' ? 'denied' : isError ? 'error' : 'done',
    awaiting: null,
    result: { eventId: id, content, isError, processedAt: event.processed_at ?? null },
    endedAt: event.processed_at ?? null,
  });
  stopAwaiting(d, item.id);
}

function stopAwaiting(d: Draft, id: string): void {
  const at = d.awaitingIds.indexOf(id);
  if (at >= 0) writableAwaiting(d).splice(at, 1);
}

/** The tool calls an idle event's stop reason waits for. */
export function requiredIds(reason: StopReason): string[] {
  if (typeof reason !== 'object' || reason === null || Array.isArray(reason)) return [];
  if (reason.type !== 'requires_action') return [];
  const ids = (reason as { event_ids?: unknown }).event_ids;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

/** The newest idle event's list is authoritative: it replaces whatever was awaited before. */
export function setPending(d: Draft, ids: string[]): void {
  const wanted = new Set(ids);
  const still: string[] = [];
  for (const id of d.awaitingIds) {
    const item = find(d, id);
    if (item?.kind !== 'tool') continue;
    if (wanted.has(id)) still.push(id);
    else replace(d, { ...item, awaiting: null });
  }
  for (const id of ids) {
    const item = find(d, id);
    if (item?.kind !== 'tool' || item.result !== null || still.includes(id)) continue;
    if (item.tool !== 'custom' && item.confirmation !== null) continue;
    replace(d, {
      ...item,
      status: 'pending',
      awaiting: item.tool === 'custom' ? 'result' : 'confirmation',
    });
    still.push(id);
  }
  d.pendingIds = ids;
  d.awaitingIds = still;
  d.owned.add('awaitingIds');
}
