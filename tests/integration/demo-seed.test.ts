import fs from 'node:fs/promises';
import path from 'node:path';
import { Ajv } from 'ajv';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  DEMO_PIN,
  DEMO_SITE,
  DEMO_USERS,
  checkVin,
  wireSchemaOf,
} from '../../src/schema/index.js';
import { verifySecret } from '../../sync-server/auth/secret-hash.js';
import { DATABASE_FILE_NAME } from '../../sync-server/database/sqlite-database.js';
import { pullAll } from './helpers/sync-http.js';
import { makeTempDir, startTestServer } from './helpers/test-server.js';

interface UserRow {
  username: string;
  role: string;
  site_id: string;
  password_hash: string;
  pin_hash: string;
}

describe('the demo dealer', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await makeTempDir();
  });
  afterEach(() => fs.rm(dataDir, { recursive: true, force: true }));

  function readDatabase<T>(read: (database: BetterSqlite3.Database) => T): T {
    const database = new BetterSqlite3(path.join(dataDir, DATABASE_FILE_NAME), { readonly: true });
    try {
      return read(database);
    } finally {
      database.close();
    }
  }

  it('is seeded once on an empty database: site, one user per role, today’s orders', async () => {
    const server = await startTestServer({ dataDir, demo: true });
    const orders = await pullAll(server.baseUrl);
    await server.stop({ keepData: true });

    const sites = readDatabase((db) => db.prepare('SELECT id, name FROM sites').all());
    expect(sites).toEqual([{ id: DEMO_SITE.id, name: DEMO_SITE.name }]);
    const users = readDatabase((db) => db.prepare('SELECT * FROM users').all() as UserRow[]);
    expect(users.map((user) => [user.username, user.role]).sort()).toEqual(
      DEMO_USERS.map((user) => [user.username, user.role]).sort(),
    );
    for (const user of users) {
      expect(user.site_id).toBe(DEMO_SITE.id);
      expect(user.password_hash).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[^$]+\$[^$]+$/);
      expect(user.password_hash).not.toContain(DEMO_PASSWORD);
    }
    const advisor = users.find((user) => user.username === 'advisor1') as UserRow;
    expect(await verifySecret(DEMO_PASSWORD, advisor.password_hash)).toBe(true);
    expect(await verifySecret('wrong-password', advisor.password_hash)).toBe(false);
    expect(await verifySecret(DEMO_PIN, advisor.pin_hash)).toBe(true);
    const file = await fs.readFile(path.join(dataDir, DATABASE_FILE_NAME));
    expect(file.includes(DEMO_PASSWORD)).toBe(false);

    const validate = new Ajv().compile(wireSchemaOf('repair_orders'));
    const today = new Date().toDateString();
    expect(orders.documents.length).toBeGreaterThanOrEqual(3);
    for (const order of orders.documents) {
      expect(validate(order), JSON.stringify(validate.errors)).toBe(true);
      expect(checkVin(order.vehicle.vin)).toEqual({ errors: [], warnings: [] });
      expect(new Date(order.createdAt).toDateString()).toBe(today);
      expect(order.siteId).toBe(DEMO_SITE.id);
    }
  });

  it('a second start does not seed again', async () => {
    const first = await startTestServer({ dataDir, demo: true });
    const seeded = await pullAll(first.baseUrl);
    await first.stop({ keepData: true });

    const second = await startTestServer({ dataDir, demo: true });
    expect(await pullAll(second.baseUrl)).toEqual(seeded);
    await second.stop({ keepData: true });
    expect(readDatabase((db) => db.prepare('SELECT COUNT(*) AS n FROM users').get())).toEqual({
      n: DEMO_USERS.length,
    });
  });

  it('without demo nothing is created', async () => {
    const server = await startTestServer({ dataDir, demo: false, demoUsers: false });
    await server.stop({ keepData: true });
    const counts = readDatabase((db) =>
      db
        .prepare(
          `SELECT (SELECT COUNT(*) FROM sites) AS sites, (SELECT COUNT(*) FROM users) AS users,
                  (SELECT COUNT(*) FROM documents) AS documents`,
        )
        .get(),
    );
    expect(counts).toEqual({ sites: 0, users: 0, documents: 0 });
  });
});
