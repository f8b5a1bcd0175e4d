import { describe, expect, it } from 'vitest';
import type { Environment } from '$lib/ipc/bindings';
import { environmentFromCreate } from '$lib/testing/fakeApi';
import {
  emptyEnvironmentForm,
  environmentFormFromEnvironment,
  environmentFormWarnings,
  environmentRequestFromForm,
  environmentUpdateFromForm,
  isReadOnly,
  readOnlyReason,
  validateEnvironmentForm,
  type EnvironmentFormState,
} from './environmentForm';

function limitedWithPip(): EnvironmentFormState {
  const form = emptyEnvironmentForm();
  form.name = 'data-science';
  form.description = 'Pandas and friends';
  form.metadata = [{ key: 'team', value: 'analytics' }];
  form.networking = {
    mode: 'limited',
    allowedHosts: ['api.example.com', '*.internal.example.com'],
    allowMcpServers: true,
    allowPackageManagers: true,
  };
  form.packages.pip = ['pandas==2.2.0', 'numpy'];
  form.packages.apt = ['ripgrep'];
  return form;
}

const roundTrip = (form: EnvironmentFormState) =>
  environmentFormFromEnvironment(environmentFromCreate(environmentRequestFromForm(form)));

describe('a new environment', () => {
  it('is cloud with unrestricted networking, and needs only a name', () => {
    const form = emptyEnvironmentForm();
    expect(validateEnvironmentForm(form)).toEqual({ name: 'Enter a name.' });
    form.name = 'default';
    expect(environmentRequestFromForm(form)).toEqual({
      name: 'default',
      config: { type: 'cloud', networking: { type: 'unrestricted' } },
    });
  });

  it('sends limited networking with its flags and only the package lists in use', () => {
    expect(environmentRequestFromForm(limitedWithPip())).toEqual({
      name: 'data-science',
      description: 'Pandas and friends',
      metadata: { team: 'analytics' },
      config: {
        type: 'cloud',
        networking: {
          type: 'limited',
          allowed_hosts: ['api.example.com', '*.internal.example.com'],
          allow_mcp_servers: true,
          allow_package_managers: true,
        },
        packages: { type: 'packages', apt: ['ripgrep'], pip: ['pandas==2.2.0', 'numpy'] },
      },
    });
  });

  it('survives form → request → environment → form', () => {
    const form = limitedWithPip();
    expect(validateEnvironmentForm(form)).toEqual({});
    // The API fills in the scope; everything the form shows comes back as it was.
    expect({ ...roundTrip(form), scope: '' }).toEqual(form);
  });
});

describe('editing an environment', () => {
  const stored = (): Environment => ({
    ...environmentFromCreate(environmentRequestFromForm(limitedWithPip())),
    metadata: { team: 'analytics', old: 'x' },
  });

  it('states every package list, so removing the last pip package clears it', () => {
    const env = stored();
    const form = environmentFormFromEnvironment(env);
    form.packages.pip = [];
    const update = environmentUpdateFromForm(form, env);
    expect(update.config).toMatchObject({ packages: { apt: ['ripgrep'], pip: [], npm: [] } });
  });

  it('deletes removed metadata keys with null and clears an emptied description with null', () => {
    const env = stored();
    const form = environmentFormFromEnvironment(env);
    form.metadata = [{ key: 'team', value: 'analytics' }];
    form.description = '';
    expect(environmentUpdateFromForm(form, env)).toMatchObject({
      description: null,
      metadata: { team: 'analytics', old: null },
    });
  });

  it('does not send the scope unless it changed', () => {
    const env = stored();
    expect('scope' in environmentUpdateFromForm(environmentFormFromEnvironment(env), env)).toBe(
      false,
    );
  });

  it('keeps config keys it does not know', () => {
    const env = stored();
    env.config = { ...(env.config as object), gpu: 'a100' };
    const update = environmentUpdateFromForm(environmentFormFromEnvironment(env), env);
    expect(update.config).toMatchObject({ type: 'cloud', gpu: 'a100' });
  });
});

