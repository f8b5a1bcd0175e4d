// The session-local tool edits allowed while a session is idle: built-in tools on/off with their
// permission policy, MCP servers removed, custom tools removed. The API replaces `agent.tools` and
// `agent.mcp_servers` whole, so the body carries every entry, including those the form does not
// show (unknown tool types are sent back as they came).
import type { McpServer, SessionAgent, UpdateSessionRequest, Value } from '$lib/ipc/bindings';
import { asString, field, typeOf } from '$lib/forms/json';
import { MCP_DEFAULT_POLICY, policyFromWire, type PermissionPolicy } from '$lib/agents/permissions';
import {
  TOOLSET_TYPE,
  toolsetFromWire,
  toolsetToWire,
  type ToolsetForm,
} from '$lib/agents/toolsetForm';

export interface McpServerRow {
  name: string;
  url: string;
  /** The policy of its toolset's default config, for display. */
  policy: PermissionPolicy;
  removed: boolean;
}

export interface CustomToolRow {
  name: string;
  description: string;
  removed: boolean;
}

export interface ToolEditForm {
  /** Null when the agent has no built-in toolset (nothing to switch). */
  toolset: ToolsetForm | null;
  mcp: McpServerRow[];
  custom: CustomToolRow[];
}

export function toolEditForm(agent: SessionAgent): ToolEditForm {
  const tools = agent.tools ?? [];
  const builtin = tools.find((t) => typeOf(t) === TOOLSET_TYPE);
  const mcp = (agent.mcp_servers ?? []).map((server): McpServerRow => {
    const toolset = tools.find(
      (t) => typeOf(t) === 'mcp_toolset' && asString(field(t, 'mcp_server_name')) === server.name,
    );
    return {
      name: server.name,
      url: server.url,
      policy: policyFromWire(
        field(field(toolset, 'default_config'), 'permission_policy'),
        MCP_DEFAULT_POLICY,
      ),
      removed: false,
    };
  });
  const custom = tools
    .filter((t) => typeOf(t) === 'custom')
    .map((t) => ({
      name: asString(field(t, 'name')) ?? '',
      description: asString(field(t, 'description')) ?? '',
      removed: false,
    }));
  return { toolset: builtin === undefined ? null : toolsetFromWire(builtin), mcp, custom };
}

export function toolEditRequest(agent: SessionAgent, form: ToolEditForm): UpdateSessionRequest {
  const removedServers = new Set(form.mcp.filter((s) => s.removed).map((s) => s.name));
  const removedCustom = new Set(form.custom.filter((c) => c.removed).map((c) => c.name));
  const tools: Value[] = [];
  for (const tool of agent.tools ?? []) {
    const type = typeOf(tool);
    if (type === TOOLSET_TYPE && form.toolset) {
      const wire = toolsetToWire(form.toolset);
      if (wire !== undefined) tools.push(wire);
    } else if (type === 'mcp_toolset') {
      if (!removedServers.has(asString(field(tool, 'mcp_server_name')) ?? '')) tools.push(tool);
    } else if (type === 'custom') {
      if (!removedCustom.has(asString(field(tool, 'name')) ?? '')) tools.push(tool);
    } else {
      tools.push(tool);
    }
  }
  const mcp_servers: McpServer[] = (agent.mcp_servers ?? []).filter(
    (s) => !removedServers.has(s.name),
  );
  return { agent: { tools, mcp_servers } };
}
