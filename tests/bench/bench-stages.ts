/**
 * The bench's stages, each driving the page through `window.bench` and
 * returning its measurement: local writes, pushing what a tablet stored
 * offline, and a fresh tablet pulling everything.
 */
import type { Page } from 'playwright-core';
import type { BenchServer } from './bench-server.js';
import { median, type Measurement } from './bench-report.js';
import type { OrderSizes, RequestTally } from './bench-api.js';
import { openBenchTablet } from './bench-tablet.js';

export interface BenchOptions {
  n: number;
  oneByOneN: number;
  chunkSize: number;
  runs: number;
  pullRuns: number;
}

const COLLECTION = 'repair_orders';
const STAGE_DEADLINE_MS = 180_000;

export async function timeLocalWrites(page: Page, options: BenchOptions): Promise<Measurement[]> {
  const { n, oneByOneN, chunkSize } = options;
  const raw: number[] = [];
  const bulk: number[] = [];
  const oneByOne: number[] = [];
  for (let run = 1; run <= options.runs; run += 1) {
    raw.push(
      await timed(
        'raw Dexie',
        page.evaluate((count) => window.bench?.rawDexieBulkPut(count), n),
      ),
    );
    bulk.push(
      await timed(
        'app bulk',
        page.evaluate(({ count, chunk }) => window.bench?.appWriteBulk(count, chunk), {
          count: n,
          chunk: chunkSize,
        }),
      ),
    );
    oneByOne.push(
      await timed(
        'app one by one',
        page.evaluate((count) => window.bench?.appWriteOneByOne(count), oneByOneN),
      ),
    );
    console.log(
      `  local writes, run ${run}/${options.runs}: raw ${formatMs(raw.at(-1))}, ` +
        `bulk ${formatMs(bulk.at(-1))}, one by one ${formatMs(oneByOne.at(-1))}`,
    );
  }
  return [
    { operation: 'raw Dexie bulkPut, one transaction (baseline)', n, runsMs: raw },
    {
      operation: `app createRepairOrders, chunks of ${chunkSize.toLocaleString('en-US')}`,
      n,
      runsMs: bulk,
    },
    {
      operation: 'app createRepairOrders([order]), each awaited',
      n: oneByOneN,
      runsMs: oneByOne,
      ...(oneByOneN < n ? { note: projectedNote(n, oneByOneN, oneByOne) } : {}),
    },
  ];
}

/** Records stored while no sync ran, then startSync(): timed until in sync and the server holds them all. */
export async function timePush(
  page: Page,
  server: BenchServer,
  options: BenchOptions,
): Promise<{ measurement: Measurement; sizes: OrderSizes }> {
  const { n, chunkSize } = options;
  const sizes = defined(
    await page.evaluate(
      ({ count, chunk }) => window.bench?.createOfflineOrders('bench-push', count, chunk),
      { count: n, chunk: chunkSize },
    ),
  );
  if (server.countStored(COLLECTION) !== 0) throw new Error('the bench server must start empty');
  const outcome = defined(
    await withinDeadline(
      'push',
      page.evaluate((token) => window.bench?.pushUntilInSync(token), server.accessToken),
    ),
  );
  // Timed in the page up to awaitInSync(); the server's own count is checked right after.
  const checkStart = performance.now();
  await server.waitForStored(COLLECTION, n);
  const total = outcome.inSyncMs + (performance.now() - checkStart);
  if (outcome.outboxLeft !== 0) {
    throw new Error(`${outcome.outboxLeft} outbox entries left after the push`);
  }
  await page.evaluate(() => window.bench?.cleanUp());
  console.log(
    `  push: ${formatMs(total)} (awaitInSync after ${formatMs(outcome.inSyncMs)}; server file holds ${n})`,
  );
  return {
    measurement: {
      operation: 'push offline records: startSync → in sync, all on server',
      n,
      runsMs: [total],
      note:
        `awaitInSync() after ${Math.round(outcome.inSyncMs)} ms, then the count checked in the ` +
        `server's SQLite file; outbox empty; ${describeRequests(outcome.requests)}`,
      requests: outcome.requests,
    },
    sizes,
  };
}

/** Each run is a new tablet (a new Chromium profile) pulling everything the server holds. */
export async function timePull(server: BenchServer, options: BenchOptions): Promise<Measurement> {
  const { n } = options;
  const runsMs: number[] = [];
  let requests: RequestTally | undefined;
  for (let run = 1; run <= options.pullRuns; run += 1) {
    const tablet = await openBenchTablet(server.url);
    try {
      const outcome = defined(
        await withinDeadline(
          'pull',
          tablet.page.evaluate(
            ({ count, token }) => window.bench?.pullUntilComplete('bench-pull', count, token),
            { count: n, token: server.accessToken },
          ),
        ),
      );
      if (outcome.localCount !== n) {
        throw new Error(`pulled ${outcome.localCount} orders, expected ${n}`);
      }
      runsMs.push(outcome.ms);
      requests = outcome.requests;
      await tablet.page.evaluate(() => window.bench?.cleanUp());
      console.log(`  pull, fresh tablet ${run}/${options.pullRuns}: ${formatMs(outcome.ms)}`);
    } finally {
      await tablet.close();
    }
  }
  return {
    operation: 'pull to a fresh tablet: startSync → N stored locally',
    n,
    runsMs,
    ...(requests ? { note: describeRequests(requests), requests } : {}),
  };
}

function describeRequests(tally: RequestTally): string {
  const kind = (name: string, { requests, waitedMs }: { requests: number; waitedMs: number }) =>
    `${requests} ${name} requests, ${Math.round(waitedMs).toLocaleString('en-US')} ms waiting for answers`;
  return `${kind('push', tally.push)}; ${kind('pull', tally.pull)}`;
}

function projectedNote(n: number, measuredN: number, runsMs: number[]): string {
  const projectedSeconds = ((median(runsMs) / measuredN) * n) / 1000;
  return `N = ${measuredN.toLocaleString('en-US')}: ${n.toLocaleString('en-US')} one by one would take about ${Math.round(projectedSeconds)} s`;
}

async function timed(label: string, work: Promise<{ ms: number } | undefined>): Promise<number> {
  return defined(await withinDeadline(label, work)).ms;
}

async function withinDeadline<T>(label: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${label} took over ${STAGE_DEADLINE_MS / 1000} s`)),
      STAGE_DEADLINE_MS,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function defined<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('the bench page has no window.bench');
  return value;
}

function formatMs(value: number | undefined): string {
  return `${Math.round(value ?? Number.NaN).toLocaleString('en-US')} ms`;
}
