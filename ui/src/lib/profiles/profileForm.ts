// The profile form as plain data: what a person typed, the checks the backend makes too (so
// nothing is sent that it would refuse), and the draft it is turned into.
import type { AuthHeader, DailyCap, KeyStorage, ProfileDraft, ProfileView } from '$lib/ipc/call';
import type { FieldErrors } from '$lib/forms/fieldErrors';
import { dollarsToCents, formatMoney } from '$lib/format/money';

export const NAME_MAX = 64;
export const KEY_MIN = 8;
const FIELD_MAX = 200;

/** The most a daily cap may be, in cents ($1,000,000), as the backend checks too. */
export const DAILY_CAP_MAX_CENTS = 100_000_000;

export const DEFAULT_BASE_URL = 'https://api.anthropic.com';
export const DEFAULT_API_VERSION = '2023-06-01';

export const AUTH_CHOICES: readonly { value: AuthHeader; label: string }[] = [
  { value: 'x-api-key', label: 'x-api-key' },
  { value: 'bearer', label: 'Authorization: Bearer' },
];

export interface ProfileFormValues {
  name: string;
  baseUrl: string;
  auth: AuthHeader;
  apiVersion: string;
  /** Empty means none. */
  workspaceId: string;
  /** Empty means "no key" for a new profile and "keep the stored key" when editing. */
  apiKey: string;
  /** What the profile's sessions may cost per local day, in dollars as typed; empty: no cap. */
  dailyCap: string;
  /** Interrupt the profile's running sessions once the day's spend reaches the cap. */
  interruptAtCap: boolean;
}

export type ProfileField = keyof ProfileFormValues;

export function emptyProfileForm(): ProfileFormValues {
  return {
    name: '',
    baseUrl: DEFAULT_BASE_URL,
    auth: 'x-api-key',
    apiVersion: DEFAULT_API_VERSION,
    workspaceId: '',
    apiKey: '',
    dailyCap: '',
    interruptAtCap: false,
  };
}

/** The form for editing `profile`; the key is never known here, so it starts empty. */
export function formFromProfile(profile: ProfileView): ProfileFormValues {
  return {
    name: profile.name,
    baseUrl: profile.baseUrl,
    auth: profile.auth,
    apiVersion: profile.apiVersion,
    workspaceId: profile.workspaceId ?? '',
    apiKey: '',
    dailyCap: profile.dailyCap ? centsToDollars(profile.dailyCap.cents) : '',
    interruptAtCap: profile.dailyCap?.interrupt ?? false,
  };
}

/** "10.00" for 1000 cents: how a person would type the amount. */
export function centsToDollars(cents: number): string {
  const text = String(Math.trunc(cents)).padStart(3, '0');
  return `${text.slice(0, -2)}.${text.slice(-2)}`;
}

/** Why `text` cannot be a daily cap, or undefined; empty is no cap, which is fine. */
export function dailyCapProblem(text: string): string | undefined {
  if (!text.trim()) return undefined;
  const cents = dollarsToCents(text);
  if (cents === null) return 'Enter an amount in dollars with at most 2 decimals, like 10 or 2.50.';
  if (cents === '0') return 'A daily cap is more than $0.';
  if (BigInt(cents) > BigInt(DAILY_CAP_MAX_CENTS)) return 'At most $1,000,000.';
  return undefined;
}

/** Why `url` cannot be a base URL, or undefined. Plain http would send the key in clear text. */
export function baseUrlProblem(text: string): string | undefined {
  const trimmed = text.trim();
  if (!trimmed) return 'Enter the base URL, e.g. https://api.anthropic.com.';
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return 'This is not a URL; it starts with https://.';
  }
  if (!url.hostname) return 'The URL has no host.';
  if (url.search || url.hash || url.username) {
    return 'The URL may not carry a query, a fragment or a user name.';
  }
  if (url.protocol === 'https:') return undefined;
  if (url.protocol !== 'http:') return 'The URL must start with https://.';
  return isLoopback(url.hostname)
    ? undefined
    : 'Plain http is allowed only to this machine (localhost); use https.';
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '[::1]';
}

