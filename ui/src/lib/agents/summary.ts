// One-line descriptions of an agent for the list, read from the API's expanded response shape.
import type { Agent } from '$lib/ipc/bindings';
import { field } from '$lib/forms/json';
import { BUILTIN_TOOLS, TOOLSET_TYPE, toolsetFromWire } from './toolsetForm';

export function modelLabel(agent: Agent): string {
  return agent.model.id || '—';
}

/** "6 built-in · 1 MCP · 2 custom", or "No tools". */
export function toolsSummary(agent: Agent): string {
  const tools = agent.tools ?? [];
  const parts: string[] = [];
  const toolset = tools.find((t) => field(t, 'type') === TOOLSET_TYPE);
  if (toolset) {
    const form = toolsetFromWire(toolset);
    const on = BUILTIN_TOOLS.filter((name) => form.tools[name].enabled).length;
    parts.push(`${on} built-in`);
  }
  const mcp = tools.filter((t) => field(t, 'type') === 'mcp_toolset').length;
  if (mcp > 0) parts.push(`${mcp} MCP`);
  const custom = tools.filter((t) => field(t, 'type') === 'custom').length;
  if (custom > 0) parts.push(`${custom} custom`);
  return parts.length > 0 ? parts.join(' · ') : 'No tools';
}
