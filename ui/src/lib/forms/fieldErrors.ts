/**
 * Problems with a form, keyed by a stable field path (`name`, `metadata.3.key`,
 * `customTools.0.inputSchema`) so a component can show each message next to its field.
 */
export type FieldErrors = Record<string, string>;

/** True when nothing blocks sending: the UI sends nothing while any field is invalid. */
export function isValid(errors: FieldErrors): boolean {
  return Object.keys(errors).length === 0;
}

/** The errors under one path prefix (`mcpServers.1`), for a section that shows a summary. */
export function errorsUnder(errors: FieldErrors, prefix: string): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, message] of Object.entries(errors)) {
    if (path === prefix || path.startsWith(`${prefix}.`)) out[path] = message;
  }
  return out;
}
