import Dexie from 'dexie';
import { createRxDatabase, type RxDatabase } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { describe, expect, it } from 'vitest';
import { SYNCED_COLLECTIONS, type CollectionName } from '../../src/schema/index.js';
import { laneStoreName } from '../../src/db/lane-store.js';
import {
  SHARED_COLLECTIONS,
  recordKey,
  sharedCollectionOf,
  sharedCollectionSchema,
  type SharedCollectionName,
} from '../../src/db/record-layout.js';
import { checkpointOf } from '../../src/sync/pull-changes.js';
import {
  expectNoneLost,
  recordsOfEveryType,
  useUpgradeTablets,
  waitingChangesOf,
} from './helpers/upgrade-checks.js';

/**
 * A tablet updating from the version that kept each collection and the
 * outbox in IndexedDB databases of their own (RxDB's Dexie storage, one
 * database per collection; the outbox in plain Dexie; the pull checkpoint in
 * an RxDB local document) to the one store of lane-store.ts. The old state
 * is written here as that version wrote it, with unsynced records of every
 * type, on the IndexedDB the tests run on; then the new app opens it.
 */
const OLD_CHECKPOINT = 3;

function oldDatabaseNames(name: string): string[] {
  const collections = ['repair_orders', ...Object.keys(SHARED_COLLECTIONS)];
  const version = (collection: string) =>
    // The repair order schema was at version 2 in that layout (it is later now).
    collection === 'repair_orders' ? 2 : 0;
  return [
    ...collections.map((collection) => `rxdb-dexie-${name}--${version(collection)}--${collection}`),
    `${name}--outbox`,
  ];
}

/** The repair order schema of that layout: version 2, before the customer's language. */
const REPAIR_ORDERS_IN_THAT_LAYOUT = (() => {
  const { customerLanguage: _added, ...properties } =
    SYNCED_COLLECTIONS.repair_orders.schema.properties;
  return { ...SYNCED_COLLECTIONS.repair_orders.schema, version: 2, properties };
})();

async function writePreviousTablet(name: string) {
  const old: RxDatabase = await createRxDatabase({
    name,
    storage: wrappedValidateAjvStorage({ storage: getRxStorageDexie() }),
    multiInstance: false,
    localDocuments: true,
  });
  const shared = Object.fromEntries(
    (Object.keys(SHARED_COLLECTIONS) as SharedCollectionName[]).map((collection) => [
      collection,
      { schema: sharedCollectionSchema(collection) },
    ]),
  );
  const records = await recordsOfEveryType();
  const entries = waitingChangesOf(records);
  try {
    await old.addCollections({
      repair_orders: {
        schema: REPAIR_ORDERS_IN_THAT_LAYOUT,
        migrationStrategies: {
          1: (document: unknown) => document,
          2: (document: unknown) => document,
        },
      },
      ...shared,
    });
    for (const [type, record] of Object.entries(records)) {
      const collection = sharedCollectionOf(type as CollectionName);
      const stored = collection
        ? { ...record, recordType: type, recordKey: recordKey(type as CollectionName, record.id) }
        : record;
      await old.collections[collection ?? type]?.insert(stored);
    }
    await old.upsertLocal('sync-checkpoints', { all: OLD_CHECKPOINT });
  } finally {
    await old.close();
  }
  const outbox = new Dexie(`${name}--outbox`);
  outbox.version(1).stores({
    mutations: 'id, updatedAt, [collectionName+documentId], refusedCode',
    meta: 'key',
  });
  await outbox.table('mutations').bulkPut(entries);
  await outbox.table('meta').put({ key: 'moved-from-rxdb', value: 1 });
  outbox.close();
  return { records, entries };
}

describe('updating a tablet whose collections and outbox had databases of their own', () => {
  const tablets = useUpgradeTablets('lane-upgrade');

  it('moves every record, waiting change and the checkpoint into the one store, once, and deletes the old databases', async () => {
    const name = tablets.nextName();
    const { records, entries } = await writePreviousTablet(name);
    for (const old of oldDatabaseNames(name)) expect(await Dexie.exists(old), old).toBe(true);

    const database = await tablets.open(name);

    expect(await checkpointOf(database)).toEqual({ sequence: OLD_CHECKPOINT });
    for (const old of oldDatabaseNames(name)) expect(await Dexie.exists(old), old).toBe(false);
    expect(await Dexie.exists(laneStoreName(name))).toBe(true);

    await tablets.expectMovedWhole(database, records, entries);
  });

  it('then loses none of them: each reaches the server or stays on the tablet with its refusal', async () => {
    const name = tablets.nextName();
    const { entries } = await writePreviousTablet(name);
    const database = await tablets.open(name);

    await expectNoneLost(database, tablets.server, entries);
  });
});
