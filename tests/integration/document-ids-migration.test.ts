import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { MIGRATIONS, migrate } from '../../sync-server/database/migrations.js';
import { makeTempDir } from './helpers/test-server.js';

/** The columns a document row had before later migrations added more (they stay as they were). */
const ORIGINAL_COLUMNS = 'collection, id, site_id, seq, deleted, data, server_time';

/**
 * Migration 8 keys documents by (site, collection, id): a database written
 * while ids were global keeps every row, its sequence and its indexes, and
 * from then on the same id in two sites is two records.
 */
it('keeps every stored document when ids become unique per site', async () => {
  const dataDir = await makeTempDir();
  const database = new BetterSqlite3(path.join(dataDir, 'global-ids.sqlite'));
  try {
    const perSite = MIGRATIONS.findIndex(({ name }) => name === 'document-ids-per-site');
    migrate(database, MIGRATIONS.slice(0, perSite));
    const insert = database.prepare(
      `INSERT INTO documents (collection, id, site_id, seq, deleted, data, server_time)
       VALUES (?, ?, ?, ?, ?, ?, 1000)`,
    );
    insert.run('repair_orders', 'order-00000001', 'demo-site', 1, 0, '{"id":"order-00000001"}');
    const job = { id: 'job_order-00000001', updatedAt: 5, operations: [], findings: [] };
    insert.run('jobs', job.id, 'north', 2, 1, JSON.stringify(job));
    const before = database.prepare(`SELECT ${ORIGINAL_COLUMNS} FROM documents ORDER BY seq`).all();

    migrate(database);

    expect(
      database.prepare(`SELECT ${ORIGINAL_COLUMNS} FROM documents ORDER BY seq`).all(),
    ).toEqual(before);
    insert.run('repair_orders', 'order-00000001', 'north', 3, 0, '{"id":"order-00000001"}');
    expect(() =>
      insert.run('repair_orders', 'order-00000001', 'north', 4, 0, '{"id":"order-00000001"}'),
    ).toThrow(/UNIQUE/);
    const indexes = database
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'documents'")
      .pluck()
      .all();
    expect(indexes).toEqual(
      expect.arrayContaining(['documents_by_collection_seq', 'documents_by_site_collection_seq']),
    );
  } finally {
    database.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
});
