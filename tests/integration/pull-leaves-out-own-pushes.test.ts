import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  API_BASE,
  STORE_HEADER,
  type ChangesPullResponse,
  type RepairOrder,
} from '../../src/schema/index.js';
import { createRepairOrder, editRepairOrder } from '../../src/features/orders/data.js';
import { storeIdOf } from '../../src/db/store-identity.js';
import { checkpointOf } from '../../src/sync/pull-changes.js';
import type { DocumentStore } from '../../sync-server/database/document-store.js';
import { openSqliteDatabase } from '../../sync-server/database/sqlite-database.js';
import { createSqliteDocumentStore } from '../../sync-server/database/sqlite-document-store.js';
import { AppTablet } from './helpers/app-tablet.js';
import { signedHeaders } from './helpers/sync-http.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

/**
 * A tablet that pushed 10,000 records used to pull all 10,000 straight back.
 * The server now marks a record stored exactly as a tablet database pushed
 * it (no server stamp) with that database's id, and leaves it out of that
 * database's pulls, moving the checkpoint past it. Anything else — another
 * tablet's write, a server stamp, a new database on the same tablet — is
 * pulled as before.
 */
const STORE_A = 'storeAAAAAAAAAAAAAAAAA';
const STORE_B = 'storeBBBBBBBBBBBBBBBBB';

describe('a pull for one tablet database, in the store', () => {
  let dataDir: string;
  let database: Database;
  let store: DocumentStore;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'lane-own-pushes-'));
    database = openSqliteDatabase(dataDir);
    store = createSqliteDocumentStore(database);
  });
  afterEach(async () => {
    store.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** Rows of one site in sequence order, each pushed by the store named (null: a server write). */
  function storeRows(pushedBy: readonly (string | null)[]) {
    const insert = database.prepare(
      `INSERT INTO documents (site_id, collection, id, seq, deleted, data, server_time, pushed_by_store)
       VALUES ('demo', 'repair_orders', ?, ?, 0, ?, 0, ?)`,
    );
    pushedBy.forEach((by, index) => {
      const id = `order-${index + 1}`;
      insert.run(id, index + 1, JSON.stringify({ id, _deleted: false }), by);
    });
  }

  const ids = (page: ReturnType<DocumentStore['pullChanges']>) =>
    page.changes.map((change) => change.document.id);

  it('leaves out what the store pushed itself, and the checkpoint passes it', () => {
    storeRows([STORE_A, STORE_B, STORE_A, null, STORE_A, STORE_A, STORE_B, STORE_A, STORE_A]);

    const first = store.pullChanges('demo', 0, 2, STORE_A);
    expect(ids(first)).toEqual(['order-2', 'order-4']);
    expect(first).toMatchObject({ more: true, checkpoint: { sequence: 4 }, remaining: 1 });
    // The last page ends at the site's last sequence, past the store's own rows after it.
    const second = store.pullChanges('demo', 4, 2, STORE_A);
    expect(ids(second)).toEqual(['order-7']);
    expect(second).toMatchObject({ more: false, checkpoint: { sequence: 9 }, remaining: 0 });
    // Only its own pushes after the checkpoint: an empty page that still moves it on.
    const own = store.pullChanges('demo', 7, 2, STORE_A);
    expect(own).toMatchObject({ changes: [], more: false, checkpoint: { sequence: 9 } });
    // Nothing at all after the checkpoint: no checkpoint (the route keeps the tablet's own).
    expect(store.pullChanges('demo', 9, 2, STORE_A).checkpoint).toBeNull();

    // Another database, and a reader naming none, get every row.
    expect(ids(store.pullChanges('demo', 0, 10, STORE_B))).toEqual([
      'order-1',
      'order-3',
      'order-4',
      'order-5',
      'order-6',
      'order-8',
      'order-9',
    ]);
    expect(ids(store.pullChanges('demo', 0, 10))).toHaveLength(9);
  });

  it('counts what remains for that store alone', () => {
    storeRows([null, STORE_A, null, STORE_A, null]);
    const page = store.pullChanges('demo', 0, 1, STORE_A);
    expect(ids(page)).toEqual(['order-1']);
    expect(page).toMatchObject({ more: true, checkpoint: { sequence: 1 }, remaining: 2 });
  });
});

describe('a tablet pulling after its own push', () => {
  let server: TestServer;
  const tablets: AppTablet[] = [];
  const advisor = { username: 'advisor1', siteId: 'demo-site' };

  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    for (const tablet of tablets.splice(0)) await tablet.close();
    await server.stop();
  });

  async function tablet(): Promise<AppTablet> {
    const started = await AppTablet.start(server.baseUrl);
    tablets.push(started);
    return started;
  }

  async function pull(headers: Record<string, string>, after = 0) {
    const url = `${server.baseUrl}${API_BASE}/sync/pull?limit=100&checkpoint=${after}`;
    const response = await fetch(url, { headers });
    return { status: response.status, body: (await response.json()) as ChangesPullResponse };
  }

  it("gets nothing of its own back, but another tablet's edit and a new database get it all", async () => {
    const lane = await tablet();
    const made: RepairOrder[] = [];
    for (const concern of ['保养', '刹车异响', '空调不凉'])
      made.push(await createRepairOrder(lane.database, advisor, { concern }));
    await lane.settle();
    const headers = await signedHeaders(server.baseUrl);
    const laneStore = await storeIdOf(lane.database.laneStore);

    // As the lane tablet's database: its three orders are stored as it sent them.
    const own = await pull({ ...headers, [STORE_HEADER]: laneStore });
    expect(own.status).toBe(200);
    expect(own.body.changes).toEqual([]);
    expect(own.body.checkpoint).toEqual({ sequence: 3 });
    // The tablet itself went past them without taking anything in.
    expect(await checkpointOf(lane.database)).toEqual({ sequence: 3 });

    // Another tablet edits one: that write is not the lane tablet's, so it comes to it.
    const desk = await tablet();
    await desk.settle();
    expect(await desk.database.repair_orders.count().exec()).toBe(3);
    const first = made[0];
    if (!first) throw new Error('no order made');
    await editRepairOrder(desk.database, advisor, first.id, { concern: '保养，换机油' });
    await desk.settle();
    await lane.settle();
    const seen = await lane.database.repair_orders.findOne(first.id).exec();
    expect(seen?.concern).toBe('保养，换机油');
    const afterEdit = await pull({ ...headers, [STORE_HEADER]: laneStore });
    expect(afterEdit.body.changes.map((change) => change.document.id)).toEqual([first.id]);

    // A new database on the same tablet (its data wiped) has a new id: it gets everything.
    const fresh = await tablet();
    await fresh.settle();
    expect(await storeIdOf(fresh.database.laneStore)).not.toBe(laneStore);
    expect(await fresh.database.repair_orders.count().exec()).toBe(3);
  });

  it('refuses a malformed database id with a clear error', async () => {
    const headers = await signedHeaders(server.baseUrl);
    const answer = await pull({ ...headers, [STORE_HEADER]: 'no spaces or dots.' });
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ code: 'SCHEMA_INVALID' });
  });
});
