/**
 * `npm run bench` (scripts/bench.mjs builds the page first): times local
 * writes, a push and a pull of N repair orders in headless Chromium against
 * the real sync server on loopback; prints a table, writes .tmp/bench-results.json.
 */
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  formatGoals,
  formatLatencies,
  formatScaling,
  formatTable,
  toRows,
  writeJson,
  type Measurement,
} from './bench-report.js';
import { startBenchServer } from './bench-server.js';
import {
  timeEditSeenElsewhere,
  timeFieldEdits,
  timeLocalWrites,
  timePull,
  timePullScaling,
  timePush,
  type BenchOptions,
  type LatencyMeasurement,
} from './bench-stages.js';
import { formatStartup, timeStartup } from './bench-startup.js';
import { openBenchTablet } from './bench-tablet.js';
import type { BenchApi, OrderSizes } from './bench-api.js';

const PAGE_DIR = fileURLToPath(new URL('../../.tmp/bench-dist', import.meta.url));
const APP_DIR = fileURLToPath(new URL('../../dist', import.meta.url));
const RESULTS_FILE = fileURLToPath(new URL('../../.tmp/bench-results.json', import.meta.url));

function readOptions(): BenchOptions {
  const { values } = parseArgs({
    options: {
      n: { type: 'string', default: '10000' },
      'one-by-one-n': { type: 'string', default: '1000' },
      chunk: { type: 'string', default: '1000' },
      runs: { type: 'string', default: '3' },
      'pull-runs': { type: 'string', default: '1' },
      'edit-stored': { type: 'string', default: '50000' },
      edits: { type: 'string', default: '200' },
      'cpu-slowdown': { type: 'string', default: '4' },
      'live-edits': { type: 'string', default: '40' },
      'pull-sizes': { type: 'string', default: '1000,10000,50000' },
      'start-runs': { type: 'string', default: '5' },
      'start-only': { type: 'boolean', default: false },
    },
  });
  const positive = (name: keyof typeof values) => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(`--${name} must be a whole number ≥ 1`);
    }
    return value;
  };
  return {
    n: positive('n'),
    oneByOneN: positive('one-by-one-n'),
    chunkSize: positive('chunk'),
    runs: positive('runs'),
    pullRuns: positive('pull-runs'),
    editStored: positive('edit-stored'),
    edits: positive('edits'),
    cpuSlowdown: positive('cpu-slowdown'),
    liveEdits: positive('live-edits'),
    startRuns: positive('start-runs'),
    startOnly: Boolean(values['start-only']),
    pullSizes: String(values['pull-sizes'])
      .split(',')
      .map((size) => {
        const value = Number(size);
        if (!Number.isInteger(value) || value < 1)
          throw new Error('--pull-sizes must be whole numbers ≥ 1, comma-separated');
        return value;
      })
      .sort((a, b) => a - b),
  };
}

interface BenchEnvironment {
  chromium: string;
  orderJsonBytes: OrderSizes;
  replicationBatchSizes: BenchApi['batchSizes'] | undefined;
}

async function main(): Promise<void> {
  const options = readOptions();
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const startup = await timeStartup(APP_DIR, {
    cpuSlowdown: options.cpuSlowdown,
    runs: options.startRuns,
  });
  console.log(`${formatStartup(startup)}\n`);
  if (options.startOnly) {
    await writeJson(RESULTS_FILE, { startedAt, options, startup });
    return;
  }
  const server = await startBenchServer(PAGE_DIR);
  const measurements: Measurement[] = [];
  const latencies: LatencyMeasurement[] = [];
  const scaling: Measurement[] = [];
  const pageErrors: string[] = [];
  let environment: BenchEnvironment;
  try {
    const tablet = await openBenchTablet(server.url);
    try {
      console.log(
        `${tablet.userAgent}\nserver ${server.url}, N = ${options.n.toLocaleString('en-US')}`,
      );
      measurements.push(...(await timeLocalWrites(tablet.page, options)));
      const push = await timePush(tablet.page, server, options);
      measurements.push(push.measurement);
      latencies.push(await timeFieldEdits(tablet.page, options));
      environment = {
        chromium: tablet.userAgent,
        orderJsonBytes: push.sizes,
        replicationBatchSizes: await tablet.page.evaluate(() => window.bench?.batchSizes),
      };
    } finally {
      pageErrors.push(...tablet.errors);
      await tablet.close();
    }
    measurements.push(await timePull(server, options));
    latencies.push(await timeEditSeenElsewhere(server, options));
    scaling.push(...(await timePullScaling(server, options)));
  } finally {
    await server.stop();
  }

  const rows = toRows(measurements);
  const { orderJsonBytes: sizes, replicationBatchSizes: batches } = environment;
  console.log(
    `\nRepair orders of ${sizes.minBytes}–${sizes.maxBytes} bytes of JSON (average ${sizes.averageBytes}); ` +
      `IndexedDB on disk (a Chromium profile); server Fastify + SQLite on 127.0.0.1; ` +
      `push batch ${batches?.push}, pull batch ${batches?.pull}; ${os.cpus().length} cores\n`,
  );
  console.log(formatTable(rows));
  for (const row of rows) {
    if (row.note) console.log(`  ${row.operation}: ${row.note}`);
  }
  const scalingRows = toRows([measurements[0] as Measurement, ...scaling]).slice(1);
  console.log(`\n${formatScaling(scalingRows)}`);
  console.log(`\n${formatLatencies(latencies)}`);
  console.log(`\n${formatGoals(rows, scalingRows, latencies)}`);
  console.log(`\n${formatStartup(startup)}`);
  if (pageErrors.length > 0) {
    console.log(`\nThe page reported errors:\n  ${pageErrors.join('\n  ')}`);
  }

  const totalSeconds = Math.round((performance.now() - started) / 1000);
  await writeJson(RESULTS_FILE, {
    startedAt,
    totalSeconds,
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, node: process.version },
    ...environment,
    options,
    results: rows,
    pullScaling: scalingRows,
    latencies: latencies.map((latency) => ({
      ...latency,
      samplesMs: latency.samplesMs.map(Math.round),
    })),
    startup,
    pageErrors,
  });
  console.log(`\nWritten to ${RESULTS_FILE} (${totalSeconds} s in all)`);
}

await main();
