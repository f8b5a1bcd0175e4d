// An agent's version history: any version viewable, and two compared as a line diff of their
// pretty-printed JSON.
import { call, commands } from '$lib/ipc/call';
import type { Agent } from '$lib/ipc/bindings';
import { diffLines, diffStats, sideBySide, type DiffRow } from '$lib/diff/lineDiff';
import { PagedList } from '$lib/lists/pagedList.svelte';

export function versionJson(agent: Agent): string {
  return JSON.stringify(agent, null, 2);
}

export class AgentVersions {
  readonly agent: Agent;
  readonly list: PagedList<Agent>;
  /** Versions ticked for comparison, at most two. */
  picked = $state<number[]>([]);
  viewing = $state<Agent | null>(null);
  comparing = $state<{ older: Agent; newer: Agent } | null>(null);

  readonly diff: { rows: DiffRow[]; removed: number; added: number } | null = $derived.by(() => {
    if (!this.comparing) return null;
    const ops = diffLines(versionJson(this.comparing.older), versionJson(this.comparing.newer));
    return { rows: sideBySide(ops), ...diffStats(ops) };
  });

  constructor(agent: Agent) {
    this.agent = agent;
    this.list = new PagedList((page) =>
      call(commands.agentVersions(agent.id, { page, limit: 20 })),
    );
  }

  /** Ticks or unticks a version; a third tick replaces the oldest of the two. */
  toggle(version: number): void {
    if (this.picked.includes(version)) this.picked = this.picked.filter((v) => v !== version);
    else this.picked = [...this.picked, version].slice(-2);
  }

  view(agent: Agent): void {
    this.comparing = null;
    this.viewing = agent;
  }

  compare(): void {
    const [a, b] = this.picked
      .map((v) => this.list.items.find((i) => i.version === v))
      .filter((i): i is Agent => i !== undefined);
    if (!a || !b) return;
    this.viewing = null;
    this.comparing = a.version < b.version ? { older: a, newer: b } : { older: b, newer: a };
  }
}
