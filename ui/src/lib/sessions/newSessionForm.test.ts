import { describe, expect, it } from 'vitest';
import {
  TOKEN_PLACEHOLDER,
  emptyNewSession,
  emptyResource,
  firstErrorPath,
  newSessionRequest,
  validateNewSession,
  type NewSessionFormState,
} from './newSessionForm';

function form(extra: Partial<NewSessionFormState> = {}): NewSessionFormState {
  return { ...emptyNewSession('agent_1'), environmentId: 'env_1', ...extra };
}

const SHA = 'a'.repeat(40);

describe('the agent reference', () => {
  it('sends the bare id for Latest and an agent object for a pinned version', () => {
    expect(newSessionRequest(form())).toEqual({ agent: 'agent_1', environment_id: 'env_1' });
    expect(newSessionRequest(form({ version: '3' })).agent).toEqual({
      type: 'agent',
      id: 'agent_1',
      version: 3,
    });
    expect(emptyNewSession('agent_2', 4).version).toBe('4');
  });

  it('needs an agent and an environment', () => {
    expect(validateNewSession(emptyNewSession())).toEqual({
      agentId: 'Choose the agent this session runs.',
      environmentId: 'Choose the environment it runs in.',
    });
    expect(validateNewSession(form())).toEqual({});
  });
});

describe('resources', () => {
  it('builds a GitHub repository with a branch, token and mount path', () => {
    const repo = {
      ...emptyResource('github_repository'),
      url: 'https://github.com/acme/site',
      checkout: 'branch' as const,
      ref: 'main',
      token: 'ghp_secret',
      mountPath: '/workspace/site',
    };
    expect(newSessionRequest(form({ resources: [repo] })).resources).toEqual([
      {
        type: 'github_repository',
        url: 'https://github.com/acme/site',
        authorization_token: 'ghp_secret',
        checkout: { type: 'branch', name: 'main' },
        mount_path: '/workspace/site',
      },
    ]);
  });

  it('builds a commit checkout and leaves out what is empty', () => {
    const repo = {
      ...emptyResource('github_repository'),
      url: 'https://github.com/acme/site',
      checkout: 'commit' as const,
      ref: SHA.toUpperCase(),
    };
    expect(newSessionRequest(form({ resources: [repo] })).resources).toEqual([
      {
        type: 'github_repository',
        url: 'https://github.com/acme/site',
        checkout: { type: 'commit', sha: SHA },
      },
    ]);
  });

  it('refuses SSH and .git URLs, short shas and relative mount paths', () => {
    const bad = (over: Partial<ReturnType<typeof emptyResource<'github_repository'>>>) =>
      validateNewSession(form({ resources: [{ ...emptyResource('github_repository'), ...over }] }));
    expect(bad({ url: 'git@github.com:acme/site' })['resources.0.url']).toMatch(/owner\/repo/);
    expect(bad({ url: 'https://github.com/acme/site.git' })['resources.0.url']).toMatch(/\.git/);
    expect(bad({ url: 'https://github.com/acme' })['resources.0.url']).toBeDefined();
    expect(
      bad({ url: 'https://github.com/acme/site', checkout: 'commit', ref: 'abc123' })[
        'resources.0.ref'
      ],
    ).toMatch(/40-character/);
    expect(
      bad({ url: 'https://github.com/acme/site', checkout: 'branch', ref: ' ' })['resources.0.ref'],
    ).toBeDefined();
    expect(
      bad({ url: 'https://github.com/acme/site', mountPath: 'site' })['resources.0.mountPath'],
    ).toMatch(/absolute/);
  });

  it('never puts the token in the body meant for display', () => {
    const repo = {
      ...emptyResource('github_repository'),
      url: 'https://github.com/acme/site',
      token: 'ghp_secret',
    };
    const shown = newSessionRequest(form({ resources: [repo] }), { redact: true });
    expect(JSON.stringify(shown)).not.toContain('ghp_secret');
    expect(JSON.stringify(shown)).toContain(TOKEN_PLACEHOLDER);
  });

  it('builds a file and a memory store', () => {
    const resources = [
      { ...emptyResource('file'), fileId: 'file_1', mountPath: '/data.csv' },
      {
        kind: 'memory_store' as const,
        storeId: 'memstore_1',
        access: 'read_only' as const,
        instructions: 'Notes.',
      },
      { ...emptyResource('memory_store'), storeId: 'memstore_2' },
    ];
    expect(newSessionRequest(form({ resources })).resources).toEqual([
      { type: 'file', file_id: 'file_1', mount_path: '/data.csv' },
      {
        type: 'memory_store',
        memory_store_id: 'memstore_1',
        access: 'read_only',
        instructions: 'Notes.',
      },
      { type: 'memory_store', memory_store_id: 'memstore_2', access: 'read_write' },
    ]);
  });

  it('needs a pick for files and stores, and keeps instructions and store count in bounds', () => {
    const errors = validateNewSession(
      form({
        resources: [
          emptyResource('file'),
          { ...emptyResource('memory_store'), storeId: 's', instructions: 'x'.repeat(4097) },
          emptyResource('memory_store'),
        ],
      }),
    );
    expect(errors['resources.0.fileId']).toBe('Choose a file.');
    expect(errors['resources.1.instructions']).toMatch(/4096/);
    expect(errors['resources.2.storeId']).toBe('Choose a memory store.');
    const many = Array.from({ length: 9 }, (_, i) => ({
      ...emptyResource('memory_store'),
      storeId: `s${i}`,
    }));
    expect(validateNewSession(form({ resources: many })).resources).toMatch(/8 memory stores/);
  });
});

describe('budget, vaults, title and first message', () => {
  it('sends the budget as a USD limit and refuses bad amounts', () => {
    expect(newSessionRequest(form({ budget: '12.34' })).budget).toEqual({
      type: 'limit',
      max_list_cost: { amount: '1234', currency: 'USD' },
    });
    expect(validateNewSession(form({ budget: 'abc' })).budget).toBeDefined();
    expect(validateNewSession(form({ budget: '0' })).budget).toMatch(/more than/);
  });

  it('sends the title, vaults and first message when given', () => {
    const request = newSessionRequest(
      form({ title: '  Fix the build ', vaultIds: ['vlt_1'], message: 'Start with the tests.' }),
    );
    expect(request.title).toBe('Fix the build');
    expect(request.vault_ids).toEqual(['vlt_1']);
    expect(request.initial_events).toEqual([
      { type: 'user.message', content: [{ type: 'text', text: 'Start with the tests.' }] },
    ]);
    expect(newSessionRequest(form({ message: '   ' })).initial_events).toBeUndefined();
  });

  it('names the first wrong field in the order the dialog shows them', () => {
    const f = form({ environmentId: '', budget: 'x', resources: [emptyResource('file')] });
    expect(firstErrorPath(validateNewSession(f), f)).toBe('environmentId');
    const g = form({ budget: 'x', resources: [emptyResource('file')] });
    expect(firstErrorPath(validateNewSession(g), g)).toBe('resources.0.fileId');
  });
});
