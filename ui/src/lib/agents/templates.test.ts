import { describe, expect, it } from 'vitest';
import { agentRequestFromForm, emptyAgentForm, validateAgentForm } from './agentForm';
import { DEFAULT_MODEL } from './modelForm';
import { AGENT_TEMPLATES, TEMPLATE_IDS, templateById, type TemplateId } from './templates';
import { BUILTIN_TOOLS, TOOLSET_TYPE, toolsetFromWire } from './toolsetForm';

type Setting = { on: boolean; policy?: string };

/** Each built-in tool's effective setting in a create request, read back from the wire. */
function toolSettings(id: TemplateId): Record<string, Setting> {
  const request = agentRequestFromForm(templateById(id).form());
  const wire = request.tools?.find((t) => (t as { type?: string }).type === TOOLSET_TYPE);
  expect(wire).toBeDefined();
  const toolset = toolsetFromWire(wire);
  const out: Record<string, Setting> = {};
  for (const name of BUILTIN_TOOLS) {
    const tool = toolset.tools[name];
    out[name] = tool.enabled ? { on: true, policy: tool.policy } : { on: false };
  }
  return out;
}

const off = { on: false };
const allow = { on: true, policy: 'always_allow' };
const ask = { on: true, policy: 'always_ask' };

describe('starter templates', () => {
  it('lists Blank first, then one template per id', () => {
    expect(AGENT_TEMPLATES.map((t) => t.label)).toEqual([
      'Blank',
      'Coder',
      'Researcher',
      'Code reviewer',
      'Data analyst',
    ]);
    expect(AGENT_TEMPLATES.map((t) => t.id)).toEqual([...TEMPLATE_IDS]);
  });

  it('keeps Blank the empty form', () => {
    expect(templateById('blank').form()).toEqual(emptyAgentForm());
  });

  it.each(TEMPLATE_IDS.filter((id) => id !== 'blank'))(
    '%s passes the form’s validation and becomes a create request with the default model',
    (id) => {
      const form = templateById(id).form();
      expect(validateAgentForm(form)).toEqual({});
      const request = agentRequestFromForm(form);
      expect(request.name).toBe(templateById(id).label);
      expect(request.model).toBe(DEFAULT_MODEL);
      expect(request.system).toEqual(expect.stringMatching(/\S/));
      expect(request.description).toEqual(expect.stringMatching(/\S/));
      expect(request.mcp_servers).toBeUndefined();
    },
  );

  it('gives each call a fresh form, so editing one does not change the template', () => {
    const first = templateById('coder').form();
    first.toolset.tools.bash.policy = 'always_allow';
    first.name = 'Mine';
    expect(templateById('coder').form().toolset.tools.bash.policy).toBe('always_ask');
    expect(templateById('coder').form().name).toBe('Coder');
  });

  it('Coder: every tool on; bash, edit and write ask first', () => {
    expect(toolSettings('coder')).toEqual({
      bash: ask,
      edit: ask,
      read: allow,
      write: ask,
      glob: allow,
      grep: allow,
      web_fetch: allow,
      web_search: allow,
    });
  });

  it('Researcher: the web and reading tools, allowed; no bash, edit or write', () => {
    expect(toolSettings('researcher')).toEqual({
      bash: off,
      edit: off,
      read: allow,
      write: off,
      glob: allow,
      grep: allow,
      web_fetch: allow,
      web_search: allow,
    });
  });

  it('Code reviewer: reads, asks before bash, cannot edit or write', () => {
    expect(toolSettings('reviewer')).toEqual({
      bash: ask,
      edit: off,
      read: allow,
      write: off,
      glob: allow,
      grep: allow,
      web_fetch: off,
      web_search: off,
    });
  });

  it('Data analyst: bash (asking first), read and write', () => {
    expect(toolSettings('analyst')).toEqual({
      bash: ask,
      edit: off,
      read: allow,
      write: allow,
      glob: off,
      grep: off,
      web_fetch: off,
      web_search: off,
    });
  });

  it('sends the reviewer’s toolset as a default switch plus the tools set apart', () => {
    expect(agentRequestFromForm(templateById('reviewer').form()).tools).toEqual([
      {
        type: TOOLSET_TYPE,
        default_config: { enabled: false, permission_policy: { type: 'always_allow' } },
        configs: [
          { name: 'bash', enabled: true, permission_policy: { type: 'always_ask' } },
          { name: 'read', enabled: true },
          { name: 'glob', enabled: true },
          { name: 'grep', enabled: true },
        ],
      },
    ]);
  });
});
