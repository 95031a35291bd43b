/**
 * Turns timings into the bench's table and its JSON file. Every rate is
 * compared with raw Dexie's, the most IndexedDB can take on this machine.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface Measurement {
  operation: string;
  n: number;
  /** Every run's time; the table shows their median. */
  runsMs: number[];
  note?: string;
  /** Extra figures for the JSON file (sync request counts and waits). */
  requests?: unknown;
}

export interface ResultRow {
  operation: string;
  n: number;
  runs: number;
  ms: number;
  recordsPerSecond: number;
  ratioToRawDexie: number;
  runsMs: number[];
  note?: string;
  requests?: unknown;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? upper) + upper) / 2;
}

/** The first measurement is the baseline the others are compared with. */
export function toRows(measurements: Measurement[]): ResultRow[] {
  const rateOf = (measurement: Measurement) => measurement.n / (median(measurement.runsMs) / 1000);
  const baseline = measurements[0] ? rateOf(measurements[0]) : Number.NaN;
  return measurements.map((measurement) => ({
    operation: measurement.operation,
    n: measurement.n,
    runs: measurement.runsMs.length,
    ms: Math.round(median(measurement.runsMs)),
    recordsPerSecond: Math.round(rateOf(measurement)),
    ratioToRawDexie: Number((rateOf(measurement) / baseline).toFixed(3)),
    runsMs: measurement.runsMs.map(Math.round),
    ...(measurement.note ? { note: measurement.note } : {}),
    ...(measurement.requests ? { requests: measurement.requests } : {}),
  }));
}

const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatTable(rows: ResultRow[]): string {
  const header = ['operation', 'N', 'ms', 'records/s', 'vs raw Dexie'];
  const cells = rows.map((row) => [
    row.runs > 1 ? `${row.operation} (median of ${row.runs})` : row.operation,
    whole.format(row.n),
    whole.format(row.ms),
    whole.format(row.recordsPerSecond),
    `${row.ratioToRawDexie.toFixed(2)}× raw Dexie`,
  ]);
  return table(header, cells);
}

export async function writeJson(path: string, content: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(content, null, 2)}\n`);
}

interface LatencyFigure {
  figure: string;
  samplesMs: number[];
  goal: string;
  goalP95Ms: number;
}

export function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

function table(header: string[], cells: string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((line) => (line[column] ?? '').length)),
  );
  const line = (values: string[]) =>
    values
      .map((value, column) =>
        column === 0 ? value.padEnd(widths[0] ?? 0) : value.padStart(widths[column] ?? 0),
      )
      .join('  ');
  return [
    line(header),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...cells.map(line),
  ].join('\n');
}

/** Pull at growing sizes: the cost of one record, and how it compares with the smallest. */
export function formatScaling(rows: ResultRow[]): string {
  const first = rows[0];
  const perRecordUs = (row: ResultRow) => (row.ms * 1000) / row.n;
  return table(
    ['pull to a fresh tablet', 'N', 'ms', 'µs per record', 'vs smallest', 'vs raw Dexie'],
    rows.map((row) => [
      row.operation,
      whole.format(row.n),
      whole.format(row.ms),
      whole.format(perRecordUs(row)),
      first ? `${(perRecordUs(row) / perRecordUs(first)).toFixed(2)}×` : '',
      `${row.ratioToRawDexie.toFixed(2)}× raw Dexie`,
    ]),
  );
}

export function formatLatencies(latencies: readonly LatencyFigure[]): string {
  return table(
    ['latency', 'samples', 'p50 ms', 'p95 ms', 'max ms', 'goal'],
    latencies.map((latency) => [
      latency.figure,
      String(latency.samplesMs.length),
      percentile(latency.samplesMs, 0.5).toFixed(1),
      percentile(latency.samplesMs, 0.95).toFixed(1),
      Math.max(...latency.samplesMs).toFixed(1),
      latency.goal,
    ]),
  );
}

/** The goals, each with the figure measured in this run. */
export function formatGoals(
  rows: readonly ResultRow[],
  scaling: readonly ResultRow[],
  latencies: readonly LatencyFigure[],
): string {
  const ratio = (prefix: string) =>
    rows.find((row) => row.operation.startsWith(prefix))?.ratioToRawDexie;
  const cells: string[][] = [];
  for (const [figure, prefix] of [
    ['pull 10k to a fresh tablet', 'pull to a fresh tablet'],
    ['push a 10k offline backlog', 'push offline records'],
    ['create 10k in bulk', 'app createRepairOrders, chunks'],
  ] as const) {
    const value = ratio(prefix);
    cells.push([
      figure,
      value === undefined ? '—' : `${value.toFixed(2)}× raw`,
      '≥ 0.60× raw',
      value !== undefined && value >= 0.6 ? 'yes' : 'no',
    ]);
  }
  for (const latency of latencies) {
    const p95 = percentile(latency.samplesMs, 0.95);
    cells.push([
      latency.figure,
      `p95 ${p95.toFixed(1)} ms`,
      latency.goal,
      p95 <= latency.goalP95Ms ? 'yes' : 'no',
    ]);
  }
  // The smallest pull carries the start-up (a first page of every record type, the stream):
  // flatness is judged from the second size up, and the spread over all sizes is shown too.
  const perRecord = scaling.map((row) => row.ms / row.n);
  const spreadOf = (values: number[]) =>
    values.length > 0 ? Math.max(...values) / Math.min(...values) : Number.NaN;
  const beyondStart = spreadOf(perRecord.slice(1));
  cells.push([
    `pull at ${scaling.map((row) => whole.format(row.n)).join(', ')}`,
    `cost per record within ${beyondStart.toFixed(2)}× from ${whole.format(scaling[1]?.n ?? 0)} up ` +
      `(${spreadOf(perRecord).toFixed(2)}× with ${whole.format(scaling[0]?.n ?? 0)})`,
    'flat (within 1.5×)',
    beyondStart <= 1.5 ? 'yes' : 'no',
  ]);
  return table(['goal (issue 10)', 'this run', 'goal', 'met'], cells);
}
