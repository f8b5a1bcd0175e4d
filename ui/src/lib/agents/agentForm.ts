// The agent form: plain data a component binds to, and the conversions between it and the API's
// create/update bodies. Everything the form does not show (unknown keys, tool types and
// multiagent shapes this app does not know, the execution identity) is carried through, because
// an update replaces `tools` whole and would otherwise drop it.
import type { Agent, CreateAgentRequest, Tool, UpdateAgentRequest, Value } from '$lib/ipc/bindings';
import { formatCount } from '$lib/format/count';
import type { FieldErrors } from '$lib/forms/fieldErrors';
import { asArray, asString, charCount, field, typeOf, type JsonObject } from '$lib/forms/json';
import {
  metadataObject,
  metadataPatch,
  metadataRows,
  validateMetadata,
  type MetadataRow,
} from '$lib/forms/metadata';
import {
  customToolFromWire,
  customToolToWire,
  schemaWarning,
  validateCustomTools,
  type CustomToolForm,
} from './customTools';
import {
  mcpServersFromWire,
  mcpServersToWire,
  mcpToolsetsToWire,
  validateMcpServers,
  type McpServerForm,
} from './mcpForm';
import {
  emptyModel,
  modelFromWire,
  modelIdOf,
  modelToWire,
  supportsFast,
  validateModel,
  type ModelForm,
} from './modelForm';
import {
  emptyMultiagent,
  multiagentFromWire,
  multiagentToWire,
  validateMultiagent,
  type MultiagentForm,
} from './multiagentForm';
import { skillFromWire, skillToWire, validateSkills, type SkillRow } from './skillsForm';
import {
  TOOLSET_TYPE,
  emptyToolset,
  toolIsOn,
  toolsetFromWire,
  toolsetToWire,
  validateToolset,
  type ToolsetForm,
} from './toolsetForm';

export const NAME_MAX = 256;
export const DESCRIPTION_MAX = 2048;
export const SYSTEM_MAX = 100_000;
/**
 * The behaviour notes say 128 tools and the API reference says 256; the lower one is the one
 * a request is sure to pass.
 */
export const TOOLS_MAX = 128;

const KNOWN_TOOL_TYPES = ['custom', 'mcp_toolset', TOOLSET_TYPE];

export interface AgentFormState {
  name: string;
  description: string;
  model: ModelForm;
  system: string;
  toolset: ToolsetForm;
  mcpServers: McpServerForm[];
  customTools: CustomToolForm[];
  skills: SkillRow[];
  metadata: MetadataRow[];
  multiagent: MultiagentForm;
  /** Tools of a type this app does not know, sent back untouched. */
  otherTools: Value[];
  /** Not shown; kept so an import or an export does not lose it. */
  executionIdentity: Value | null;
}

export function emptyAgentForm(): AgentFormState {
  return {
    name: '',
    description: '',
    model: emptyModel(),
    system: '',
    toolset: emptyToolset(),
    mcpServers: [],
    customTools: [],
    skills: [],
    metadata: [],
    multiagent: emptyMultiagent(),
    otherTools: [],
    executionIdentity: null,
  };
}

/**
 * A form from any agent-shaped JSON: a response, or a create body with the request shorthands
 * (bare model id, bare effort and policy strings). Used for edit and for import. A response (it
 * has `created_at`) always carries an effort, chosen or not, so its effort is not taken as chosen.
 */
export function agentFormFromJson(agent: JsonObject): AgentFormState {
  const tools = asArray(agent.tools);
  const metadata: Record<string, string> = {};
  const rawMetadata = agent.metadata;
  if (rawMetadata && typeof rawMetadata === 'object' && !Array.isArray(rawMetadata))
    for (const [key, value] of Object.entries(rawMetadata))
      metadata[key] = typeof value === 'string' ? value : JSON.stringify(value);
  return {
    name: asString(agent.name) ?? '',
    description: asString(agent.description) ?? '',
    model: modelFromWire(agent.model, 'created_at' in agent),
    system: asString(agent.system) ?? '',
    toolset: toolsetFromWire(tools.find((t) => field(t, 'type') === TOOLSET_TYPE)),
    mcpServers: mcpServersFromWire(asArray(agent.mcp_servers), tools),
    customTools: tools.filter((t) => field(t, 'type') === 'custom').map(customToolFromWire),
    skills: asArray(agent.skills).map(skillFromWire),
    metadata: metadataRows(metadata),
    multiagent: multiagentFromWire(agent.multiagent, asString(agent.id)),
    otherTools: tools.filter((t) => !KNOWN_TOOL_TYPES.includes(asString(field(t, 'type')) ?? '')),
    // The default identity is what every response shows; only a chosen one is worth carrying.
    executionIdentity:
      typeOf(agent.execution_identity) === 'service_account'
        ? null
        : (agent.execution_identity ?? null),
  };
}

