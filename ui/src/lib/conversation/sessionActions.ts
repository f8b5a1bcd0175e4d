// ConversationActions for one session, through the generated commands.
import { call, commands } from '$lib/ipc/call';
import type { SessionEvent } from '$lib/ipc/bindings';
import type { ConversationActions } from './actions';

export function sessionActions(
  sessionId: string,
  fullEvent: (eventId: string) => Promise<SessionEvent>,
  openLink: (url: string) => void,
): ConversationActions {
  return {
    async confirm(toolUseId, allow, reason) {
      await call(commands.sessionConfirmTool(sessionId, toolUseId, allow, reason));
    },
    async answer(customToolUseId, text, isError) {
      await call(commands.sessionAnswerCustomTool(sessionId, customToolUseId, text, isError));
    },
    fullEvent,
    openLink,
  };
}
