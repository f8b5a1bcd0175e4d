// Composer drafts by session, kept while the app runs so leaving a session loses nothing.
const drafts = new Map<string, string>();

export function getDraft(sessionId: string): string {
  return drafts.get(sessionId) ?? '';
}

export function setDraft(sessionId: string, text: string): void {
  if (text === '') drafts.delete(sessionId);
  else drafts.set(sessionId, text);
}
