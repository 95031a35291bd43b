/**
 * The real sync server for the bench: built in this process on a free
 * loopback port over a fresh SQLite file, serving the bench page too, so the
 * page's sync calls are same-origin exactly as the app's are.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { buildServer } from '../../sync-server/build-server.js';
import { DATABASE_FILE_NAME } from '../../sync-server/database/sqlite-database.js';

export interface BenchServer {
  url: string;
  /** Rows of a collection in the server's SQLite file, read as an admin would. */
  countStored(collection: string): number;
  /** Resolves once the server's file holds `expected` rows; fails after `timeoutMs`. */
  waitForStored(collection: string, expected: number, timeoutMs?: number): Promise<number>;
  stop(): Promise<void>;
}

export async function startBenchServer(staticDir: string): Promise<BenchServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'lane-bench-server-'));
  const app = await buildServer({ dataDir, staticDir, logger: false, demo: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const reader = new Database(join(dataDir, DATABASE_FILE_NAME), {
    readonly: true,
    fileMustExist: true,
  });
  const countQuery = reader
    .prepare<[string], number>('SELECT COUNT(*) FROM documents WHERE collection = ?')
    .pluck();
  const countStored = (collection: string) => countQuery.get(collection) ?? 0;

  return {
    url: `http://127.0.0.1:${port}`,
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
