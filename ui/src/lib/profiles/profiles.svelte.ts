import {
  call,
  commands,
  type ConnectionReport,
  type ProfileDraft,
  type ProfilesView,
  type ProfileView,
  type Settings,
} from '$lib/ipc/call';
import { toBackendError } from '$lib/ipc/errors';
import { DEMO_PROFILE_ID } from '$lib/settings';

/**
 * The profiles and which one the app talks to. Every change goes to the backend first and the
 * list is then read back, so the UI never shows a state the backend does not have.
 */
export class ProfilesController {
  /** The backend's list; undefined until the first answer. */
  view = $state<ProfilesView | undefined>();
  /** Why the list could not be read, if it could not. */
  loadError = $state<string | undefined>();

  // Plain fields declared before the deriveds that read them; set once by the constructor.
  #seedId = DEMO_PROFILE_ID;
  #seedName = 'Demo';
  #loads = 0;

  readonly profiles: ProfileView[] = $derived(this.view?.profiles ?? []);
  readonly activeId: string = $derived(this.view?.activeId ?? this.#seedId);
  readonly active: ProfileView | undefined = $derived(
    this.profiles.find((p) => p.id === this.activeId),
  );
  /** Known before the list arrives, from the settings the app started with: no flash of "Demo". */
  readonly activeName: string = $derived(this.active?.name ?? this.#seedName);
  readonly demoActive: boolean = $derived(this.activeId === DEMO_PROFILE_ID);

  constructor(settings: Pick<Settings, 'activeProfile' | 'profiles'>) {
    const stored = settings.profiles.find((p) => p.id === settings.activeProfile);
    if (stored) {
      this.#seedId = stored.id;
      this.#seedName = stored.name;
    }
  }

  /** Reads the list again. Only the newest of overlapping reads is kept. */
  async load(): Promise<void> {
    const ticket = ++this.#loads;
    try {
      const view = await call(commands.profilesList());
      if (ticket !== this.#loads) return;
      this.view = view;
      this.loadError = undefined;
    } catch (e) {
      if (ticket === this.#loads) this.loadError = toBackendError(e).message;
    }
  }

  async activate(id: string): Promise<void> {
    await call(commands.profileActivate(id));
    await this.load();
  }

  /** Creates a profile with its key (if any) and returns its id. */
  async create(draft: ProfileDraft, apiKey: string | null): Promise<string> {
    const id = await call(commands.profileCreate(draft, apiKey));
    await this.load();
    return id;
  }

  /** Saves `draft`, and the key when one was typed; an empty key keeps the stored one. */
  async update(id: string, draft: ProfileDraft, apiKey: string | null): Promise<void> {
    try {
      await call(commands.profileUpdate(id, draft));
      if (apiKey !== null) {
        try {
          await call(commands.profileSetKey(id, apiKey));
        } catch (e) {
          throw new Error(
            `The changes were saved, but not the new key: ${toBackendError(e).message}`,
          );
        }
      }
    } finally {
      // Even a half-done save (settings saved, key refused) must show what is stored now.
      await this.load();
    }
  }

  async setKey(id: string, apiKey: string): Promise<void> {
    await call(commands.profileSetKey(id, apiKey));
    await this.load();
  }

  async removeKey(id: string): Promise<void> {
    await call(commands.profileRemoveKey(id));
    await this.load();
  }

  /** Deletes the profile and its key; the backend falls back to Demo if it was active. */
  async remove(id: string): Promise<void> {
    await call(commands.profileDelete(id));
    await this.load();
  }

  /** Tests `draft` with the typed key, or with the stored key of `profileId` if none is typed. */
  test(
    draft: ProfileDraft,
    apiKey: string | null,
    profileId: string | null,
  ): Promise<ConnectionReport> {
    return call(commands.profileTest(draft, apiKey, profileId));
  }
}
