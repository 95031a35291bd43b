import { describe, expect, it } from 'vitest';
import { PROGRESS_FROM, ProgressCounter, timeLeftMs } from '../../src/sync/progress.js';
import type { SyncProgress } from '../../src/sync/sync-store.js';

describe('the progress of a long sync', () => {
  it('estimates the time left from the rate so far, once there is one', () => {
    const progress = { direction: 'receiving', done: 2_000, total: 10_000, startedAt: 0 } as const;
    expect(timeLeftMs(progress, 4_000)).toBe(16_000);
    expect(timeLeftMs(progress, 500)).toBeNull(); // under a second: no rate yet
    expect(timeLeftMs({ ...progress, done: 0 }, 4_000)).toBeNull();
    expect(timeLeftMs({ ...progress, done: 12_000 }, 4_000)).toBe(0);
  });

  it("follows the server's count of what still waits, across record types", () => {
    const reported: (SyncProgress | null)[] = [];
    const counter = new ProgressCounter('receiving', (progress) => reported.push(progress));
    counter.add(1_000, 4_000); // first type: 5,000 in all
    counter.add(1_000, 3_000);
    counter.add(3_000, 0); // done with it: not shown as a bar at 100 %
    counter.add(1_000, 2_000); // the next type: what waits grows again
    expect(reported.map((progress) => [progress?.done, progress?.total])).toEqual([
      [1_000, 5_000],
      [2_000, 5_000],
      [6_000, 8_000],
    ]);
  });

  it(`shows nothing below ${PROGRESS_FROM} records`, () => {
    const reported: (SyncProgress | null)[] = [];
    const counter = new ProgressCounter('sending', (progress) => reported.push(progress), 300);
    counter.add(200);
    expect(reported).toEqual([]);
  });
});
