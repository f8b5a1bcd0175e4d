// The active profile's day against its daily cap, followed from the monitor's summary, for a
// page that is not the sessions list (the list keeps the whole summary itself).
import type { UnlistenFn } from '@tauri-apps/api/event';
import type { DailySpend, MonitorSummary } from '$lib/ipc/bindings';
import { commands } from '$lib/ipc/call';
import { inTauri } from '$lib/platform';
import { appSummarySource } from './sessions.svelte';
import type { SummarySource } from './waitingCalls.svelte';

export class DailySpendFollower {
  current = $state<DailySpend | null>(null);

  /** Follows the summary from now on, after reading the one known now; returns the stop. */
  start(
    source: SummarySource | null = appSummarySource(),
    known: () => Promise<MonitorSummary | null> = readKnown,
  ): () => void {
    let stopped = false;
    let stop: UnlistenFn | undefined;
    // Listening first, so no summary between the read and the listen is missed.
    void source?.((summary) => (this.current = summary.daily)).then((unlisten) => {
      if (stopped) unlisten();
      else stop = unlisten;
    });
    void known().then((summary) => {
      if (!stopped && summary) this.current = summary.daily;
    });
    return () => {
      stopped = true;
      stop?.();
    };
  }
}

async function readKnown(): Promise<MonitorSummary | null> {
  if (!inTauri()) return null;
  try {
    return (await commands.sessionsLive()).summary;
  } catch {
    // Nothing is said until the next summary comes.
    return null;
  }
}
