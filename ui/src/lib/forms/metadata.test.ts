import { describe, expect, it } from 'vitest';
import type { FieldErrors } from './fieldErrors';
import {
  metadataObject,
  metadataPatch,
  metadataRows,
  validateMetadata,
  type MetadataRow,
} from './metadata';

function errorsOf(rows: MetadataRow[]): FieldErrors {
  const errors: FieldErrors = {};
  validateMetadata(rows, errors);
  return errors;
}

describe('metadata rows', () => {
  it('round-trips an object, keeping order', () => {
    const metadata = { b: '2', a: '1' };
    expect(metadataObject(metadataRows(metadata))).toEqual(metadata);
    expect(metadataRows(metadata).map((r) => r.key)).toEqual(['b', 'a']);
  });

  it('allows exactly 16 pairs and flags the 17th row', () => {
    const rows = Array.from({ length: 16 }, (_, i) => ({ key: `k${i}`, value: '' }));
    expect(errorsOf(rows)).toEqual({});
    expect(errorsOf([...rows, { key: 'one-too-many', value: 'x' }])).toEqual({
      'metadata.16.key': 'At most 16 metadata pairs; remove this one.',
    });
  });

  it('does not count a blank row the user has not filled yet', () => {
    const rows = Array.from({ length: 16 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    rows.splice(3, 0, { key: '', value: '' });
    expect(errorsOf(rows)).toEqual({});
    expect(Object.keys(metadataObject(rows))).toHaveLength(16);
  });

  it('limits keys to 64 and values to 512 characters, counting characters not bytes', () => {
    expect(errorsOf([{ key: 'é'.repeat(64), value: '日'.repeat(512) }])).toEqual({});
    expect(errorsOf([{ key: 'k'.repeat(65), value: 'v'.repeat(513) }])).toEqual({
      'metadata.0.key': 'Keys are at most 64 characters.',
      'metadata.0.value': 'Values are at most 512 characters (this one has 513).',
    });
  });

  it('wants a key for a value, and no key twice', () => {
    expect(
      errorsOf([
        { key: '', value: 'orphan' },
        { key: 'a', value: '' },
        { key: 'a', value: '' },
      ]),
    ).toEqual({
      'metadata.0.key': 'Enter a key.',
      'metadata.2.key': '"a" is already used above.',
    });
  });

  it('patches with null for each stored key the user removed', () => {
    expect(metadataPatch([{ key: 'keep', value: 'new' }], { keep: 'old', gone: 'x' })).toEqual({
      keep: 'new',
      gone: null,
    });
    expect(metadataPatch([], null)).toEqual({});
  });
});
