// "Copy as curl": a command a person can paste into a POSIX shell. The key is always the
// `$ANTHROPIC_API_KEY` variable, never a value, so the copied text is safe to share; any auth
// header the caller passes is replaced for the same reason.

/** `anthropic-version` that SDK 2.10.0 sends. */
export const ANTHROPIC_VERSION = '2026-10-21';
/** The beta every agents / environments / sessions endpoint needs. */
export const MANAGED_AGENTS_BETA = 'managed-agents-2026-04-01';

export interface CurlRequest {
  method: string;
  url: string;
  /** Extra or overriding headers (e.g. another beta). Auth headers are ignored. */
  headers?: Record<string, string>;
  /** Sent as pretty-printed JSON; leave out for a request without a body. */
  body?: unknown;
  /** The SDK sends `Authorization: Bearer`; some setups still use `x-api-key`. */
  auth?: 'bearer' | 'x-api-key';
}

/** Single-quotes `text` for a POSIX shell: nothing inside is expanded, newlines included. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

const AUTH_HEADERS = new Set(['authorization', 'x-api-key']);

export function curlCommand(request: CurlRequest): string {
  const headers = new Map<string, [string, string]>();
  const set = (name: string, value: string) => headers.set(name.toLowerCase(), [name, value]);
  set('anthropic-version', ANTHROPIC_VERSION);
  set('anthropic-beta', MANAGED_AGENTS_BETA);
  if (request.body !== undefined) set('content-type', 'application/json');
  for (const [name, value] of Object.entries(request.headers ?? {}))
    if (!AUTH_HEADERS.has(name.toLowerCase())) set(name, value);

  // Double quotes so the shell expands the variable; the rest of the text is fixed.
  const auth =
    request.auth === 'x-api-key'
      ? '"x-api-key: $ANTHROPIC_API_KEY"'
      : '"Authorization: Bearer $ANTHROPIC_API_KEY"';
  const lines = [
    `curl ${shellQuote(request.url)}`,
    `--request ${shellQuote(request.method.toUpperCase())}`,
  ];
  lines.push(`--header ${auth}`);
  for (const [name, value] of headers.values())
    lines.push(`--header ${shellQuote(`${name}: ${value}`)}`);
  if (request.body !== undefined)
    lines.push(`--data-raw ${shellQuote(JSON.stringify(request.body, null, 2))}`);
  return lines.join(' \\\n  ');
}
