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
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((line) => (line[column] ?? '').length)),
  );
  const line = (values: string[]) =>
    values
      .map((value, column) =>
        column === 0 ? value.padEnd(widths[0] ?? 0) : value.padStart(widths[column] ?? 0),
      )
      .join('  ');
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(header), rule, ...cells.map(line)].join('\n');
}

export async function writeJson(path: string, content: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(content, null, 2)}\n`);
}
