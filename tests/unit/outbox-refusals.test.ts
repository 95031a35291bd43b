import { firstValueFrom } from 'rxjs';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { RxReplicationWriteToMasterRow } from 'rxdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDatabase, type LaneDatabase } from '../../src/db/create-database.js';
import {
  acknowledgePushed,
  outboxSize$,
  recordLocalChanges,
  refusedEntries$,
} from '../../src/db/outbox.js';
import { codedError } from '../../src/schema/index.js';

/** The outbox's bookkeeping of what the server accepted, refused, or has not seen yet. */
let database: LaneDatabase;
let counter = 0;

beforeEach(async () => {
  counter += 1;
  database = await createDatabase({
    name: `outbox-refusals-${process.pid}-${counter}`,
    storage: getRxStorageMemory() as never,
  });
});

afterEach(() => database.close());

function pushed(id: string, updatedAt: number): RxReplicationWriteToMasterRow<unknown> {
  return { newDocumentState: { id, updatedAt, _deleted: false } } as never;
}

function refusal(id: string) {
  const { code, message } = codedError('SIGNOFF_OUT_OF_ORDER');
  return { id, code, message };
}

async function refusedIds(filter?: { collection?: string; documentIds?: string[] }) {
  const entries = await firstValueFrom(refusedEntries$(database, filter));
  return entries.map((entry) => `${entry.collectionName}:${entry.documentId}:${entry.refusedCode}`);
}

describe('the outbox after a push', () => {
  it('clears accepted edits, keeps conflicts waiting and marks refusals with their code', async () => {
    const records = ['accepted1', 'conflict1', 'refused01'].map((id) => ({ id, updatedAt: 10 }));
    await recordLocalChanges(database, 'sign_offs', records);

    await acknowledgePushed(
      database,
      'sign_offs',
      records.map(({ id }) => pushed(id, 10)),
      {
        conflicts: [{ id: 'conflict1', _deleted: false }] as never,
        rejected: [refusal('refused01')],
      },
    );

    expect(await refusedIds()).toEqual(['sign_offs:refused01:SIGNOFF_OUT_OF_ORDER']);
    expect(await firstValueFrom(outboxSize$(database))).toBe(2);
    expect(await refusedIds({ collection: 'jobs' })).toEqual([]);
    expect(await refusedIds({ documentIds: ['conflict1'] })).toEqual([]);
  });

  it('leaves an edit made after the refused push waiting, not refused', async () => {
    await recordLocalChanges(database, 'sign_offs', [{ id: 'refused01', updatedAt: 10 }]);
    await recordLocalChanges(database, 'sign_offs', [{ id: 'refused01', updatedAt: 20 }]);

    await acknowledgePushed(database, 'sign_offs', [pushed('refused01', 10)], {
      conflicts: [],
      rejected: [refusal('refused01')],
    });

    expect(await refusedIds()).toEqual([]);
    expect(await firstValueFrom(outboxSize$(database))).toBe(1);
  });

  it('clears a refusal when the record is edited again', async () => {
    await recordLocalChanges(database, 'jobs', [{ id: 'job_refused1', updatedAt: 10 }]);
    await acknowledgePushed(database, 'jobs', [pushed('job_refused1', 10)], {
      conflicts: [],
      rejected: [refusal('job_refused1')],
    });
    expect(await refusedIds({ documentIds: ['job_refused1'] })).toHaveLength(1);

    await recordLocalChanges(database, 'jobs', [{ id: 'job_refused1', updatedAt: 30 }]);

    expect(await refusedIds()).toEqual([]);
    expect(await firstValueFrom(outboxSize$(database))).toBe(1);
  });
});
