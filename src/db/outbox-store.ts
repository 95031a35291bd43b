/**
 * Until version 4 of the app the outbox was an RxDB collection:
 * moveOutboxOutOfRxdb carries its entries into the outbox table of the lane
 * store (lane-store.ts), where an answered mutation is deleted outright (RxDB
 * would keep a tombstone with its whole state), marking a push's mutations
 * sent is one write, and it takes none of RxDB's 13 collections.
 */
import { getAllCollectionDocuments, type RxCollectionCreator } from 'rxdb';
import { isCollectionName } from '../schema/index.js';
import type { LaneDatabase } from './create-database.js';
import type { LaneStore } from './lane-store.js';
import { wireJson } from './outbox.js';
import { fromVersion2, outboxSchemaLiteral, type OutboxEntry } from './outbox-schema.js';

const MOVED_KEY = 'moved-from-rxdb';
const OLD_COLLECTION = 'outbox';
const keepAsIs = (document: unknown) => document;

/**
 * A tablet updating from an app that kept the outbox in RxDB: its entries
 * (unsynced changes, refusals) are copied here, then the old collection is
 * removed. Safe to cut at any point: until the mark is written the copy is
 * simply made again, and the same ids overwrite the same entries.
 */
export async function moveOutboxOutOfRxdb(
  database: LaneDatabase,
  store: LaneStore,
): Promise<number> {
  if (await store.meta.get(MOVED_KEY)) return 0;
  const collections = await getAllCollectionDocuments(database.internalStore);
  let moved = 0;
  if (collections.some((document) => document.data.name === OLD_COLLECTION)) {
    const creator: RxCollectionCreator = {
      schema: outboxSchemaLiteral,
      migrationStrategies: { 1: keepAsIs, 2: keepAsIs, 3: fromVersion2 },
    };
    const { [OLD_COLLECTION]: old } = await database.addCollections({ [OLD_COLLECTION]: creator });
    if (!old) throw new Error('the old outbox did not open');
    const entries = (await old.find().exec()).map((entry) => entry.toJSON() as OutboxEntry);
    const upgraded = await Promise.all(entries.map((entry) => fromNamedRecord(database, entry)));
    const kept = upgraded.filter((entry): entry is OutboxEntry => entry !== undefined);
    await store.mutations.bulkPut(kept);
    moved = kept.length;
    await old.remove();
  }
  await store.meta.put({ key: MOVED_KEY, value: Date.now() });
  return moved;
}

/**
 * An entry written before the outbox kept mutations (its version 2) named
 * only a changed record: it gets the record's stored state and last editor
 * as author. Its base is unknown, so if the server holds the record the push
 * meets it as a conflict and merges. A refusal it carried came from a server
 * that believed the names in records; it is judged again. An entry whose
 * record is gone has nothing left to send.
 */
async function fromNamedRecord(
  database: LaneDatabase,
  entry: OutboxEntry,
): Promise<OutboxEntry | undefined> {
  if (entry.state !== '') return { ...entry };
  const name = entry.collectionName;
  if (!isCollectionName(name)) return undefined;
  const set = database.records[name];
  const record = await set.findOne(entry.documentId).exec();
  if (!record) return undefined;
  const stored = set.plain(record) as { updatedBy: string; updatedAt: number };
  return {
    id: entry.id,
    collectionName: name,
    documentId: entry.documentId,
    updatedAt: stored.updatedAt,
    author: stored.updatedBy,
    state: wireJson(stored),
    base: '',
    sent: false,
  };
}
