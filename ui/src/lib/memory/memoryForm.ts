// What the API would refuse in a memory store or a memory, checked at the field. Limits from the
// reference: a store's name 1–255 characters and its description up to 1024; a memory's content
// up to 100 kB. A path is absolute, names a file (no trailing slash) and has no empty, `.` or `..`
// segment, as the store is mounted as a directory tree in the sandbox.
import type { FieldErrors } from '$lib/forms/fieldErrors';
import { charCount } from '$lib/forms/json';

export const STORE_NAME_MAX = 255;
export const STORE_DESCRIPTION_MAX = 1024;
export const MEMORY_CONTENT_MAX_BYTES = 100_000;

export interface StoreFormState {
  name: string;
  description: string;
}

export function validateStoreForm(form: StoreFormState): FieldErrors {
  const errors: FieldErrors = {};
  const name = form.name.trim();
  if (name === '') errors.name = 'Enter a name; the agent sees it as the folder it reads.';
  else if (charCount(name) > STORE_NAME_MAX) errors.name = `At most ${STORE_NAME_MAX} characters.`;
  if (charCount(form.description) > STORE_DESCRIPTION_MAX)
    errors.description = `At most ${STORE_DESCRIPTION_MAX} characters.`;
  return errors;
}

/** Why `path` is not a memory path the API takes, or null. */
export function pathProblem(path: string): string | null {
  if (path === '') return 'Enter a path, such as /preferences/editor.md.';
  if (!path.startsWith('/')) return 'A path starts with /, such as /notes/today.md.';
  if (path.endsWith('/')) return 'A path names a memory, not a folder: end it with a name.';
  const segments = path.slice(1).split('/');
  if (segments.some((s) => s === '')) return 'No empty segment (//) in a path.';
  if (segments.some((s) => s === '.' || s === '..')) return 'No . or .. in a path.';
  return null;
}

export interface MemoryFormState {
  path: string;
  content: string;
}

export function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

export function validateMemoryForm(form: MemoryFormState): FieldErrors {
  const errors: FieldErrors = {};
  const path = pathProblem(form.path.trim());
  if (path) errors.path = path;
  const bytes = byteLength(form.content);
  if (bytes > MEMORY_CONTENT_MAX_BYTES)
    errors.content = `At most 100 kB; this is ${Math.ceil(bytes / 1000)} kB.`;
  return errors;
}

/** The folders of `path` from the root, for the breadcrumbs: `/a/b/` → `/`, `/a/`, `/a/b/`. */
export function foldersOf(prefix: string): string[] {
  const parts = prefix.split('/').filter((p) => p !== '');
  return ['/', ...parts.map((_, i) => `/${parts.slice(0, i + 1).join('/')}/`)];
}

/** The folder to ask the API for (`path_prefix` must end with /) and the rest to match. */
export function searchPrefix(text: string): { folder: string; rest: string } {
  const query = text.trim().startsWith('/') ? text.trim() : `/${text.trim()}`;
  const cut = query.lastIndexOf('/') + 1;
  return { folder: query.slice(0, cut), rest: query.slice(cut) };
}
