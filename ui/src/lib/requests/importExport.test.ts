import { describe, expect, it } from 'vitest';
import { emptyAgentForm, type AgentFormState } from '$lib/agents/agentForm';
import { emptyCustomTool } from '$lib/agents/customTools';
import { emptyMcpServer } from '$lib/agents/mcpForm';
import { emptyEnvironmentForm } from '$lib/environments/environmentForm';
import { agentFromCreate } from '$lib/testing/fakeApi';
import {
  exportAgent,
  exportEnvironment,
  exportFileName,
  formatFromFileName,
  importAgent,
  importEnvironment,
  type ImportResult,
} from './importExport';

function agent(): AgentFormState {
  const form = emptyAgentForm();
  form.name = 'Support triage';
  form.system = 'Triage tickets.\nBe brief: "no fluff".';
  form.toolset.tools.bash.policy = 'always_ask';
  form.mcpServers = [
    { ...emptyMcpServer(), name: 'zendesk', url: 'https://mcp.zendesk.example/mcp' },
  ];
  form.customTools = [
    {
      ...emptyCustomTool(),
      name: 'escalate',
      description: 'Escalates.',
      inputSchema: '{\n  "type": "object"\n}',
    },
  ];
  // Values YAML 1.1 tools would read as booleans, null or numbers must stay text.
  form.metadata = [
    { key: 'on', value: 'yes' },
    { key: 'nothing', value: 'null' },
    { key: 'version', value: '1.0' },
  ];
  return form;
}

describe('export then import', () => {
  it.each(['json', 'yaml'] as const)('gives back the same agent form through %s', (format) => {
    const form = agent();
    const result = importAgent(exportAgent(form, format), format);
    expect(result).toEqual({ ok: true, form, ignored: [] });
  });

  it.each(['json', 'yaml'] as const)(
    'gives back the same environment form through %s',
    (format) => {
      const form = emptyEnvironmentForm();
      form.name = 'py';
      form.networking = {
        mode: 'limited',
        allowedHosts: ['pypi.org'],
        allowMcpServers: false,
        allowPackageManagers: true,
      };
      form.packages.pip = ['pandas==2.2.0'];
      form.metadata = [{ key: 'owner', value: 'true' }];
      expect(importEnvironment(exportEnvironment(form, format), format)).toEqual({
        ok: true,
        form,
        ignored: [],
      });
    },
  );

  it('exports the create body the API takes, readable as YAML', () => {
    const yaml = exportAgent(agent(), 'yaml');
    expect(yaml).toMatch(/^name: Support triage\nmodel: claude-opus-4-6\n/);
    expect(yaml).toContain('system: |-\n  Triage tickets.\n  Be brief: "no fluff".');
  });
});

describe('importing', () => {
  it('reads an agent as the API returns it, dropping server fields quietly', () => {
    const response = agentFromCreate({ name: 'From API', model: 'claude-sonnet-4-6' });
    const result = importAgent(JSON.stringify(response));
    expect(result.ok && result.form.name).toBe('From API');
    expect(result.ok && result.ignored).toEqual([]);
  });

  it('reads a hand-written YAML agent with the request shorthands', () => {
    const text = [
      'name: Researcher',
      'model: claude-opus-4-8',
      'tools:',
      '  - type: agent_toolset_20260401',
      '    default_config: {permission_policy: always_ask}',
      'callable_agents: []',
    ].join('\n');
    const result = importAgent(text);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.form.model.known).toBe('claude-opus-4-8');
    expect(result.form.toolset.defaults.policy).toBe('always_ask');
    expect(result.ignored).toEqual(['callable_agents']);
  });

  it('says on which line and column a JSON file breaks', () => {
    expect(importAgent('{\n  "name": "x",\n  "model": "m",,\n}')).toEqual({
      ok: false,
      error: { message: expect.any(String) as string, line: 3, column: 16 },
    });
  });

  it('says on which line a YAML file breaks, without the library’s excerpt', () => {
    const result = importAgent('name: a\nname: b\n', 'yaml');
    expect(result).toEqual({
      ok: false,
      error: { message: 'Map keys must be unique', line: 2, column: 1 },
    });
  });

  it('refuses an environment offered as an agent, a list, an empty file and wrong field types', () => {
    const refusal = (result: ImportResult<unknown>) => (result.ok ? null : result.error.message);
    expect(refusal(importAgent('{"type": "environment", "name": "e"}'))).toBe(
      'This file holds an object of type "environment", not an agent.',
    );
    expect(refusal(importAgent('[]'))).toMatch(/^Expected one agent/);
    expect(refusal(importAgent('  \n'))).toBe('The file is empty.');
    expect(refusal(importAgent('name: a\ntools: bash\n'))).toBe('"tools" should be a list.');
    expect(refusal(importEnvironment('name: 3\n'))).toBe('"name" should be text.');
  });
});

describe('file names', () => {
  it('picks the format from the extension', () => {
    expect(formatFromFileName('a.JSON')).toBe('json');
    expect(formatFromFileName('a.yml')).toBe('yaml');
    expect(formatFromFileName('a.txt')).toBeNull();
  });

  it('names an export after the resource', () => {
    expect(exportFileName('Release notes — écrivain!', 'agent', 'yaml')).toBe(
      'release-notes-ecrivain.agent.yaml',
    );
    expect(exportFileName('日本', 'environment', 'json')).toBe('environment.environment.json');
  });
});
