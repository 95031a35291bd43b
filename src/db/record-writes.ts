/**
 * The one way features create and change synced records: validated by the
 * schema, saved at once, queued in the outbox, and failures turned into named
 * errors (save-locally.ts). Edits apply to the newest stored state.
 */
import type { RxCollection } from 'rxdb';
import type { LaneDatabase } from './create-database.js';
import { recordLocalChanges } from './outbox.js';
import { saveLocally } from './save-locally.js';

export interface Author {
  username: string;
  siteId: string;
}

interface Record {
  id: string;
  updatedAt: number;
  updatedBy: string;
}

type SyncedCollectionName = Exclude<keyof LaneDatabase['collections'], 'outbox'>;

/** Fields every new record starts with; `now` is the device clock, the server keeps its own. */
export function newRecordFields(author: Author, now = Date.now()) {
  return {
    siteId: author.siteId,
    createdAt: now,
    createdBy: author.username,
    updatedAt: now,
    updatedBy: author.username,
  };
}

export async function insertRecords<T extends Record>(
  database: LaneDatabase,
  name: SyncedCollectionName,
  records: T[],
): Promise<void> {
  await saveLocally(async () => {
    const collection = database.collections[name] as unknown as RxCollection<T>;
    const { error } = await collection.bulkInsert(records);
    if (error.length > 0)
      throw new Error(`${error.length} records not stored`, { cause: error[0] });
    await recordLocalChanges(database, name, records);
  });
}

export async function modifyRecord<T extends Record>(
  database: LaneDatabase,
  name: SyncedCollectionName,
  author: Author,
  id: string,
  modify: (current: T) => T,
): Promise<T> {
  return saveLocally(async () => {
    const collection = database.collections[name] as unknown as RxCollection<T>;
    const document = await collection.findOne(id).exec(true);
    const saved = await document.incrementalModify((current) => ({
      ...modify(current as T),
      // A tablet clock that jumps back must not make a newer edit look older.
      updatedAt: Math.max(Date.now(), current.updatedAt + 1),
      updatedBy: author.username,
    }));
    const record = saved.toJSON() as T;
    await recordLocalChanges(database, name, [record]);
    return record;
  });
}
