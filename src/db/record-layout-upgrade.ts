/**
 * A tablet updating from the app that kept a collection per record type:
 * the records of each type now stored in a shared collection
 * (record-layout.ts) are copied there, then the old collection is removed.
 * One old collection is open at a time, so the move stays within RxDB's
 * collection limit. Safe to cut at any point: an old collection still
 * present is copied again, and the same keys overwrite the same records
 * (nothing else writes before the move is done, createDatabase awaits it).
 */
import { getAllCollectionDocuments, type RxCollectionCreator } from 'rxdb';
import { SYNCED_COLLECTIONS } from '../schema/index.js';
import { SHARED_COLLECTIONS, type SharedRecordType } from './record-layout.js';
import type { LaneDatabase } from './create-database.js';

const keepAsIs = (document: unknown) => document;

/** Every schema version of the old per-type collections only added optional fields. */
function everyVersionAsIs(version: number): RxCollectionCreator['migrationStrategies'] {
  return Object.fromEntries(Array.from({ length: version }, (_, index) => [index + 1, keepAsIs]));
}

export async function moveRecordsIntoSharedCollections(database: LaneDatabase): Promise<number> {
  const { records } = database;
  const present = new Set(
    (await getAllCollectionDocuments(database.internalStore)).map((document) => document.data.name),
  );
  const oldTypes = Object.values(SHARED_COLLECTIONS)
    .flat()
    .filter((type): type is SharedRecordType => present.has(type));
  let moved = 0;
  for (const type of oldTypes) {
    const { schema } = SYNCED_COLLECTIONS[type];
    const creator: RxCollectionCreator = {
      schema,
      migrationStrategies: everyVersionAsIs(schema.version),
    };
    const { [type]: old } = await database.addCollections({ [type]: creator });
    if (!old) throw new Error(`the old ${type} collection did not open`);
    const set = records[type];
    const documents = (await old.find().exec()).map((document) =>
      set.stored(document.toJSON() as { id: string }),
    );
    if (documents.length > 0) {
      const { error } = await set.collection.bulkUpsert(documents);
      if (error.length > 0)
        throw new Error(`${error.length} ${type} records not moved`, { cause: error[0] });
    }
    moved += documents.length;
    await old.remove();
  }
  return moved;
}
