// A line diff for comparing two versions of a resource as pretty-printed JSON. Versions are a few
// hundred lines at most, so the plain longest-common-subsequence table is fast enough and keeps
// the result exact (no heuristics that pair unrelated lines).

export type LineOp = { kind: 'same' | 'removed' | 'added'; text: string };

/** One row of a side-by-side view: a line of the old text, of the new, or of both. */
export interface DiffRow {
  kind: 'same' | 'changed' | 'removed' | 'added';
  left: { number: number; text: string } | null;
  right: { number: number; text: string } | null;
}

/** The edit script that turns `before` into `after`, line by line. */
export function diffLines(before: string, after: string): LineOp[] {
  const a = before.split('\n');
  const b = after.split('\n');
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i]![j] =
        a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const ops: LineOp[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      ops.push({ kind: 'same', text: a[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) ops.push({ kind: 'removed', text: a[i++]! });
    else ops.push({ kind: 'added', text: b[j++]! });
  }
  while (i < a.length) ops.push({ kind: 'removed', text: a[i++]! });
  while (j < b.length) ops.push({ kind: 'added', text: b[j++]! });
  return ops;
}

/**
 * Pairs the script into rows: a run of removed lines followed by a run of added lines sits side
 * by side as changed rows, which is how people read "this became that".
 */
export function sideBySide(ops: readonly LineOp[]): DiffRow[] {
  const rows: DiffRow[] = [];
  let left = 0;
  let right = 0;
  let k = 0;
  while (k < ops.length) {
    const op = ops[k]!;
    if (op.kind === 'same') {
      rows.push({
        kind: 'same',
        left: { number: ++left, text: op.text },
        right: { number: ++right, text: op.text },
      });
      k++;
      continue;
    }
    const removed: string[] = [];
    const added: string[] = [];
    while (k < ops.length && ops[k]!.kind === 'removed') removed.push(ops[k++]!.text);
    while (k < ops.length && ops[k]!.kind === 'added') added.push(ops[k++]!.text);
    for (let n = 0; n < Math.max(removed.length, added.length); n++) {
      const l = removed[n];
      const r = added[n];
      rows.push({
        kind:
          l !== undefined && r !== undefined ? 'changed' : l !== undefined ? 'removed' : 'added',
        left: l !== undefined ? { number: ++left, text: l } : null,
        right: r !== undefined ? { number: ++right, text: r } : null,
      });
    }
  }
  return rows;
}

/** Counts for a summary line ("3 lines removed, 5 added"). */
export function diffStats(ops: readonly LineOp[]): { removed: number; added: number } {
  return {
    removed: ops.filter((o) => o.kind === 'removed').length,
    added: ops.filter((o) => o.kind === 'added').length,
  };
}
