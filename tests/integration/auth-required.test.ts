import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  API_BASE,
  COLLECTION_NAMES,
  ERROR_MESSAGES,
  PROTOCOL_HEADER,
  SYNC_PROTOCOL_VERSION,
} from '../../src/schema/index.js';
import { makeRepairOrder } from '../factories/repair-order.js';
import { enrolTablet } from '../support/enrolled-tablet.js';
import { advisorToken, bearer } from './helpers/auth.js';
import { SYNC_HEADERS, syncUrl, toWire } from './helpers/sync-http.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

/**
 * Sync and blobs are for signed-in tablets only: without a token every route
 * answers 401 AUTH_REQUIRED before it reads anything, and nothing is stored.
 */
const refusal = { code: 'AUTH_REQUIRED', message: ERROR_MESSAGES.AUTH_REQUIRED };

describe('sync and blobs without a sign-in', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(() => server.stop());

  async function expectRefused(response: Response, label: string) {
    expect(response.status, label).toBe(401);
    expect(response.headers.get('www-authenticate'), label).toBe('Bearer');
    const text = await response.text(); // empty for HEAD
    if (text !== '') expect(JSON.parse(text), label).toEqual(refusal);
  }

  it('every collection refuses push, pull and stream, and nothing is written', async () => {
    const order = [{ newDocumentState: toWire(makeRepairOrder()) }];
    for (const collection of COLLECTION_NAMES) {
      const body = JSON.stringify(collection === 'repair_orders' ? order : []);
      const push = await fetch(syncUrl(server.baseUrl, 'push', collection), {
        method: 'POST',
        headers: SYNC_HEADERS,
        body,
      });
      await expectRefused(push, `push ${collection}`);
      const pull = await fetch(syncUrl(server.baseUrl, 'pull', collection), {
        headers: SYNC_HEADERS,
      });
      await expectRefused(pull, `pull ${collection}`);
      const stream = await fetch(
        `${syncUrl(server.baseUrl, 'stream', collection)}?protocol=${SYNC_PROTOCOL_VERSION}`,
      );
      await expectRefused(stream, `stream ${collection}`);
    }

    const signedIn = { ...SYNC_HEADERS, ...bearer(await advisorToken(server.baseUrl)) };
    for (const collection of COLLECTION_NAMES) {
      const pulled = await fetch(syncUrl(server.baseUrl, 'pull', collection), {
        headers: signedIn,
      });
      expect(await pulled.json(), collection).toEqual({
        documents: [],
        checkpoint: null,
        more: false,
        remaining: 0,
      });
    }
  });

  it('a malformed push without a token hears about the token, not the body', async () => {
    const push = await fetch(syncUrl(server.baseUrl, 'push'), {
      method: 'POST',
      headers: SYNC_HEADERS,
      body: '[{"newDocumentState": {',
    });
    await expectRefused(push, 'malformed push');
  });

  it('blobs cannot be uploaded, looked for or downloaded, and nothing is stored', async () => {
    const photo = await readFile(
      new URL('../fixtures/images/gradient-800x600.jpg', import.meta.url),
    );
    const url = `${server.baseUrl}${API_BASE}/blobs/${createHash('sha256').update(photo).digest('hex')}`;
    const protocol = { [PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION) };

    const put = await fetch(url, {
      method: 'PUT',
      headers: { ...protocol, 'content-type': 'image/jpeg' },
      body: new Uint8Array(photo),
    });
    await expectRefused(put, 'PUT');
    await expectRefused(await fetch(url, { method: 'HEAD', headers: protocol }), 'HEAD');
    await expectRefused(await fetch(url, { headers: protocol }), 'GET');

    const signedIn = { ...protocol, ...bearer(await advisorToken(server.baseUrl)) };
    expect((await fetch(url, { method: 'HEAD', headers: signedIn })).status).toBe(404);
  });

  it('the sign-in routes, health and the API description stay open', async () => {
    expect((await fetch(`${server.baseUrl}${API_BASE}/health`)).status).toBe(200);
    expect((await fetch(`${server.baseUrl}${API_BASE}/openapi.json`)).status).toBe(200);
    const tablet = await enrolTablet(server.baseUrl, 'Lane tablet 1');
    const openAnswer = async (route: string, body: object) => {
      const response = await fetch(`${server.baseUrl}${API_BASE}/auth/${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, code: ((await response.json()) as { code: string }).code };
    };
    const wrongPassword = { username: 'advisor1', password: 'wrong-one' };
    expect(await openAnswer('login', { ...wrongPassword, ...tablet })).toEqual({
      status: 401,
      code: 'LOGIN_FAILED',
    });
    expect(await openAnswer('enroll', { ...wrongPassword, deviceName: 'Lane tablet 2' })).toEqual({
      status: 401,
      code: 'LOGIN_FAILED',
    });
  });

  it('the API description says which routes need the token and how', async () => {
    const document = (await (await fetch(`${server.baseUrl}${API_BASE}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { security?: unknown }>>;
      components: { securitySchemes: Record<string, unknown> };
    };
    const bearerOnly = [{ bearerAuth: [] }];
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual([
      'bearerAuth',
      'streamTicket',
    ]);
    const sync = `${API_BASE}/sync/repair_orders`;
    expect(document.paths[`${sync}/push`]?.post?.security).toEqual(bearerOnly);
    expect(document.paths[`${sync}/pull`]?.get?.security).toEqual(bearerOnly);
    expect(document.paths[`${sync}/stream`]?.get?.security).toEqual([{ streamTicket: [] }]);
    expect(document.paths[`${API_BASE}/sync/stream-ticket`]?.post?.security).toEqual(bearerOnly);
    expect(document.paths[`${API_BASE}/blobs/{sha256}`]?.put?.security).toEqual(bearerOnly);
    expect(document.paths[`${API_BASE}/admin/users`]?.post?.security).toEqual(bearerOnly);
    expect(document.paths[`${API_BASE}/site/users`]?.get?.security).toEqual(bearerOnly);
    expect(document.paths[`${API_BASE}/admin/devices`]?.get?.security).toEqual(bearerOnly);
    expect(document.paths[`${API_BASE}/admin/devices/{deviceId}/revoke`]?.post?.security).toEqual(
      bearerOnly,
    );
    expect(document.paths[`${API_BASE}/auth/login`]?.post?.security).toBeUndefined();
    expect(document.paths[`${API_BASE}/auth/enroll`]?.post?.security).toBeUndefined();
    expect(document.paths[`${API_BASE}/auth/refresh`]?.post).toBeDefined();
  });
});
