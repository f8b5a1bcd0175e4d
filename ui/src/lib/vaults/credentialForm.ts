// The credential form: one of the three auth types the API has (SDK 2.10.0), created with its
// secrets or rotated. A secret is typed here, sent once with the request and never shown again:
// the API returns no secret, so a rotate form starts with every secret field empty ("keep").
import type { Credential, Value } from '$lib/ipc/bindings';
import { urlProblem } from '$lib/agents/mcpForm';
import { hostProblem } from '$lib/environments/hosts';
import type { FieldErrors } from '$lib/forms/fieldErrors';
import { asArray, asBoolean, asString, field } from '$lib/forms/json';
import {
  metadataObject,
  metadataPatch,
  metadataRows,
  validateMetadata,
  type MetadataRow,
} from '$lib/forms/metadata';

export type CredentialType = 'static_bearer' | 'mcp_oauth' | 'environment_variable';
export type EndpointAuth = 'none' | 'client_secret_basic' | 'client_secret_post';

export const CREDENTIAL_TYPES: readonly { type: CredentialType; label: string; hint: string }[] = [
  {
    type: 'static_bearer',
    label: 'Bearer token',
    hint: 'A fixed token the MCP server accepts in its Authorization header.',
  },
  {
    type: 'mcp_oauth',
    label: 'MCP OAuth',
    hint: 'An OAuth access token, refreshed by the API when a refresh token is stored.',
  },
  {
    type: 'environment_variable',
    label: 'Environment secret',
    hint: 'A secret the sandbox sees only as a placeholder, substituted in outgoing requests.',
  },
];

/** `allowed_hosts` holds at most this many hosts. */
export const ALLOWED_HOSTS_MAX = 16;

/** The keys whose values are secrets: write-only, never shown, never put in View JSON or curl. */
export const SECRET_KEYS = [
  'token',
  'access_token',
  'refresh_token',
  'client_secret',
  'secret_value',
] as const;

export interface CredentialFormState {
  type: CredentialType;
  displayName: string;
  mcpServerUrl: string;
  /** `static_bearer`. */
  token: string;
  /** `mcp_oauth`. */
  accessToken: string;
  /** A `datetime-local` value in the person's time zone, or '' when unknown or kept. */
  expiresAt: string;
  refresh: boolean;
  clientId: string;
  refreshToken: string;
  tokenEndpoint: string;
  endpointAuth: EndpointAuth;
  clientSecret: string;
  scope: string;
  resource: string;
  /** `environment_variable`. */
  secretName: string;
  secretValue: string;
  networking: 'unrestricted' | 'limited';
  allowedHosts: string[];
  injectHeader: boolean;
  injectBody: boolean;
  metadata: MetadataRow[];
}

export function emptyCredentialForm(type: CredentialType = 'static_bearer'): CredentialFormState {
  return {
    type,
    displayName: '',
    mcpServerUrl: '',
    token: '',
    accessToken: '',
    expiresAt: '',
    refresh: false,
    clientId: '',
    refreshToken: '',
    tokenEndpoint: '',
    endpointAuth: 'none',
    clientSecret: '',
    scope: '',
    resource: '',
    secretName: '',
    secretValue: '',
    networking: 'unrestricted',
    allowedHosts: [],
    injectHeader: true,
    injectBody: false,
    metadata: [],
  };
}

function credentialType(auth: Value): CredentialType {
  const type = asString(field(auth, 'type'));
  return type === 'mcp_oauth' || type === 'environment_variable' ? type : 'static_bearer';
}

function endpointAuthOf(auth: Value): EndpointAuth {
  const type = asString(field(field(field(auth, 'refresh'), 'token_endpoint_auth'), 'type'));
  return type === 'client_secret_basic' || type === 'client_secret_post' ? type : 'none';
}

