// The benchmarks in bench/ run with the app's own Vite set-up (Svelte, `$lib`, jsdom), apart
// from the tests: `npm run bench:stream`.
import { defineConfig } from 'vitest/config';
import app from '../vite.config.js';

export default defineConfig({
  ...app,
  test: {
    ...app.test,
    include: ['bench/**/*.bench.ts'],
    // One file at a time and nothing else running: the figures are per batch.
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
