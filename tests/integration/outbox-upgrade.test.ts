import Database from 'better-sqlite3';
import { join } from 'node:path';
import { EventSource } from 'eventsource';
import { createRxDatabase, getAllCollectionDocuments, type RxDatabase } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYNCED_COLLECTIONS, type CollectionName } from '../../src/schema/index.js';
import { createDatabase, type LaneDatabase } from '../../src/db/create-database.js';
import { allMutations, wireJson } from '../../src/db/outbox.js';
import { mutationId, outboxSchemaLiteral, type OutboxEntry } from '../../src/db/outbox-schema.js';
import { startSync } from '../../src/sync/replication.js';
import { STORED_COLLECTION_NAMES } from '../../src/db/record-layout.js';
import {
  makeAddedWork,
  makeApproval,
  makeJob,
  makeRework,
  makeSignOff,
  makeWorkshopOrder,
} from '../factories/workshop.js';
import { makeCheckInSheet, makeDamageMark, makeSignature } from '../unit/signature-fixtures.js';
import { makePhoto } from '../factories/photo.js';
import { DATABASE_FILE_NAME } from '../../sync-server/database/sqlite-database.js';
import { advisorLogin, staticTokens } from './helpers/auth.js';
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

type AnyRecord = { id: string; updatedAt: number; updatedBy: string } & Record<string, unknown>;

async function recordsOfEveryType(): Promise<Record<CollectionName, AnyRecord>> {
  const order = makeWorkshopOrder();
  const job = makeJob(order);
  const work = makeAddedWork(job);
  const signOff = await makeSignOff({ order, job, level: 'self', by: job.technician });
  const sheet = makeCheckInSheet(order);
  return {
    repair_orders: order,
    check_in_sheets: sheet,
    damage_marks: makeDamageMark(order, { number: 1, view: 'left' }),
    photos: makePhoto(order.id),
    signatures: makeSignature(order, { contentHash: 'b'.repeat(64) }),
    jobs: job,
    added_work: work,
    approvals: await makeApproval(work),
    sign_offs: signOff,
    rework_records: await makeRework(signOff),
  } as unknown as Record<CollectionName, AnyRecord>;
}

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

    expect(await allMutations(database)).toEqual(
      expect.arrayContaining(entries.map((entry) => ({ ...entry }))),
    );
    expect(await database.outboxStore.mutations.count()).toBe(entries.length);
    const left = await getAllCollectionDocuments(database.internalStore);
    expect(left.map((document) => document.data.name).sort()).toEqual(
      [...STORED_COLLECTION_NAMES].sort(),
    );
    expect(Object.keys(database.collections).sort()).toEqual([...STORED_COLLECTION_NAMES].sort());
    for (const [collection, record] of Object.entries(records)) {
      const set = database.records[collection as CollectionName];
      const stored = await set.findOne(record.id).exec();
      expect(stored && set.plain(stored), collection).toEqual(record);
      expect(await set.count().exec(), collection).toBe(1);
    }

    // Opened again (the move is done once): the same entries, nothing doubled or lost.
    await database.close();
    opened.pop();
    const again = await open(name);
    expect(await again.outboxStore.mutations.count()).toBe(entries.length);
    for (const collection of Object.keys(records))
      expect(await again.records[collection as CollectionName].count().exec()).toBe(1);
  });

  it('then loses none of them: each reaches the server or stays on the tablet with its refusal', async () => {
    counter += 1;
    const name = `${NAME_PREFIX}-${counter}`;
    const { entries } = await writeOldTablet(name);
    const database = await open(name);

    const sync = startSync(database, server.baseUrl, {
      tokens: staticTokens(await advisorLogin(server.baseUrl)),
      blobs: null,
    });
    try {
      await sync.awaitInSync();
    } finally {
      await sync.stop();
    }

    const file = new Database(join(server.dataDir, DATABASE_FILE_NAME), { readonly: true });
    const onServer = new Map(
      file
        .prepare<[], { collection: string; id: string; data: string }>(
          'SELECT collection, id, data FROM documents',
        )
        .all()
        .map((row) => [`${row.collection}:${row.id}`, JSON.parse(row.data) as AnyRecord]),
    );
    file.close();
    const waiting = new Map(
      (await allMutations(database)).map((entry) => [entry.id, entry.refusedCode]),
    );
    for (const entry of entries) {
      const stored = onServer.get(`${entry.collectionName}:${entry.documentId}`);
      const kept = waiting.get(entry.id);
      expect(
        stored?.updatedAt === entry.updatedAt || kept !== undefined,
        `${entry.collectionName} neither on the server nor kept with a refusal`,
      ).toBe(true);
    }
    // The advisor's own records went; the refused one waits as it did.
    for (const collection of ['repair_orders', 'check_in_sheets'])
      expect([...onServer.keys()].some((key) => key.startsWith(`${collection}:`))).toBe(true);
    const refusedMark = entries.find((entry) => entry.collectionName === 'damage_marks');
    expect(waiting.get(refusedMark?.id ?? '')).toBe('ORDER_NOT_FOUND');
  });
});
