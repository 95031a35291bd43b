/**
 * The app's start, as a tablet in the lane starts it: the production build
 * (dist/) served by the product server, a tablet enrolled and signed in, then
 * the browser opened afresh with no network — to the signed-in shell, from
 * the service worker's cache and IndexedDB only. Timed with the CPU throttled
 * (a tablet is slower than this machine) and unthrottled, and the initial
 * JavaScript (the entry and what index.html preloads) weighed gzipped.
 */
import { readFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, waitForServiceWorkerControl } from '../e2e/support/browser.js';
import { signIn, SessionPage } from '../e2e/support/page-models/session-page.js';
import { ProductServer } from '../e2e/support/product-server.js';

export interface StartupMeasurement {
  /** Median ms from opening the browser's page to the signed-in shell, offline, CPU throttled. */
  throttledMs: number;
  throttledSamplesMs: number[];
  /** The same, unthrottled: the baseline on this machine. */
  unthrottledMs: number;
  /** Median ms to DOMContentLoaded when throttled: the part before the app's own code runs. */
  throttledDomContentLoadedMs: number;
  cpuSlowdown: number;
  /** Gzipped bytes of the JavaScript the first screen loads, and of each file. */
  initialJsGzipBytes: number;
  initialJsFiles: { file: string; gzipBytes: number }[];
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/** The entry script and the modules index.html preloads: what loads before the first screen. */
export async function initialJavaScript(distDir: string) {
  const html = await readFile(join(distDir, 'index.html'), 'utf8');
  const files = [
    ...html.matchAll(/<script[^>]+type="module"[^>]+src="\/([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+)"/g),
  ].map((match) => match[1] as string);
  if (files.length === 0) throw new Error(`no module script in ${distDir}/index.html`);
  const weighed = await Promise.all(
    [...new Set(files)].map(async (file) => ({
      file,
      gzipBytes: gzipSync(await readFile(join(distDir, file)), { level: 9 }).length,
    })),
  );
  return {
    files: weighed,
    total: weighed.reduce((sum, file) => sum + file.gzipBytes, 0),
  };
}

export async function timeStartup(
  distDir: string,
  { cpuSlowdown, runs }: { cpuSlowdown: number; runs: number },
): Promise<StartupMeasurement> {
  const javascript = await initialJavaScript(distDir);
  const server = await ProductServer.start({ staticDir: distDir });
  const profileDir = await mkdtemp(join(tmpdir(), 'lane-bench-start-'));
  const launch = (offline: boolean) =>
    chromium.launchPersistentContext(profileDir, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: CHROMIUM_FLAGS,
      viewport: { width: 1024, height: 768 },
      offline,
    });
  try {
    // A working tablet: enrolled, someone signed in, the app cached by its service worker.
    const setup = await launch(false);
    const first = setup.pages()[0] ?? (await setup.newPage());
    await first.goto(server.url);
    await signIn(first, 'advisor1');
    await waitForServiceWorkerControl(first);
    await first.getByRole('heading', { name: "Today's repair orders" }).waitFor();
    await setup.close();

    // Each start is the browser opened afresh with no network, as the tablet is in the bay.
    const start = async (slowdown: number) => {
      const context = await launch(true);
      try {
        const page = context.pages()[0] ?? (await context.newPage());
        const cdp = await context.newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: slowdown });
        const started = performance.now();
        await page.goto(server.url);
        await new SessionPage(page).switchUserButton().waitFor({ timeout: 60_000 });
        const elapsed = performance.now() - started;
        const domContentLoaded = await page.evaluate(() => {
          const [navigation] = performance.getEntriesByType('navigation');
          return (navigation as PerformanceNavigationTiming | undefined)?.domContentLoadedEventEnd;
        });
        return { elapsed, domContentLoaded: domContentLoaded ?? Number.NaN };
      } finally {
        await context.close();
      }
    };

    await start(1); // the first start fills the disk cache, as a tablet's is filled
    const unthrottled: number[] = [];
    for (let run = 0; run < runs; run++) unthrottled.push((await start(1)).elapsed);
    const throttled: number[] = [];
    const domContentLoaded: number[] = [];
    for (let run = 0; run < runs; run++) {
      const { elapsed, domContentLoaded: dcl } = await start(cpuSlowdown);
      throttled.push(elapsed);
      domContentLoaded.push(dcl);
    }
    return {
      throttledMs: median(throttled),
      throttledSamplesMs: throttled,
      unthrottledMs: median(unthrottled),
      throttledDomContentLoadedMs: median(domContentLoaded),
      cpuSlowdown,
      initialJsGzipBytes: javascript.total,
      initialJsFiles: javascript.files,
    };
  } finally {
    await rm(profileDir, { recursive: true, force: true });
    await server.stop();
  }
}

/** Goals of the lane issue: ≤ 1 s offline start at 4× throttle, ≤ 200 kB gzip of initial JS. */
export const STARTUP_GOALS = { throttledMs: 1000, initialJsGzipBytes: 200 * 1024 } as const;

export function formatStartup(startup: StartupMeasurement): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} kB`;
  const ratio = (value: number, goal: number) => `${(value / goal).toFixed(2)}× the goal`;
  const verdict = (value: number, goal: number) => (value <= goal ? '✓' : '✗');
  const largest = [...startup.initialJsFiles]
    .sort((a, b) => b.gzipBytes - a.gzipBytes)
    .slice(0, 4)
    .map((file) => `${file.file} ${kb(file.gzipBytes)}`)
    .join(', ');
  return [
    'Start, offline, browser opened afresh to the signed-in shell (median):',
    `  CPU ${startup.cpuSlowdown}× throttled: ${startup.throttledMs.toFixed(0)} ms ` +
      `(DOMContentLoaded at ${startup.throttledDomContentLoadedMs.toFixed(0)} ms; ` +
      `samples ${startup.throttledSamplesMs.map((ms) => ms.toFixed(0)).join(', ')}) — ` +
      `goal ≤ ${STARTUP_GOALS.throttledMs} ms: ${ratio(startup.throttledMs, STARTUP_GOALS.throttledMs)} ` +
      verdict(startup.throttledMs, STARTUP_GOALS.throttledMs),
    `  unthrottled (baseline): ${startup.unthrottledMs.toFixed(0)} ms; ` +
      `throttled / unthrottled ${(startup.throttledMs / startup.unthrottledMs).toFixed(2)}×`,
    `Initial JavaScript: ${kb(startup.initialJsGzipBytes)} gzip in ${startup.initialJsFiles.length} files — ` +
      `goal ≤ ${kb(STARTUP_GOALS.initialJsGzipBytes)}: ${ratio(startup.initialJsGzipBytes, STARTUP_GOALS.initialJsGzipBytes)} ` +
      `${verdict(startup.initialJsGzipBytes, STARTUP_GOALS.initialJsGzipBytes)}; largest ${largest}`,
  ].join('\n');
}
