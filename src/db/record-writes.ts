/**
 * The one way features create and change synced records: validated by the
 * schema, saved at once, queued in the outbox, and failures turned into named
 * errors (save-locally.ts). Edits apply to the newest stored state.
 */
import type { CollectionName } from '../schema/index.js';
import type { LaneDatabase } from './create-database.js';
import { recordLocalChanges, recordNewRecords } from './outbox.js';
import { saveLocally } from './save-locally.js';
import { withWriteLock } from './write-lock.js';

export interface Author {
  username: string;
  siteId: string;
}

interface Record {
  id: string;
  updatedAt: number;
  updatedBy: string;
}

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

/**
 * `placeholder`: an empty record the screen needs before the real one may
 * have arrived (its id is deterministic). It is recorded as based on itself,
 * so if the server holds the record already, only what the person changed in
 * it merges in, never its empty fields.
 */
export async function insertRecords<T extends Record>(
  database: LaneDatabase,
  name: CollectionName,
  records: T[],
  { placeholder = false }: { placeholder?: boolean } = {},
): Promise<void> {
  await saveLocally(() =>
    withWriteLock(database, async () => {
      const set = database.records[name];
      const { error } = await set.collection.bulkInsert(
        records.map((record) => set.stored(record)),
      );
      if (error.length > 0)
        throw new Error(`${error.length} records not stored`, { cause: error[0] });
      if (!placeholder) return recordNewRecords(database, name, records);
      const changes = records.map((record) => ({ before: record, after: record }));
      return recordLocalChanges(database, name, changes);
    }),
  );
}

export async function modifyRecord<T extends Record>(
  database: LaneDatabase,
  name: CollectionName,
  author: Author,
  id: string,
  modify: (current: T) => T,
): Promise<T> {
  return saveLocally(() =>
    withWriteLock(database, async () => {
      const set = database.records[name];
      const document = await set.findOne(id).exec(true);
      const current = set.plain<T>(document);
      const next: T = {
        ...modify(current),
        // A tablet clock that jumps back must not make a newer edit look older.
        updatedAt: Math.max(Date.now(), current.updatedAt + 1),
        updatedBy: author.username,
      };
      // The mutation first: a tab closed between the two writes loses nothing, since the
      // server then holds the edit and its copy comes back to the record.
      await recordLocalChanges(database, name, [{ before: current, after: next }]);
      const saved = await document.incrementalModify((stored: object) => ({ ...stored, ...next }));
      return set.plain<T>(saved);
    }),
  );
}
