import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [svelte()],
  resolve: {
    alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) },
    // Vitest runs in Node; without this Svelte resolves its server build and `mount` fails.
    // Only there: an empty list in a real build would drop Vite's defaults the same way.
    ...(process.env.VITEST ? { conditions: ['browser'] } : {}),
  },
  // Tauri serves the bundle from its own protocol; relative paths keep it portable.
  base: './',
  clearScreen: false,
  // The logo is the app icon's source image, one level up in icons/.
  server: { fs: { allow: ['..'] } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: ['es2022', 'safari16'],
    sourcemap: false,
    // Assets stay files: the CSP allows images from 'self' only, not data: URLs.
    assetsInlineLimit: 0,
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.ts'],
  },
});
