import fs from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { AuthOptions } from '../../../sync-server/auth/auth-service.js';
import { buildServer } from '../../../sync-server/build-server.js';
import {
  closeSqliteDatabase,
  openSqliteDatabase,
} from '../../../sync-server/database/sqlite-database.js';
import { seedDemoSite } from '../../../sync-server/demo/seed-demo.js';
import { forgetSignIns } from './auth.js';

/**
 * A real server on a free port over a real SQLite file in a fresh temp dir,
 * with the demo site and its users (no orders) so tests can sign in.
 */
export interface TestServer {
  app: FastifyInstance;
  baseUrl: string;
  dataDir: string;
  /** Closes the server; removes the data dir unless asked to keep it. */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

export function makeTempDir(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'service-lane-test-'));
}

export interface TestServerOptions {
  dataDir?: string;
  /** The whole demo dealer, orders included, as `npm start` seeds it. */
  demo?: boolean;
  /** false: not even the demo site and its users (default true). */
  demoUsers?: boolean;
  staticDir?: string;
  auth?: AuthOptions;
}

/** The demo site and users straight into the database, before a server opens it. */
export async function seedDemoUsers(dataDir: string): Promise<void> {
  const database = openSqliteDatabase(dataDir);
  try {
    await seedDemoSite(database);
  } finally {
    closeSqliteDatabase(database);
  }
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const { demoUsers = true, ...serverOptions } = options;
  const dataDir = options.dataDir ?? (await makeTempDir());
  if (demoUsers && !options.demo) await seedDemoUsers(dataDir);
  const app = await buildServer({ ...serverOptions, dataDir, demo: options.demo ?? false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    app,
    dataDir,
    baseUrl,
    async stop({ keepData = false } = {}) {
      forgetSignIns(baseUrl);
      await app.close();
      if (!keepData) await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