/** Why `key` cannot be an API key, or undefined. Surrounding spaces from a paste are ignored. */
export function apiKeyProblem(key: string): string | undefined {
  const trimmed = key.trim();
  if (/\s/.test(trimmed)) return 'An API key has no spaces or line breaks inside.';
  if (trimmed.length < KEY_MIN) return `An API key has at least ${KEY_MIN} characters.`;
  return undefined;
}

/**
 * Problems keyed by field. The key may be empty (a profile without a key, or "keep the stored
 * one" when editing); when typed it must look like a key.
 */
export function validateProfileForm(values: ProfileFormValues): FieldErrors {
  const errors: FieldErrors = {};
  const name = values.name.trim();
  if (!name) errors.name = 'Give the profile a name.';
  else if ([...name].length > NAME_MAX) errors.name = `At most ${NAME_MAX} characters.`;
  const url = baseUrlProblem(values.baseUrl);
  if (url) errors.baseUrl = url;
  const version = values.apiVersion.trim();
  if (!version) errors.apiVersion = `Enter a version, e.g. ${DEFAULT_API_VERSION}.`;
  else if (version.length > FIELD_MAX) errors.apiVersion = 'This is too long.';
  const workspace = values.workspaceId.trim();
  if (workspace && !/^[A-Za-z0-9_-]+$/.test(workspace)) {
    errors.workspaceId = "Only letters, digits, '_' and '-'.";
  } else if (workspace.length > FIELD_MAX) {
    errors.workspaceId = 'This is too long.';
  }
  if (values.apiKey) {
    const key = apiKeyProblem(values.apiKey);
    if (key) errors.apiKey = key;
  }
  const cap = dailyCapProblem(values.dailyCap);
  if (cap) errors.dailyCap = cap;
  return errors;
}

/** The draft the backend takes, trimmed as it would trim it. */
export function toDraft(values: ProfileFormValues): ProfileDraft {
  const workspace = values.workspaceId.trim();
  return {
    name: values.name.trim(),
    baseUrl: values.baseUrl.trim().replace(/\/+$/, ''),
    auth: values.auth,
    apiVersion: values.apiVersion.trim(),
    workspaceId: workspace || null,
    dailyCap: toDailyCap(values),
  };
}

/** The cap to save, or null for none (an empty amount; the choice to interrupt goes with it). */
function toDailyCap(values: ProfileFormValues): DailyCap | null {
  const cents = values.dailyCap.trim() ? dollarsToCents(values.dailyCap) : null;
  return cents === null ? null : { cents: Number(cents), interrupt: values.interruptAtCap };
}

/** The typed key to send, or null when none was typed. */
export function keyToSend(values: ProfileFormValues): string | null {
  const key = values.apiKey.trim();
  return key || null;
}

/** A saved profile's settings as a draft, to test it with its stored key. */
export function draftOf(profile: ProfileView): ProfileDraft {
  const { name, baseUrl, auth, apiVersion, workspaceId } = profile;
  return { name, baseUrl, auth, apiVersion, workspaceId, dailyCap: profile.dailyCap ?? null };
}

/** "••••AbCd" for a key whose end is known, "No key" when there is none. */
export function keyLabel(profile: Pick<ProfileView, 'hasKey' | 'keyHint'>): string {
  if (!profile.hasKey) return 'No key';
  return profile.keyHint ? `••••${profile.keyHint}` : 'Key saved';
}

/** "$10.00 a day, then interrupts" for a profile's cap, "None" when it has none. */
export function dailyCapLabel(cap: DailyCap | null | undefined): string {
  if (!cap) return 'None';
  const amount = formatMoney({ amount: String(cap.cents), currency: 'USD' });
  return cap.interrupt ? `${amount} a day, then interrupts` : `${amount} a day, warns`;
}

/** How the auth header reads in the list. */
export function authLabel(auth: AuthHeader): string {
  return AUTH_CHOICES.find((c) => c.value === auth)?.label ?? auth;
}

/** Where a typed key will go, said next to the key field. */
export function keyHome(storage: KeyStorage | undefined): string {
  return storage?.kind === 'memory'
    ? 'Kept only until Agent Desk quits (no keychain); never shown again.'
    : 'Kept in the system keychain; never shown again.';
}
