import fs from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../../sync-server/build-server.js';

/** A real server on a free port over a real SQLite file in a fresh temp dir. */
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

export async function startTestServer(
  options: { dataDir?: string; demo?: boolean; staticDir?: string } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await makeTempDir());
  const app = await buildServer({ ...options, dataDir, demo: options.demo ?? false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    app,
    dataDir,
    baseUrl: `http://127.0.0.1:${port}`,
    async stop({ keepData = false } = {}) {
      await app.close();
      if (!keepData) await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
