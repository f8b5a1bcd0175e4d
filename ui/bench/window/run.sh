#!/usr/bin/env bash
# Runs bench/window in WebKitGTK's MiniBrowser on a virtual display, against Vite's dev server
# (Svelte in dev mode, as in a debug build), and prints its figures. Needs Xvfb and WebKitGTK's
# MiniBrowser (Debian: xvfb, libwebkit2gtk-4.1-0). Arguments go to the page's query string:
#   bench/window/run.sh 'deltas=100&variant=prose'
# BENCH_SCREEN=640x480 sets the virtual screen (1280x900 by default).
set -euo pipefail
cd "$(dirname "$0")/../.."
port=${BENCH_PORT:-5199}
browser=${MINIBROWSER:-/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser}
log=$(mktemp)
groups=()
# Each helper runs in a process group of its own, so that it goes with all its children.
cleanup() {
  for group in "${groups[@]}"; do kill -- "-$group" 2>/dev/null || true; done
  rm -f "$log"
}
trap cleanup EXIT

setsid npx vite --port "$port" --strictPort >/dev/null 2>&1 &
groups+=($!)
# The page must not load before Vite answers: the browser would stay on its error page.
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/bench/window/index.html" >/dev/null && break
  sleep 0.5
done
setsid xvfb-run -a -s "-screen 0 ${BENCH_SCREEN:-1280x900}x24" "$browser" \
  --enable-write-console-messages-to-stdout=true --full-screen \
  "http://127.0.0.1:$port/bench/window/index.html?${1:-}" >"$log" 2>&1 &
groups+=($!)

for _ in $(seq 1 2400); do
  grep -q 'BENCH DONE' "$log" && break
  sleep 0.5
done
sed -n '/batches, /,/BENCH DONE/p' "$log" | grep -v 'BENCH DONE' | sed 's/^.*CONSOLE LOG //'
