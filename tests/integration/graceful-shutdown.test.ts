import fs from 'node:fs/promises';
import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROTOCOL_HEADER, SYNC_PROTOCOL_VERSION } from '../../src/schema/index.js';
import { DATABASE_FILE_NAME } from '../../sync-server/database/sqlite-database.js';
import { makeRepairOrder } from '../factories/repair-order.js';
import { bearer, loginAs } from './helpers/auth.js';
import { startServerProcess } from './helpers/server-process.js';
import { openEventStream } from './helpers/sse-client.js';
import { pullAll, streamUrl, syncUrl, toWire } from './helpers/sync-http.js';
import { makeTempDir, seedDemoUsers, startTestServer } from './helpers/test-server.js';

/** Starts a push whose body is sent in two parts, so the test decides when it completes. */
function startSlowPush(url: string, body: string, token: string) {
  const request = http.request(url, {
    method: 'POST',
    headers: {
      ...bearer(token),
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      [PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION),
    },
  });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    request.on('error', reject);
    request.on('response', (incoming) => {
      let text = '';
      incoming.on('data', (chunk: Buffer) => (text += chunk.toString()));
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, body: text }));
    });
  });
  const half = Math.floor(body.length / 2);
  request.write(body.slice(0, half));
  return { finish: () => request.end(body.slice(half)), response };
}

describe('stopping the server', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await makeTempDir();
  });
  afterEach(() => fs.rm(dataDir, { recursive: true, force: true }));

  it('graceful shutdown: SIGTERM lets a push in flight finish, ends streams, and the data survives a restart', async () => {
    // Production seeds no one: the users come first, as `npm run admin` would make them.
    await seedDemoUsers(dataDir);
    const server = startServerProcess({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
    });
    const { url } = await server.waitForLog((record) => record.msg === 'listening');
    const baseUrl = String(url);
    const { accessToken } = await loginAs(baseUrl);
    const stream = await openEventStream(await streamUrl(baseUrl, accessToken));

    const order = toWire(makeRepairOrder({ concern: '关机前最后一单' }));
    const push = startSlowPush(
      syncUrl(baseUrl, 'push'),
      JSON.stringify([{ newDocumentState: order }]),
      accessToken,
    );
    await server.waitForLog(
      (record) => record.msg === 'incoming request' && JSON.stringify(record).includes('/push'),
    );
    server.child.kill('SIGTERM');
    await server.waitForLog((record) => record.msg?.startsWith('shutting down') ?? false);
    push.finish();

    const answer = await push.response;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ conflicts: [], rejected: [] });
    expect(await server.exited).toEqual({ code: 0, signal: null });
    await stream.ended;
    expect(server.logs.some((record) => record.msg === 'stopped cleanly')).toBe(true);
    const files = await fs.readdir(dataDir);
    expect(files).toContain(DATABASE_FILE_NAME);
    expect(files.filter((file) => file.endsWith('-wal'))).toEqual([]);

    const restarted = await startTestServer({ dataDir });
    expect((await pullAll(restarted.baseUrl)).documents).toEqual([order]);
    await restarted.stop({ keepData: true });
  });
});
