import { fireEvent, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CreateAgentRequest } from '$lib/ipc/bindings';
import { setNavigation } from '$lib/context';
import { Navigation } from '$lib/navigation/navigation.svelte';
import { addStyles, clippingTracks } from '$lib/testing/componentStyles';
import { agentFromCreate } from '$lib/testing/fakeApi';
import { FakeIntersectionObserver } from '$lib/testing/intersectionObserver';
import { ipcError } from '$lib/testing/ipcError';
import { pageOf } from '$lib/testing/pages';
import { scriptedBackend, type ScriptedBackend } from '$lib/testing/scriptedBackend';
import Provide from '$lib/testing/Provide.svelte';
import AgentsView from './AgentsView.svelte';

let api: ScriptedBackend;

const page = pageOf;

function agent(name: string, id: string, version = 1, extra: Partial<CreateAgentRequest> = {}) {
  return agentFromCreate({ name, model: 'claude-opus-4-6', ...extra }, id, version);
}

function renderView(nav = new Navigation()) {
  nav.go('agents');
  render(Provide, { props: { provide: () => setNavigation(nav), view: AgentsView } });
  return { user: userEvent.setup(), nav };
}

beforeEach(() => {
  api = scriptedBackend();
  api.on('agents_list', () => page([]));
  FakeIntersectionObserver.instances = [];
  vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver);
});

describe('the agents list', () => {
  it('leads from the empty state to a new agent', async () => {
    const { user } = renderView();
    expect(await screen.findByText('No agents yet')).toBeInTheDocument();
    const empty = screen.getByRole('region', { name: 'No agents yet' });
    await user.click(within(empty).getByRole('button', { name: 'New agent' }));
    expect(screen.getByRole('heading', { name: 'New agent' })).toBeInTheDocument();
  });

  it('shows name, model, version and tools, and loads the next page on scroll', async () => {
    api.on('agents_list', (args) => {
      const query = args.query as { page: string | null };
      return query.page === 'p2'
        ? page([agent('Second page', 'agent_2')])
        : page(
            [agent('Writer', 'agent_1', 3, { tools: [{ type: 'agent_toolset_20260401' }] })],
            'p2',
          );
    });
    renderView();
    const row = (await screen.findByText('Writer')).closest('li')!;
    expect(row).toHaveAttribute('data-agent-id', 'agent_1');
    expect(row).toHaveTextContent('claude-opus-4-6');
    expect(row).toHaveTextContent('v3');
    expect(row).toHaveTextContent('8 built-in');
    expect(screen.queryByText('Second page')).not.toBeInTheDocument();

    FakeIntersectionObserver.scrollIntoView();
    expect(await screen.findByText('Second page')).toBeInTheDocument();
    expect(api.sent('agents_list').map((a) => (a.query as { page: unknown }).page)).toEqual([
      null,
      'p2',
    ]);
  });

  it('searches by name and asks for archived agents when told to', async () => {
    api.on('agents_list', () => page([agent('Writer', 'agent_1'), agent('Reviewer', 'agent_2')]));
    const { user } = renderView();
    await screen.findByText('Writer');
    await user.type(screen.getByRole('searchbox', { name: 'Search agents by name' }), 'rev');
    expect(screen.queryByText('Writer')).not.toBeInTheDocument();
    expect(screen.getByText('Reviewer')).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: 'Show archived' }));
    const last = api.sent('agents_list').at(-1)!.query as { include_archived: boolean };
    expect(last.include_archived).toBe(true);
  });

  it('shows a failed load with a Retry that loads again', async () => {
    let fail = true;
    api.on('agents_list', () =>
      fail
        ? ipcError({ code: 'Network', message: 'connection refused' })
        : page([agent('Back', 'a')]),
    );
    const { user } = renderView();
    expect(await screen.findByRole('alert')).toHaveTextContent('connection refused');
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Back')).toBeInTheDocument();
  });
});

