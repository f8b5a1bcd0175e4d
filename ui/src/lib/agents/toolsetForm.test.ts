import { describe, expect, it } from 'vitest';
import type { FieldErrors } from '$lib/forms/fieldErrors';
import { domainProblem } from './domains';
import {
  emptyToolset,
  setToolsetDefaults,
  toolsetFromWire,
  toolsetToWire,
  validateToolset,
} from './toolsetForm';

function errorsOf(toolset = emptyToolset()): FieldErrors {
  const errors: FieldErrors = {};
  validateToolset(toolset, errors);
  return errors;
}

describe('built-in toolset', () => {
  it('reads an agent without the toolset as "not included", and sends nothing for it', () => {
    const toolset = toolsetFromWire(undefined);
    expect(toolset.included).toBe(false);
    expect(toolsetToWire(toolset)).toBeUndefined();
  });

  it('builds an allowlist as default-off plus the tools turned on', () => {
    let toolset = setToolsetDefaults(emptyToolset(), { enabled: false });
    toolset.tools.read.enabled = true;
    toolset.tools.grep.enabled = true;
    toolset = { ...toolset };
    expect(toolsetToWire(toolset)).toEqual({
      type: 'agent_toolset_20260401',
      default_config: { enabled: false, permission_policy: { type: 'always_allow' } },
      configs: [
        { name: 'read', enabled: true },
        { name: 'grep', enabled: true },
      ],
    });
  });

  it('changing the default carries over to tools that followed it, not to tools set apart', () => {
    const toolset = emptyToolset();
    toolset.tools.bash.policy = 'always_ask';
    const next = setToolsetDefaults(toolset, { policy: 'auto' });
    expect(next.tools.bash.policy).toBe('always_ask');
    expect(next.tools.read.policy).toBe('auto');
    expect(next.defaults.policy).toBe('auto');
  });

  it('reads shorthand policies and url sources from a hand-written file', () => {
    const toolset = toolsetFromWire({
      type: 'agent_toolset_20260401',
      default_config: { permission_policy: 'always_ask' },
      configs: [{ name: 'web_fetch', url_sources: { user_input: 'none' } }],
    });
    expect(toolset.defaults).toEqual({ enabled: true, policy: 'always_ask' });
    expect(toolset.tools.web_fetch.policy).toBe('always_ask');
    expect(toolset.webFetch.urlSources.userInput).toEqual({ mode: 'none', tools: [] });
  });

  it('reads an unknown policy as always_ask, so saving never runs a tool unseen', () => {
    const toolset = toolsetFromWire({
      type: 'agent_toolset_20260401',
      configs: [{ name: 'bash', permission_policy: { type: 'ask_twice' } }],
    });
    expect(toolset.tools.bash.policy).toBe('always_ask');
  });

  it('leaves blank rows the user added but did not fill out of the request', () => {
    const toolset = emptyToolset();
    toolset.webFetch.domainMode = 'blocked';
    toolset.webFetch.domains = ['ads.example.com', '  '];
    expect(errorsOf(toolset)).toEqual({});
    expect(toolsetToWire(toolset)).toMatchObject({
      configs: [{ name: 'web_fetch', blocked_domains: ['ads.example.com'] }],
    });
  });
});

describe('web tool options', () => {
  it('rejects an empty domain list, since the API does', () => {
    const toolset = emptyToolset();
    toolset.webSearch.domainMode = 'allowed';
    expect(errorsOf(toolset)['toolset.webSearch.domains']).toMatch(/at least one domain/);
  });

  it('says what is wrong with each domain, next to its row', () => {
    const toolset = emptyToolset();
    toolset.webFetch.domainMode = 'allowed';
    toolset.webFetch.domains = [
      'https://example.com',
      'example.com/docs',
      '*.example.com',
      'Example.com',
      'example.com',
    ];
    expect(errorsOf(toolset)).toEqual({
      'toolset.webFetch.domains.0': 'Leave out the scheme (https://).',
      'toolset.webFetch.domains.1': 'Only web search takes a path; give the bare domain.',
      'toolset.webFetch.domains.2': expect.stringMatching(/^No wildcards/) as string,
      'toolset.webFetch.domains.4': 'Listed twice.',
    });
  });

  it('limits a list to 64 domains', () => {
    const toolset = emptyToolset();
    toolset.webFetch.domainMode = 'blocked';
    toolset.webFetch.domains = Array.from({ length: 65 }, (_, i) => `d${i}.example.com`);
    expect(errorsOf(toolset)['toolset.webFetch.domains']).toBe('At most 64 domains.');
  });

  it('wants a positive whole number of content tokens', () => {
    const toolset = emptyToolset();
    for (const bad of ['0', '-5', '1.5', 'lots']) {
      toolset.webFetch.maxContentTokens = bad;
      expect(errorsOf(toolset)['toolset.webFetch.maxContentTokens']).toBeDefined();
    }
    toolset.webFetch.maxContentTokens = '5000';
    expect(errorsOf(toolset)).toEqual({});
  });

  it('needs tool names for an "only" url source and a two-letter country', () => {
    const toolset = emptyToolset();
    toolset.webFetch.urlSources.clientToolResults = { mode: 'only', tools: [''] };
    toolset.webSearch.userLocation = {
      enabled: true,
      city: '',
      region: '',
      country: 'France',
      timezone: '',
    };
    expect(errorsOf(toolset)).toEqual({
      'toolset.webFetch.urlSources.clientToolResults.tools': 'Name at least one tool.',
      'toolset.webSearch.userLocation.country': 'A two-letter country code, e.g. FR or US.',
    });
  });

  it('does not check the options of a toolset that is not included', () => {
    const toolset = emptyToolset();
    toolset.included = false;
    toolset.webSearch.domainMode = 'allowed';
    expect(errorsOf(toolset)).toEqual({});
  });
});

describe('domainProblem', () => {
  it.each([
    ['example.com', null],
    ['docs.example.co.uk', null],
    ['bücher.example', null],
    ['example.com:8443', 'Leave out the port.'],
    ['192.168.1.10', 'IP addresses are not allowed; use a domain name.'],
    ['[::1]', 'IP addresses are not allowed; use a domain name.'],
    ['localhost', 'localhost and .local names are not allowed.'],
    ['printer.local', 'localhost and .local names are not allowed.'],
    ['com', 'A bare top-level domain is not allowed; use a name like example.com.'],
    ['exa mple.com', 'Not a valid domain name.'],
    ['-bad.example.com', 'Not a valid domain name.'],
  ])('%s → %s', (domain, problem) => {
    expect(domainProblem(domain, false)).toBe(problem);
  });

  it('accepts a path suffix for web search only', () => {
    expect(domainProblem('example.com/blog', true)).toBeNull();
    expect(domainProblem('example.com/blog', false)).not.toBeNull();
  });
});
