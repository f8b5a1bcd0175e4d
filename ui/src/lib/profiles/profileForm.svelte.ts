import { isValid } from '$lib/forms/fieldErrors';
import type { ConnectionReport, ProfileView } from '$lib/ipc/call';
import {
  emptyProfileForm,
  formFromProfile,
  keyToSend,
  toDraft,
  validateProfileForm,
  type ProfileField,
  type ProfileFormValues,
} from './profileForm';
import { toBackendError } from '$lib/ipc/errors';
import type { ProfilesController } from './profiles.svelte';

/**
 * One open profile form, new or editing. Errors show for a field once it has been typed in, and
 * for every field after a save or test was attempted; nothing is sent while any is invalid.
 */
export class ProfileFormController {
  values = $state<ProfileFormValues>(emptyProfileForm());
  touched = $state<Partial<Record<ProfileField, boolean>>>({});
  attempted = $state(false);
  saving = $state(false);
  testing = $state(false);
  /** Why the last save failed; what was typed stays. */
  saveError = $state<string | undefined>();
  report = $state<ConnectionReport | undefined>();
  testError = $state<string | undefined>();

  readonly errors = $derived(validateProfileForm(this.values));
  readonly valid = $derived(isValid(this.errors));
  readonly existing: ProfileView | undefined;
  readonly #profiles: ProfilesController;

  constructor(profiles: ProfilesController, existing?: ProfileView) {
    this.#profiles = profiles;
    this.existing = existing;
    if (existing) this.values = formFromProfile(existing);
  }

  /** The message to show next to `field` now, if any. */
  errorFor(field: ProfileField): string | undefined {
    return this.touched[field] || this.attempted ? this.errors[field] : undefined;
  }

  touch(field: ProfileField): void {
    this.touched[field] = true;
  }

  async test(): Promise<void> {
    this.attempted = true;
    if (!this.valid || this.testing) return;
    this.testing = true;
    this.report = undefined;
    this.testError = undefined;
    try {
      const id = this.existing?.id ?? null;
      this.report = await this.#profiles.test(toDraft(this.values), keyToSend(this.values), id);
    } catch (e) {
      this.testError = toBackendError(e).message;
    } finally {
      this.testing = false;
    }
  }

  /** Saves the profile and returns its id, or undefined when nothing was saved. */
  async save(): Promise<string | undefined> {
    this.attempted = true;
    if (!this.valid || this.saving) return undefined;
    this.saving = true;
    this.saveError = undefined;
    try {
      const draft = toDraft(this.values);
      const key = keyToSend(this.values);
      let id: string;
      if (this.existing) {
        id = this.existing.id;
        await this.#profiles.update(id, draft, key);
      } else {
        id = await this.#profiles.create(draft, key);
      }
      // The key now lives in the backend only; the form lets go of its copy.
      this.values.apiKey = '';
      return id;
    } catch (e) {
      this.saveError = toBackendError(e).message;
      return undefined;
    } finally {
      this.saving = false;
    }
  }
}
