/**
 * The real sync server for the bench: built in this process on a free
 * loopback port over a fresh SQLite file, serving the bench page too, so the
 * page's sync calls are same-origin exactly as the app's are. It holds the
 * demo site's users, and the bench's tablets sync as the demo advisor.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  API_BASE,
  DEMO_PASSWORD,
  DEMO_USER,
  PROTOCOL_HEADER,
  SYNC_LIMITS,
  SYNC_PROTOCOL_VERSION,
  type RepairOrder,
} from '../../src/schema/index.js';
import { addSiteUser } from '../../sync-server/auth/user-admin.js';
import { insertSite } from '../../sync-server/database/sqlite-directory.js';
import { buildServer } from '../../sync-server/build-server.js';
import {
  DATABASE_FILE_NAME,
  closeSqliteDatabase,
  openSqliteDatabase,
} from '../../sync-server/database/sqlite-database.js';
import { seedDemoSite } from '../../sync-server/demo/seed-demo.js';
import { enrolTablet, loginOnTablet } from '../support/enrolled-tablet.js';

export interface BenchServer {
  url: string;
  /** The demo advisor's access token, for the pages' sync (valid 15 minutes). */
  accessToken: string;
  /** Rows of a collection in the server's SQLite file, read as an admin would. */
  countStored(collection: string): number;
  /** A dealer site of its own, with an admin and an advisor signed in on a tablet. */
  addSite(siteId: string): Promise<BenchSite>;
  /** Resolves once the server's file holds `expected` rows; fails after `timeoutMs`. */
  waitForStored(collection: string, expected: number, timeoutMs?: number): Promise<number>;
  stop(): Promise<void>;
}

export interface BenchSite {
  siteId: string;
  advisor: string;
  accessToken: string;
  /** Pushes the orders over HTTP as that site's advisor, in the largest batches allowed. */
  seedOrders(orders: RepairOrder[]): Promise<void>;
}

export async function startBenchServer(staticDir: string): Promise<BenchServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'lane-bench-server-'));
  await seedUsers(dataDir);
  const app = await buildServer({ dataDir, staticDir, logger: false, demo: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const reader = new Database(join(dataDir, DATABASE_FILE_NAME), {
    readonly: true,
    fileMustExist: true,
  });
  const countQuery = reader
    .prepare<[string], number>('SELECT COUNT(*) FROM documents WHERE collection = ?')
    .pluck();
  const countStored = (collection: string) => countQuery.get(collection) ?? 0;

  return {
    url,
    accessToken: await signIn(url),
    countStored,
    addSite: (siteId) => addBenchSite(url, dataDir, siteId),
    async waitForStored(collection, expected, timeoutMs = 10_000) {
      const deadline = performance.now() + timeoutMs;
      let count = countStored(collection);
      while (count < expected && performance.now() < deadline) {
        await new Promise((resolve) => setImmediate(resolve));
        count = countStored(collection);
      }
      if (count < expected)
        throw new Error(`server holds ${count} ${collection}, expected ${expected}`);
      return count;
    },
    async stop() {
      reader.close();
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The demo site and its users (no orders: the bench server must start empty). */
async function seedUsers(dataDir: string): Promise<void> {
  const database = openSqliteDatabase(dataDir);
  try {
    await seedDemoSite(database);
  } finally {
    closeSqliteDatabase(database);
  }
}

/** The demo advisor on the bench's own tablet, enrolled by the demo site's admin. */
async function signIn(url: string): Promise<string> {
  const tablet = await enrolTablet(url, 'bench-runner');
  const credentials = { username: DEMO_USER.username, password: DEMO_PASSWORD };
  return (await loginOnTablet(url, tablet, credentials)).accessToken;
}

const SITE_PASSWORD = 'bench-site-secret';

async function addBenchSite(url: string, dataDir: string, siteId: string): Promise<BenchSite> {
  const database = openSqliteDatabase(dataDir);
  const advisor = `${siteId}-advisor`;
  const admin = `${siteId}-admin`;
  try {
    insertSite(database, { id: siteId, name: `Bench ${siteId}` });
    for (const [username, role] of [
      [advisor, 'advisor'],
      [admin, 'admin'],
    ] as const) {
      const added = await addSiteUser(database, siteId, {
        username,
        displayName: username,
        role,
        password: SITE_PASSWORD,
        pin: '2468',
      });
      if (!added.ok) throw new Error(`bench user ${username}: ${JSON.stringify(added)}`);
    }
  } finally {
    closeSqliteDatabase(database);
  }
  const tablet = await enrolTablet(url, `bench-${siteId}`, {
    username: admin,
    password: SITE_PASSWORD,
    siteId,
  });
  const login = await loginOnTablet(url, tablet, {
    username: advisor,
    password: SITE_PASSWORD,
    siteId,
  });
  const headers = {
    'content-type': 'application/json',
    [PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION),
    authorization: `Bearer ${login.accessToken}`,
  };
  return {
    siteId,
    advisor,
    accessToken: login.accessToken,
    async seedOrders(orders) {
      for (let first = 0; first < orders.length; first += SYNC_LIMITS.maxPushRows) {
        const rows = orders.slice(first, first + SYNC_LIMITS.maxPushRows).map((order) => ({
          newDocumentState: {
            ...order,
            siteId,
            createdBy: advisor,
            updatedBy: advisor,
            _deleted: false,
          },
        }));
        const response = await fetch(`${url}${API_BASE}/sync/repair_orders/push`, {
          method: 'POST',
          headers,
          body: JSON.stringify(rows),
        });
        const answer = (await response.json()) as { conflicts?: unknown[]; rejected?: unknown[] };
        if (response.status !== 200 || answer.conflicts?.length || answer.rejected?.length)
          throw new Error(
            `seeding ${siteId}: ${response.status} ${JSON.stringify(answer).slice(0, 300)}`,
          );
      }
    },
  };
}
