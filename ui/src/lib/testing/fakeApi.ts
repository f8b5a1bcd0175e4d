// What the API sends back for a create body, per the reference's documented normalisation: the
// model shorthand expanded with a resolved effort and `standard` speed, policies as objects,
// toolset configs completed (built-in tools default to always_allow, MCP toolsets to always_ask),
// absent optional fields as null or empty. Tests use it to check a form survives the trip.
import type {
  Agent,
  CreateAgentRequest,
  CreateEnvironmentRequest,
  Environment,
  Value,
} from '$lib/ipc/bindings';
import { asArray, field, isObject, typeOf, type JsonObject } from '$lib/forms/json';

const AT = '2026-11-20T10:00:00Z';

function policy(value: Value | undefined, fallback: string): Value {
  return { type: typeOf(value) ?? fallback };
}

function expandSource(value: Value): Value {
  return typeof value === 'string' ? { type: value } : value;
}

function normalizeTool(tool: Value): Value {
  if (!isObject(tool)) return tool;
  const kind = tool.type;
  if (kind !== 'agent_toolset_20260401' && kind !== 'mcp_toolset') return tool;
  const fallback = kind === 'mcp_toolset' ? 'always_ask' : 'always_allow';
  const defaults = tool.default_config;
  const enabled = field(defaults, 'enabled') ?? true;
  const defaultPolicy = policy(field(defaults, 'permission_policy'), fallback);
  const configs = asArray(tool.configs).map((c) => {
    const config: JsonObject = { ...(c as JsonObject) };
    config.enabled = config.enabled ?? enabled;
    config.permission_policy = policy(config.permission_policy, typeOf(defaultPolicy) ?? fallback);
    if (kind === 'agent_toolset_20260401') config.type = config.name ?? null;
    if (isObject(config.url_sources)) {
      const sources: JsonObject = {};
      for (const [k, v] of Object.entries(config.url_sources)) sources[k] = expandSource(v);
      config.url_sources = sources;
    }
    return config;
  });
  return { ...tool, default_config: { enabled, permission_policy: defaultPolicy }, configs };
}

function normalizeModel(model: Value): Value {
  const config: JsonObject =
    typeof model === 'string' ? { id: model } : { ...(model as JsonObject) };
  config.effort = { type: typeOf(config.effort) ?? 'high' };
  config.speed = config.speed ?? 'standard';
  config.inference_geo = config.inference_geo ?? null;
  return config;
}

export function agentFromCreate(request: CreateAgentRequest, id = 'agent_01', version = 1): Agent {
  return {
    id,
    type: 'agent',
    name: request.name,
    description: request.description || null,
    system: request.system || null,
    model: normalizeModel(request.model) as Agent['model'],
    tools: (request.tools ?? []).map(normalizeTool),
    mcp_servers: request.mcp_servers ?? [],
    skills: (request.skills ?? []).map((s) => ({ version: 'latest', ...(s as JsonObject) })),
    metadata: request.metadata ?? {},
    multiagent: request.multiagent ?? null,
    execution_identity: request.execution_identity ?? { type: 'service_account' },
    version,
    created_at: AT,
    updated_at: AT,
    archived_at: null,
  };
}

const MANAGERS = ['apt', 'cargo', 'gem', 'go', 'npm', 'pip'];

export function environmentFromCreate(
  request: CreateEnvironmentRequest,
  id = 'env_01',
): Environment {
  const config = (request.config ?? { type: 'cloud' }) as JsonObject;
  let normalized: Value = config;
  if (config.type === 'cloud') {
    const networking: JsonObject = isObject(config.networking)
      ? { ...config.networking }
      : { type: 'unrestricted' };
    if (networking.type === 'limited') {
      networking.allowed_hosts = networking.allowed_hosts ?? [];
      networking.allow_mcp_servers = networking.allow_mcp_servers ?? false;
      networking.allow_package_managers = networking.allow_package_managers ?? false;
    }
    const packages: JsonObject = { type: 'packages' };
    for (const m of MANAGERS) packages[m] = field(config.packages, m) ?? [];
    normalized = { type: 'cloud', networking, packages };
  }
  return {
    id,
    type: 'environment',
    name: request.name,
    description: request.description ?? null,
    metadata: request.metadata ?? {},
    scope: request.scope ?? 'organization',
    config: normalized,
    created_at: AT,
    updated_at: AT,
    archived_at: null,
  };
}
