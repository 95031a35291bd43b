import { createRxDatabase, getAllCollectionDocuments, type RxDatabase } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { describe, expect, it } from 'vitest';
import { SYNCED_COLLECTIONS } from '../../src/schema/index.js';
import { outboxSchemaLiteral } from '../../src/db/outbox-schema.js';
import { STORED_COLLECTION_NAMES } from '../../src/db/record-layout.js';
import {
  expectNoneLost,
  recordsOfEveryType,
  useUpgradeTablets,
  waitingChangesOf,
} from './helpers/upgrade-checks.js';

/**
 * A tablet updating from the app that kept a collection per record type and
 * its outbox as an RxDB collection (outbox schema version 3) to the one that
 * keeps record types in shared collections and the outbox in its own
 * IndexedDB database. The old state is written here with RxDB's Dexie storage, the
 * same schemas and the same layout as that version wrote, on the IndexedDB
 * the tests run on; then the new app opens it and syncs with a real server.
 */

/** That version's migrations only ever kept documents as they were. */
function everyVersionAsIs(version: number) {
  return Object.fromEntries(
    Array.from({ length: version }, (_, index) => [index + 1, (document: unknown) => document]),
  );
}

/** What the previous version left on a tablet: the records, and its outbox as a collection. */
async function writeOldTablet(name: string) {
  const old: RxDatabase = await createRxDatabase({
    name,
    storage: wrappedValidateAjvStorage({ storage: getRxStorageDexie() }),
    multiInstance: false,
    localDocuments: true,
  });
  const collections = Object.fromEntries(
    Object.entries(SYNCED_COLLECTIONS).map(([collection, { schema }]) => [
      collection,
      { schema, migrationStrategies: everyVersionAsIs(schema.version) },
    ]),
  );
  try {
    await old.addCollections({
      ...collections,
      outbox: { schema: outboxSchemaLiteral, migrationStrategies: everyVersionAsIs(3) },
    });
    const records = await recordsOfEveryType();
    const entries = waitingChangesOf(records);
    for (const [collection, record] of Object.entries(records)) {
      await old.collections[collection]?.insert(record);
    }
    await old.collections.outbox?.bulkInsert(entries);
    return { records, entries };
  } finally {
    await old.close();
  }
}
describe('updating a tablet with a collection per record type and the outbox in RxDB', () => {
  const tablets = useUpgradeTablets('outbox-upgrade');

  it('carries every record and waiting change over, of every record type, and removes the old collections', async () => {
    const name = tablets.nextName();
    const { records, entries } = await writeOldTablet(name);

    const database = await tablets.open(name);

    const left = await getAllCollectionDocuments(database.internalStore);
    expect(left.map((document) => document.data.name).sort()).toEqual(
      [...STORED_COLLECTION_NAMES].sort(),
    );
    expect(Object.keys(database.collections).sort()).toEqual([...STORED_COLLECTION_NAMES].sort());
    await tablets.expectMovedWhole(database, records, entries);
  });

  it('then loses none of them: each reaches the server or stays on the tablet with its refusal', async () => {
    const name = tablets.nextName();
    const { entries } = await writeOldTablet(name);
    const database = await tablets.open(name);

    await expectNoneLost(database, tablets.server, entries);
  });
});
