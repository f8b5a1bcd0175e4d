// One credential as its list row says it: the type, what it is for, when its token expires, and
// the API's verdict after Validate in plain words.
import type { Credential, CredentialValidation } from '$lib/ipc/bindings';
import { asString, field } from '$lib/forms/json';
import { relativeTime } from '$lib/format/time';
import { CREDENTIAL_TYPES, type CredentialType } from './credentialForm';

export function credentialTypeOf(credential: Credential): CredentialType {
  const type = asString(field(credential.auth, 'type'));
  return type === 'mcp_oauth' || type === 'environment_variable' ? type : 'static_bearer';
}

export function credentialTypeLabel(credential: Credential): string {
  const type = credentialTypeOf(credential);
  return CREDENTIAL_TYPES.find((t) => t.type === type)?.label ?? type;
}

/** The MCP server URL or the secret's variable name: the credential's key in its vault. */
export function credentialTarget(credential: Credential): string {
  return (
    asString(field(credential.auth, 'mcp_server_url')) ??
    asString(field(credential.auth, 'secret_name')) ??
    ''
  );
}

export interface Expiry {
  text: string;
  expired: boolean;
}

/** When an OAuth access token expires; null for tokens without a known expiry. */
export function credentialExpiry(credential: Credential, now: Date = new Date()): Expiry | null {
  const at = asString(field(credential.auth, 'expires_at'));
  if (!at) return null;
  const expired = new Date(at).getTime() <= now.getTime();
  const refreshes = field(credential.auth, 'refresh') != null;
  const when = relativeTime(at, now);
  if (!expired) return { text: `Expires ${when}`, expired };
  return {
    text: refreshes ? `Expired ${when}; the API refreshes it on use` : `Expired ${when}`,
    expired,
  };
}

/** The validation verdict in a sentence a person can act on. */
export function validationText(result: CredentialValidation): string {
  const extra = result as CredentialValidation & {
    mcp_probe?: { method?: string; http_response?: { status_code?: number } | null } | null;
    refresh?: { status?: string } | null;
  };
  const refresh = extra.refresh?.status;
  const probe = extra.mcp_probe;
  const failedStep = probe?.method
    ? ` The server refused “${probe.method}”${probe.http_response?.status_code ? ` with HTTP ${probe.http_response.status_code}` : ''}.`
    : '';
  switch (result.status) {
    case 'valid':
      return refresh === 'succeeded'
        ? 'Valid: the token had expired, and the API refreshed it.'
        : 'Valid: the MCP server accepted the token.';
    case 'invalid': {
      const why =
        refresh === 'no_refresh_token'
          ? ' No refresh token is stored, so it could not be renewed: rotate it with a new token.'
          : refresh === 'failed'
            ? ' The refresh was refused by the token endpoint: connect again or rotate it.'
            : refresh === 'connect_error'
              ? ' The token endpoint could not be reached to refresh it.'
              : '';
      return `Invalid.${failedStep}${why}`;
    }
    default:
      return `Unknown: the API could not tell.${failedStep}`;
  }
}
