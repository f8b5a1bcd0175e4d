// Starter templates for a new agent: each one is a filled form, built from the empty form with
// the same changes a person could make by hand (the toolset through its default switch and each
// tool's own), so choosing one only fills fields; nothing is sent until Save.
import { emptyAgentForm, type AgentFormState } from './agentForm';
import type { PermissionPolicy } from './permissions';
import { setToolsetDefaults, type BuiltinToolName, type ToolsetForm } from './toolsetForm';

export const TEMPLATE_IDS = ['blank', 'coder', 'researcher', 'reviewer', 'analyst'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

export interface AgentTemplate {
  id: TemplateId;
  label: string;
  /** One line under the label: what the agent is for and what it may do unasked. */
  summary: string;
  form(): AgentFormState;
}

/** Every built-in tool off, then `on` turned on, each with its policy. */
function onlyTools(
  toolset: ToolsetForm,
  on: Partial<Record<BuiltinToolName, PermissionPolicy>>,
): ToolsetForm {
  const next = setToolsetDefaults(toolset, { enabled: false });
  for (const [name, policy] of Object.entries(on) as [BuiltinToolName, PermissionPolicy][])
    next.tools[name] = { ...next.tools[name], enabled: true, policy };
  return next;
}

function filled(
  fill: Pick<AgentFormState, 'name' | 'description' | 'system'>,
  toolset: (toolset: ToolsetForm) => ToolsetForm,
): AgentFormState {
  const form = emptyAgentForm();
  return { ...form, ...fill, toolset: toolset(form.toolset) };
}

export const AGENT_TEMPLATES: readonly AgentTemplate[] = [
  {
    id: 'blank',
    label: 'Blank',
    summary: 'An empty form.',
    form: emptyAgentForm,
  },
  {
    id: 'coder',
    label: 'Coder',
    summary: 'Every tool; asks before running commands or changing files.',
    form: () =>
      filled(
        {
          name: 'Coder',
          description: 'Writes and changes code in the session’s workspace.',
          system:
            'You are a careful software engineer working in the session’s workspace.\n' +
            '- Read the relevant code before changing it, and follow its existing style.\n' +
            '- Make the smallest change that does the job; do not reformat unrelated code.\n' +
            '- Run the tests or the build after a change and report what they say.\n' +
            '- When something is unclear, say what you assumed.',
        },
        (toolset) => {
          const next = setToolsetDefaults(toolset, { enabled: true, policy: 'always_allow' });
          for (const name of ['bash', 'edit', 'write'] as const)
            next.tools[name] = { ...next.tools[name], policy: 'always_ask' };
          return next;
        },
      ),
  },
  {
    id: 'researcher',
    label: 'Researcher',
    summary: 'Searches and reads the web and files; cannot run commands or change files.',
    form: () =>
      filled(
        {
          name: 'Researcher',
          description: 'Finds, reads and summarises sources on a question.',
          system:
            'You are a research assistant.\n' +
            '- Search widely, then read the most relevant sources in full.\n' +
            '- Cite the URL of every source you rely on.\n' +
            '- Separate what the sources say from your own conclusions, and say where they disagree.\n' +
            '- End with a short summary of the answer and how sure you are of it.',
        },
        (toolset) =>
          onlyTools(toolset, {
            web_search: 'always_allow',
            web_fetch: 'always_allow',
            read: 'always_allow',
            glob: 'always_allow',
            grep: 'always_allow',
          }),
      ),
  },
  {
    id: 'reviewer',
    label: 'Code reviewer',
    summary: 'Reads code; asks before running commands; cannot change files.',
    form: () =>
      filled(
        {
          name: 'Code reviewer',
          description: 'Reviews code changes and reports problems without changing files.',
          system:
            'You are a code reviewer. You do not change files; you report.\n' +
            '- Read the change and the code around it before judging it.\n' +
            '- Look for bugs, missing tests, unclear names and security problems, in that order.\n' +
            '- For each finding, give the file and line, why it matters and a suggested fix.\n' +
            '- Say plainly when the change looks good.',
        },
        (toolset) =>
          onlyTools(toolset, {
            read: 'always_allow',
            glob: 'always_allow',
            grep: 'always_allow',
            bash: 'always_ask',
          }),
      ),
  },
  {
    id: 'analyst',
    label: 'Data analyst',
    summary: 'Reads and writes files; asks before running commands.',
    form: () =>
      filled(
        {
          name: 'Data analyst',
          description: 'Explores data files and answers questions with numbers and charts.',
          system:
            'You are a data analyst working with the files in the session’s workspace.\n' +
            '- Look at the data’s shape, types and missing values before analysing it.\n' +
            '- Use scripts (Python or the shell) for every figure; do not estimate by eye.\n' +
            '- Write results and charts to new files; never overwrite the source data.\n' +
            '- Report the numbers with the method used and its caveats.',
        },
        (toolset) =>
          onlyTools(toolset, {
            bash: 'always_ask',
            read: 'always_allow',
            write: 'always_allow',
          }),
      ),
  },
];

export function templateById(id: TemplateId): AgentTemplate {
  return AGENT_TEMPLATES.find((t) => t.id === id) ?? AGENT_TEMPLATES[0]!;
}
