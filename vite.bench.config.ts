import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The bench page (`npm run bench`): the app's data layer as a production
// bundle, so RxDB dev-mode is off as on a tablet. No React plugin, no PWA.
export default defineConfig({
  root: fileURLToPath(new URL('./tests/bench/browser', import.meta.url)),
  mode: 'production',
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('./.tmp/bench-dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    // A profiled run (BENCH_PROFILE, tests/bench/bench-profile.ts) keeps the functions' names.
    minify: process.env.BENCH_PROFILE ? false : 'esbuild',
  },
});
