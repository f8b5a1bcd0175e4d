import { describe, expect, it } from 'vitest';
import type { Credential } from '$lib/ipc/bindings';
import {
  credentialCreateBody,
  credentialFormFromStored,
  credentialFormWarnings,
  credentialUpdateBody,
  emptyCredentialForm,
  redactSecrets,
  validateCredentialForm,
  type CredentialFormState,
} from './credentialForm';

const NOW = new Date('2026-12-07T12:00:00Z');

function form(patch: Partial<CredentialFormState>): CredentialFormState {
  return { ...emptyCredentialForm(patch.type), ...patch };
}

function stored(auth: Credential['auth'], patch: Partial<Credential> = {}): Credential {
  return {
    id: 'vcrd_1',
    type: 'vault_credential',
    vault_id: 'vlt_1',
    display_name: 'Linear',
    auth,
    metadata: {},
    created_at: '2026-12-01T00:00:00Z',
    updated_at: '2026-12-01T00:00:00Z',
    ...patch,
  };
}

describe('credential form validation', () => {
  it('asks for the URL and the token of a bearer credential', () => {
    const errors = validateCredentialForm(form({ type: 'static_bearer' }), null, NOW);
    expect(errors.mcpServerUrl).toBe('Enter the server URL.');
    expect(errors.token).toBe('Enter the token.');
    const bad = validateCredentialForm(
      form({ type: 'static_bearer', mcpServerUrl: 'mcp.example.com', token: 't' }),
      null,
      NOW,
    );
    expect(bad.mcpServerUrl).toMatch(/Not a URL/);
  });

  it('refuses an OAuth expiry in the past and a refresh without its parts', () => {
    const errors = validateCredentialForm(
      form({
        type: 'mcp_oauth',
        mcpServerUrl: 'https://mcp.example.com/mcp',
        accessToken: 'a',
        expiresAt: '2026-12-01T10:00',
        refresh: true,
        endpointAuth: 'client_secret_basic',
      }),
      null,
      NOW,
    );
    expect(errors.expiresAt).toMatch(/future/);
    expect(errors.clientId).toBeDefined();
    expect(errors.refreshToken).toBeDefined();
    expect(errors.tokenEndpoint).toMatch(/token endpoint URL/);
    expect(errors.clientSecret).toBeDefined();
  });

  it('checks an environment secret’s name, hosts and where it is substituted', () => {
    const errors = validateCredentialForm(
      form({
        type: 'environment_variable',
        secretName: '9LIVES',
        secretValue: 'v',
        networking: 'limited',
        allowedHosts: ['https://api.example.com/v1', 'api.example.com'],
        injectHeader: false,
        injectBody: false,
      }),
      null,
      NOW,
    );
    expect(errors.secretName).toMatch(/not starting with a digit/);
    expect(errors['allowedHosts.0']).toMatch(/scheme/);
    expect(errors['allowedHosts.1']).toBeUndefined();
    expect(errors.injection).toBeDefined();
    const none = validateCredentialForm(
      form({
        type: 'environment_variable',
        secretName: 'K',
        secretValue: 'v',
        networking: 'limited',
      }),
      null,
      NOW,
    );
    expect(none.allowedHosts).toMatch(/at least one host/);
  });

  it('needs no secret again to rotate: an empty one keeps the stored one', () => {
    const credential = stored({ type: 'static_bearer', mcp_server_url: 'https://mcp.example.com' });
    const rotate = credentialFormFromStored(credential);
    expect(rotate.token).toBe('');
    expect(validateCredentialForm(rotate, credential, NOW)).toEqual({});
  });
});

describe('credential bodies', () => {
  it('builds an OAuth create body with its refresh and the expiry in UTC', () => {
    const body = credentialCreateBody(
      form({
        type: 'mcp_oauth',
        displayName: ' Linear ',
        mcpServerUrl: ' https://mcp.linear.app/mcp ',
        accessToken: 'at',
        expiresAt: '2026-12-08T12:00',
        refresh: true,
        clientId: 'desk',
        refreshToken: 'rt',
        tokenEndpoint: 'https://linear.app/oauth/token',
        scope: 'read',
      }),
    );
    expect(body.display_name).toBe('Linear');
    expect(body.auth).toMatchObject({
      type: 'mcp_oauth',
      mcp_server_url: 'https://mcp.linear.app/mcp',
      access_token: 'at',
      expires_at: new Date('2026-12-08T12:00').toISOString(),
      refresh: {
        client_id: 'desk',
        refresh_token: 'rt',
        token_endpoint: 'https://linear.app/oauth/token',
        token_endpoint_auth: { type: 'none' },
        scope: 'read',
      },
    });
    expect(body.auth).not.toHaveProperty('refresh.resource');
  });

  it('sends only what a rotation changes', () => {
    const credential = stored({
      type: 'environment_variable',
      secret_name: 'KEY',
      networking: { type: 'unrestricted' },
      injection_location: { header: true, body: false },
    });
    const rotate = credentialFormFromStored(credential);
    expect(credentialUpdateBody(rotate, credential)).toEqual({});
    rotate.secretValue = 'new';
    rotate.injectBody = true;
    expect(credentialUpdateBody(rotate, credential)).toEqual({
      auth: {
        type: 'environment_variable',
        secret_value: 'new',
        injection_location: { header: true, body: true },
      },
    });
  });

  it('clears an OAuth scope with an empty string and warns about a kept expiry', () => {
    const credential = stored({
      type: 'mcp_oauth',
      mcp_server_url: 'https://mcp.example.com',
      expires_at: '2026-12-08T00:00:00Z',
      refresh: {
        client_id: 'c',
        token_endpoint: 'https://auth.example.com/token',
        token_endpoint_auth: { type: 'none' },
        scope: 'read',
      },
    });
    const rotate = credentialFormFromStored(credential);
    rotate.scope = '';
    rotate.accessToken = 'new';
    expect(credentialUpdateBody(rotate, credential).auth).toEqual({
      type: 'mcp_oauth',
      access_token: 'new',
      refresh: { scope: '' },
    });
    expect(credentialFormWarnings(rotate, credential).expiresAt).toMatch(/keeps the old one/);
  });

  it('never shows a secret in View JSON or curl', () => {
    const body = credentialCreateBody(
      form({
        type: 'mcp_oauth',
        mcpServerUrl: 'https://a.example',
        accessToken: 'at-secret',
        refresh: true,
        clientId: 'c',
        refreshToken: 'rt-secret',
        tokenEndpoint: 'https://a.example/token',
        endpointAuth: 'client_secret_post',
        clientSecret: 'cs-secret',
      }),
    );
    const shown = JSON.stringify(redactSecrets(body));
    for (const secret of ['at-secret', 'rt-secret', 'cs-secret'])
      expect(shown).not.toContain(secret);
    expect(shown).toContain('https://a.example/token');
    expect(JSON.stringify(body)).toContain('at-secret');
  });
});
