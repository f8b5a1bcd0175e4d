/** Where text failed to parse, 1-based, for a message a person can act on. */
export interface ParseError {
  message: string;
  line?: number;
  column?: number;
}

/** 1-based line and column of a 0-based character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

/**
 * `JSON.parse`, with the failure turned into a line and column. Engines only report a character
 * offset ("… at position 42"), or nothing at the end of the input.
 */
export function parseJson(
  text: string,
): { ok: true; value: unknown } | { ok: false; error: ParseError } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    const raw = e instanceof Error ? e.message : String(e);
    const position = /at position (\d+)/.exec(raw)?.[1];
    const offset = position !== undefined ? Number(position) : text.trimEnd().length;
    const message = raw.replace(/\s*in JSON at position \d+.*$/, '').replace(/^JSON\.parse: /, '');
    return { ok: false, error: { message, ...lineColumn(text, offset) } };
  }
}

export function describeParseError(error: ParseError): string {
  return error.line !== undefined
    ? `Line ${error.line}, column ${error.column ?? 1}: ${error.message}`
    : error.message;
}
