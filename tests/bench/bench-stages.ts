/**
 * The bench's stages, each driving the page through `window.bench` and
 * returning its measurement: local writes, pushing what a tablet stored
 * offline, and a fresh tablet pulling everything.
 */
import type { Page } from 'playwright-core';
import type { BenchServer } from './bench-server.js';
import { median, percentile, type Measurement } from './bench-report.js';
import type { OrderSizes, RequestTally } from './bench-api.js';
import { openBenchTablet } from './bench-tablet.js';
import { profiled } from './bench-profile.js';
import { makeBenchOrders } from './browser/bench-orders.js';

export interface BenchOptions {
  n: number;
  oneByOneN: number;
  chunkSize: number;
  runs: number;
  pullRuns: number;
  /** Orders stored while timing field edits, the edits timed, and the CPU slowdown. */
  editStored: number;
  edits: number;
  cpuSlowdown: number;
  /** Edits timed from tablet A to tablet B. */
  liveEdits: number;
  /** Server sizes a fresh tablet pulls, ascending. */
  pullSizes: number[];
  /** Offline starts timed (each throttled and unthrottled); `startOnly` skips the sync stages. */
  startRuns: number;
  startOnly: boolean;
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
        // Profiled on the last run only, when asked: BENCH_PROFILE=create.
        run === options.runs
          ? profiled(page, 'create', () =>
              page.evaluate(({ count, chunk }) => window.bench?.appWriteBulk(count, chunk), {
                count: n,
                chunk: chunkSize,
              }),
            )
          : page.evaluate(({ count, chunk }) => window.bench?.appWriteBulk(count, chunk), {
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
      profiled(page, 'push', () =>
        page.evaluate((token) => window.bench?.pushUntilInSync(token), server.accessToken),
      ),
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
          profiled(tablet.page, 'pull', () =>
            tablet.page.evaluate(
              ({ count, token }) => window.bench?.pullUntilComplete('bench-pull', count, token),
              { count: n, token: server.accessToken },
            ),
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

/** A latency figure: every sample, and the percentiles the goals name. */
export interface LatencyMeasurement {
  figure: string;
  samplesMs: number[];
  goal: string;
  goalP95Ms: number;
}

/** One field edit with many orders stored, the CPU slowed as a low-end tablet's (CDP throttling). */
export async function timeFieldEdits(
  page: Page,
  options: BenchOptions,
): Promise<LatencyMeasurement> {
  const { editStored, edits, cpuSlowdown, chunkSize } = options;
  const storing = performance.now();
  await withinDeadline(
    'storing orders for edits',
    page.evaluate(
      ({ count, chunk }) => window.bench?.storeOrdersForEdits('bench-edit', count, chunk),
      { count: editStored, chunk: chunkSize },
    ),
  );
  console.log(
    `  edits: ${editStored.toLocaleString('en-US')} orders stored in ${formatMs(performance.now() - storing)}`,
  );
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
  let samplesMs: number[];
  try {
    samplesMs = defined(
      await withinDeadline(
        'field edits',
        page.evaluate((count) => window.bench?.timeFieldEdits(count), edits),
      ),
    );
  } finally {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await cdp.detach();
  }
  await page.evaluate(() => window.bench?.cleanUpEdits());
  console.log(`  edits: p95 ${formatMs(percentile(samplesMs, 0.95))} of ${edits}`);
  return {
    figure: `one field edit, ${editStored.toLocaleString('en-US')} stored, CPU ${cpuSlowdown}× slower (call to committed)`,
    samplesMs,
    goal: 'p95 ≤ 16 ms',
    goalP95Ms: 16,
  };
}

/** Two tablets syncing live: an edit on A until B's database holds it (wall clock, one machine). */
export async function timeEditSeenElsewhere(
  server: BenchServer,
  options: BenchOptions,
): Promise<LatencyMeasurement> {
  const a = await openBenchTablet(server.url);
  const b = await openBenchTablet(server.url);
  try {
    await a.page.evaluate(
      (token) => window.bench?.startLiveTablet('live-a', token),
      server.accessToken,
    );
    await b.page.evaluate(
      (token) => window.bench?.startLiveTablet('live-b', token),
      server.accessToken,
    );
    const ids = defined(await a.page.evaluate(() => window.bench?.createOrdersInSync(50)));
    await withinDeadline(
      'tablet B catching up',
      b.page.evaluate(() => window.bench?.awaitOrderCount(50)),
    );
    const samplesMs: number[] = [];
    for (let index = 0; index < options.liveEdits; index += 1) {
      const id = ids[index % ids.length] as string;
      const km = 200_000 + index;
      await b.page.evaluate(({ id, km }) => window.bench?.watchOdometer(id, km), { id, km });
      const calledAt = defined(
        await a.page.evaluate(({ id, km }) => window.bench?.editOdometer(id, km), { id, km }),
      );
      const seen = defined(
        await withinDeadline(
          'edit reaching tablet B',
          b.page.evaluate(() => window.bench?.seenAt()),
        ),
      );
      samplesMs.push(seen - calledAt);
    }
    await a.page.evaluate(() => window.bench?.cleanUpEdits());
    await b.page.evaluate(() => window.bench?.cleanUpEdits());
    console.log(`  A → B: p95 ${formatMs(percentile(samplesMs, 0.95))} of ${options.liveEdits}`);
    return {
      figure: 'edit on tablet A visible on tablet B (live stream, loopback)',
      samplesMs,
      goal: 'p95 ≤ 250 ms',
      goalP95Ms: 250,
    };
  } finally {
    await a.close();
    await b.close();
  }
}

/** A fresh tablet pulling 1k, 10k, 50k…: is the cost per record flat? (A site of its own.) */
export async function timePullScaling(
  server: BenchServer,
  options: BenchOptions,
): Promise<Measurement[]> {
  const site = await server.addSite('bench-scale');
  const measurements: Measurement[] = [];
  let seeded = 0;
  for (const target of options.pullSizes) {
    const seeding = performance.now();
    await site.seedOrders(makeBenchOrders(target - seeded, 100 + seeded));
    seeded = target;
    console.log(
      `  pull scaling: server holds ${target.toLocaleString('en-US')} (seeded in ${formatMs(performance.now() - seeding)})`,
    );
    const tablet = await openBenchTablet(server.url);
    try {
      const outcome = defined(
        await withinDeadline(
          `pull of ${target}`,
          tablet.page.evaluate(
            ({ count, token }) => window.bench?.pullUntilComplete('bench-scale', count, token),
            { count: target, token: site.accessToken },
          ),
        ),
      );
      if (outcome.localCount !== target)
        throw new Error(`pulled ${outcome.localCount} orders, expected ${target}`);
      measurements.push({
        operation: `pull ${target.toLocaleString('en-US')} to a fresh tablet`,
        n: target,
        runsMs: [outcome.ms],
        note: describeRequests(outcome.requests),
      });
      console.log(`  pull scaling: ${target.toLocaleString('en-US')} in ${formatMs(outcome.ms)}`);
      await tablet.page.evaluate(() => window.bench?.cleanUp());
    } finally {
      await tablet.close();
    }
  }
  return measurements;
}
