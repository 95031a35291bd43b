import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CollectionName, PushRow } from '../../src/schema/index.js';
import { createDatabase, type LaneDatabase } from '../../src/db/create-database.js';
import { allMutations, recordNewRecords } from '../../src/db/outbox.js';
import { PUSH_BATCH_SIZE, pushRound } from '../../src/sync/push-mutations.js';
import type { SyncClient } from '../../src/sync/sync-http.js';

/**
 * The order a round pushes in. Batches of one record type may overlap (two
 * in flight), but a type is answered before the next type goes: a sign-off
 * names a job revision, and a server that met the sign-off first would
 * refuse it for good (SIGNOFF_REVISION_UNKNOWN). Each push here is answered
 * late, as a slow network would, and the test records when each started and
 * was answered.
 */
let database: LaneDatabase;
let counter = 0;

beforeEach(async () => {
  counter += 1;
  database = await createDatabase({ name: `push-order-${process.pid}-${counter}` });
});
afterEach(() => database.close());

function records(prefix: string, count: number, firstUpdatedAt: number) {
  return Array.from({ length: count }, (_, index) => ({
    id: `${prefix}${String(index).padStart(8, '0')}`,
    updatedAt: firstUpdatedAt + index,
    updatedBy: 'tech1',
  }));
}

/** A client per record type whose pushes are answered after `delayMs`, logging each step. */
function slowClients(log: string[], delayMs: (collection: CollectionName) => number) {
  return (_author: string, collection: CollectionName) =>
    ({
      push: async (rows: PushRow<unknown>[]) => {
        log.push(`${collection} sent ${rows.length}`);
        await new Promise((resolve) => setTimeout(resolve, delayMs(collection)));
        log.push(`${collection} answered ${rows.length}`);
        return { conflicts: [], rejected: [] };
      },
    }) as unknown as SyncClient;
}

describe('a push round', () => {
  it('answers every batch of a record type before it sends the next type', async () => {
    // The job revision first, the sign-off naming it after: the order they were made in.
    await recordNewRecords(database, 'jobs', records('job_', 3, 1_000));
    await recordNewRecords(database, 'sign_offs', records('sig_', 2, 2_000));
    const log: string[] = [];
    // The job's push is the slow one: a sign-off sent beside it would reach the server first.
    const clientFor = slowClients(log, (collection) => (collection === 'jobs' ? 80 : 1));

    const { answered } = await pushRound({ database, clientFor, note: () => undefined });

    expect(answered).toBe(5);
    expect(log).toEqual([
      'jobs sent 3',
      'jobs answered 3',
      'sign_offs sent 2',
      'sign_offs answered 2',
    ]);
    expect(await allMutations(database)).toEqual([]);
  });

  it('sends the next batch of a type while the server still applies the one before', async () => {
    await recordNewRecords(database, 'jobs', records('job_', PUSH_BATCH_SIZE + 1, 1_000));
    const log: string[] = [];
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    // Every answer waits until the test lets it go.
    const clientFor = () =>
      ({
        push: async (rows: PushRow<unknown>[]) => {
          log.push(`sent ${rows.length}`);
          await held;
          log.push(`answered ${rows.length}`);
          return { conflicts: [], rejected: [] };
        },
      }) as unknown as SyncClient;

    const round = pushRound({ database, clientFor, note: () => undefined });
    // Both batches go out while neither is answered: a round that waited would never get here.
    await expect
      .poll(() => log, { timeout: 10_000 })
      .toEqual([`sent ${PUSH_BATCH_SIZE}`, 'sent 1']);
    release();
    expect((await round).answered).toBe(PUSH_BATCH_SIZE + 1);
    expect(log.slice(2).sort()).toEqual(['answered 1', `answered ${PUSH_BATCH_SIZE}`]);
    expect(await allMutations(database)).toEqual([]);
  });
});
