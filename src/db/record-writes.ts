/**
 * The one way features create and change synced records: validated by the
 * schema, stored with their outbox mutation in one IndexedDB transaction
 * (lane-storage.ts), so a closed tab or a crash keeps both or neither, and
 * failures turned into named errors (save-locally.ts). Edits apply to the
 * newest stored state, read in that same transaction.
 */
import type { CollectionName } from '../schema/index.js';
import type { LaneDatabase } from './create-database.js';
import { localChanges$, queueLocalChanges } from './outbox.js';
import { recordFieldsOf, storageOf, transact } from './lane-storage.js';
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
      const storage = storageOf(database, set.collection);
      const rows = records.map((record) =>
        storage.row(set.stored(record) as object as { [field: string]: unknown }, undefined),
      );
      const changes = records.map((record) => ({
        before: placeholder ? record : undefined,
        after: record,
      }));
      await transact(
        database.laneStore,
        async (transaction) => {
          await transaction.writeRows(storage, rows, 'lane-insert');
          await queueLocalChanges(database.laneStore, name, changes);
        },
        {
          strict: true,
          collections: [storage],
          tables: [database.laneStore.mutations, database.laneStore.sent],
        },
      );
      localChanges$.next();
    }),
  );
}

/** The record missing where a screen edits it (deleted meanwhile, or never stored here). */
export class RecordMissing extends Error {}

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
      const storage = storageOf(database, set.collection);
      const key = set.key(id);
      const saved = await transact(
        database.laneStore,
        async (transaction) => {
          const found = await transaction.read(storage, [key]);
          const stored = found.get(key);
          if (!stored || stored._deleted) throw new RecordMissing(`${name} ${id} is not stored`);
          const current = set.plain<T>(recordFieldsOf(stored));
          const next: T = {
            ...modify(current),
            // A tablet clock that jumps back must not make a newer edit look older.
            updatedAt: Math.max(Date.now(), current.updatedAt + 1),
            updatedBy: author.username,
          };
          const row = storage.row({ ...recordFieldsOf(stored), ...set.stored(next) }, stored);
          await transaction.writeRows(storage, [row], 'lane-modify', found);
          await queueLocalChanges(database.laneStore, name, [{ before: current, after: next }]);
          return next;
        },
        {
          strict: true,
          collections: [storage],
          tables: [database.laneStore.mutations, database.laneStore.sent],
        },
      );
      localChanges$.next();
      return saved;
    }),
  );
}
