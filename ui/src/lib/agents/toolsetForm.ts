// The built-in toolset (`agent_toolset_20260401`) as a form: each tool on/off with its policy,
// the toolset's default config, and the web tools' options.
import type { Value } from '$lib/ipc/bindings';
import type { FieldErrors } from '$lib/forms/fieldErrors';
import {
  asArray,
  asString,
  extraKeys,
  field,
  isObject,
  typeOf,
  type JsonObject,
} from '$lib/forms/json';
import { DOMAIN_LIST_MAX, domainProblem } from './domains';
import {
  BUILTIN_DEFAULT_POLICY,
  policyToWire,
  switchFromWire,
  switchToWire,
  type PermissionPolicy,
  type ToolSwitch,
} from './permissions';

export const TOOLSET_TYPE = 'agent_toolset_20260401';
export const BUILTIN_TOOLS = [
  'bash',
  'edit',
  'read',
  'write',
  'glob',
  'grep',
  'web_fetch',
  'web_search',
] as const;
export type BuiltinToolName = (typeof BUILTIN_TOOLS)[number];

/** "No restriction", or exactly one of the API's two lists (it rejects both at once). */
export type DomainMode = 'any' | 'allowed' | 'blocked';

export const URL_SOURCES = {
  userInput: 'user_input',
  clientToolResults: 'client_tool_results',
  serverToolResults: 'server_tool_results',
} as const;
export type UrlSourceName = keyof typeof URL_SOURCES;

/** `default` leaves the source out of the request, so the server's own rule applies. */
export type UrlSourceMode = 'default' | 'all' | 'none' | 'only' | 'except';
export interface UrlSourceForm {
  mode: UrlSourceMode;
  /** Tool names for `only` / `except` (1–128). */
  tools: string[];
}
export const URL_SOURCE_TOOLS_MAX = 128;

export interface WebFetchForm {
  domainMode: DomainMode;
  domains: string[];
  /** Text of a positive integer; empty leaves it to the server. */
  maxContentTokens: string;
  urlSources: Record<UrlSourceName, UrlSourceForm>;
}

export interface UserLocationForm {
  enabled: boolean;
  city: string;
  region: string;
  /** Two-letter ISO country code, as in the Messages API's web search. */
  country: string;
  /** IANA time zone, e.g. `Europe/Paris`. */
  timezone: string;
}

export interface WebSearchForm {
  domainMode: DomainMode;
  domains: string[];
  userLocation: UserLocationForm;
}

export interface BuiltinToolForm extends ToolSwitch {
  /** Config keys this app does not know, sent back unchanged. */
  extra: JsonObject;
}

export interface ToolsetForm {
  /** Whether the agent has the built-in toolset at all. */
  included: boolean;
  /** The toolset's `default_config`: what a tool without its own config gets. */
  defaults: ToolSwitch;
  /** Each tool's effective setting; a config is sent only where it differs from `defaults`. */
  tools: Record<BuiltinToolName, BuiltinToolForm>;
  webFetch: WebFetchForm;
  webSearch: WebSearchForm;
  extra: JsonObject;
}

const API_DEFAULTS: ToolSwitch = { enabled: true, policy: BUILTIN_DEFAULT_POLICY };

function emptyUrlSources(): Record<UrlSourceName, UrlSourceForm> {
  return {
    userInput: { mode: 'default', tools: [] },
    clientToolResults: { mode: 'default', tools: [] },
    serverToolResults: { mode: 'default', tools: [] },
  };
}

export function emptyToolset(): ToolsetForm {
  const tools = {} as Record<BuiltinToolName, BuiltinToolForm>;
  for (const name of BUILTIN_TOOLS) tools[name] = { ...API_DEFAULTS, extra: {} };
  return {
    included: true,
    defaults: { ...API_DEFAULTS },
    tools,
    webFetch: {
      domainMode: 'any',
      domains: [],
      maxContentTokens: '',
      urlSources: emptyUrlSources(),
    },
    webSearch: {
      domainMode: 'any',
      domains: [],
      userLocation: { enabled: false, city: '', region: '', country: '', timezone: '' },
    },
    extra: {},
  };
}

/**
 * Changes the default config and carries the change to every tool that was following it, so
 * the default behaves as people expect while tools set apart keep their own setting.
 */