describe('the agent form', () => {
  it('creates an agent from what the form holds', async () => {
    api.on('agent_create', (args) =>
      agentFromCreate(args.request as CreateAgentRequest, 'agent_9'),
    );
    const { user } = renderView();
    await user.click(await screen.findByRole('button', { name: 'New agent' }));
    await user.type(screen.getByLabelText('Name'), 'Release notes');
    await user.type(screen.getByLabelText('System prompt'), 'Write release notes.');
    await user.selectOptions(screen.getByLabelText('bash permission policy'), 'always_ask');
    await user.selectOptions(screen.getByLabelText('write permission policy'), 'always_ask');
    await user.click(screen.getByRole('button', { name: 'Add MCP server' }));
    await user.type(screen.getByLabelText('Server name'), 'github');
    await user.type(screen.getByLabelText('Server URL'), 'https://mcp.example.com/mcp');
    await user.click(screen.getByRole('button', { name: 'Save agent' }));

    const [sent] = api.sent('agent_create');
    expect(sent?.request).toEqual({
      name: 'Release notes',
      model: 'claude-opus-4-6',
      system: 'Write release notes.',
      tools: [
        {
          type: 'agent_toolset_20260401',
          default_config: { enabled: true, permission_policy: { type: 'always_allow' } },
          configs: [
            { name: 'bash', permission_policy: { type: 'always_ask' } },
            { name: 'write', permission_policy: { type: 'always_ask' } },
          ],
        },
        {
          type: 'mcp_toolset',
          mcp_server_name: 'github',
          default_config: { enabled: true, permission_policy: { type: 'always_ask' } },
          configs: [],
        },
      ],
      mcp_servers: [{ type: 'url', name: 'github', url: 'https://mcp.example.com/mcp' }],
    });
    const row = (await screen.findByText('Release notes')).closest('li');
    expect(row).toHaveAttribute('data-agent-id', 'agent_9');
    expect(screen.getByRole('status')).toHaveTextContent('Created “Release notes”');
  });

  it('sends nothing without a name, and says so next to the field', async () => {
    const { user } = renderView();
    await user.click(await screen.findByRole('button', { name: 'New agent' }));
    await user.click(screen.getByRole('button', { name: 'Save agent' }));
    expect(api.sent('agent_create')).toEqual([]);
    expect(screen.getByLabelText('Name')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription('Enter a name.');
    expect(screen.getByLabelText('Name')).toHaveFocus();
  });

  it('refuses a 17th metadata pair', async () => {
    const { user } = renderView();
    await user.click(await screen.findByRole('button', { name: 'New agent' }));
    await user.type(screen.getByLabelText('Name'), 'Tagged');
    const add = screen.getByRole('button', { name: 'Add metadata' });
    for (let i = 0; i < 17; i++) await user.click(add);
    for (let i = 1; i <= 17; i++)
      await fireEvent.input(screen.getByLabelText(`Metadata key ${i}`), {
        target: { value: `k${i}` },
      });
    expect(screen.getByText('At most 16 metadata pairs; remove this one.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save agent' }));
    expect(api.sent('agent_create')).toEqual([]);
  });

  it('checks a custom tool schema as it is typed', async () => {
    const { user } = renderView();
    await user.click(await screen.findByRole('button', { name: 'New agent' }));
    await user.type(screen.getByLabelText('Name'), 'Tools');
    await user.click(screen.getByRole('button', { name: 'Add custom tool' }));
    await user.type(screen.getByLabelText('Tool name'), 'lookup');
    await user.type(screen.getByLabelText('Tool description'), 'Looks an order up.');
    const schema = screen.getByLabelText('Input schema (JSON)');
    await fireEvent.input(schema, { target: { value: '{"type": "object",' } });
    expect(schema).toHaveAccessibleDescription(/^Line 1, column \d+/);
    await user.click(screen.getByRole('button', { name: 'Save agent' }));
    expect(api.sent('agent_create')).toEqual([]);
  });

  it('flags an MCP server that no toolset uses, and sends nothing', async () => {
    const stored = agent('Loose server', 'agent_1', 1, {
      mcp_servers: [{ type: 'url', name: 'docs', url: 'https://docs.example.com/mcp' }],
    });
    api.on('agents_list', () => page([stored]));
    const { user } = renderView();
    await user.click(await screen.findByRole('button', { name: /^Loose server/ }));
    await user.click(screen.getByRole('button', { name: 'Save agent' }));
    const server = screen.getByRole('group', { name: 'MCP server 1' });
    const message = 'No mcp_toolset uses this server; add its toolset or remove the server.';
    expect(within(server).getByText(message)).toBeInTheDocument();
    // The summary at the top names it too, since the field may be far below.
    expect(screen.getAllByRole('alert')[0]).toHaveTextContent(message);
    expect(api.sent('agent_update')).toEqual([]);
  });

  it('keeps everything typed when the API rejects the agent, with its message and request id', async () => {
    api.on('agent_create', () =>
      ipcError({
        code: 'Rejected',
        message: 'model: unknown model id',
        status: 400,
        requestId: 'req_011',
      }),
    );
    const { user } = renderView();
    await user.click(await screen.findByRole('button', { name: 'New agent' }));
    await user.type(screen.getByLabelText('Name'), 'Kept');
    await user.type(screen.getByLabelText('System prompt'), 'Stay.');
    await user.click(screen.getByRole('button', { name: 'Save agent' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('model: unknown model id');
    expect(within(alert).getByTestId('request-id')).toHaveTextContent('req_011');
    expect(screen.getByLabelText('Name')).toHaveValue('Kept');
    expect(screen.getByLabelText('System prompt')).toHaveValue('Stay.');
  });

  it('offers Reload or Overwrite when someone saved a newer version', async () => {
    const v1 = agent('Shared', 'agent_1', 1);
    const v2 = agent('Shared (theirs)', 'agent_1', 2);
    api.on('agents_list', () => page([v1]));
    api.on('agent_get', () => v2);
    api.on('agent_update', (args) => {
      const request = args.request as { version: number; name: string };
      if (request.version === 1)
        return ipcError({ code: 'Conflict', message: 'version mismatch', status: 409 });
      return agent(request.name, 'agent_1', 3);
    });
    const { user } = renderView();
    await user.click(await screen.findByRole('button', { name: /^Shared/ }));
    await user.clear(screen.getByLabelText('Name'));
    await user.type(screen.getByLabelText('Name'), 'Shared (mine)');
    await user.click(screen.getByRole('button', { name: 'Save agent' }));

    expect(await screen.findByText('Someone changed this agent since you opened it')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Reload' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Overwrite' }));
    const updates = api.sent('agent_update').map((a) => a.request as { version: number });
    expect(updates.map((u) => u.version)).toEqual([1, 2]);
    expect(await screen.findByRole('status')).toHaveTextContent('as version 3');
  });

  it('reloads the newer version on request, dropping the edits', async () => {
    api.on('agents_list', () => page([agent('Shared', 'agent_1', 1)]));
    api.on('agent_get', () => agent('Theirs', 'agent_1', 2));
    api.on('agent_update', () => ipcError({ code: 'Conflict', message: 'stale', status: 409 }));
    const { user } = renderView();
    await user.click(await screen.findByRole('button', { name: /^Shared/ }));
    await user.type(screen.getByLabelText('Name'), ' edit');
    await user.click(screen.getByRole('button', { name: 'Save agent' }));
    await user.click(await screen.findByRole('button', { name: 'Reload' }));
    expect(screen.getByLabelText('Name')).toHaveValue('Theirs');
    expect(screen.getByText(/saving creates version 3/)).toBeInTheDocument();
  });

  it('asks before archiving and offers no delete', async () => {
    const stored = agent('Old', 'agent_1');
    api.on('agents_list', () => page([stored]));
    api.on('agent_archive', () => ({ ...stored, archived_at: '2026-11-21T00:00:00Z' }));
    const { user } = renderView();
    await user.click(await screen.findByRole('button', { name: /^Old/ }));
    expect(screen.queryByRole('button', { name: /delete/i })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Archive' }));
    const dialog = screen.getByRole('dialog', { name: 'Archive “Old”?' });
    expect(api.sent('agent_archive')).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Archive' }));
    expect(api.sent('agent_archive')).toEqual([{ agentId: 'agent_1' }]);
    expect(await screen.findByRole('status')).toHaveTextContent('Archived “Old”');
  });

  it('shows the exact body and copies curl without a key, with a fallback when the clipboard refuses', async () => {
    const { user } = renderView();
    await user.click(await screen.findByRole('button', { name: 'New agent' }));
    await user.type(screen.getByLabelText('Name'), 'Viewer');
    await user.click(screen.getByRole('button', { name: 'View JSON' }));
    const dialog = screen.getByRole('dialog');
    expect(JSON.parse(within(dialog).getByLabelText('Request body').textContent)).toMatchObject({
      name: 'Viewer',
    });
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();

    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: () => Promise.reject(new Error('denied')) },
    });
    await user.click(screen.getByRole('button', { name: 'Copy as curl' }));
    const text = await screen.findByLabelText('curl command');
    expect((text as HTMLTextAreaElement).value).toContain('$ANTHROPIC_API_KEY');
    expect((text as HTMLTextAreaElement).value).toContain("'https://api.anthropic.com/v1/agents'");
  });

  it('shows, copies and sends no effort until one is picked, then the same one everywhere', async () => {
    const stored = agent('Writer', 'agent_1', 2);
    api.on('agents_list', () => page([stored]));
    api.on('agent_update', () => ({ ...stored, version: 3 }));
    const { user } = renderView();
    // After setup: user-event puts its own clipboard in place.
    let copied = '';
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: (text: string) => Promise.resolve(void (copied = text)) },
    });
    const model = (body: unknown) => (body as { model: unknown }).model;

    /** Opens the agent, picks `effort` if given, and returns the model View JSON shows. */
    async function saveWith(effort?: string): Promise<unknown> {
      await user.click(await screen.findByRole('button', { name: /^Writer/ }));
      const control = screen.getByLabelText('Effort');
      expect(control).toHaveValue('');
      expect(control).toHaveAccessibleDescription('The API uses high when none is chosen.');
      if (effort) await user.selectOptions(control, effort);
      await user.click(screen.getByRole('button', { name: 'View JSON' }));
      const dialog = screen.getByRole('dialog');
      const shown = model(JSON.parse(within(dialog).getByLabelText('Request body').textContent));
      await user.keyboard('{Escape}');
      await user.click(screen.getByRole('button', { name: 'Copy as curl' }));
      await screen.findByText(/Copied a curl command/);
      expect(model(JSON.parse(/--data-raw '(.*)'$/s.exec(copied)![1]!))).toEqual(shown);
      await user.click(screen.getByRole('button', { name: 'Save agent' }));
      expect(await screen.findByRole('status')).toHaveTextContent('as version 3');
      expect(model(api.sent('agent_update').at(-1)!.request)).toEqual(shown);
      return shown;
    }

    expect(await saveWith()).toBe('claude-opus-4-6');
    expect(await saveWith('max')).toEqual({ id: 'claude-opus-4-6', effort: { type: 'max' } });
  });

  it('asks before leaving a form with unsaved changes', async () => {
    const { user, nav } = renderView();
    await user.click(await screen.findByRole('button', { name: 'New agent' }));
    await user.type(screen.getByLabelText('Name'), 'Draft');
    nav.go('sessions');
    const dialog = await screen.findByRole('dialog', { name: 'Discard unsaved changes?' });
    expect(nav.current).toBe('agents');
    await user.click(within(dialog).getByRole('button', { name: 'Keep editing' }));
    expect(screen.getByLabelText('Name')).toHaveValue('Draft');
    await user.click(screen.getByRole('button', { name: 'Agents' }));
    await user.click(screen.getByRole('button', { name: 'Discard changes' }));
    expect(await screen.findByText('No agents yet')).toBeInTheDocument();
  });
});

