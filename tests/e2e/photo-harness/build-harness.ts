import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

/** Builds the photos harness page (production mode) and returns its folder. */
export async function buildPhotoHarness(): Promise<string> {
  const outDir = fileURLToPath(new URL('../../../.tmp/photo-harness-dist', import.meta.url));
  // Vitest sets NODE_ENV=test, which would make this a development build (RxDB dev-mode on).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await buildHarness(outDir);
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  return outDir;
}

async function buildHarness(outDir: string): Promise<void> {
  await build({
    configFile: false,
    root: fileURLToPath(new URL('.', import.meta.url)),
    mode: 'production',
    publicDir: false,
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 3000 },
  });
}
