// Metadata as editable rows. Agents and environments share the API's limits and its patch
// semantics on update (a string upserts, null deletes, a key left out is kept).
import { charCount } from './json';
import type { FieldErrors } from './fieldErrors';

export const METADATA_MAX_PAIRS = 16;
export const METADATA_MAX_KEY = 64;
export const METADATA_MAX_VALUE = 512;

export interface MetadataRow {
  key: string;
  value: string;
}

/** A row the user added but has not typed into yet; it is left out rather than flagged. */
function isBlank(row: MetadataRow): boolean {
  return row.key.trim() === '' && row.value === '';
}

export function metadataRows(metadata: Record<string, string> | null | undefined): MetadataRow[] {
  return Object.entries(metadata ?? {}).map(([key, value]) => ({ key, value }));
}

export function metadataObject(rows: readonly MetadataRow[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const row of rows) if (!isBlank(row)) out[row.key] = row.value;
  return out;
}

/**
 * The update body's metadata: every row as it stands, plus `null` for each stored key the user
 * removed, because a key left out of the patch would be kept.
 */
export function metadataPatch(
  rows: readonly MetadataRow[],
  stored: Record<string, string> | null | undefined,
): Record<string, string | null> {
  const patch: Record<string, string | null> = { ...metadataObject(rows) };
  for (const key of Object.keys(stored ?? {})) if (!(key in patch)) patch[key] = null;
  return patch;
}

export function validateMetadata(rows: readonly MetadataRow[], errors: FieldErrors): void {
  const seen = new Set<string>();
  let pairs = 0;
  rows.forEach((row, i) => {
    if (isBlank(row)) return;
    pairs++;
    const at = `metadata.${i}`;
    if (pairs > METADATA_MAX_PAIRS) {
      errors[`${at}.key`] = `At most ${METADATA_MAX_PAIRS} metadata pairs; remove this one.`;
      return;
    }
    if (row.key.trim() === '') errors[`${at}.key`] = 'Enter a key.';
    else if (charCount(row.key) > METADATA_MAX_KEY)
      errors[`${at}.key`] = `Keys are at most ${METADATA_MAX_KEY} characters.`;
    else if (seen.has(row.key)) errors[`${at}.key`] = `"${row.key}" is already used above.`;
    seen.add(row.key);
    if (charCount(row.value) > METADATA_MAX_VALUE)
      errors[`${at}.value`] =
        `Values are at most ${METADATA_MAX_VALUE} characters (this one has ${charCount(row.value)}).`;
  });
}