describe('starter templates', () => {
  const templates = () => screen.getByRole('group', { name: 'Start from' });

  it('fills a new agent from "Code reviewer" and saves it with edit and write off', async () => {
    api.on('agent_create', (args) =>
      agentFromCreate(args.request as CreateAgentRequest, 'agent_7'),
    );
    const { user } = renderView();
    await user.click(await screen.findByRole('button', { name: 'New agent' }));
    const blank = within(templates()).getByRole('button', { name: 'Blank' });
    expect(blank).toHaveAttribute('aria-pressed', 'true');

    const reviewer = within(templates()).getByRole('button', { name: 'Code reviewer' });
    await user.click(reviewer);
    expect(reviewer).toHaveAttribute('aria-pressed', 'true');
    expect(blank).toHaveAttribute('aria-pressed', 'false');
    expect(screen.getByLabelText('Name')).toHaveValue('Code reviewer');
    expect(screen.getByLabelText<HTMLTextAreaElement>('System prompt').value).toMatch(
      /^You are a code reviewer\./,
    );
    expect(screen.getByLabelText('Enable edit')).not.toBeChecked();
    expect(screen.getByLabelText('Enable bash')).toBeChecked();
    expect(api.sent('agent_create')).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Save agent' }));
    const [sent] = api.sent('agent_create');
    const request = sent?.request as CreateAgentRequest;
    expect(request).toMatchObject({ name: 'Code reviewer', model: 'claude-opus-4-6' });
    const configs = (request.tools?.[0] as { configs: { name: string; enabled?: boolean }[] })
      .configs;
    expect(request.tools?.[0]).toMatchObject({
      type: 'agent_toolset_20260401',
      default_config: { enabled: false },
    });
    expect(configs.find((c) => c.name === 'edit')).toBeUndefined();
    expect(configs.find((c) => c.name === 'write')).toBeUndefined();
    expect(configs.find((c) => c.name === 'bash')).toEqual({
      name: 'bash',
      enabled: true,
      permission_policy: { type: 'always_ask' },
    });
    expect(await screen.findByRole('status')).toHaveTextContent('Created “Code reviewer”');
  });

  it('asks before a template replaces what was typed, and keeps it on Cancel', async () => {
    const { user } = renderView();
    await user.click(await screen.findByRole('button', { name: 'New agent' }));
    await user.type(screen.getByLabelText('Name'), 'My own agent');

    await user.click(within(templates()).getByRole('button', { name: 'Coder' }));
    const ask = screen.getByRole('alertdialog', { name: /Replace what you typed/ });
    expect(screen.getByLabelText('Name')).toHaveValue('My own agent');
    await user.click(within(ask).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Name')).toHaveValue('My own agent');
    expect(within(templates()).getByRole('button', { name: 'Blank' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );

    await user.click(within(templates()).getByRole('button', { name: 'Coder' }));
    await user.click(screen.getByRole('button', { name: 'Use Coder' }));
    expect(screen.getByLabelText('Name')).toHaveValue('Coder');
    expect(screen.getByLabelText('bash permission policy')).toHaveValue('always_ask');

    // The template's own values are nothing typed: another one replaces them unasked.
    await user.click(within(templates()).getByRole('button', { name: 'Researcher' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Name')).toHaveValue('Researcher');
  });

  it('is offered for a new agent only, not when editing one', async () => {
    api.on('agents_list', () => page([agent('Writer', 'agent_1')]));
    const { user } = renderView();
    await user.click(await screen.findByRole('button', { name: /^Writer/ }));
    expect(screen.getByLabelText('Name')).toHaveValue('Writer');
    expect(screen.queryByRole('group', { name: 'Start from' })).not.toBeInTheDocument();
  });
});

describe('layout', () => {
  it('gives short values in a row their room and cuts only long ones', async () => {
    const remove = addStyles('components/agents/AgentList.svelte');
    api.on('agents_list', () => page([agent('Writer', 'agent_1')]));
    renderView();
    const row = (await screen.findByText('Writer')).closest('li')!;
    const open = row.querySelector('button.open')!;
    expect(clippingTracks(getComputedStyle(open).gridTemplateColumns)).toEqual([]);
    expect(within(row).getByText(/^Updated/)).toHaveAttribute('title');
    remove();
  });

  it('cuts a long unbroken name in the editor and in Versions, whole in the tooltip', async () => {
    const remove = addStyles(
      'components/shared/EditorLayout.svelte',
      'components/agents/AgentVersions.svelte',
    );
    const name = 'research-assistant-'.repeat(12) + 'v2';
    api.on('agents_list', () => page([agent(name, 'agent_1')]));
    api.on('agent_versions', () => page([agent(name, 'agent_1')]));
    const { user } = renderView();
    const row = (await screen.findByText(name)).closest('li')!;

    await user.click(within(row).getByRole('button', { name: 'Versions' }));
    const versions = await screen.findByRole('heading', { name: `Versions of ${name}` });
    expect(versions).toHaveAttribute('title', `Versions of ${name}`);
    expect(getComputedStyle(versions)).toMatchObject({
      overflow: 'hidden',
      textOverflow: 'ellipsis',
      whiteSpace: 'nowrap',
    });
    expect(getComputedStyle(versions.parentElement!).minWidth).toBe('0px');
    await user.click(screen.getByRole('button', { name: 'Agents' }));

    await user.click((await screen.findByText(name)).closest('button')!);
    const title = await screen.findByRole('heading', { level: 2, name });
    expect(title).toHaveAttribute('title', name);
    expect(getComputedStyle(title)).toMatchObject({
      overflow: 'hidden',
      textOverflow: 'ellipsis',
      whiteSpace: 'nowrap',
    });
    expect(getComputedStyle(title.parentElement!).minWidth).toBe('0px');
    remove();
  });
  it('keeps Save in view over a long form: a sticky bar on the page background', async () => {
    const remove = addStyles('app.css', 'components/shared/EditorLayout.svelte');
    const { user } = renderView();
    const empty = await screen.findByRole('region', { name: 'No agents yet' });
    await user.click(within(empty).getByRole('button', { name: 'New agent' }));
    const bar = (await screen.findByRole('button', { name: 'Save agent' })).closest('header')!;
    expect(getComputedStyle(bar)).toMatchObject({ position: 'sticky', top: '0px' });
    // jsdom resolves no var() in a computed colour: the declared values are read instead.
    const declared = (property: string) =>
      [...document.styleSheets]
        .flatMap((sheet) => [...sheet.cssRules])
        .filter((rule): rule is CSSStyleRule => rule instanceof CSSStyleRule)
        .filter((rule) => bar.matches(rule.selectorText))
        .map((rule) => rule.style.getPropertyValue(property))
        .filter((value) => value !== '');
    expect(declared('background')).toEqual(['var(--bg)']);
    expect(declared('border-bottom')).toEqual(['1px solid var(--border)']);
    for (const theme of ['light', 'dark']) {
      document.documentElement.dataset.theme = theme;
      const bg = getComputedStyle(document.documentElement).getPropertyValue('--bg').trim();
      expect(bg).toMatch(/^#[0-9a-f]{6}$/i);
    }
    delete document.documentElement.dataset.theme;
    // A field brought into view stops below the bar, not under it.
    expect(getComputedStyle(screen.getByLabelText('Name')).scrollMarginTop).toMatch(
      /^calc\(var\(--editor-header, \d+px\) \+ \d+px\)$/,
    );
    remove();
  });
});

describe('agent versions', () => {
  it('compares two versions side by side', async () => {
    const v1 = agent('Writer', 'agent_1', 1, { system: 'Be brief.' });
    const v2 = agent('Writer', 'agent_1', 2, { system: 'Be thorough.' });
    api.on('agents_list', () => page([v2]));
    api.on('agent_versions', () => page([v2, v1]));
    const { user } = renderView();
    const row = (await screen.findByText('Writer')).closest('li')!;
    await user.click(within(row).getByRole('button', { name: 'Versions' }));
    await user.click(await screen.findByRole('checkbox', { name: 'Pick version 1 to compare' }));
    await user.click(screen.getByRole('checkbox', { name: 'Pick version 2 to compare' }));
    await user.click(screen.getByRole('button', { name: 'Compare' }));
    const table = screen.getByRole('table', { name: /Version 1 and Version 2/ });
    const changed = within(table)
      .getAllByRole('row')
      .filter((r) => r.dataset.kind === 'changed');
    expect(changed.map((r) => r.textContent)).toEqual(
      expect.arrayContaining([expect.stringMatching(/Be brief.*Be thorough/)]),
    );
    expect(screen.getByText(/lines removed/)).toHaveTextContent('2 lines removed, 2 added.');
  });

  it('asks Sessions for a New session pinned to the version being viewed', async () => {
    const v1 = agent('Writer', 'agent_1', 1);
    api.on('agents_list', () => page([v1]));
    api.on('agent_versions', () => page([v1]));
    const { user, nav } = renderView();
    const row = (await screen.findByText('Writer')).closest('li')!;
    await user.click(within(row).getByRole('button', { name: 'Versions' }));
    await user.click(await screen.findByRole('button', { name: /Version 1/ }));
    await user.click(screen.getByRole('button', { name: 'Start a session with this version' }));
    expect(nav.current).toBe('sessions');
    expect(nav.takeNewSession()).toEqual({ agentId: 'agent_1', version: 1 });
  });
});

describe('agent files', () => {
  it('fills the form from an imported YAML file and exports the create body', async () => {
    api.on('file_import', () => ({
      name: 'writer.agent.yaml',
      text: 'name: Imported\nmodel: claude-sonnet-4-6\nsystem: From a file.\ncolour: blue\n',
    }));
    api.on('file_export', () => '/home/me/imported.agent.json');
    const { user } = renderView();
    await user.click(await screen.findByRole('button', { name: 'New agent' }));
    await user.click(screen.getByRole('button', { name: 'Import…' }));
    expect(await screen.findByText(/Imported writer.agent.yaml. Not used: colour/)).toBeVisible();
    expect(screen.getByLabelText('Name')).toHaveValue('Imported');
    expect(screen.getByLabelText('Model')).toHaveValue('claude-sonnet-4-6');

    await user.click(screen.getByRole('button', { name: 'Export…' }));
    await user.click(screen.getByRole('button', { name: 'Export as JSON' }));
    const [exported] = api.sent('file_export');
    expect(exported?.fileName).toBe('imported.agent.json');
    expect(JSON.parse(exported?.contents as string)).toMatchObject({
      name: 'Imported',
      system: 'From a file.',
    });
    expect(await screen.findByText('Exported to /home/me/imported.agent.json.')).toBeVisible();
    expect(api.sent('agent_create')).toEqual([]);
  });
});

describe('unsaved edits', () => {
  it('asks before the Versions button leaves an edited form', async () => {
    api.on('agents_list', () => page([agent('Writer', 'agent_1')]));
    api.on('agent_versions', () => page([agent('Writer', 'agent_1')]));
    const { user } = renderView();
    await user.click(await screen.findByRole('button', { name: /^Writer/ }));
    await user.type(screen.getByLabelText('Name'), ' 2');
    await user.click(screen.getByRole('button', { name: 'Versions' }));
    expect(screen.getByRole('dialog', { name: 'Discard unsaved changes?' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Discard changes' }));
    expect(await screen.findByRole('heading', { name: 'Versions of Writer' })).toBeInTheDocument();
  });
});

describe('keyboard', () => {
  it('saves the form with Ctrl+Enter from any field', async () => {
    api.on('agent_create', (args) =>
      agentFromCreate(args.request as CreateAgentRequest, 'agent_5'),
    );
    const { user } = renderView();
    await user.click(await screen.findByRole('button', { name: 'New agent' }));
    await user.type(screen.getByLabelText('Name'), 'Quick');
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(api.sent('agent_create')).toHaveLength(1);
  });
});
