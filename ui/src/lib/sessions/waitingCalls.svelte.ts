// How many tool calls wait for the person over every session of the active profile, for the
// sidebar's badge: the monitor's summary counts them (the window title shows the same count).
import type { UnlistenFn } from '@tauri-apps/api/event';
import { commands } from '$lib/ipc/call';
import type { MonitorSummary } from '$lib/ipc/bindings';
import { inTauri } from '$lib/platform';
import { appSummarySource } from './sessions.svelte';

export type SummarySource = (callback: (summary: MonitorSummary) => void) => Promise<UnlistenFn>;

export class WaitingCalls {
  count = $state(0);

  /** Follows the summary from now on, after reading the one known now; returns the stop. */
  start(
    source: SummarySource | null = appSummarySource(),
    current: () => Promise<MonitorSummary | null> = readCurrent,
  ): () => void {
    let stopped = false;
    let stop: UnlistenFn | undefined;
    // Listening first, so no summary between the read and the listen is missed.
    void source?.((summary) => (this.count = summary.waitingCalls)).then((unlisten) => {
      if (stopped) unlisten();
      else stop = unlisten;
    });
    void current().then((summary) => {
      if (!stopped && summary) this.count = summary.waitingCalls;
    });
    return () => {
      stopped = true;
      stop?.();
    };
  }
}

async function readCurrent(): Promise<MonitorSummary | null> {
  if (!inTauri()) return null;
  try {
    return (await commands.sessionsLive()).summary;
  } catch {
    // The badge stays empty until the next summary comes.
    return null;
  }
}
