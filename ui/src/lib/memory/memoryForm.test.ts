import { describe, expect, it } from 'vitest';
import {
  foldersOf,
  pathProblem,
  searchPrefix,
  validateMemoryForm,
  validateStoreForm,
} from './memoryForm';

describe('memory forms', () => {
  it('takes absolute file paths only', () => {
    expect(pathProblem('/prefs/editor.md')).toBeNull();
    expect(pathProblem('prefs/editor.md')).toMatch(/starts with \//);
    expect(pathProblem('/prefs/')).toMatch(/not a folder/);
    expect(pathProblem('/prefs//a.md')).toMatch(/empty segment/);
    expect(pathProblem('/prefs/../a.md')).toMatch(/\.\./);
    expect(pathProblem('')).toMatch(/Enter a path/);
  });

  it('counts the content in bytes against the 100 kB limit', () => {
    expect(validateMemoryForm({ path: '/a.md', content: 'é'.repeat(50_001) }).content).toMatch(
      /this is 101 kB/,
    );
    expect(validateMemoryForm({ path: '/a.md', content: 'a'.repeat(100_000) })).toEqual({});
  });

  it('wants a store name and a short description', () => {
    expect(validateStoreForm({ name: '', description: '' }).name).toBeDefined();
    expect(validateStoreForm({ name: 'n', description: 'x'.repeat(1025) }).description).toMatch(
      /1024/,
    );
  });

  it('splits a folder into breadcrumbs and a search into folder and rest', () => {
    expect(foldersOf('/a/b/')).toEqual(['/', '/a/', '/a/b/']);
    expect(searchPrefix('prefs/ed')).toEqual({ folder: '/prefs/', rest: 'ed' });
    expect(searchPrefix('/')).toEqual({ folder: '/', rest: '' });
  });
});