/** The form for editing `agent` (saving creates its next version). */
export function agentFormFromAgent(agent: Agent): AgentFormState {
  return agentFormFromJson(agent);
}

function toolsOf(form: AgentFormState): Tool[] {
  const toolset = toolsetToWire(form.toolset);
  return [
    ...(toolset === undefined ? [] : [toolset]),
    ...mcpToolsetsToWire(form.mcpServers),
    ...form.customTools.map(customToolToWire),
    ...form.otherTools,
  ];
}

/** The body of `POST /v1/agents`. Call only on a form {@link validateAgentForm} accepts. */
export function agentRequestFromForm(form: AgentFormState): CreateAgentRequest {
  const request: CreateAgentRequest = { name: form.name.trim(), model: modelToWire(form.model) };
  if (form.description !== '') request.description = form.description;
  if (form.system !== '') request.system = form.system;
  const tools = toolsOf(form);
  if (tools.length > 0) request.tools = tools;
  if (form.mcpServers.length > 0) request.mcp_servers = mcpServersToWire(form.mcpServers);
  if (form.skills.length > 0) request.skills = form.skills.map(skillToWire);
  const metadata = metadataObject(form.metadata);
  if (Object.keys(metadata).length > 0) request.metadata = metadata;
  const multiagent = multiagentToWire(form.multiagent);
  if (multiagent !== null) request.multiagent = multiagent;
  if (form.executionIdentity !== null) request.execution_identity = form.executionIdentity;
  return request;
}

/**
 * The body of `POST /v1/agents/{id}` that makes the agent what the form shows. `stored` is the
 * version the form was loaded from: its `version` guards against a concurrent edit (the API
 * answers 409 if it is no longer current), and its metadata keys that the user removed are sent
 * as `null`, since metadata is a patch. To overwrite after a conflict, pass the latest version.
 */
export function agentUpdateFromForm(form: AgentFormState, stored: Agent): UpdateAgentRequest {
  const multiagent = multiagentToWire(form.multiagent);
  const update: UpdateAgentRequest = {
    version: stored.version,
    name: form.name.trim(),
    description: form.description === '' ? null : form.description,
    system: form.system === '' ? null : form.system,
    model: modelToWire(form.model),
    // Arrays are replaced whole, so an empty list is what removes the last entry.
    tools: toolsOf(form),
    mcp_servers: mcpServersToWire(form.mcpServers),
    skills: form.skills.map(skillToWire),
    metadata: metadataPatch(form.metadata, stored.metadata),
  };
  if (multiagent !== null || (stored.multiagent ?? null) !== null) update.multiagent = multiagent;
  return update;
}

export function validateAgentForm(form: AgentFormState): FieldErrors {
  const errors: FieldErrors = {};
  const name = form.name.trim();
  if (name === '') errors.name = 'Enter a name.';
  else if (charCount(name) > NAME_MAX) errors.name = `At most ${NAME_MAX} characters.`;
  if (charCount(form.description) > DESCRIPTION_MAX)
    errors.description = `At most ${DESCRIPTION_MAX} characters (now ${charCount(form.description)}).`;
  if (charCount(form.system) > SYSTEM_MAX)
    errors.system = `At most ${formatCount(SYSTEM_MAX)} characters (now ${formatCount(charCount(form.system))}).`;
  validateModel(form.model, errors);
  validateToolset(form.toolset, errors);
  validateMcpServers(form.mcpServers, errors);
  validateCustomTools(form.customTools, errors);
  const toolCount =
    (form.toolset.included ? 1 : 0) +
    form.mcpServers.filter((s) => s.hasToolset).length +
    form.customTools.length +
    form.otherTools.length;
  if (toolCount > TOOLS_MAX)
    errors.customTools = `At most ${TOOLS_MAX} tools in all (now ${toolCount}).`;
  validateSkills(form.skills, errors);
  validateMetadata(form.metadata, errors);
  validateMultiagent(form.multiagent, errors);
  return errors;
}

/** Things worth saying that the API accepts; they never block sending. */
export function agentFormWarnings(form: AgentFormState): FieldErrors {
  const warnings: FieldErrors = {};
  const id = modelIdOf(form.model);
  if (form.model.speed === 'fast' && id !== '' && !supportsFast(id))
    warnings['model.speed'] =
      'Fast mode is documented only for some Opus models (4.6 and later); this model may reject it.';
  if (form.skills.length > 0 && !toolIsOn(form.toolset, 'read'))
    warnings.skills = 'Skills need the read tool; turn it on in the built-in tools.';
  form.customTools.forEach((tool, i) => {
    const warning = schemaWarning(tool.inputSchema);
    if (warning) warnings[`customTools.${i}.inputSchema`] = warning;
  });
  form.mcpServers.forEach((server, i) => {
    if (server.url.trim().startsWith('http://'))
      warnings[`mcpServers.${i}.url`] = 'Plain http: the connection is not encrypted.';
  });
  return warnings;
}

export type { UpdateAgentRequest };
