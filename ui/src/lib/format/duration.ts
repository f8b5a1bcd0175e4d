// How long something took, or has been going on, in the few units a person reads at a glance.

/** Milliseconds between two RFC 3339 times, or `null` if either is missing or invalid. */
export function elapsedMs(start: string | null, end: string | null): number | null {
  if (start === null || end === null) return null;
  const ms = Date.parse(end) - Date.parse(start);
  return Number.isFinite(ms) && ms >= 0 ? ms : null;
}

/** "640 ms", "2.4 s", "42 s", "3 min 05 s", "2 h 05 min". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(Math.floor(ms / 100) / 10).toFixed(1)} s`;
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** The same for a count of seconds, as the API gives active time. */
export function formatSeconds(seconds: number): string {
  return formatDuration(Math.round(seconds) * 1000);
}
