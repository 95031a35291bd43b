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
import { DEMO_PASSWORD, DEMO_USER } from '../../src/schema/index.js';
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
  /** Resolves once the server's file holds `expected` rows; fails after `timeoutMs`. */
  waitForStored(collection: string, expected: number, timeoutMs?: number): Promise<number>;
  stop(): Promise<void>;
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
