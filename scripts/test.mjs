// `npm test`: every check, in order of speed — lint and format, types, unit,
// integration, a production build, then end-to-end in real Chromium. Ends with
// one plain "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureChromium } from './ensure-chromium.mjs';

const tmp = `${process.cwd()}/.tmp`;
mkdirSync(tmp, { recursive: true });
// Chromium and workbox leave temp folders behind; keep them inside the project.
const env = { ...process.env, TMPDIR: tmp };

function run(title, command, args) {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.status !== 0) {
    console.error(`✗ ${title} failed`);
    process.exit(result.status ?? 1);
  }
}

const node = process.execPath;
run('lint', node, ['node_modules/eslint/bin/eslint.js', '.', '--max-warnings', '0']);
run('format', node, [
  'node_modules/prettier/bin/prettier.cjs',
  '--check',
  '.',
  '--log-level',
  'warn',
]);
run('typecheck', node, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--noEmit']);
ensureChromium();
run('build', node, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn']);

// Server-side suites first, then the browser suite alone: on two cores the
// browser tests must not compete with the integration servers.
const totals = { passed: 0, failed: 0, skipped: 0, total: 0 };
let failed = false;
for (const [title, projects] of [
  ['unit and integration tests', ['unit', 'integration']],
  ['end-to-end tests in Chromium', ['e2e']],
]) {
  const report = `${tmp}/vitest-${projects.join('-')}.json`;
  rmSync(report, { force: true });
  console.log(`\n▶ ${title}`);
  const result = spawnSync(
    node,
    [
      'node_modules/vitest/vitest.mjs',
      'run',
      ...projects.flatMap((project) => ['--project', project]),
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit', env },
  );
  failed ||= result.status !== 0;
  try {
    const summary = JSON.parse(readFileSync(report, 'utf8'));
    totals.passed += summary.numPassedTests;
    totals.failed += summary.numFailedTests;
    totals.skipped += summary.numPendingTests + (summary.numTodoTests ?? 0);
    totals.total += summary.numTotalTests;
  } catch {
    console.error(`No test report was written for ${title}.`);
    failed = true;
  }
}
const skippedNote = totals.skipped ? `, ${totals.skipped} skipped` : '';
console.log(`\n${totals.passed} passed, ${totals.failed} failed${skippedNote}`);
process.exit(!failed && totals.total > 0 ? 0 : 1);
