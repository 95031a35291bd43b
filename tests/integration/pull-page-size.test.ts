import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYNC_LIMITS } from '../../src/schema/index.js';
import type { DocumentStore } from '../../sync-server/database/document-store.js';
import { openSqliteDatabase } from '../../sync-server/database/sqlite-database.js';
import { createSqliteDocumentStore } from '../../sync-server/database/sqlite-document-store.js';

/**
 * A pull page holds up to 1,000 records but never much more than
 * SYNC_LIMITS.maxPullBytes of JSON, so a site full of large records (long
 * conflict lists) cannot make one answer of a gigabyte. `more` tells the
 * tablet to ask again. Rows are written straight into a real SQLite file:
 * the rules have nothing to do with paging.
 */
describe('the size of a pull page', () => {
  let dataDir: string;
  let database: Database;
  let store: DocumentStore;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'lane-pull-size-'));
    database = openSqliteDatabase(dataDir);
    store = createSqliteDocumentStore(database);
  });
  afterEach(async () => {
    store.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  function storeRows(sizes: readonly number[]): void {
    const insert = database.prepare(
      `INSERT INTO documents (site_id, collection, id, seq, deleted, data, server_time)
       VALUES ('demo', 'repair_orders', ?, ?, 0, ?, 0)`,
    );
    sizes.forEach((size, index) => {
      const id = `order-${index}`;
      const padding = 'x'.repeat(Math.max(0, size - 40));
      insert.run(id, index + 1, JSON.stringify({ id, padding, _deleted: false }));
    });
  }

  function pullEverything(limit: number) {
    const pages: { ids: string[]; bytes: number; more: boolean }[] = [];
    let after = 0;
    for (;;) {
      const page = store.pull('repair_orders', 'demo', after, limit);
      pages.push({
        ids: page.documents.map((document) => String(document.id)),
        bytes: page.documents.reduce((sum, document) => sum + JSON.stringify(document).length, 0),
        more: page.more,
      });
      if (!page.more) return pages;
      after = page.checkpoint?.sequence ?? Number.NaN;
    }
  }

  it('stops a page at its byte limit and says more waits, until every record came once', () => {
    const big = 900_000;
    storeRows(Array.from({ length: 12 }, () => big));

    const pages = pullEverything(SYNC_LIMITS.maxPullLimit);

    const perPage = Math.floor(SYNC_LIMITS.maxPullBytes / big);
    expect(pages.map((page) => page.ids.length)).toEqual([perPage, perPage, 12 - 2 * perPage]);
    expect(pages.map((page) => page.more)).toEqual([true, true, false]);
    for (const page of pages) expect(page.bytes).toBeLessThanOrEqual(SYNC_LIMITS.maxPullBytes);
    expect(pages.flatMap((page) => page.ids)).toEqual(
      Array.from({ length: 12 }, (_, index) => `order-${index}`),
    );
  });

  it('sends one record larger than the limit alone rather than never', () => {
    storeRows([100, SYNC_LIMITS.maxPullBytes + 1_000, 100]);

    const pages = pullEverything(SYNC_LIMITS.maxPullLimit);

    expect(pages.map((page) => page.ids)).toEqual([['order-0'], ['order-1'], ['order-2']]);
  });

  it('says more waits exactly when a full page leaves records behind', () => {
    storeRows(Array.from({ length: 5 }, () => 200));

    expect(pullEverything(5).map((page) => [page.ids.length, page.more])).toEqual([[5, false]]);
    expect(pullEverything(2).map((page) => [page.ids.length, page.more])).toEqual([
      [2, true],
      [2, true],
      [1, false],
    ]);
  });
});
