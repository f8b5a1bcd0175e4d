// An in-memory backend behind `mockIPC`: the settings and profile commands as the Rust side
// answers them (Demo first, keys never returned, Demo again when the active profile goes), so
// component tests click through real flows and check what reached the backend.
import { mockIPC, mockWindows } from '@tauri-apps/api/mocks';
import type {
  ConnectionReport,
  IpcError,
  KeyStorage,
  ProfileDraft,
  ProfileView,
  Settings,
} from '$lib/ipc/call';
import { DEFAULT_SETTINGS, DEMO_PROFILE_ID } from '$lib/settings';
import { ipcError, rejectWith } from './ipcError';

export const DEMO: ProfileView = {
  id: DEMO_PROFILE_ID,
  name: 'Demo',
  baseUrl: 'http://127.0.0.1:4010',
  auth: 'x-api-key',
  apiVersion: '2023-06-01',
  workspaceId: null,
  dailyCap: null,
  isDemo: true,
  hasKey: false,
  keyHint: null,
};

export interface Call {
  cmd: string;
  args: Record<string, unknown>;
}

export class FakeBackend {
  settings: Settings = structuredClone(DEFAULT_SETTINGS);
  profiles: ProfileView[] = [structuredClone(DEMO)];
  activeId = DEMO_PROFILE_ID;
  keyStorage: KeyStorage = { kind: 'keychain' };
  keychainError: string | null = null;
  report: ConnectionReport = {
    verdict: 'ok',
    message: 'Connected to https://api.anthropic.com; the key works.',
    status: 200,
    requestId: null,
    elapsedMs: 42,
  };
  /** Every command received, in order. */
  readonly calls: Call[] = [];
  /** Commands that fail with this error until removed. */
  readonly failures = new Map<string, IpcError>();
  /** Commands that wait for this promise before answering (to see busy states). */
  readonly gates = new Map<string, Promise<unknown>>();
  #next = 1;

  /** Installs the mock; call in `beforeEach` (setup.ts clears it after each test). */
  install(): this {
    mockWindows('main');
    mockIPC((cmd, args) => this.#handle(cmd, (args ?? {}) as Record<string, unknown>));
    return this;
  }

  /** Adds a user profile as if created earlier; `key` stands for the one in the keychain. */
  addProfile(draft: Partial<ProfileDraft> & { name: string }, key?: string): ProfileView {
    const profile: ProfileView = {
      ...structuredClone(DEMO),
      baseUrl: 'https://api.anthropic.com',
      ...draft,
      id: `p_${this.#next++}`,
      isDemo: false,
      hasKey: !!key,
      keyHint: key ? key.slice(-4) : null,
    };
    this.profiles.push(profile);
    return profile;
  }

  /** The commands called with this name. */
  called(cmd: string): Call[] {
    return this.calls.filter((c) => c.cmd === cmd);
  }

  async #handle(cmd: string, args: Record<string, unknown>): Promise<unknown> {
    if (cmd.startsWith('plugin:')) return cmd === 'plugin:app|version' ? '0.1.0' : null;
    this.calls.push({ cmd, args });
    await this.gates.get(cmd);
    const failure = this.failures.get(cmd);
    if (failure) return rejectWith(failure);
    return this.#answer(cmd, args);
  }

  #answer(cmd: string, args: Record<string, unknown>): unknown {
    const id = args.id as string;
    switch (cmd) {
      case 'settings_get':
        return this.settings;
      case 'settings_set_theme':
        this.settings.theme = args.theme as Settings['theme'];
        return this.settings;
      case 'settings_set_notifications':
        this.settings.notifications = args.notifications as Settings['notifications'];
        return this.settings;
      case 'profiles_list':
        return structuredClone({
          activeId: this.activeId,
          profiles: this.profiles,
          keyStorage: this.keyStorage,
          keychainError: this.keychainError,
        });
      case 'profile_create':
        return this.addProfile(args.draft as ProfileDraft, (args.apiKey as string) ?? undefined).id;
      case 'profile_update':
        Object.assign(this.#find(id), args.draft);
        return null;
      case 'profile_set_key':
        Object.assign(this.#find(id), { hasKey: true, keyHint: (args.apiKey as string).slice(-4) });
        return null;
      case 'profile_remove_key':
        Object.assign(this.#find(id), { hasKey: false, keyHint: null });
        return null;
      case 'profile_delete':
        this.profiles = this.profiles.filter((p) => p.id !== this.#find(id).id);
        if (this.activeId === id) this.activeId = DEMO_PROFILE_ID;
        return null;
      case 'profile_activate':
        this.activeId = this.#find(id).id;
        return null;
      case 'profile_test':
        return this.report;
      // The Sessions section the app opens on lists these; this backend has none.
      case 'sessions_list':
      case 'agents_list':
      case 'environments_list':
        return { data: [], next_page: null };
      default:
        throw new Error(`the fake backend has no command ${cmd}`);
    }
  }

  #find(id: string): ProfileView {
    const profile = this.profiles.find((p) => p.id === id);
    // Thrown as the value Tauri would reject with; `#handle`'s promise carries it out.
    // eslint-disable-next-line @typescript-eslint/only-throw-error
    if (!profile) throw ipcError({ code: 'NotFound', message: `No profile ${id}.` });
    return profile;
  }
}
