import { describe, expect, it } from 'vitest';
import { diffLines, diffStats, sideBySide } from './lineDiff';

describe('line diff', () => {
  it('keeps common lines and marks the rest removed or added', () => {
    const ops = diffLines('a\nb\nc', 'a\nx\nc\nd');
    expect(ops).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'added', text: 'x' },
      { kind: 'same', text: 'c' },
      { kind: 'added', text: 'd' },
    ]);
    expect(diffStats(ops)).toEqual({ removed: 1, added: 2 });
  });

  it('finds nothing to change in equal texts', () => {
    expect(diffLines('a\nb', 'a\nb').every((o) => o.kind === 'same')).toBe(true);
  });

  it('pairs a removed run with the added run after it, numbering each side', () => {
    const rows = sideBySide(diffLines('a\nb\nc\nz', 'a\nB\nz'));
    expect(rows.map((r) => r.kind)).toEqual(['same', 'changed', 'removed', 'same']);
    expect(rows[1]).toEqual({
      kind: 'changed',
      left: { number: 2, text: 'b' },
      right: { number: 2, text: 'B' },
    });
    expect(rows[3]?.left?.number).toBe(4);
    expect(rows[3]?.right?.number).toBe(3);
  });
});
