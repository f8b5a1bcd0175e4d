// Where "Copy as curl" sends its request: the active profile's base URL and auth header style,
// so the command reaches the same API the app talks to. The key itself never appears.
import { call, commands } from '$lib/ipc/call';
import type { CurlRequest } from './curl';

export interface RequestTarget {
  baseUrl: string;
  auth: NonNullable<CurlRequest['auth']>;
}

export const DEFAULT_TARGET: RequestTarget = {
  baseUrl: 'https://api.anthropic.com',
  auth: 'bearer',
};

export async function activeTarget(): Promise<RequestTarget> {
  try {
    const view = await call(commands.profilesList());
    const active = view?.profiles.find((p) => p.id === view.activeId);
    if (!active?.baseUrl) return DEFAULT_TARGET;
    return { baseUrl: active.baseUrl.replace(/\/+$/, ''), auth: active.auth };
  } catch {
    // A copied command with the public URL is still useful when profiles cannot be read.
    return DEFAULT_TARGET;
  }
}

/** Copies `text`; false when the web view refuses (no permission, no focus), so the UI can show it. */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