export function setToolsetDefaults(toolset: ToolsetForm, next: Partial<ToolSwitch>): ToolsetForm {
  const defaults = { ...toolset.defaults, ...next };
  const tools = { ...toolset.tools };
  for (const name of BUILTIN_TOOLS) {
    const tool = tools[name];
    tools[name] = {
      ...tool,
      enabled: tool.enabled === toolset.defaults.enabled ? defaults.enabled : tool.enabled,
      policy: tool.policy === toolset.defaults.policy ? defaults.policy : tool.policy,
    };
  }
  return { ...toolset, defaults, tools };
}

// ---- from the wire -------------------------------------------------------------------------

const CONFIG_KEYS = ['name', 'type', 'enabled', 'permission_policy'];
const WEB_FETCH_KEYS = [
  ...CONFIG_KEYS,
  'allowed_domains',
  'blocked_domains',
  'max_content_tokens',
  'url_sources',
];
const WEB_SEARCH_KEYS = [...CONFIG_KEYS, 'allowed_domains', 'blocked_domains', 'user_location'];

function domainsFromWire(config: Value | undefined): { domainMode: DomainMode; domains: string[] } {
  const allowed = field(config, 'allowed_domains');
  const blocked = field(config, 'blocked_domains');
  if (Array.isArray(allowed)) return { domainMode: 'allowed', domains: allowed.map(String) };
  if (Array.isArray(blocked)) return { domainMode: 'blocked', domains: blocked.map(String) };
  return { domainMode: 'any', domains: [] };
}

function urlSourceFromWire(value: Value | undefined): UrlSourceForm {
  const type = typeOf(value);
  if (type === 'all' || type === 'none') return { mode: type, tools: [] };
  if (type === 'only' || type === 'except') {
    const tools = asArray(field(value, 'tools')).map((t) => asString(field(t, 'name')) ?? '');
    return { mode: type, tools };
  }
  return { mode: 'default', tools: [] };
}

export function toolsetFromWire(tool: Value | undefined): ToolsetForm {
  const form = emptyToolset();
  if (!isObject(tool)) return { ...form, included: false };
  const defaults = switchFromWire(field(tool, 'default_config'), API_DEFAULTS);
  form.defaults = defaults;
  form.extra = extraKeys(tool, ['type', 'default_config', 'configs']);
  const configs = new Map<string, Value>();
  for (const config of asArray(field(tool, 'configs'))) {
    const name = asString(field(config, 'name'));
    if (name !== undefined) configs.set(name, config);
  }
  for (const name of BUILTIN_TOOLS) {
    const config = configs.get(name);
    const known =
      name === 'web_fetch' ? WEB_FETCH_KEYS : name === 'web_search' ? WEB_SEARCH_KEYS : CONFIG_KEYS;
    form.tools[name] = { ...switchFromWire(config, defaults), extra: extraKeys(config, known) };
  }
  const fetch = configs.get('web_fetch');
  const tokens = field(fetch, 'max_content_tokens');
  const sources = field(fetch, 'url_sources');
  form.webFetch = {
    ...domainsFromWire(fetch),
    maxContentTokens: typeof tokens === 'number' ? String(tokens) : '',
    urlSources: {
      userInput: urlSourceFromWire(field(sources, URL_SOURCES.userInput)),
      clientToolResults: urlSourceFromWire(field(sources, URL_SOURCES.clientToolResults)),
      serverToolResults: urlSourceFromWire(field(sources, URL_SOURCES.serverToolResults)),
    },
  };
  const search = configs.get('web_search');
  const location = field(search, 'user_location');
  const text = (key: string) => asString(field(location, key)) ?? '';
  form.webSearch = {
    ...domainsFromWire(search),
    userLocation: {
      enabled: isObject(location),
      city: text('city'),
      region: text('region'),
      country: text('country'),
      timezone: text('timezone'),
    },
  };
  return form;
}

// ---- to the wire ---------------------------------------------------------------------------

/** Non-blank rows, trimmed: a row the user added but left empty is not sent. */
export function filledRows(rows: readonly string[]): string[] {
  return rows.map((r) => r.trim()).filter((r) => r !== '');
}

function domainsToWire(mode: DomainMode, rows: readonly string[], into: JsonObject): void {
  if (mode === 'allowed') into.allowed_domains = filledRows(rows);
  if (mode === 'blocked') into.blocked_domains = filledRows(rows);
}

function urlSourceToWire(source: UrlSourceForm): Value | undefined {
  if (source.mode === 'default') return undefined;
  if (source.mode === 'all' || source.mode === 'none') return { type: source.mode };
  const tools = filledRows(source.tools).map((name) => ({ type: 'tool_reference', name }));
  return { type: source.mode, tools };
}

