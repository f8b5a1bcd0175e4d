// MCP servers and their `mcp_toolset`s. The API wants each server used by exactly one toolset,
// so the form keeps a server and its toolset together as one row.
import type { McpServer, Value } from '$lib/ipc/bindings';
import type { FieldErrors } from '$lib/forms/fieldErrors';
import { asArray, asString, charCount, extraKeys, field, type JsonObject } from '$lib/forms/json';
import {
  MCP_DEFAULT_POLICY,
  policyToWire,
  switchFromWire,
  switchToWire,
  type ToolSwitch,
} from './permissions';

export const MCP_SERVERS_MAX = 20;
export const MCP_NAME_MAX = 255;
export const MCP_URL_MAX = 2048;

/** One server tool set apart from the toolset's default. */
export interface McpToolOverride extends ToolSwitch {
  /** The server's bare tool name. */
  name: string;
}

export interface McpServerForm {
  name: string;
  url: string;
  /** False only for a server read from elsewhere without a toolset: the API rejects that. */
  hasToolset: boolean;
  /** The toolset's default config; MCP toolsets default to `always_ask`. */
  defaults: ToolSwitch;
  overrides: McpToolOverride[];
  /** Unknown keys on the server entry and on its toolset, sent back unchanged. */
  serverExtra: JsonObject;
  toolsetExtra: JsonObject;
}

export function emptyMcpServer(): McpServerForm {
  return {
    name: '',
    url: '',
    hasToolset: true,
    defaults: { enabled: true, policy: MCP_DEFAULT_POLICY },
    overrides: [],
    serverExtra: {},
    toolsetExtra: {},
  };
}

/**
 * Pairs `mcp_servers` with their toolsets. A toolset naming a server the agent does not list
 * becomes a row without a URL, so validation points at it instead of dropping it.
 */
export function mcpServersFromWire(
  servers: readonly Value[],
  tools: readonly Value[],
): McpServerForm[] {
  const rows: McpServerForm[] = servers.map((server) => ({
    ...emptyMcpServer(),
    name: asString(field(server, 'name')) ?? '',
    url: asString(field(server, 'url')) ?? '',
    hasToolset: false,
    serverExtra: extraKeys(server, ['type', 'name', 'url']),
  }));
  for (const tool of tools) {
    if (field(tool, 'type') !== 'mcp_toolset') continue;
    const name = asString(field(tool, 'mcp_server_name')) ?? '';
    let row = rows.find((r) => r.name === name && !r.hasToolset);
    if (!row) {
      row = { ...emptyMcpServer(), name };
      rows.push(row);
    }
    row.hasToolset = true;
    row.defaults = switchFromWire(field(tool, 'default_config'), {
      enabled: true,
      policy: MCP_DEFAULT_POLICY,
    });
    row.overrides = asArray(field(tool, 'configs')).map((config) => ({
      name: asString(field(config, 'name')) ?? '',
      ...switchFromWire(config, row.defaults),
    }));
    row.toolsetExtra = extraKeys(tool, ['type', 'mcp_server_name', 'default_config', 'configs']);
  }
  return rows;
}

export function mcpServersToWire(rows: readonly McpServerForm[]): McpServer[] {
  return rows.map((row) => ({
    type: 'url',
    ...row.serverExtra,
    name: row.name.trim(),
    url: row.url.trim(),
  }));
}

export function mcpToolsetsToWire(rows: readonly McpServerForm[]): Value[] {
  return rows
    .filter((row) => row.hasToolset)
    .map((row) => ({
      type: 'mcp_toolset',
      ...row.toolsetExtra,
      mcp_server_name: row.name.trim(),
      default_config: switchToWire(row.defaults),
      configs: row.overrides.map((o) => ({
        name: o.name.trim(),
        enabled: o.enabled,
        permission_policy: policyToWire(o.policy),
      })),
    }));
}

/** Why `text` is not a usable MCP server URL, or null. */
export function urlProblem(text: string): string | null {
  if (text === '') return 'Enter the server URL.';
  if (charCount(text) > MCP_URL_MAX) return `At most ${MCP_URL_MAX} characters.`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'Not a URL; it should look like https://mcp.example.com/mcp.';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'Use an https:// URL.';
  return null;
}

export function validateMcpServers(rows: readonly McpServerForm[], errors: FieldErrors): void {
  if (rows.length > MCP_SERVERS_MAX) errors.mcpServers = `At most ${MCP_SERVERS_MAX} MCP servers.`;
  const names = new Set<string>();
  rows.forEach((row, i) => {
    const at = `mcpServers.${i}`;
    const name = row.name.trim();
    if (name === '') errors[`${at}.name`] = 'Enter a name; tools refer to the server by it.';
    else if (charCount(name) > MCP_NAME_MAX)
      errors[`${at}.name`] = `At most ${MCP_NAME_MAX} characters.`;
    else if (names.has(name)) errors[`${at}.name`] = `Another server is already named "${name}".`;
    names.add(name);
    const url = urlProblem(row.url.trim());
    if (url) errors[`${at}.url`] = url;
    if (!row.hasToolset)
      errors[`${at}.toolset`] =
        'No mcp_toolset uses this server; add its toolset or remove the server.';
    const tools = new Set<string>();
    row.overrides.forEach((override, j) => {
      const tool = override.name.trim();
      if (tool === '')
        errors[`${at}.overrides.${j}.name`] = 'Enter the tool name as the server calls it.';
      else if (tools.has(tool))
        errors[`${at}.overrides.${j}.name`] = `"${tool}" is already set above.`;
      tools.add(tool);
    });
  });
}
