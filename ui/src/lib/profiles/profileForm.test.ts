import { describe, expect, it } from 'vitest';
import type { ProfileView } from '$lib/ipc/call';
import {
  apiKeyProblem,
  baseUrlProblem,
  centsToDollars,
  dailyCapProblem,
  draftOf,
  emptyProfileForm,
  formFromProfile,
  keyLabel,
  keyToSend,
  toDraft,
  validateProfileForm,
} from './profileForm';

describe('the profile form checks', () => {
  it('starts with the documented defaults and only the name missing', () => {
    const form = emptyProfileForm();
    expect(form).toMatchObject({
      baseUrl: 'https://api.anthropic.com',
      auth: 'x-api-key',
      apiVersion: '2023-06-01',
    });
    expect(Object.keys(validateProfileForm(form))).toEqual(['name']);
  });

  it('accepts https anywhere and plain http only to this machine', () => {
    expect(baseUrlProblem('https://api.anthropic.com')).toBeUndefined();
    expect(baseUrlProblem('http://localhost:4010')).toBeUndefined();
    expect(baseUrlProblem('http://127.0.0.1:4010/')).toBeUndefined();
    expect(baseUrlProblem('http://[::1]:4010')).toBeUndefined();
    expect(baseUrlProblem('http://api.example.com')).toMatch(/only to this machine/);
    expect(baseUrlProblem('ftp://api.example.com')).toMatch(/https/);
    expect(baseUrlProblem('api.anthropic.com')).toMatch(/not a URL/);
    expect(baseUrlProblem('https://api.example.com/?x=1')).toMatch(/query/);
    expect(baseUrlProblem('')).toMatch(/Enter the base URL/);
  });

  it('wants keys of 8 characters or more without spaces, ignoring pasted edges', () => {
    expect(apiKeyProblem('sk-ant-1234')).toBeUndefined();
    expect(apiKeyProblem('  sk-ant-1234\n')).toBeUndefined();
    expect(apiKeyProblem('short')).toMatch(/at least 8/);
    expect(apiKeyProblem('sk-ant 1234')).toMatch(/no spaces/);
  });

  it('limits the name to 64 characters and the workspace to id characters', () => {
    const form = { ...emptyProfileForm(), name: 'n'.repeat(65), workspaceId: 'ws 1' };
    expect(validateProfileForm(form)).toEqual({
      name: 'At most 64 characters.',
      workspaceId: "Only letters, digits, '_' and '-'.",
    });
  });

  it('treats an empty key as none, and trims what it sends', () => {
    const form = {
      ...emptyProfileForm(),
      name: ' Work ',
      baseUrl: 'https://api.example.com/',
      workspaceId: ' ',
      apiKey: ' sk-ant-1234 ',
    };
    expect(validateProfileForm(form)).toEqual({});
    expect(toDraft(form)).toEqual({
      name: 'Work',
      baseUrl: 'https://api.example.com',
      auth: 'x-api-key',
      apiVersion: '2023-06-01',
      workspaceId: null,
      dailyCap: null,
    });
    expect(keyToSend(form)).toBe('sk-ant-1234');
    expect(keyToSend({ ...form, apiKey: '' })).toBeNull();
  });

  it('takes a daily cap as a positive amount of dollars with at most two decimals', () => {
    expect(dailyCapProblem('')).toBeUndefined();
    expect(dailyCapProblem('10')).toBeUndefined();
    expect(dailyCapProblem(' $2.50 ')).toBeUndefined();
    expect(dailyCapProblem('0.01')).toBeUndefined();
    expect(dailyCapProblem('1.999')).toMatch(/at most 2 decimals/);
    expect(dailyCapProblem('ten')).toMatch(/at most 2 decimals/);
    expect(dailyCapProblem('-5')).toMatch(/at most 2 decimals/);
    expect(dailyCapProblem('0.00')).toBe('A daily cap is more than $0.');
    expect(dailyCapProblem('1000000.01')).toBe('At most $1,000,000.');
    const form = { ...emptyProfileForm(), name: 'Work', dailyCap: '1.5', interruptAtCap: true };
    expect(validateProfileForm({ ...form, dailyCap: '1.555' })).toHaveProperty('dailyCap');
    expect(toDraft(form).dailyCap).toEqual({ cents: 150, interrupt: true });
    // No amount, no cap: the choice to interrupt goes with it.
    expect(toDraft({ ...form, dailyCap: ' ' }).dailyCap).toBeNull();
  });

  it('shows a saved cap as dollars with cents, and none as empty', () => {
    const profile: ProfileView = {
      id: 'p_1',
      name: 'Work',
      baseUrl: 'https://api.anthropic.com',
      auth: 'x-api-key',
      apiVersion: '2023-06-01',
      workspaceId: null,
      dailyCap: { cents: 1000, interrupt: true },
      isDemo: false,
      hasKey: true,
      keyHint: 'AbCd',
    };
    expect(formFromProfile(profile)).toMatchObject({ dailyCap: '10.00', interruptAtCap: true });
    expect(formFromProfile({ ...profile, dailyCap: null })).toMatchObject({
      dailyCap: '',
      interruptAtCap: false,
    });
    expect(centsToDollars(5)).toBe('0.05');
    expect(draftOf(profile).dailyCap).toEqual({ cents: 1000, interrupt: true });
  });

  it('labels a key by its last four characters only', () => {
    expect(keyLabel({ hasKey: true, keyHint: 'AbCd' })).toBe('••••AbCd');
    expect(keyLabel({ hasKey: false, keyHint: null })).toBe('No key');
  });
});
