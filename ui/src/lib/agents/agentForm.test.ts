import { describe, expect, it } from 'vitest';
import type { Agent } from '$lib/ipc/bindings';
import { isValid } from '$lib/forms/fieldErrors';
import { agentFromCreate } from '$lib/testing/fakeApi';
import {
  agentFormFromAgent,
  agentFormFromJson,
  agentFormWarnings,
  agentRequestFromForm,
  agentUpdateFromForm,
  emptyAgentForm,
  validateAgentForm,
  type AgentFormState,
} from './agentForm';
import { emptyCustomTool } from './customTools';
import { emptyMcpServer } from './mcpForm';
import { emptyRosterEntry } from './multiagentForm';
import { effortHint } from './modelForm';
import { emptySkill } from './skillsForm';

/** A form that uses every part the UI shows, with values the API would keep as given. */
function fullForm(): AgentFormState {
  const form = emptyAgentForm();
  form.name = 'Release notes writer';
  form.description = 'Drafts release notes from merged PRs — «naïve» café ✓';
  form.model = {
    ...form.model,
    known: '',
    custom: 'claude-opus-9-preview',
    effort: 'max',
    speed: 'fast',
    inferenceGeo: 'us',
  };
  form.system = "You write release notes.\nDon't invent changes.";
  form.toolset.defaults = { enabled: true, policy: 'always_allow' };
  form.toolset.tools.bash = { enabled: true, policy: 'always_ask', extra: {} };
  form.toolset.tools.write = { enabled: true, policy: 'always_ask', extra: {} };
  form.toolset.tools.glob = { enabled: false, policy: 'always_allow', extra: {} };
  form.toolset.tools.web_search = { enabled: true, policy: 'auto', extra: {} };
  form.toolset.webFetch.domainMode = 'allowed';
  form.toolset.webFetch.domains = ['docs.example.com', 'github.com'];
  form.toolset.webFetch.maxContentTokens = '20000';
  form.toolset.webFetch.urlSources.userInput = { mode: 'all', tools: [] };
  form.toolset.webFetch.urlSources.serverToolResults = { mode: 'only', tools: ['web_search'] };
  form.toolset.webSearch.domainMode = 'blocked';
  form.toolset.webSearch.domains = ['example.org/spam'];
  form.toolset.webSearch.userLocation = {
    enabled: true,
    city: 'Lyon',
    region: 'ARA',
    country: 'FR',
    timezone: 'Europe/Paris',
  };
  form.mcpServers = [
    {
      ...emptyMcpServer(),
      name: 'linear',
      url: 'https://mcp.linear.app/mcp',
      overrides: [{ name: 'create_issue', enabled: true, policy: 'always_allow' }],
    },
    {
      ...emptyMcpServer(),
      name: 'docs',
      url: 'https://docs.example.com/mcp',
      defaults: { enabled: false, policy: 'auto' },
    },
  ];
  form.customTools = [
    {
      ...emptyCustomTool(),
      name: 'lookup_ticket',
      description: 'Looks up a ticket by id.',
      inputSchema: JSON.stringify(
        { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
        null,
        2,
      ),
    },
  ];
  form.skills = [
    { ...emptySkill(), type: 'anthropic', skillId: 'pdf', version: 'latest' },
    { ...emptySkill(), type: 'custom', skillId: 'skill_01abc', version: '1759178010641129' },
  ];
  form.metadata = [
    { key: 'team', value: 'docs' },
    { key: 'owner', value: "o'brien" },
  ];
  form.multiagent.mode = 'multiagent_20261001';
  form.multiagent.advisor = { enabled: true, model: 'claude-opus-4-8' };
  form.multiagent.subagents = {
    enabled: true,
    inlineAgents: false,
    predefinedAgents: [{ ...emptyRosterEntry(), agentId: 'agent_reviewer', version: '3' }],
  };
  form.multiagent.workflows = { enabled: false, inlineAgents: true, predefinedAgents: [] };
  return form;
}

function roundTrip(form: AgentFormState): AgentFormState {
  return agentFormFromAgent(agentFromCreate(agentRequestFromForm(form)));
}

describe('a new agent', () => {
  it('starts with the built-in tools on their API defaults and asks only for a name', () => {
    const form = emptyAgentForm();
    expect(form.toolset.included).toBe(true);
    expect(form.toolset.defaults).toEqual({ enabled: true, policy: 'always_allow' });
    expect(validateAgentForm(form)).toEqual({ name: 'Enter a name.' });
  });

  it('sends the minimal body for a name and a model', () => {
    const form = emptyAgentForm();
    form.name = '  Helper  ';
    form.toolset.included = false;
    expect(agentRequestFromForm(form)).toEqual({ name: 'Helper', model: 'claude-opus-4-6' });
  });

  it('sends only the tools that differ from the default, e.g. two tools on always_ask', () => {
    const form = emptyAgentForm();
    form.name = 'a';
    form.toolset.tools.bash.policy = 'always_ask';
    form.toolset.tools.edit.policy = 'always_ask';
    expect(agentRequestFromForm(form).tools).toEqual([
      {
        type: 'agent_toolset_20260401',
        default_config: { enabled: true, permission_policy: { type: 'always_allow' } },
        configs: [
          { name: 'bash', permission_policy: { type: 'always_ask' } },
          { name: 'edit', permission_policy: { type: 'always_ask' } },
        ],
      },
    ]);
  });

  it('gives a new MCP server a toolset that always asks, as the API does', () => {
    const form = emptyAgentForm();
    form.name = 'a';
    form.toolset.included = false;
    form.mcpServers = [
      { ...emptyMcpServer(), name: 'gh', url: 'https://api.githubcopilot.com/mcp/' },
    ];
    const request = agentRequestFromForm(form);
    expect(request.mcp_servers).toEqual([
      { type: 'url', name: 'gh', url: 'https://api.githubcopilot.com/mcp/' },
    ]);
    expect(request.tools).toEqual([
      {
        type: 'mcp_toolset',
        mcp_server_name: 'gh',
        default_config: { enabled: true, permission_policy: { type: 'always_ask' } },
        configs: [],
      },
    ]);
  });
});

describe('form → request → agent → form', () => {
  it('keeps everything the form shows, the effort as the saved level rather than a choice', () => {
    const form = fullForm();
    expect(validateAgentForm(form)).toEqual({});
    // The API echoes an effort whether or not one was chosen, so it comes back as a hint.
    expect(roundTrip(form)).toEqual({ ...form, model: { ...form.model, effort: '' } });
  });

  it('leaves the effort the API resolved unchosen, and reads the speed it filled in', () => {
    const form = emptyAgentForm();
    form.name = 'a';
    const back = roundTrip(form);
    expect(back.model.effort).toBe('');
    expect(back.model.speed).toBe('standard');
    expect(back).toEqual(form);
  });

  it('reads per-tool settings whether the API lists every tool or only the changed ones', () => {
    const form = fullForm();
    const agent = agentFromCreate(agentRequestFromForm(form));
    const toolset = agent.tools?.[0] as { configs: unknown[] };
    const all = ['bash', 'edit', 'read', 'write', 'glob', 'grep', 'web_fetch', 'web_search'];
    const listed = new Set(toolset.configs.map((c) => (c as { name: string }).name));
    for (const name of all)
      if (!listed.has(name))
        toolset.configs.push({
          name,
          type: name,
          enabled: true,
          permission_policy: { type: 'always_allow' },
        });
    expect(agentFormFromAgent(agent).toolset).toEqual(form.toolset);
  });

  it('keeps tool types, keys and the execution identity it does not show, so an edit drops nothing', () => {
    const agent = agentFromCreate(agentRequestFromForm(fullForm()));
    agent.tools = [...(agent.tools ?? []), { type: 'code_interpreter_20270101', size: 'xl' }];
    agent.mcp_servers = [
      { ...agent.mcp_servers![0]!, headers_ref: 'vault' },
      agent.mcp_servers![1]!,
    ];
    agent.execution_identity = { type: 'aws_role', role_arn: 'arn:aws:iam::1:role/x' };
    const update = agentUpdateFromForm(agentFormFromAgent(agent), agent);
    expect(update.tools).toContainEqual({ type: 'code_interpreter_20270101', size: 'xl' });
    expect(update.mcp_servers?.[0]).toMatchObject({ headers_ref: 'vault' });
    expect(agentRequestFromForm(agentFormFromAgent(agent)).execution_identity).toEqual({
      type: 'aws_role',
      role_arn: 'arn:aws:iam::1:role/x',
    });
  });
});

describe('editing an agent', () => {
  const stored = (): Agent => ({
    ...agentFromCreate(agentRequestFromForm(fullForm()), 'agent_01', 4),
    metadata: { team: 'docs', owner: 'x', legacy: 'yes' },
  });

  it('sends the version it was loaded from, for optimistic concurrency', () => {
    const agent = stored();
    expect(agentUpdateFromForm(agentFormFromAgent(agent), agent).version).toBe(4);
  });

  it('deletes a removed metadata key with null, because metadata is a patch', () => {
    const agent = stored();
    const form = agentFormFromAgent(agent);
    form.metadata = form.metadata.filter((row) => row.key !== 'legacy');
    expect(agentUpdateFromForm(form, agent).metadata).toEqual({
      team: 'docs',
      owner: 'x',
      legacy: null,
    });
  });

  it('clears a description, system prompt, tools and multiagent explicitly rather than leaving them out', () => {
    const agent = stored();
    const form = agentFormFromAgent(agent);
    form.description = '';
    form.system = '';
    form.toolset.included = false;
    form.mcpServers = [];
    form.customTools = [];
    form.skills = [];
    form.multiagent.mode = 'off';
    const update = agentUpdateFromForm(form, agent);
    expect(update).toMatchObject({
      description: null,
      system: null,
      tools: [],
      mcp_servers: [],
      skills: [],
      multiagent: null,
    });
  });

  it('leaves multiagent out when the agent never had one', () => {
    const agent = { ...stored(), multiagent: null };
    const form = agentFormFromAgent(agent);
    expect('multiagent' in agentUpdateFromForm(form, agent)).toBe(false);
  });

  it('keeps the inference geography pin, which an update without it would clear', () => {
    const agent = stored();
    const model = agentUpdateFromForm(agentFormFromAgent(agent), agent).model;
    expect(model).toMatchObject({ inference_geo: 'us' });
  });

  it('never offers to send a delete: the update body has no such field', () => {
    const agent = stored();
    expect(Object.keys(agentUpdateFromForm(agentFormFromAgent(agent), agent))).not.toContain(
      'archived_at',
    );
  });
});

describe('effort', () => {
  /** A saved agent whose effort nobody chose: the API reports the model default. */
  const saved = (): Agent => agentFromCreate({ name: 'a', model: 'claude-opus-4-6' }, 'agent_1', 2);

  it('sends no effort for a new agent when the user did not choose one', () => {
    const form = emptyAgentForm();
    form.name = 'a';
    expect(agentRequestFromForm(form).model).toBe('claude-opus-4-6');
  });

  it('sends no effort on an update when the user did not choose one, so the API keeps its own', () => {
    const agent = saved();
    expect(agent.model.effort).toEqual({ type: 'high' });
    const form = agentFormFromAgent(agent);
    expect(form.model.effort).toBe('');
    expect(agentUpdateFromForm(form, agent).model).toBe('claude-opus-4-6');
    // Still left out when another part of the model changes.
    form.model.speed = 'fast';
    expect(agentUpdateFromForm(form, agent).model).toEqual({
      id: 'claude-opus-4-6',
      speed: 'fast',
    });
  });

  it('sends the level the user chose, on create and on update', () => {
    const form = emptyAgentForm();
    form.name = 'a';
    form.model.effort = 'low';
    expect(agentRequestFromForm(form).model).toEqual({
      id: 'claude-opus-4-6',
      effort: { type: 'low' },
    });
    const agent = saved();
    const edit = agentFormFromAgent(agent);
    edit.model.effort = 'max';
    expect(agentUpdateFromForm(edit, agent).model).toEqual({
      id: 'claude-opus-4-6',
      effort: { type: 'max' },
    });
  });

  it('sends nothing for Default after a chosen level: the API has no way to clear it', () => {
    const agent = agentFromCreate(
      { name: 'a', model: { id: 'claude-opus-4-6', effort: 'max' } },
      'agent_1',
      2,
    );
    const form = agentFormFromAgent(agent);
    form.model.effort = 'low';
    form.model.effort = '';
    expect(agentUpdateFromForm(form, agent).model).toBe('claude-opus-4-6');
    // The hint names the level the API keeps.
    expect(effortHint(agent.model)).toBe('The API uses max when none is chosen.');
  });

  it('takes the effort of an imported create body as chosen, since someone wrote it', () => {
    const form = agentFormFromJson({
      name: 'a',
      model: { id: 'claude-opus-4-6', effort: 'xhigh' },
    });
    expect(form.model.effort).toBe('xhigh');
    expect(agentRequestFromForm(form).model).toEqual({
      id: 'claude-opus-4-6',
      effort: { type: 'xhigh' },
    });
  });

  it("hints the level the API reports for a saved agent, and the model's default for a new one", () => {
    expect(effortHint(saved().model)).toBe('The API uses high when none is chosen.');
    expect(effortHint(undefined)).toBe("The API uses the model's default when none is chosen.");
  });
});

describe('validation', () => {
  function valid(): AgentFormState {
    const form = emptyAgentForm();
    form.name = 'ok';
    return form;
  }

  it('limits the name to 256 characters, counting emoji as one each', () => {
    const form = valid();
    form.name = '🙂'.repeat(256);
    expect(validateAgentForm(form)).toEqual({});
    form.name = 'x'.repeat(257);
    expect(validateAgentForm(form).name).toBe('At most 256 characters.');
  });

  it('treats a name of spaces as empty', () => {
    const form = valid();
    form.name = '   ';
    expect(validateAgentForm(form).name).toBe('Enter a name.');
  });

  it('limits the description and the system prompt, and says how long they are', () => {
    const form = valid();
    form.description = 'd'.repeat(2049);
    form.system = 's'.repeat(100_001);
    const errors = validateAgentForm(form);
    expect(errors.description).toBe('At most 2048 characters (now 2049).');
    expect(errors.system).toBe('At most 100,000 characters (now 100,001).');
  });

  it('needs a model id when "other" is picked', () => {
    const form = valid();
    form.model.known = '';
    expect(validateAgentForm(form)['model.custom']).toBe('Pick a model or type its id.');
    form.model.custom = 'claude next';
    expect(validateAgentForm(form)['model.custom']).toBe('A model id has no spaces.');
  });

  it('gives 17 metadata keys an error on the 17th row only', () => {
    const form = valid();
    form.metadata = Array.from({ length: 17 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    expect(validateAgentForm(form)).toEqual({
      'metadata.16.key': 'At most 16 metadata pairs; remove this one.',
    });
  });

  it('flags an MCP server that no toolset uses, a duplicate name and a bad URL', () => {
    const form = valid();
    form.mcpServers = [
      { ...emptyMcpServer(), name: 'gh', url: 'https://x.example/mcp', hasToolset: false },
      { ...emptyMcpServer(), name: 'gh', url: 'x.example/mcp' },
    ];
    expect(validateAgentForm(form)).toEqual({
      'mcpServers.0.toolset':
        'No mcp_toolset uses this server; add its toolset or remove the server.',
      'mcpServers.1.name': 'Another server is already named "gh".',
      'mcpServers.1.url': 'Not a URL; it should look like https://mcp.example.com/mcp.',
    });
  });

  it('reads an agent whose MCP server has no toolset as that error, not as a silent fix', () => {
    const agent = agentFromCreate({
      name: 'a',
      model: 'm',
      mcp_servers: [{ type: 'url', name: 'lone', url: 'https://l.example' }],
    });
    expect(validateAgentForm(agentFormFromAgent(agent))).toHaveProperty('mcpServers.0.toolset');
  });

  it('reads a toolset for a server the agent does not list as a server row missing its URL', () => {
    const agent = agentFromCreate({
      name: 'a',
      model: 'm',
      tools: [{ type: 'mcp_toolset', mcp_server_name: 'ghost' }],
    });
    const form = agentFormFromAgent(agent);
    expect(form.mcpServers).toMatchObject([{ name: 'ghost', url: '', hasToolset: true }]);
    expect(validateAgentForm(form)['mcpServers.0.url']).toBe('Enter the server URL.');
  });

  it('limits MCP servers to 20 and skills to 20', () => {
    const form = valid();
    form.mcpServers = Array.from({ length: 21 }, (_, i) => ({
      ...emptyMcpServer(),
      name: `s${i}`,
      url: `https://s${i}.example`,
    }));
    form.skills = Array.from({ length: 21 }, (_, i) => ({
      ...emptySkill(),
      type: 'custom' as const,
      skillId: `skill_${i}`,
    }));
    const errors = validateAgentForm(form);
    expect(errors.mcpServers).toBe('At most 20 MCP servers.');
    expect(errors.skills).toBe('At most 20 skills per agent.');
  });

  it('flags a duplicate skill and a custom skill id without its prefix', () => {
    const form = valid();
    form.skills = [
      { ...emptySkill(), skillId: 'pdf' },
      { ...emptySkill(), skillId: 'pdf' },
      { ...emptySkill(), type: 'custom', skillId: 'my-skill' },
    ];
    expect(validateAgentForm(form)).toEqual({
      'skills.1.skillId': 'This skill is already attached.',
      'skills.2.skillId': 'Custom skill ids start with skill_.',
    });
  });

  it('counts tools against the limit of 128', () => {
    const form = valid();
    form.customTools = Array.from({ length: 128 }, (_, i) => ({
      ...emptyCustomTool(),
      name: `t${i}`,
      description: 'd',
    }));
    expect(validateAgentForm(form).customTools).toBe('At most 128 tools in all (now 129).');
  });
});

describe('warnings', () => {
  it('warns about fast mode on a model not documented for it, and skills without read', () => {
    const form = emptyAgentForm();
    form.name = 'a';
    form.model.known = 'claude-haiku-4-5';
    form.model.speed = 'fast';
    form.toolset.tools.read.enabled = false;
    form.skills = [{ ...emptySkill(), skillId: 'xlsx' }];
    const warnings = agentFormWarnings(form);
    expect(Object.keys(warnings).sort()).toEqual(['model.speed', 'skills']);
    expect(isValid(validateAgentForm(form))).toBe(true);
  });

  it('does not warn about fast mode on Opus 4.6', () => {
    const form = emptyAgentForm();
    form.model.speed = 'fast';
    expect(agentFormWarnings(form)).toEqual({});
  });
});
