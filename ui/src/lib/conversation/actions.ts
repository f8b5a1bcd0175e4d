/**
 * What the items of a conversation may ask of the session they belong to. The session page
 * implements it with the generated commands; item components and their tests only see this.
 */
import type { SessionEvent } from '$lib/ipc/bindings';

export interface ConversationActions {
  /** Allows or denies a tool call that waits for confirmation; `reason` is shown to the agent. */
  confirm(toolUseId: string, allow: boolean, reason: string | null): Promise<void>;
  /** Sends the result of a custom tool call (`isError` marks it as failed). */
  answer(customToolUseId: string, text: string, isError: boolean): Promise<void>;
  /** The whole of an event the relay sent with its long strings cut. */
  fullEvent(eventId: string): Promise<SessionEvent>;
  /** Shows `url` in full and opens it in the browser only if the person agrees. */
  openLink(url: string): void;
}
