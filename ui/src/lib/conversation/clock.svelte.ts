/**
 * The current time, ticking once a second while `active()` is true, for live durations. Call it
 * while a component initialises: the timer stops with the component or when `active()` turns false.
 */
export function liveNow(active: () => boolean): { readonly value: number } {
  let now = $state(Date.now());
  $effect(() => {
    if (!active()) return;
    now = Date.now();
    const timer = setInterval(() => (now = Date.now()), 1000);
    return () => clearInterval(timer);
  });
  return {
    get value() {
      return now;
    },
  };
}