/** A stored credential as a rotate form: what the API returned, every secret empty. */
export function credentialFormFromStored(credential: Credential): CredentialFormState {
  const auth = credential.auth;
  const refresh = field(auth, 'refresh');
  const networking = field(auth, 'networking');
  const injection = field(auth, 'injection_location');
  return {
    ...emptyCredentialForm(credentialType(auth)),
    displayName: credential.display_name ?? '',
    mcpServerUrl: asString(field(auth, 'mcp_server_url')) ?? '',
    refresh: refresh !== undefined && refresh !== null,
    clientId: asString(field(refresh, 'client_id')) ?? '',
    tokenEndpoint: asString(field(refresh, 'token_endpoint')) ?? '',
    endpointAuth: endpointAuthOf(auth),
    scope: asString(field(refresh, 'scope')) ?? '',
    resource: asString(field(refresh, 'resource')) ?? '',
    secretName: asString(field(auth, 'secret_name')) ?? '',
    networking: asString(field(networking, 'type')) === 'limited' ? 'limited' : 'unrestricted',
    allowedHosts: asArray(field(networking, 'allowed_hosts')).flatMap((h) =>
      typeof h === 'string' ? [h] : [],
    ),
    injectHeader: asBoolean(field(injection, 'header')) ?? true,
    injectBody: asBoolean(field(injection, 'body')) ?? false,
    metadata: metadataRows(credential.metadata),
  };
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The instant a `datetime-local` value means, or null when it is not one. */
export function parseLocal(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * What the API would refuse. `stored` is the credential being rotated, or null for a new one:
 * a rotation needs no secret again (blank keeps the stored one) and cannot change the type or
 * the key.
 */
export function validateCredentialForm(
  form: CredentialFormState,
  stored: Credential | null,
  now: Date = new Date(),
): FieldErrors {
  const errors: FieldErrors = {};
  const creating = stored === null;
  const need = (path: string, value: string, message: string) => {
    if (creating && value === '') errors[path] = message;
  };
  if (form.type !== 'environment_variable') {
    const url = urlProblem(form.mcpServerUrl.trim());
    if (url) errors.mcpServerUrl = url;
  }
  if (form.type === 'static_bearer') need('token', form.token, 'Enter the token.');
  if (form.type === 'mcp_oauth') {
    need('accessToken', form.accessToken, 'Enter the access token.');
    if (form.expiresAt !== '') {
      const at = parseLocal(form.expiresAt);
      if (!at) errors.expiresAt = 'Not a date and time.';
      else if (at <= now) errors.expiresAt = 'The API wants an expiry in the future.';
    }
    if (form.refresh && creating) {
      if (form.clientId.trim() === '') errors.clientId = 'Enter the OAuth client id.';
      need('refreshToken', form.refreshToken, 'Enter the refresh token.');
      const endpoint = urlProblem(form.tokenEndpoint.trim());
      if (endpoint) errors.tokenEndpoint = endpoint.replace('server URL', 'token endpoint URL');
    }
    const methodChanged = stored !== null && endpointAuthOf(stored.auth) !== form.endpointAuth;
    if (
      form.refresh &&
      form.endpointAuth !== 'none' &&
      (creating || methodChanged) &&
      form.clientSecret === ''
    )
      errors.clientSecret = 'Enter the client secret; this method sends it to the token endpoint.';
  }
  if (form.type === 'environment_variable') {
    const name = form.secretName.trim();
    if (name === '') errors.secretName = 'Enter the variable name the sandbox sees.';
    else if (!ENV_NAME.test(name))
      errors.secretName = 'Letters, digits and underscores, not starting with a digit.';
    need('secretValue', form.secretValue, 'Enter the secret value.');
    if (form.networking === 'limited') {
      const hosts = form.allowedHosts.map((h) => h.trim()).filter((h) => h !== '');
      if (hosts.length === 0)
        errors.allowedHosts = 'Add at least one host, or let the secret go to any host.';
      else if (hosts.length > ALLOWED_HOSTS_MAX)
        errors.allowedHosts = `At most ${ALLOWED_HOSTS_MAX} hosts.`;
      form.allowedHosts.forEach((host, i) => {
        if (host.trim() === '') return;
        const problem = hostProblem(host);
        if (problem) errors[`allowedHosts.${i}`] = problem;
      });
    }
    if (!form.injectHeader && !form.injectBody)
      errors.injection = 'Choose where the secret may be substituted: headers, bodies or both.';
  }
  validateMetadata(form.metadata, errors);
  return errors;
}

/** What is allowed but likely not meant. */
export function credentialFormWarnings(
  form: CredentialFormState,
  stored: Credential | null,
): FieldErrors {
  const warnings: FieldErrors = {};
  if (form.type === 'mcp_oauth' && stored && form.accessToken !== '' && form.expiresAt === '')
    warnings.expiresAt = 'Without a new expiry, the new token keeps the old one.';
  if (form.type === 'mcp_oauth' && !form.refresh && form.expiresAt !== '' && stored === null)
    warnings.refresh = 'Without a refresh token, the credential stops working when it expires.';
  if (form.type === 'static_bearer' || form.type === 'mcp_oauth') {
    const url = form.mcpServerUrl.trim();
    if (url.startsWith('http://'))
      warnings.mcpServerUrl = 'A token sent over plain http can be read on the way.';
  }
  return warnings;
}

function hostsOf(form: CredentialFormState): string[] {
  return form.allowedHosts.map((h) => h.trim()).filter((h) => h !== '');
}

function networkingOf(form: CredentialFormState): Value {
  return form.networking === 'limited'
    ? { type: 'limited', allowed_hosts: hostsOf(form) }
    : { type: 'unrestricted' };
}

function expiryOf(form: CredentialFormState): string | null {
  return parseLocal(form.expiresAt)?.toISOString() ?? null;
}

function optional(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : trimmed;
}

function withoutUndefined(object: Record<string, Value | undefined>): { [key: string]: Value } {
  const out: { [key: string]: Value } = {};
  for (const [key, value] of Object.entries(object)) if (value !== undefined) out[key] = value;
  return out;
}

function endpointAuthBody(form: CredentialFormState): Value {
  return form.endpointAuth === 'none'
    ? { type: 'none' }
    : { type: form.endpointAuth, client_secret: form.clientSecret };
}

/** `auth` of a create request, secrets included. */
export function credentialAuthFromForm(form: CredentialFormState): Value {
  switch (form.type) {
    case 'static_bearer':
      return { type: 'static_bearer', mcp_server_url: form.mcpServerUrl.trim(), token: form.token };
    case 'mcp_oauth':
      return withoutUndefined({
        type: 'mcp_oauth',
        mcp_server_url: form.mcpServerUrl.trim(),
        access_token: form.accessToken,
        expires_at: expiryOf(form) ?? undefined,
        refresh: form.refresh
          ? withoutUndefined({
              client_id: form.clientId.trim(),
              refresh_token: form.refreshToken,
              token_endpoint: form.tokenEndpoint.trim(),
              token_endpoint_auth: endpointAuthBody(form),
              scope: optional(form.scope),
              resource: optional(form.resource),
            })
          : undefined,
      });
    case 'environment_variable':
      return {
        type: 'environment_variable',
        secret_name: form.secretName.trim(),
        secret_value: form.secretValue,
        networking: networkingOf(form),
        injection_location: { header: form.injectHeader, body: form.injectBody },
      };
  }
}

export interface CredentialCreateBody {
  auth: Value;
  display_name?: string;
  metadata?: Record<string, string>;
}

export function credentialCreateBody(form: CredentialFormState): CredentialCreateBody {
  const metadata = metadataObject(form.metadata);
  const name = optional(form.displayName);
  return {
    auth: credentialAuthFromForm(form),
    ...(name !== undefined ? { display_name: name } : {}),
    ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
  };
}

/** `auth` of a rotation: the type, and only what changed (a blank secret keeps the stored one). */
function rotateAuth(form: CredentialFormState, stored: Credential): Value | undefined {
  const before = credentialFormFromStored(stored);
  const changes: Record<string, Value | undefined> = {};
  if (form.type === 'static_bearer') changes.token = form.token || undefined;
  if (form.type === 'mcp_oauth') {
    changes.access_token = form.accessToken || undefined;
    changes.expires_at = expiryOf(form) ?? undefined;
    if (before.refresh) {
      const refresh = withoutUndefined({
        refresh_token: form.refreshToken || undefined,
        // An empty scope clears the stored one (the SDK's rule).
        scope: form.scope.trim() !== before.scope ? form.scope.trim() : undefined,
        token_endpoint_auth:
          form.endpointAuth !== 'none' &&
          (form.clientSecret !== '' || form.endpointAuth !== before.endpointAuth)
            ? endpointAuthBody(form)
            : undefined,
      });
      if (Object.keys(refresh).length > 0) changes.refresh = refresh;
    }
  }
  if (form.type === 'environment_variable') {
    changes.secret_value = form.secretValue || undefined;
    if (JSON.stringify(networkingOf(form)) !== JSON.stringify(networkingOf(before)))
      changes.networking = networkingOf(form);
    if (form.injectHeader !== before.injectHeader || form.injectBody !== before.injectBody)
      changes.injection_location = { header: form.injectHeader, body: form.injectBody };
  }
  const sent = withoutUndefined(changes);
  return Object.keys(sent).length > 0 ? { type: form.type, ...sent } : undefined;
}

export interface CredentialUpdateBody {
  auth?: Value;
  display_name?: string;
  metadata?: Record<string, string | null>;
}

export function credentialUpdateBody(
  form: CredentialFormState,
  stored: Credential,
): CredentialUpdateBody {
  const auth = rotateAuth(form, stored);
  const name = form.displayName.trim();
  const patch = metadataPatch(form.metadata, stored.metadata);
  const metadataChanged = JSON.stringify(patch) !== JSON.stringify(stored.metadata ?? {});
  return {
    ...(auth !== undefined ? { auth } : {}),
    ...(name !== (stored.display_name ?? '') ? { display_name: name } : {}),
    ...(metadataChanged ? { metadata: patch } : {}),
  };
}

/** A copy of a request body for View JSON and Copy as curl: every secret replaced by a marker. */
export function redactSecrets<T>(body: T): T {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(value as Record<string, unknown>))
        out[key] =
          (SECRET_KEYS as readonly string[]).includes(key) && typeof inner === 'string'
            ? '<secret typed in Agent Desk: not shown>'
            : walk(inner);
      return out;
    }
    return value;
  };
  return walk(body) as T;
}
