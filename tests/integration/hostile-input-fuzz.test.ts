import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  API_BASE,
  ERROR_MESSAGES,
  PROTOCOL_HEADER,
  SYNC_PROTOCOL_VERSION,
  type CodedError,
  type LoginResponse,
} from '../../src/schema/index.js';
import { DATABASE_FILE_NAME } from '../../sync-server/database/sqlite-database.js';
import { tabletNamed, type EnrolledTablet } from '../support/enrolled-tablet.js';
import { bearer, loginAs } from './helpers/auth.js';
import { generateHostileRequests, type HostileRequest } from './helpers/hostile-requests.js';
import { makeTempDir, startTestServer, type TestServer } from './helpers/test-server.js';

/**
 * Ten thousand malformed or hostile requests, over raw sockets so that bad
 * bytes, cut-off bodies and broken request lines reach the server as sent.
 * None may get a 5xx, every refusal names a stable code, and nothing is
 * written. `FUZZ_SEED=<n>` replays a run; the seed is printed.
 */
const REQUEST_COUNT = 10_000;
const CONCURRENCY = 48;
const OUTSIDE_SECRET = 'SENTINEL-OUTSIDE-THE-APP-ROOT';
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));

interface RawResponse {
  status: number;
  headers: Map<string, string>;
  body: Buffer;
}

function parseResponse(bytes: Buffer): RawResponse | undefined {
  const end = bytes.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const [statusLine = '', ...headerLines] = bytes.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(statusLine.split(' ')[1]);
  const headers = new Map<string, string>();
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  let body = bytes.subarray(end + 4);
  if (headers.get('transfer-encoding') === 'chunked') body = dechunk(body);
  return { status, headers, body };
}

