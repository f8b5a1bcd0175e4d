/**
 * What the conversation of one watched session is made of: its items, threads, token totals and
 * the state `apply` (in reducer.ts) produces from relay messages.
 */
import type {
  Budget,
  ConnectionState,
  ContentBlock,
  ModelUsage,
  SessionError,
  SessionEvent,
  SessionUsage,
  StopDetails,
  StopReason,
  Value,
} from '$lib/ipc/bindings';

/** The events this reducer knows by their `type`. */
export type KnownEvent = Extract<SessionEvent, { type: string }>;
export type EventOf<T extends KnownEvent['type']> = Extract<KnownEvent, { type: T }>;

export type SessionStatus = 'idle' | 'running' | 'rescheduling' | 'terminated';

/** `typing` while deltas come in, `cut` when the request ended with no final event. */
export type PreviewPhase = 'typing' | 'cut' | 'final';

export type ToolKind = 'builtin' | 'mcp' | 'custom';

/** `denied`: the user or the server refused the call; it did not run. */
export type ToolStatus = 'pending' | 'running' | 'done' | 'error' | 'denied';

export interface UserMessageItem {
  kind: 'user';
  id: string;
  content: ContentBlock[];
  /** Unset until the server's echo says it processed the message. */
  processedAt: string | null;
}

export interface AgentMessageItem {
  kind: 'agent';
  id: string;
  content: ContentBlock[];
  phase: PreviewPhase;
  processedAt: string | null;
  threadId: string | null;
}

export interface ThinkingItem {
  kind: 'thinking';
  id: string;
  phase: PreviewPhase;
  processedAt: string | null;
}

export interface ModelRequestItem {
  kind: 'model_request';
  /** The id of its `span.model_request_start`. */
  id: string;
  startedAt: string;
  endedAt: string | null;
  usage: ModelUsage | null;
  isError: boolean;
}

export interface ToolResult {
  eventId: string;
  content: ContentBlock[];
  isError: boolean;
  processedAt: string | null;
}

export interface ToolConfirmation {
  eventId: string;
  result: string;
  denyMessage: string | null;
}

export interface ToolCallItem {
  kind: 'tool';
  /** The id of the tool-use event, which results and confirmations refer to. */
  id: string;
  tool: ToolKind;
  name: string;
  /** The MCP server's name, for `mcp` tools. */
  serverName: string | null;
  input: Value;
  /** `evaluated_permission` (`allow`, `ask`, `deny`, …); absent means allowed. */
  permission: string | null;
  status: ToolStatus;
  /** What the session waits for from this client, if anything. */
  awaiting: 'confirmation' | 'result' | null;
  confirmation: ToolConfirmation | null;
  result: ToolResult | null;
  /** Set on calls cross-posted from a child thread. */
  threadId: string | null;
  /**
   * When the call began to run: its use, for a call that needed nobody's approval; the
   * allowing confirmation's `processed_at`, for one that asked (the wait for the person is not
   * the tool's time). Null while it waits, and for a denied call, which never ran.
   */
  startedAt: string | null;
  endedAt: string | null;
}

/** A result whose tool call this stream never showed. */
export interface OrphanResultItem {
  kind: 'tool_result';
  id: string;
  toolUseId: string;
  content: ContentBlock[];
  isError: boolean;
}

export interface ThreadMessageItem {
  kind: 'thread_message';
  id: string;
  direction: 'sent' | 'received';
  /** The other thread. */
  threadId: string;
  agentName: string | null;
  content: ContentBlock[];
  processedAt: string;
}

export interface SessionErrorItem {
  kind: 'error';
  id: string;
  error: SessionError;
  processedAt: string;
}

export interface SystemMessageItem {
  kind: 'system';
  id: string;
  content: ContentBlock[];
  processedAt: string | null;
}

export interface InterruptItem {
  kind: 'interrupt';
  id: string;
  threadId: string | null;
  processedAt: string | null;
}

export interface CompactedItem {
  kind: 'compacted';
  id: string;
  processedAt: string;
}

export type ConversationItem =
  | UserMessageItem
  | AgentMessageItem
  | ThinkingItem
  | ModelRequestItem
  | ToolCallItem
  | OrphanResultItem
  | ThreadMessageItem
  | SessionErrorItem
  | SystemMessageItem
  | InterruptItem
  | CompactedItem;

export interface ThreadInfo {
  id: string;
  agentName: string | null;
  status: SessionStatus | null;
  stopReason: StopReason | null;
  workflowRunId: string | null;
  /** The SDK takes the first thread seen in a status event, and not created, as the primary. */
  primary: boolean;
}

export interface TokenTotals {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  /** How many spans were added up. */
  spans: number;
}

export interface ConversationState {
  readonly items: readonly ConversationItem[];
  /** Every event with an id (upserted by id) and every unknown one, in arrival order. */
  readonly events: readonly SessionEvent[];
  readonly status: SessionStatus | null;
  readonly stopReason: StopReason | null;
  readonly stopDetails: StopDetails | null;
  /** `event_ids` of the newest `requires_action` idle event; empty once running again. */
  readonly pendingIds: readonly string[];
  /** Tool calls that wait for this client (`awaiting` set), oldest first. */
  readonly awaitingIds: readonly string[];
  /** The newest `session.error`, until the session runs again. */
  readonly lastError: SessionError | null;
  /** Totals of `span.model_request_end` and `span.outcome_evaluation_end` usage. */
  readonly spanUsage: TokenTotals;
  /** The newest `session.usage` snapshot. */
  readonly sessionUsage: SessionUsage | null;
  readonly budget: Budget | null;
  readonly title: string | null;
  readonly threads: Readonly<Record<string, ThreadInfo>>;
  readonly connection: ConnectionState | null;
  readonly lastSeq: number | null;
  /** A relay message was skipped: the view may miss events and should reload. */
  readonly gap: boolean;
  readonly notices: readonly string[];
  /** Ids of events whose long strings the relay cut (`session_event_full` has them). */
  readonly elided: readonly string[];
  readonly deleted: boolean;
}

const NO_TOKENS: TokenTotals = {
  input_tokens: 0,
  output_tokens: 0,
  cache_creation_input_tokens: 0,
  cache_read_input_tokens: 0,
  spans: 0,
};

export function initialState(): ConversationState {
  return {
    items: [],
    events: [],
    status: null,
    stopReason: null,
    stopDetails: null,
    pendingIds: [],
    awaitingIds: [],
    lastError: null,
    spanUsage: NO_TOKENS,
    sessionUsage: null,
    budget: null,
    title: null,
    threads: {},
    connection: null,
    lastSeq: null,
    gap: false,
    notices: [],
    elided: [],
    deleted: false,
  };
}