describe('validation', () => {
  it('says what is wrong with an allowed host', () => {
    const form = limitedWithPip();
    form.networking.allowedHosts = [
      'https://api.example.com',
      'api.example.com:443',
      'example.com/v1',
      'a.*.example.com',
      'ok.example.com',
      'OK.example.com',
    ];
    expect(validateEnvironmentForm(form)).toEqual({
      'networking.allowedHosts.0': 'Leave out the scheme (https://).',
      'networking.allowedHosts.1': 'Leave out the port.',
      'networking.allowedHosts.2': 'Leave out the path; give the host only.',
      'networking.allowedHosts.3': 'A wildcard goes only at the start, as in *.example.com.',
      'networking.allowedHosts.5': 'Listed twice.',
    });
  });

  it('flags a package in another manager’s syntax, next to its row', () => {
    const form = emptyEnvironmentForm();
    form.name = 'x';
    form.packages.pip = ['pandas@2.2.0'];
    form.packages.npm = ['express==4.18.0'];
    form.packages.go = ['golang.org/x/tools/cmd/goimports@1.2.3'];
    expect(validateEnvironmentForm(form)).toEqual({
      'packages.pip.0': 'pip pins with ==, e.g. pandas==2.2.0.',
      'packages.npm.0': 'npm pins with @, e.g. express@4.18.0.',
      'packages.go.0': 'Go versions start with v, e.g. @v1.2.3.',
    });
  });

  it('flags a package listed twice and checks metadata limits', () => {
    const form = emptyEnvironmentForm();
    form.name = 'x';
    form.packages.cargo = ['ripgrep@14.0.0', 'ripgrep@14.0.0'];
    form.metadata = Array.from({ length: 17 }, (_, i) => ({ key: `k${i}`, value: '' }));
    expect(validateEnvironmentForm(form)).toEqual({
      'packages.cargo.1': 'Listed twice.',
      'metadata.16.key': 'At most 16 metadata pairs; remove this one.',
    });
  });

  it('ignores unrestricted networking’s host list, which is not sent', () => {
    const form = emptyEnvironmentForm();
    form.name = 'x';
    form.networking.allowedHosts = ['https://nope'];
    expect(validateEnvironmentForm(form)).toEqual({});
  });
});

describe('packages under limited networking', () => {
  it('warns, without blocking, when package managers are not allowed', () => {
    const form = limitedWithPip();
    form.networking.allowPackageManagers = false;
    expect(validateEnvironmentForm(form)).toEqual({});
    expect(Object.keys(environmentFormWarnings(form))).toEqual(['networking.allowPackageManagers']);
  });

  it('says nothing when managers are allowed, there are no packages, or networking is unrestricted', () => {
    const allowed = limitedWithPip();
    expect(environmentFormWarnings(allowed)).toEqual({});
    const none = limitedWithPip();
    none.networking.allowPackageManagers = false;
    none.packages = { apt: [], cargo: [], gem: [], go: [], npm: [], pip: ['  '] };
    expect(environmentFormWarnings(none)).toEqual({});
    const open = limitedWithPip();
    open.networking = { ...open.networking, mode: 'unrestricted', allowPackageManagers: false };
    expect(environmentFormWarnings(open)).toEqual({});
  });
});

describe('read-only environments', () => {
  const env = (config: Environment['config'], archived_at: string | null = null): Environment => ({
    ...environmentFromCreate({ name: 'x' }),
    config,
    archived_at,
  });

  it('shows self-hosted environments read-only, with why', () => {
    const selfHosted = env({ type: 'self_hosted' });
    expect(isReadOnly(selfHosted)).toBe(true);
    expect(readOnlyReason(selfHosted)).toMatch(/your own worker runs the sandbox/);
    expect(environmentFormFromEnvironment(selfHosted).configType).toBe('self_hosted');
  });

  it('treats archived and unknown config types as read-only, and a live cloud one as editable', () => {
    expect(isReadOnly(env({ type: 'cloud' }, '2026-11-01T00:00:00Z'))).toBe(true);
    expect(readOnlyReason(env({ type: 'gpu_cluster' }))).toMatch(/gpu_cluster/);
    expect(isReadOnly(env({ type: 'cloud' }))).toBe(false);
  });
});
