/** The app's top-level sections, in sidebar order. A section exists only once it has a feature. */
export const SECTION_IDS = [
  'sessions',
  'agents',
  'environments',
  'vaults',
  'memory',
  'files',
  'skills',
  'inbox',
  'settings',
] as const;

export type SectionId = (typeof SECTION_IDS)[number];

export interface Section {
  id: SectionId;
  label: string;
  /** One line shown under the title of the section. */
  summary: string;
  /** The digit that, with Ctrl (⌘ on macOS), opens the section. */
  shortcut: string;
}

export const SECTIONS: readonly Section[] = [
  {
    id: 'sessions',
    label: 'Sessions',
    summary: 'Running agents: watch them work, approve tool calls, interrupt, see the cost.',
    shortcut: '1',
  },
  {
    id: 'agents',
    label: 'Agents',
    summary: 'Model, system prompt, tools, MCP servers and skills — versioned.',
    shortcut: '2',
  },
  {
    id: 'environments',
    label: 'Environments',
    summary: 'Container templates that sessions run in: networking and packages.',
    shortcut: '3',
  },
  {
    id: 'vaults',
    label: 'Vaults',
    summary:
      'Credentials for MCP servers and secrets for the sandbox, kept by the API and given to sessions.',
    shortcut: '6',
  },
  {
    id: 'memory',
    label: 'Memory',
    summary:
      'What agents remember between sessions: stores of memories by path, with every version.',
    shortcut: '7',
  },
  {
    id: 'files',
    label: 'Files',
    summary:
      'Files uploaded for sessions to mount, and the ones agents wrote: preview and download them.',
    shortcut: '8',
  },
  {
    id: 'skills',
    label: 'Skills',
    summary:
      'Folders of instructions and scripts agents load when a task calls for them: yours and Anthropic’s.',
    shortcut: '9',
  },
  {
    id: 'inbox',
    label: 'Inbox',
    summary:
      'Every tool call that waits for you, over all sessions: allow, deny or answer it here.',
    // Ctrl+1…4 kept their sections when the inbox came.
    shortcut: '5',
  },
  {
    id: 'settings',
    label: 'Settings',
    summary: 'Profiles and keys, appearance, notifications, shortcuts and about this app.',
    shortcut: '4',
  },
];

export function sectionById(id: SectionId): Section {
  const section = SECTIONS.find((s) => s.id === id);
  if (!section) throw new Error(`unknown section ${id}`);
  return section;
}

export function isSectionId(value: string): value is SectionId {
  return (SECTION_IDS as readonly string[]).includes(value);
}