function dechunk(bytes: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  while (at < bytes.length) {
    const lineEnd = bytes.indexOf('\r\n', at);
    const size = parseInt(bytes.subarray(at, lineEnd).toString('latin1'), 16);
    if (!(size > 0)) break;
    parts.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

function requestBytes(request: HostileRequest, host: string): Buffer {
  if (request.raw) return request.raw;
  const body = request.body ?? Buffer.alloc(0);
  const declared = request.truncated ? body.length + 1_000 : body.length;
  const lines = [
    `${request.method} ${request.target} HTTP/1.1`,
    `host: ${host}`,
    'connection: close',
  ];
  for (const [name, value] of request.headers) lines.push(`${name}: ${value}`);
  if (request.body) lines.push(`content-length: ${declared}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body]);
}

/** One request on its own connection; resolves with whatever came back when the server hangs up. */
function send(port: number, request: HostileRequest): Promise<RawResponse | undefined> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    const chunks: Buffer[] = [];
    // A request that gets no end (a live stream opened after all) must not hang the run.
    socket.setTimeout(15_000, () => socket.destroy());
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(parseResponse(Buffer.concat(chunks))));
    socket.write(requestBytes(request, `127.0.0.1:${port}`));
    // A cut-off upload: the client hangs up half-way through its body.
    if (request.truncated) socket.end();
  });
}

function describeRequest(request: HostileRequest): string {
  const head = request.raw
    ? request.raw.subarray(0, 160).toString('latin1')
    : `${request.method} ${request.target.slice(0, 160)} ${JSON.stringify(request.headers).slice(0, 200)}`;
  const body = request.body ? ` body: ${request.body.subarray(0, 200).toString('latin1')}` : '';
  return `[${request.kind}] ${head}${body}`;
}

/** What a refusal must look like; undefined when the answer is acceptable. */
function problemWith(
  request: HostileRequest,
  response: RawResponse | undefined,
): string | undefined {
  if (!response) return request.truncated ? undefined : 'no answer';
  if (response.status >= 500) return `${response.status} ${response.body.toString().slice(0, 200)}`;
  if (response.body.includes(OUTSIDE_SECRET)) return 'served a file outside the app';
  const isRead = request.method === 'GET' || request.method === 'HEAD';
  if (response.status < 400) {
    if (!isRead) return `${response.status}: a hostile write was accepted`;
    if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
      return 'opened a live stream';
    }
    return undefined;
  }
  if (request.method === 'HEAD' || response.body.length === 0) {
    return request.method === 'HEAD' ? undefined : `${response.status} with an empty body`;
  }
  try {
    const { code } = JSON.parse(response.body.toString()) as { code?: unknown };
    if (typeof code === 'string' && Object.hasOwn(ERROR_MESSAGES, code)) return undefined;
    return `${response.status} without a stable code: ${response.body.toString().slice(0, 200)}`;
  } catch {
    return `${response.status} with a body that is not JSON: ${response.body.toString().slice(0, 200)}`;
  }
}

/**
 * Everything a request could write: the row count of every table (so tables
 * added later are covered too), the users, tablets and sign-ins in full, and the blob files.
 */
async function snapshot(dataDir: string): Promise<Record<string, unknown>> {
  const database = new Database(path.join(dataDir, DATABASE_FILE_NAME), { readonly: true });
  try {
    const tables = database
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all() as string[];
    // Refused sign-ins are audited by design: the audit log may grow by those, and only those.
    const rowCounts = Object.fromEntries(
      tables.map((table) => [
        table,
        database
          .prepare(
            table === 'audit_log'
              ? `SELECT count(*) FROM audit_log WHERE action <> 'sign-in-failed'`
              : `SELECT count(*) FROM "${table}"`,
          )
          .pluck()
          .get(),
      ]),
    );
    const blobFiles = await fs
      .readdir(path.join(dataDir, 'blobs'), { recursive: true })
      .catch(() => [] as string[]);
    return {
      rowCounts,
      sequence: database.prepare('SELECT value FROM sync_sequence').pluck().get(),
      users: database.prepare('SELECT * FROM users ORDER BY id').all(),
      devices: database.prepare('SELECT * FROM devices ORDER BY id').all(),
      refreshTokens: database
        .prepare('SELECT id, revoked_at FROM refresh_tokens ORDER BY id')
        .all(),
      blobFiles: blobFiles.sort(),
    };
  } finally {
    database.close();
  }
}

describe('hostile input', () => {
  let server: TestServer;
  let rootDir: string;
  let advisor: LoginResponse;
  let admin: LoginResponse;
  let tablet: EnrolledTablet;

  beforeAll(async () => {
    rootDir = await makeTempDir();
    const staticDir = path.join(rootDir, 'app');
    await fs.mkdir(path.join(staticDir, 'assets'), { recursive: true });
    await fs.writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>lane</title>');
    await fs.writeFile(path.join(staticDir, 'assets', 'index-abc.js'), 'console.log(1);');
    // Beside the app root: a path-traversal request that reached it would show this text.
    await fs.writeFile(path.join(rootDir, 'secret.txt'), OUTSIDE_SECRET);
    server = await startTestServer({ staticDir });
    // Before the fuzz: its failed sign-ins soon rate-limit every further one.
    advisor = await loginAs(server.baseUrl, 'advisor1', 'fuzz-advisor');
    admin = await loginAs(server.baseUrl, 'admin', 'fuzz-admin');
    tablet = await tabletNamed(server.baseUrl, 'fuzz-advisor');
  });
  afterAll(async () => {
    await server?.stop();
    await fs.rm(rootDir, { recursive: true, force: true });
  });

  it(`${REQUEST_COUNT} malformed or hostile requests: no 5xx, coded refusals, nothing written`, async () => {
    console.info(`hostile-input fuzz: FUZZ_SEED=${SEED}`);
    const before = await snapshot(server.dataDir);
    const requests = generateHostileRequests(SEED, REQUEST_COUNT, {
      advisor: advisor.accessToken,
      admin: admin.accessToken,
      tablet,
    });
    const port = Number(new URL(server.baseUrl).port);

    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    async function worker() {
      while (next < requests.length) {
        const request = requests[next++] as HostileRequest;
        const response = await send(port, request);
        statuses.set(response?.status ?? 0, (statuses.get(response?.status ?? 0) ?? 0) + 1);
        const problem = problemWith(request, response);
        if (problem) failures.push(`${problem}\n    ← ${describeRequest(request)}`);
      }
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    console.info('hostile-input fuzz: answers by status', Object.fromEntries(statuses));
    if (process.env.FUZZ_REPORT) await fs.writeFile(process.env.FUZZ_REPORT, failures.join('\n'));

    expect(failures.slice(0, 8), `FUZZ_SEED=${SEED}: ${failures.length} bad answers`).toEqual([]);
    expect(requests.length).toBeGreaterThanOrEqual(10_000);
    // Nothing crept into every object in the server's process.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const health = await fetch(`${server.baseUrl}${API_BASE}/health`);
    expect(health.status).toBe(200);
    expect(await snapshot(server.dataDir)).toEqual(before);
  }, 120_000);

  // What earlier runs found, kept as plain cases.
  it('a checkpoint or limit too large for a number is refused with 422, not a database 500', async () => {
    const { accessToken } = advisor;
    for (const query of ['checkpoint=1e309', `checkpoint=${'9'.repeat(400)}`, 'limit=1e309']) {
      const response = await fetch(
        `${server.baseUrl}${API_BASE}/sync/repair_orders/pull?${query}`,
        {
          headers: { ...bearer(accessToken), [PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION) },
        },
      );
      expect(response.status, query).toBe(422);
      expect(((await response.json()) as CodedError).code).toBe('SCHEMA_INVALID');
    }
  });

  it('an address that cannot be decoded, or a parameter over the length limit, gets a coded refusal', async () => {
    for (const address of [
      `${API_BASE}/blobs/%E0%A4%A`,
      `${API_BASE}/blobs/${'a'.repeat(5_000)}`,
    ]) {
      const response = await fetch(`${server.baseUrl}${address}`);
      expect(response.status, address.slice(0, 40)).toBeGreaterThanOrEqual(400);
      expect(response.status, address.slice(0, 40)).toBeLessThan(500);
      expect(((await response.json()) as CodedError).code).toBe('REQUEST_INVALID');
    }
  });

  it('a request HTTP cannot parse gets a coded 400, and headers over the limit a coded 431', async () => {
    const cases = [
      ['POST /api/v1/auth/login HTTP/1.1\r\nhost: x\r\ncontent-length: -1\r\n\r\n', 400],
      [`GET /api/v1/health HTTP/1.1\r\nhost: x\r\nx-long: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
    ] as const;
    for (const [raw, status] of cases) {
      const request: HostileRequest = {
        kind: 'raw',
        method: '-',
        target: '-',
        headers: [],
        raw: Buffer.from(raw),
      };
      const response = await send(Number(new URL(server.baseUrl).port), request);
      expect(response?.status).toBe(status);
      expect((JSON.parse(String(response?.body)) as CodedError).code).toBe('REQUEST_INVALID');
    }
  });
});
