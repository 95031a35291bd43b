import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  API_BASE,
  ERROR_MESSAGES,
  PROTOCOL_HEADER,
  SYNC_LIMITS,
  SYNC_PROTOCOL_VERSION,
  type CodedError,
} from '../../src/schema/index.js';
import { makeRepairOrder } from '../factories/repair-order.js';
import {
  SYNC_HEADERS,
  pullAll,
  pushRows,
  signedHeaders,
  syncUrl,
  toWire,
} from './helpers/sync-http.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

describe('requests the server refuses', () => {
  let server: TestServer;
  let before: Awaited<ReturnType<typeof pullAll>>;
  let signed: Record<string, string>;

  beforeEach(async () => {
    server = await startTestServer();
    signed = await signedHeaders(server.baseUrl);
    await pushRows(server.baseUrl, [{ newDocumentState: toWire(makeRepairOrder()) }]);
    before = await pullAll(server.baseUrl);
  });
  afterEach(() => server.stop());

  async function push(body: string, headers: Record<string, string> = signed) {
    const response = await fetch(syncUrl(server.baseUrl, 'push'), {
      method: 'POST',
      headers,
      body,
    });
    return { status: response.status, error: (await response.json()) as CodedError };
  }

  async function expectDatabaseUnchanged() {
    const after = await pullAll(server.baseUrl);
    expect(after).toEqual(before);
    expect(after.last).toBe(1);
  }

  it('malformed JSON gets 400 BODY_MALFORMED', async () => {
    const { status, error } = await push('[{"newDocumentState": {');
    expect(status).toBe(400);
    expect(error).toEqual({ code: 'BODY_MALFORMED', message: ERROR_MESSAGES.BODY_MALFORMED });
    await expectDatabaseUnchanged();
  });

  it('a body over the size limit gets 413 BODY_TOO_LARGE', async () => {
    const order = toWire(makeRepairOrder({ concern: 'x'.repeat(4000) }));
    const rowBytes = JSON.stringify({ newDocumentState: order }).length;
    const rowCount = Math.ceil(SYNC_LIMITS.maxBodyBytes / rowBytes) + 10;
    const rows = Array.from({ length: rowCount }, () => ({ newDocumentState: order }));
    const body = JSON.stringify(rows);
    expect(body.length).toBeGreaterThan(SYNC_LIMITS.maxBodyBytes);
    const { status, error } = await push(body);
    expect(status).toBe(413);
    expect(error.code).toBe('BODY_TOO_LARGE');
    await expectDatabaseUnchanged();
  });

  it('a schema violation gets 422 SCHEMA_INVALID naming the field, and the whole batch is refused', async () => {
    const good = toWire(makeRepairOrder());
    const bad = toWire(makeRepairOrder({ fuelEighths: 9 }));
    const { status, error } = await push(
      JSON.stringify([{ newDocumentState: good }, { newDocumentState: bad }]),
    );
    expect(status).toBe(422);
    expect(error).toEqual({
      code: 'SCHEMA_INVALID',
      message: ERROR_MESSAGES.SCHEMA_INVALID,
      field: '/1/newDocumentState/fuelEighths',
    });
    await expectDatabaseUnchanged();
  });

  it('an unknown extra field gets 422 naming it', async () => {
    const sneaky = { ...toWire(makeRepairOrder()), discountPercent: 90 };
    const { status, error } = await push(JSON.stringify([{ newDocumentState: sneaky }]));
    expect(status).toBe(422);
    expect(error.field).toBe('/0/newDocumentState/discountPercent');
    await expectDatabaseUnchanged();
  });

  it('a missing required field gets 422 naming it', async () => {
    const { vehicle, ...withoutVehicle } = toWire(makeRepairOrder());
    expect(vehicle).toBeDefined();
    const { status, error } = await push(JSON.stringify([{ newDocumentState: withoutVehicle }]));
    expect(status).toBe(422);
    expect(error.field).toBe('/0/newDocumentState/vehicle');
    await expectDatabaseUnchanged();
  });

  it('too many rows in one push get 422', async () => {
    const rows = Array.from({ length: SYNC_LIMITS.maxPushRows + 1 }, () => ({
      newDocumentState: toWire(makeRepairOrder()),
    }));
    const { status, error } = await push(JSON.stringify(rows));
    expect(status).toBe(422);
    expect(error.code).toBe('SCHEMA_INVALID');
    await expectDatabaseUnchanged();
  });

  it('a body that is not JSON gets 415', async () => {
    const { status, error } = await push('hello', { ...signed, 'content-type': 'text/plain' });
    expect(status).toBe(415);
    expect(error.code).toBe('CONTENT_TYPE_UNSUPPORTED');
    await expectDatabaseUnchanged();
  });

  it('a pull limit out of range gets 422 naming the parameter', async () => {
    const response = await fetch(
      `${syncUrl(server.baseUrl, 'pull')}?limit=${SYNC_LIMITS.maxPullLimit + 1}`,
      { headers: signed },
    );
    expect(response.status).toBe(422);
    expect(((await response.json()) as CodedError).field).toBe('/limit');
  });

  it('an unknown collection gets 404 UNKNOWN_COLLECTION; other unknown paths NOT_FOUND', async () => {
    const unknown = await fetch(syncUrl(server.baseUrl, 'push', 'invoices'), {
      method: 'POST',
      headers: signed,
      body: '[]',
    });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as CodedError).code).toBe('UNKNOWN_COLLECTION');

    const elsewhere = await fetch(`${server.baseUrl}${API_BASE}/nothing-here`);
    expect(elsewhere.status).toBe(404);
    expect(((await elsewhere.json()) as CodedError).code).toBe('NOT_FOUND');
    await expectDatabaseUnchanged();
  });

  // Without a token too: an outdated tablet must hear it needs an update, not a sign-in.
  it('an outdated protocol gets 426 with PROTOCOL_OUTDATED, before any sign-in check', async () => {
    const order = toWire(makeRepairOrder());
    const outdated = { ...SYNC_HEADERS, [PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION - 1) };
    const pushed = await push(JSON.stringify([{ newDocumentState: order }]), outdated);
    expect(pushed.status).toBe(426);
    expect(pushed.error).toEqual({
      code: 'PROTOCOL_OUTDATED',
      message: ERROR_MESSAGES.PROTOCOL_OUTDATED,
    });

    const withoutHeader = { 'content-type': 'application/json' };
    const pulled = await fetch(syncUrl(server.baseUrl, 'pull'), { headers: withoutHeader });
    expect(pulled.status).toBe(426);

    const stream = await fetch(`${syncUrl(server.baseUrl, 'stream')}?protocol=0`);
    expect(stream.status).toBe(426);
    expect(((await stream.json()) as CodedError).code).toBe('PROTOCOL_OUTDATED');
    await expectDatabaseUnchanged();
  });
});
