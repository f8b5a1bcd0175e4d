// The official TypeScript SDK reading a session's live stream from the loopback server that
// `examples/decode_vs_sdk.rs` starts: the same bytes the Rust decoder reads in the same run.
//
// node decode.mjs <base url> events <runs>  → one JSON line per run: {"events", "ms"}
// node decode.mjs <base url> big            → {"events", "peak_rss_growth_mib"}
import Anthropic from '@anthropic-ai/sdk';

const [baseURL, mode, runs = '1'] = process.argv.slice(2);
const client = new Anthropic({ apiKey: 'bench-key', baseURL, maxRetries: 0 });

async function readAll(sessionId) {
  const stream = await client.beta.sessions.events.stream(sessionId);
  let events = 0;
  for await (const event of stream) {
    // Touch what the app needs from every event, so nothing is optimised away.
    if (typeof event.type === 'string') events++;
  }
  return events;
}

if (mode === 'events') {
  for (let run = 0; run < Number(runs); run++) {
    const start = performance.now();
    const events = await readAll('events');
    console.log(JSON.stringify({ events, ms: performance.now() - start }));
  }
} else if (mode === 'big') {
  // maxRSS is the process's peak resident set in KiB; its growth over this one read is what
  // reading one 4 MiB event costs at its peak (the V8 heap grows in steps, so it is coarse).
  globalThis.gc?.();
  const before = process.resourceUsage().maxRSS;
  const events = await readAll('big');
  const after = process.resourceUsage().maxRSS;
  console.log(JSON.stringify({ events, peak_rss_growth_mib: (after - before) / 1024 }));
} else {
  console.error('usage: node decode.mjs <base url> events <runs> | big');
  process.exit(2);
}
