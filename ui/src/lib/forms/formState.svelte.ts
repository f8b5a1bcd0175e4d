// What every create/edit form shares: the values the user edits, whether they differ from what
// was loaded, and which validation messages to show. A message appears once its field has been
// touched, or for every field after a save attempt or an import (text the user did not type).
import type { FieldErrors } from './fieldErrors';

export class FormState<F> {
  values: F = $state() as F;
  submitted = $state(false);
  #touched = $state<Record<string, true>>({});
  #snapshot = $state('');
  readonly #validate: (values: F) => FieldErrors;
  readonly #warn: (values: F) => FieldErrors;

  readonly errors: FieldErrors = $derived.by(() => this.#validate(this.values));
  readonly warnings: FieldErrors = $derived.by(() => this.#warn(this.values));
  readonly valid: boolean = $derived(Object.keys(this.errors).length === 0);
  readonly dirty: boolean = $derived(JSON.stringify(this.values) !== this.#snapshot);

  constructor(
    initial: F,
    validate: (values: F) => FieldErrors,
    warn: (values: F) => FieldErrors = () => ({}),
  ) {
    this.#validate = validate;
    this.#warn = warn;
    this.reset(initial);
  }

  /** Loads `values` as the new clean state: nothing touched, nothing unsaved. */
  reset(values: F): void {
    this.values = values;
    this.#snapshot = JSON.stringify($state.snapshot(this.values));
    this.#touched = {};
    this.submitted = false;
  }

  /** Replaces the values but keeps them unsaved (an import), showing every message. */
  replace(values: F): void {
    this.values = values;
    this.submitted = true;
  }

  touch(path: string): void {
    if (!this.#touched[path]) this.#touched[path] = true;
  }

  /** The message to show at `path` now, if any. */
  error(path: string): string | undefined {
    const message = this.errors[path];
    return message !== undefined && (this.submitted || this.#touched[path]) ? message : undefined;
  }

  warning(path: string): string | undefined {
    return this.warnings[path];
  }

  /** Marks every field for display; returns whether the form may be sent. */
  attempt(): boolean {
    this.submitted = true;
    return this.valid;
  }
}

/**
 * Touches the field an input event came from and every field around it (a list row and its
 * list), as marked by `data-path` on the wrapping elements.
 */
export function touchFromEvent(form: { touch(path: string): void }, event: Event): void {
  let node = event.target instanceof Element ? event.target.closest('[data-path]') : null;
  while (node instanceof HTMLElement) {
    const path = node.dataset.path;
    if (path) form.touch(path);
    node = node.parentElement?.closest('[data-path]') ?? null;
  }
}
