/**
 * The upgrade tests' tablet and checks: one record of every type, that every
 * one of them and every waiting change arrived in the new app, and that after
 * a sync each change is on the server or kept with its refusal.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { EventSource } from 'eventsource';
import { afterEach, beforeEach, expect } from 'vitest';
import type { CollectionName } from '../../../src/schema/index.js';
import { createDatabase, type LaneDatabase } from '../../../src/db/create-database.js';
import { allMutations, wireJson } from '../../../src/db/outbox.js';
import { mutationId, type OutboxEntry } from '../../../src/db/outbox-schema.js';
import { startSync } from '../../../src/sync/replication.js';
import { DATABASE_FILE_NAME } from '../../../sync-server/database/sqlite-database.js';
import { advisorLogin, staticTokens } from './auth.js';
import { startTestServer, type TestServer } from './test-server.js';

// The sync after an upgrade runs the live stream as a tablet does.
globalThis.EventSource ??= EventSource as unknown as typeof globalThis.EventSource;
import {
  makeAddedWork,
  makeApproval,
  makeJob,
  makeRework,
  makeSignOff,
  makeWorkshopOrder,
} from '../../factories/workshop.js';
import { makeCheckInSheet, makeDamageMark, makeSignature } from '../../unit/signature-fixtures.js';
import { makePhoto } from '../../factories/photo.js';

export type AnyRecord = { id: string; updatedAt: number; updatedBy: string } & Record<
  string,
  unknown
>;

export async function recordsOfEveryType(): Promise<Record<CollectionName, AnyRecord>> {
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

/**
 * Every record and waiting change is in the opened app, once; and opened
 * again (the move is done once), nothing is doubled or lost. Returns the
 * database opened again.
 */
export async function expectMovedWhole(
  database: LaneDatabase,
  records: Record<CollectionName, AnyRecord>,
  entries: readonly OutboxEntry[],
): Promise<LaneDatabase> {
  expect(await allMutations(database)).toEqual(expect.arrayContaining([...entries]));
  expect(await database.laneStore.mutations.count()).toBe(entries.length);
  for (const [type, record] of Object.entries(records)) {
    const set = database.records[type as CollectionName];
    const stored = await set.findOne(record.id).exec();
    expect(stored && set.plain(stored), type).toEqual(record);
    expect(await set.count().exec(), type).toBe(1);
  }
  const { name } = database;
  await database.close();
  const again = await createDatabase({ name });
  expect(await again.laneStore.mutations.count()).toBe(entries.length);
  for (const type of Object.keys(records))
    expect(await again.records[type as CollectionName].count().exec(), type).toBe(1);
  return again;
}

/**
 * Syncs the updated tablet with the advisor's session: each change reaches
 * the server or stays on the tablet with its refusal, the advisor's own
 * records went, and the damage mark refused before waits as it did.
 */
export async function expectNoneLost(
  database: LaneDatabase,
  server: TestServer,
  entries: readonly OutboxEntry[],
): Promise<void> {
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
    expect(
      stored?.updatedAt === entry.updatedAt || waiting.get(entry.id) !== undefined,
      `${entry.collectionName} neither on the server nor kept with a refusal`,
    ).toBe(true);
  }
  for (const collection of ['repair_orders', 'check_in_sheets'])
    expect([...onServer.keys()].some((key) => key.startsWith(`${collection}:`))).toBe(true);
  const refusedMark = entries.find((entry) => entry.collectionName === 'damage_marks');
  expect(waiting.get(refusedMark?.id ?? '')).toBe('ORDER_NOT_FOUND');
}

/**
 * The waiting change of each record as the earlier version kept it: a new
 * record each, the job's sent (its answer may have been lost), the damage
 * mark's refused by the server and waiting for an edit.
 */
export function waitingChangesOf(records: Record<CollectionName, AnyRecord>): OutboxEntry[] {
  return Object.entries(records).map(([type, record]) => ({
    id: mutationId(type, record.id, record.updatedAt),
    collectionName: type,
    documentId: record.id,
    updatedAt: record.updatedAt,
    author: record.updatedBy,
    state: wireJson(record),
    base: '',
    sent: type === 'jobs',
    ...(type === 'damage_marks' ? { refusedCode: 'ORDER_NOT_FOUND' as const } : {}),
  }));
}

/** A server per test, tablet databases named apart and closed after each test. */
export function useUpgradeTablets(prefix: string) {
  let server: TestServer | undefined;
  let counter = 0;
  const opened: LaneDatabase[] = [];
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    for (const database of opened.splice(0)) await database.close();
    await server?.stop();
  });
  return {
    get server(): TestServer {
      if (!server) throw new Error('no test server yet');
      return server;
    },
    nextName: () => `${prefix}-${process.pid}-${(counter += 1)}`,
    /** Opens the new app on a tablet database; closed after the test. */
    async open(name: string): Promise<LaneDatabase> {
      const database = await createDatabase({ name });
      opened.push(database);
      return database;
    },
    /** expectMovedWhole, with the database it opens again closed after the test. */
    async expectMovedWhole(
      database: LaneDatabase,
      records: Record<CollectionName, AnyRecord>,
      entries: readonly OutboxEntry[],
    ): Promise<void> {
      opened.splice(opened.indexOf(database), 1);
      opened.push(await expectMovedWhole(database, records, entries));
    },
  };
}
