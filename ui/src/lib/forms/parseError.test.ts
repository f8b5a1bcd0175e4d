import { describe, expect, it } from 'vitest';
import { describeParseError, lineColumn, parseJson } from './parseError';

describe('parse errors', () => {
  it('turns an offset into a 1-based line and column', () => {
    expect(lineColumn('ab\ncd\nef', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd\nef', 4)).toEqual({ line: 2, column: 2 });
  });

  it('says where JSON breaks, and points at the end when it is cut short', () => {
    const broken = parseJson('{\n  "a": 1\n  "b": 2\n}');
    expect(broken.ok || broken.error).toMatchObject({ line: 3, column: 3 });
    const cut = parseJson('{\n  "a": [1, 2');
    expect(cut.ok || cut.error.line).toBe(2);
  });

  it('reads as "Line L, column C: message"', () => {
    expect(describeParseError({ message: 'Unexpected token', line: 4, column: 7 })).toBe(
      'Line 4, column 7: Unexpected token',
    );
    expect(describeParseError({ message: 'The file is empty.' })).toBe('The file is empty.');
  });
});
