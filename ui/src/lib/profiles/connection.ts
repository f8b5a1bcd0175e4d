import { formatDuration } from '$lib/format/duration';
import type { ConnectionReport, ConnectionVerdict } from '$lib/ipc/call';

/** A verdict in a few plain words; the report's message says the rest. */
export const VERDICT_TITLES: Record<ConnectionVerdict, string> = {
  ok: 'Connected',
  badKey: 'The key was not accepted',
  noNetwork: 'Nothing answered',
  wrongUrl: 'Wrong address',
  workspaceMismatch: 'Wrong workspace',
  noBetaAccess: 'No access to Managed Agents',
  forbidden: 'Permission missing',
  rateLimited: 'Too many requests',
  serverError: 'The API is having trouble',
};

/** "HTTP 401 · request req_123 · 84 ms": the facts a person can quote to support. */
export function reportFacts(report: ConnectionReport): string[] {
  const facts: string[] = [];
  if (report.status !== null) facts.push(`HTTP ${report.status}`);
  if (report.requestId) facts.push(`Request ${report.requestId}`);
  facts.push(formatDuration(report.elapsedMs));
  return facts;
}
