import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  API_BASE,
  SYNC_LIMITS,
  type ChangesPullResponse,
  type CollectionName,
} from '../../src/schema/index.js';
import { createRepairOrder } from '../../src/features/orders/data.js';
import { ensureCheckInSheet } from '../../src/features/check-in/data.js';
import type { DocumentStore } from '../../sync-server/database/document-store.js';
import { openSqliteDatabase } from '../../sync-server/database/sqlite-database.js';
import { createSqliteDocumentStore } from '../../sync-server/database/sqlite-document-store.js';
import { AppTablet } from './helpers/app-tablet.js';
import { checkpointOf } from '../../src/sync/pull-changes.js';
import { signedHeaders } from './helpers/sync-http.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

/**
 * One pull for every record type (`GET /sync/pull`): a site's changes in the
 * order of its sequence, each naming its collection, paged like the pull of
 * one collection. A tablet makes one request per page instead of one per
 * record type, and goes on from where its per-collection pulls had got to.
 */
describe('the pull of every collection, in the store', () => {
  let dataDir: string;
  let database: Database;
  let store: DocumentStore;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'lane-pull-all-'));
    database = openSqliteDatabase(dataDir);
    store = createSqliteDocumentStore(database);
  });
  afterEach(async () => {
    store.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** Rows of several collections and two sites, numbered in each site's own sequence. */
  function storeRows(
    rows: readonly { site: string; collection: CollectionName; bytes?: number }[],
  ) {
    const insert = database.prepare(
      `INSERT INTO documents (site_id, collection, id, seq, deleted, data, server_time)
       VALUES (?, ?, ?, ?, 0, ?, 0)`,
    );
    const next = new Map<string, number>();
    rows.forEach(({ site, collection, bytes = 100 }, index) => {
      const seq = (next.get(site) ?? 0) + 1;
      next.set(site, seq);
      const id = `${collection}-${index}`;
      const padding = 'x'.repeat(Math.max(0, bytes - 60));
      insert.run(site, collection, id, seq, JSON.stringify({ id, padding, _deleted: false }));
    });
  }

  function pullEverything(site: string, limit: number) {
    const pages: { changes: string[]; more: boolean; remaining: number }[] = [];
    let after = 0;
    for (;;) {
      const page = store.pullChanges(site, after, limit);
      pages.push({
        changes: page.changes.map(({ collection, document }) => `${collection}:${document.id}`),
        more: page.more,
        remaining: page.remaining,
      });
      if (!page.more) return pages;
      after = page.checkpoint?.sequence ?? Number.NaN;
    }
  }

  it("returns one site's changes of every collection in sequence order, each once", () => {
    storeRows([
      { site: 'demo', collection: 'repair_orders' },
      { site: 'north', collection: 'repair_orders' },
      { site: 'demo', collection: 'jobs' },
      { site: 'demo', collection: 'sign_offs' },
      { site: 'north', collection: 'photos' },
      { site: 'demo', collection: 'repair_orders' },
      { site: 'demo', collection: 'check_in_sheets' },
    ]);

    const pages = pullEverything('demo', 2);

    expect(pages).toEqual([
      { changes: ['repair_orders:repair_orders-0', 'jobs:jobs-2'], more: true, remaining: 3 },
      {
        changes: ['sign_offs:sign_offs-3', 'repair_orders:repair_orders-5'],
        more: true,
        remaining: 1,
      },
      { changes: ['check_in_sheets:check_in_sheets-6'], more: false, remaining: 0 },
    ]);
    expect(pullEverything('north', 10).flatMap((page) => page.changes)).toEqual([
      'repair_orders:repair_orders-1',
      'photos:photos-4',
    ]);
  });

  it('keeps a page under the byte limit across collections', () => {
    const big = 900_000;
    const collections: CollectionName[] = ['repair_orders', 'jobs', 'photos'];
    storeRows(
      Array.from({ length: 9 }, (_, index) => ({
        site: 'demo',
        collection: collections[index % 3] ?? 'jobs',
        bytes: big,
      })),
    );

    const pages = pullEverything('demo', SYNC_LIMITS.maxPullLimit);

    const perPage = Math.floor(SYNC_LIMITS.maxPullBytes / big);
    expect(pages.map((page) => page.changes.length)).toEqual([perPage, perPage, 9 - 2 * perPage]);
    expect(pages.flatMap((page) => page.changes)).toHaveLength(9);
  });
});

describe('the pull of every collection, from a tablet', () => {
  let server: TestServer;
  let tablet: AppTablet | undefined;
  const advisor = { username: 'advisor1', siteId: 'demo-site' };

  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    await tablet?.close();
    tablet = undefined;
    await server.stop();
  });

  it('is one request per page for all record types, and goes on from the lowest old checkpoint', async () => {
    tablet = await AppTablet.start(server.baseUrl);
    for (let index = 0; index < 3; index += 1) {
      const order = await createRepairOrder(tablet.database, advisor, { concern: '保养' });
      await ensureCheckInSheet(tablet.database, advisor, order.id);
    }
    await tablet.settle();
    const headers = await signedHeaders(server.baseUrl);
    const all = (await (
      await fetch(`${server.baseUrl}${API_BASE}/sync/pull?limit=100`, { headers })
    ).json()) as ChangesPullResponse;
    // One page: both record types, in the order the server committed them.
    expect(all.changes.map((change) => change.collection).sort()).toEqual([
      ...Array<string>(3).fill('check_in_sheets'),
      ...Array<string>(3).fill('repair_orders'),
    ]);
    expect(all.more).toBe(false);
    expect(all.checkpoint).toEqual({ sequence: 6 });

    // The tablet as the version that pulled each collection on its own left it.
    await tablet.goOffline();
    const perCollection = { repair_orders: 5, check_in_sheets: 2 };
    const others = Object.fromEntries(
      [
        'damage_marks',
        'photos',
        'signatures',
        'jobs',
        'added_work',
        'approvals',
        'sign_offs',
        'rework_records',
      ].map((name) => [name, 6]),
    );
    await tablet.database.laneStore.meta.delete('pull-checkpoint');
    await tablet.database.upsertLocal('sync-checkpoints', { ...perCollection, ...others });
    const asked: string[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.includes('/sync/')) asked.push(url.replace(server.baseUrl + API_BASE, ''));
      return realFetch(input, init);
    };
    try {
      tablet.goOnline();
      await tablet.settle();
    } finally {
      globalThis.fetch = realFetch;
    }
    const pulls = asked.filter((url) => url.includes('pull'));
    expect(pulls[0]).toBe('/sync/pull?limit=1000&checkpoint=2');
    expect(pulls.every((url) => url.startsWith('/sync/pull?'))).toBe(true);
    // Kept from now on in the store's bookkeeping, written with each page.
    expect(await checkpointOf(tablet.database)).toEqual({ sequence: 6 });
  });
});
