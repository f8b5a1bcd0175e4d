import { describe, expect, it } from 'vitest';
import {
  base64Size,
  blockLabel,
  clipLines,
  decodeBase64,
  errorTypeLabel,
  isShownImageType,
  retryStatusText,
  textOf,
  viewBlock,
} from './content';

describe('viewBlock', () => {
  it('reads each known block type', () => {
    expect(viewBlock({ type: 'text', text: 'hi' })).toEqual({ kind: 'text', text: 'hi' });
    expect(
      viewBlock({
        type: 'image',
        source: { type: 'base64', media_type: 'image/png', data: 'AA==' },
      }),
    ).toEqual({ kind: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AA==' } });
    expect(viewBlock({ type: 'image', source: { type: 'url', url: 'https://x/y.png' } })).toEqual({
      kind: 'image',
      source: { kind: 'url', url: 'https://x/y.png' },
    });
    expect(
      viewBlock({
        type: 'document',
        title: 'Notes',
        source: { type: 'text', media_type: 'text/plain', data: 'body' },
      }),
    ).toEqual({
      kind: 'document',
      title: 'Notes',
      context: null,
      source: { kind: 'text', mediaType: 'text/plain', data: 'body' },
    });
    expect(
      viewBlock({
        type: 'search_result',
        source: 'https://e.com',
        title: 'E',
        content: [{ type: 'text', text: 'snippet' }],
      }),
    ).toEqual({ kind: 'search_result', title: 'E', url: 'https://e.com', snippet: 'snippet' });
    expect(viewBlock({ type: 'redacted' })).toEqual({ kind: 'redacted' });
  });

  it('keeps unknown or malformed blocks as JSON text', () => {
    expect(viewBlock({ type: 'audio', data: 1 })).toMatchObject({ kind: 'unknown' });
    expect(viewBlock({ type: 'text', text: 5 })).toMatchObject({ kind: 'unknown' });
    expect(viewBlock('loose')).toEqual({ kind: 'unknown', json: '"loose"' });
    expect(viewBlock({ type: 'image', source: { type: 'ftp' } })).toMatchObject({
      kind: 'image',
      source: { kind: 'unknown' },
    });
  });
});

describe('text helpers', () => {
  it('joins text blocks and skips others', () => {
    expect(
      textOf([{ type: 'text', text: 'a' }, { type: 'redacted' }, { type: 'text', text: 'b' }]),
    ).toBe('a\n\nb');
  });

  it('labels blocks that are not text', () => {
    expect(
      blockLabel(viewBlock({ type: 'image', source: { type: 'file', file_id: 'file_1' } })),
    ).toBe('Image (file_1)');
    expect(blockLabel({ kind: 'redacted' })).toBe('Content withheld');
  });

  it('clips long text to its first lines', () => {
    const long = Array.from({ length: 100 }, (_, i) => `line ${i + 1}`).join('\n');
    const clipped = clipLines(long);
    expect(clipped).toMatchObject({ lines: 100, clipped: true, more: 'Show all 100 lines' });
    expect(clipped.shown.split('\n')).toHaveLength(20);
    expect(clipLines('a\nb\n')).toEqual({ shown: 'a\nb\n', lines: 2, clipped: false, more: '' });
    const wide = clipLines('x'.repeat(10_000));
    expect(wide).toMatchObject({ clipped: true, more: 'Show all 10,000 characters' });
    expect(wide.shown).toHaveLength(4000);
    // A few lines over the limit are not worth a button.
    expect(clipLines(Array(24).fill('x').join('\n')).clipped).toBe(false);
  });
});

describe('bytes', () => {
  it('decodes base64 and rejects what is not', () => {
    expect(Array.from(decodeBase64('AQID') ?? [])).toEqual([1, 2, 3]);
    expect(decodeBase64('%%%')).toBeNull();
    expect(base64Size('AQID')).toBe(3);
    expect(base64Size('AQ==')).toBe(1);
  });

  it('shows only raster image types', () => {
    expect(isShownImageType('image/PNG')).toBe(true);
    expect(isShownImageType('image/svg+xml')).toBe(false);
    expect(isShownImageType('text/html')).toBe(false);
  });
});

describe('errors', () => {
  it('says what a retry status means', () => {
    expect(retryStatusText({ type: 'retrying' })).toBe('Retrying automatically');
    expect(retryStatusText({ type: 'exhausted' })).toMatch(/Retries exhausted/);
    expect(retryStatusText({ type: 'terminal' })).toBe('The session will terminate');
    expect(retryStatusText({ type: 'later' })).toBe('Retry status: later');
    expect(errorTypeLabel('model_overloaded_error')).toBe('Model overloaded');
  });
});
