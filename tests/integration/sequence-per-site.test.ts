import BetterSqlite3 from 'better-sqlite3';
import fc from 'fast-check';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_SITE, type LoginResponse } from '../../src/schema/index.js';
import { MIGRATIONS, migrate } from '../../sync-server/database/migrations.js';
import { makeRepairOrder } from '../factories/repair-order.js';
import { DEMO_ADMIN, type EnrollingAdmin } from '../support/enrolled-tablet.js';
import { loginAs } from './helpers/auth.js';
import { NORTH, NORTH_PASSWORD, addNorthSite } from './helpers/second-site.js';
import { pullPage, pushRows, toWire } from './helpers/sync-http.js';
import { makeTempDir, startTestServer } from './helpers/test-server.js';

/** The columns a document row had before later migrations added more (they stay as they were). */
const ORIGINAL_COLUMNS = 'collection, id, site_id, seq, deleted, data, server_time';

/**
 * Each site numbers its own changes, strictly in commit order: a tablet that
 * follows its site's sequence never skips a committed change and never sees
 * one twice, even with two server instances writing the same file at once.
 */
describe("a site's change sequence", () => {
  it("keeps every tablet's checkpoint valid when sites get sequences of their own", async () => {
    const dataDir = await makeTempDir();
    const database = new BetterSqlite3(path.join(dataDir, 'global-sequence.sqlite'));
    try {
      const perSite = MIGRATIONS.findIndex(({ name }) => name === 'sequence-per-site');
      migrate(database, MIGRATIONS.slice(0, perSite));
      const insert = database.prepare(
        `INSERT INTO documents (collection, id, site_id, seq, deleted, data, server_time)
         VALUES ('repair_orders', ?, ?, ?, 0, '{}', 1000)`,
      );
      insert.run('order-1', 'demo-site', 1);
      insert.run('order-2', 'north', 2);
      insert.run('order-3', 'demo-site', 3);
      database.prepare('UPDATE sync_sequence SET value = 3 WHERE id = 1').run();
      const before = database
        .prepare(`SELECT ${ORIGINAL_COLUMNS} FROM documents ORDER BY seq`)
        .all();

      migrate(database);

      expect(
        database.prepare(`SELECT ${ORIGINAL_COLUMNS} FROM documents ORDER BY seq`).all(),
      ).toEqual(before);
      // Both sites go on above the last global number: no checkpoint a tablet holds is passed.
      expect(
        database.prepare('SELECT site_id, value FROM site_sequences ORDER BY site_id').all(),
      ).toEqual([
        { site_id: 'demo-site', value: 3 },
        { site_id: 'north', value: 3 },
      ]);
      // A number is unique within its site, and free in another.
      insert.run('order-4', 'north', 4);
      insert.run('order-5', 'demo-site', 4);
      expect(() => insert.run('order-6', 'north', 4)).toThrow(/UNIQUE/);
    } finally {
      database.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });

  it('never lets a reader skip or repeat a change, with two server instances writing at once', async () => {
    const first = await startTestServer();
    await addNorthSite(first.dataDir);
    // The second instance opens the same SQLite file, as a second process would.
    const second = await startTestServer({ dataDir: first.dataDir, demoUsers: false });
    const northAdmin: EnrollingAdmin = {
      username: 'admin',
      password: NORTH_PASSWORD,
      siteId: NORTH.id,
    };
    const logins: Record<string, LoginResponse> = {
      [DEMO_SITE.id]: await loginAs(first.baseUrl, 'advisor1', 'demo-seq-tablet', {
        enrolBy: { ...DEMO_ADMIN, siteId: DEMO_SITE.id },
      }),
      [NORTH.id]: await loginAs(first.baseUrl, 'advisor1', 'north-seq-tablet', {
        password: NORTH_PASSWORD,
        enrolBy: northAdmin,
      }),
    };
    const committed = new Map<string, Set<string>>([
      [DEMO_SITE.id, new Set()],
      [NORTH.id, new Set()],
    ]);
    const seen = new Map<string, { ids: Set<string>; checkpoint: number | undefined }>([
      [DEMO_SITE.id, { ids: new Set(), checkpoint: undefined }],
      [NORTH.id, { ids: new Set(), checkpoint: undefined }],
    ]);

    /** One page after the site's checkpoint: sequences rise, nothing comes twice. */
    async function readOnce(siteId: string, limit: number): Promise<number> {
      const reader = seen.get(siteId);
      if (!reader) throw new Error(siteId);
      const token = logins[siteId]?.accessToken;
      const page = await pullPage(first.baseUrl, reader.checkpoint, limit, token);
      for (const document of page.documents) {
        expect(reader.ids.has(document.id), `${document.id} came twice`).toBe(false);
        reader.ids.add(document.id);
      }
      const next = page.checkpoint?.sequence;
      if (page.documents.length > 0) expect(next).toBeGreaterThan(reader.checkpoint ?? 0);
      reader.checkpoint = next ?? reader.checkpoint;
      return page.documents.length;
    }

    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.record({
              site: fc.constantFrom(DEMO_SITE.id, NORTH.id),
              instance: fc.constantFrom(0, 1),
              size: fc.integer({ min: 1, max: 6 }),
            }),
            { minLength: 4, maxLength: 12 },
          ),
          fc.integer({ min: 1, max: 5 }),
          async (pushes, pageSize) => {
            const writers = pushes.map(async ({ site, instance, size }) => {
              const orders = Array.from({ length: size }, () =>
                toWire(makeRepairOrder({ siteId: site })),
              );
              const baseUrl = (instance === 0 ? first : second).baseUrl;
              const rows = orders.map((order) => ({ newDocumentState: order }));
              const answer = await pushRows(baseUrl, rows, logins[site]?.accessToken);
              expect(answer).toEqual({ conflicts: [], rejected: [] });
              for (const order of orders) committed.get(site)?.add(order.id);
            });
            // The readers follow both sites while the writers run, then catch up.
            let writing = true;
            const done = Promise.all(writers).finally(() => (writing = false));
            while (writing) {
              await readOnce(DEMO_SITE.id, pageSize);
              await readOnce(NORTH.id, pageSize);
            }
            await done;
            for (const siteId of [DEMO_SITE.id, NORTH.id]) while ((await readOnce(siteId, 50)) > 0);
            for (const siteId of [DEMO_SITE.id, NORTH.id])
              expect(seen.get(siteId)?.ids).toEqual(committed.get(siteId));
          },
        ),
        { numRuns: 6 },
      );
    } finally {
      await second.stop({ keepData: true });
      await first.stop();
    }
  });
});