function webFetchOptions(form: WebFetchForm, into: JsonObject): void {
  domainsToWire(form.domainMode, form.domains, into);
  if (form.maxContentTokens.trim() !== '') into.max_content_tokens = Number(form.maxContentTokens);
  const sources: JsonObject = {};
  for (const [key, wire] of Object.entries(URL_SOURCES) as [UrlSourceName, string][]) {
    const value = urlSourceToWire(form.urlSources[key]);
    if (value !== undefined) sources[wire] = value;
  }
  if (Object.keys(sources).length > 0) into.url_sources = sources;
}

function webSearchOptions(form: WebSearchForm, into: JsonObject): void {
  domainsToWire(form.domainMode, form.domains, into);
  const location = form.userLocation;
  if (!location.enabled) return;
  const out: JsonObject = { type: 'approximate' };
  for (const key of ['city', 'region', 'country', 'timezone'] as const) {
    const value = location[key].trim();
    if (value !== '') out[key] = value;
  }
  into.user_location = out;
}

/** The toolset entry of `tools`, or undefined when the agent has no built-in tools. */
export function toolsetToWire(form: ToolsetForm): Value | undefined {
  if (!form.included) return undefined;
  const configs: Value[] = [];
  for (const name of BUILTIN_TOOLS) {
    const tool = form.tools[name];
    const config: JsonObject = { name, ...tool.extra };
    if (tool.enabled !== form.defaults.enabled) config.enabled = tool.enabled;
    if (tool.policy !== form.defaults.policy) config.permission_policy = policyToWire(tool.policy);
    if (name === 'web_fetch') webFetchOptions(form.webFetch, config);
    if (name === 'web_search') webSearchOptions(form.webSearch, config);
    if (Object.keys(config).length > 1) configs.push(config);
  }
  return {
    type: TOOLSET_TYPE,
    ...form.extra,
    default_config: switchToWire(form.defaults),
    configs,
  };
}

// ---- validation ----------------------------------------------------------------------------

function validateDomains(
  mode: DomainMode,
  rows: readonly string[],
  allowPath: boolean,
  at: string,
  errors: FieldErrors,
): void {
  if (mode === 'any') return;
  const filled = filledRows(rows);
  if (filled.length === 0)
    errors[at] =
      'Add at least one domain, or choose "no restriction" (the API rejects an empty list).';
  if (filled.length > DOMAIN_LIST_MAX) errors[at] = `At most ${DOMAIN_LIST_MAX} domains.`;
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const text = row.trim().toLowerCase();
    if (text === '') return;
    const problem = domainProblem(row, allowPath) ?? (seen.has(text) ? 'Listed twice.' : null);
    if (problem) errors[`${at}.${i}`] = problem;
    seen.add(text);
  });
}

const COUNTRY = /^[A-Za-z]{2}$/;

export function validateToolset(form: ToolsetForm, errors: FieldErrors): void {
  if (!form.included) return;
  const fetch = form.webFetch;
  validateDomains(fetch.domainMode, fetch.domains, false, 'toolset.webFetch.domains', errors);
  const tokens = fetch.maxContentTokens.trim();
  if (
    tokens !== '' &&
    !(/^\d+$/.test(tokens) && Number(tokens) > 0 && Number.isSafeInteger(Number(tokens)))
  )
    errors['toolset.webFetch.maxContentTokens'] = 'A whole number of tokens, greater than 0.';
  for (const name of Object.keys(URL_SOURCES) as UrlSourceName[]) {
    const source = fetch.urlSources[name];
    if (source.mode !== 'only' && source.mode !== 'except') continue;
    const at = `toolset.webFetch.urlSources.${name}.tools`;
    const count = filledRows(source.tools).length;
    if (count === 0) errors[at] = 'Name at least one tool.';
    if (count > URL_SOURCE_TOOLS_MAX) errors[at] = `At most ${URL_SOURCE_TOOLS_MAX} tools.`;
  }
  const search = form.webSearch;
  validateDomains(search.domainMode, search.domains, true, 'toolset.webSearch.domains', errors);
  const country = search.userLocation.country.trim();
  if (search.userLocation.enabled && country !== '' && !COUNTRY.test(country))
    errors['toolset.webSearch.userLocation.country'] = 'A two-letter country code, e.g. FR or US.';
}

/** Whether the agent can run `tool` at all (the toolset is there and the tool is on). */
export function toolIsOn(form: ToolsetForm, tool: BuiltinToolName): boolean {
  return form.included && form.tools[tool].enabled;
}

export type { PermissionPolicy, ToolSwitch };
