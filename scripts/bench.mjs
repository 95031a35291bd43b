// `npm run bench`: builds the bench page (the app's data layer as a production
// bundle), then times local writes, push and pull in headless Chromium against
// the real sync server, and the app's offline start and initial JavaScript.
// Not part of `npm test`. Options: --n, --one-by-one-n, --chunk, --runs,
// --pull-runs, --start-runs, --start-only (see tests/bench/run-bench.ts).
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from './ensure-chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const tmp = `${root}.tmp`;
mkdirSync(tmp, { recursive: true });
// Chromium leaves temp folders behind; keep them inside the project's ignored folder.
const env = { ...process.env, TMPDIR: tmp };

function run(title, args) {
  console.log(`▶ ${title}`);
  const result = spawnSync(process.execPath, args, { stdio: 'inherit', env, cwd: root });
  if (result.status !== 0) {
    console.error(`✗ ${title} failed`);
    process.exit(result.status ?? 1);
  }
}

ensureChromium();
// The offline start is timed on the app as shipped: the production build in dist/.
run('build the app', ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn']);
run('build the bench page', [
  'node_modules/vite/bin/vite.js',
  'build',
  '--config',
  'vite.bench.config.ts',
  '--logLevel',
  'warn',
]);
run('bench', ['--import', 'tsx', 'tests/bench/run-bench.ts', ...process.argv.slice(2)]);
