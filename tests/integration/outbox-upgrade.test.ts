import { EventSource } from 'eventsource';
import { createRxDatabase, getAllCollectionDocuments, type RxDatabase } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYNCED_COLLECTIONS } from '../../src/schema/index.js';
import { createDatabase, type LaneDatabase } from '../../src/db/create-database.js';
import { wireJson } from '../../src/db/outbox.js';
import { mutationId, outboxSchemaLiteral, type OutboxEntry } from '../../src/db/outbox-schema.js';
import { STORED_COLLECTION_NAMES } from '../../src/db/record-layout.js';
import { expectMovedWhole, expectNoneLost, recordsOfEveryType } from './helpers/upgrade-checks.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

globalThis.EventSource ??= EventSource as unknown as typeof globalThis.EventSource;

/**
 * A tablet updating from the app that kept a collection per record type and
 * its outbox as an RxDB collection (outbox schema version 3) to the one that
 * keeps record types in shared collections and the outbox in its own
 * IndexedDB database. The old state is written here with RxDB's Dexie storage, the
 * same schemas and the same layout as that version wrote, on the IndexedDB
 * the tests run on; then the new app opens it and syncs with a real server.
 */
const NAME_PREFIX = `outbox-upgrade-${process.pid}`;
let counter = 0;

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
    const entries: OutboxEntry[] = [];
    for (const [collection, record] of Object.entries(records)) {
      await old.collections[collection]?.insert(record);
      entries.push({
        id: mutationId(collection, record.id, record.updatedAt),
        collectionName: collection,
        documentId: record.id,
        updatedAt: record.updatedAt,
        author: record.updatedBy,
        state: wireJson(record),
        base: '',
        sent: collection === 'jobs', // its answer may have been lost: sent, still waiting
      });
    }
    // One refused by the server, shown with its reason, waiting for an edit.
    const refused = entries.find((entry) => entry.collectionName === 'damage_marks');
    if (refused) refused.refusedCode = 'ORDER_NOT_FOUND';
    await old.collections.outbox?.bulkInsert(entries);
    return { records, entries };
  } finally {
    await old.close();
  }
}
describe('updating a tablet with a collection per record type and the outbox in RxDB', () => {
  let server: TestServer;
  const opened: LaneDatabase[] = [];

  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    for (const database of opened.splice(0)) await database.close();
    await server.stop();
  });

  async function open(name: string): Promise<LaneDatabase> {
    const database = await createDatabase({ name });
    opened.push(database);
    return database;
  }

  it('carries every record and waiting change over, of every record type, and removes the old collections', async () => {
    counter += 1;
    const name = `${NAME_PREFIX}-${counter}`;
    const { records, entries } = await writeOldTablet(name);

    const database = await open(name);

    const left = await getAllCollectionDocuments(database.internalStore);
    expect(left.map((document) => document.data.name).sort()).toEqual(
      [...STORED_COLLECTION_NAMES].sort(),
    );
    expect(Object.keys(database.collections).sort()).toEqual([...STORED_COLLECTION_NAMES].sort());
    opened.pop();
    opened.push(await expectMovedWhole(database, records, entries));
  });

  it('then loses none of them: each reaches the server or stays on the tablet with its refusal', async () => {
    counter += 1;
    const name = `${NAME_PREFIX}-${counter}`;
    const { entries } = await writeOldTablet(name);
    const database = await open(name);

    await expectNoneLost(database, server, entries);
  });
});
