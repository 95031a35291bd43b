import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  API_BASE,
  ERROR_MESSAGES,
  SIGNED_RECORD_COLLECTIONS,
  SIGNER_ALGORITHM,
  newSignerKeyPair,
  type ErrorCode,
  type LoginResponse,
  type PullResponse,
  type PushResponse,
  type SignedRecordCollection,
  type SignOff,
} from '../../src/schema/index.js';
import {
  makeDispatchedJob,
  makeSignOff,
  makeWorkshopOrder,
  workedJob,
} from '../factories/workshop.js';
import { tabletNamed } from '../support/enrolled-tablet.js';
import { bearer, loginAs } from './helpers/auth.js';
import {
  forgetSignerKeys,
  registerKeyRequest,
  registerSignerKey,
  signRecord,
  type TestSigner,
} from './helpers/signer-keys.js';
import { SYNC_HEADERS, syncUrl } from './helpers/sync-http.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';
import { makeSignature } from '../unit/signature-fixtures.js';

/**
 * Every signing record carries its signer's own digital signature, made with
 * the key that person registered on the tablet that pushes it. A hostile
 * client's hand-made JSON over real HTTP against a real SQLite file: each
 * forgery is refused with its code and the server's records stay as they were.
 */
let server: TestServer;
const logins = new Map<string, LoginResponse>();
const keys = new Map<string, TestSigner>();

function login(name: string): LoginResponse {
  const found = logins.get(name);
  if (!found) throw new Error(`no sign-in ${name}`);
  return found;
}

function key(name: string): TestSigner {
  const found = keys.get(name);
  if (!found) throw new Error(`no key ${name}`);
  return found;
}

/** Signs `username` in on `tablet` and registers a key there; both are kept under `name`. */
async function signInWithKey(name: string, username: string, tablet: string): Promise<void> {
  const signedIn = await loginAs(server.baseUrl, username, tablet);
  logins.set(name, signedIn);
  keys.set(name, await registerSignerKey(server.baseUrl, signedIn));
}

beforeAll(async () => {
  server = await startTestServer();
  await signInWithKey('tech1', 'tech1', 'tech1-tablet');
  await signInWithKey('tech1 elsewhere', 'tech1', 'spare-tablet');
  await signInWithKey('tech2', 'tech2', 'tech2-tablet');
  await signInWithKey('advisor1', 'advisor1', 'advisor-tablet');
  for (const username of ['foreman1', 'admin'])
    logins.set(username, await loginAs(server.baseUrl, username));
});

afterAll(async () => {
  forgetSignerKeys();
  await server.stop();
});

async function pushRows(
  collection: string,
  rows: object[],
  by: string,
): Promise<PushResponse<unknown>> {
  const response = await fetch(syncUrl(server.baseUrl, 'push', collection), {
    method: 'POST',
    headers: { ...SYNC_HEADERS, ...bearer(login(by).accessToken) },
    body: JSON.stringify(rows),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as PushResponse<unknown>;
}

function push(collection: string, documents: object[], by: string): Promise<PushResponse<unknown>> {
  const rows = documents.map((document) => ({
    newDocumentState: { ...document, _deleted: false },
  }));
  return pushRows(collection, rows, by);
}

/** The four signed collections as the site pulls them, with the last sequence. */
async function signedRecordsOnServer() {
  const state: Record<string, unknown> = {};
  for (const collection of SIGNED_RECORD_COLLECTIONS) {
    const response = await fetch(`${syncUrl(server.baseUrl, 'pull', collection)}?limit=500`, {
      headers: { ...SYNC_HEADERS, ...bearer(login('foreman1').accessToken) },
    });
    state[collection] = ((await response.json()) as PullResponse<unknown>).documents;
  }
  return state;
}

async function expectRefused(
  code: ErrorCode,
  collection: SignedRecordCollection,
  record: { id: string },
  by: string,
): Promise<void> {
  const before = await signedRecordsOnServer();
  const answer = await push(collection, [record], by);
  expect(answer).toEqual({
    conflicts: [],
    rejected: [{ id: record.id, code, message: ERROR_MESSAGES[code] }],
  });
  expect(await signedRecordsOnServer()).toEqual(before);
}

/** An order in the workshop and its job dispatched to `technician`, both stored. */
async function jobFor(technician: string) {
  const order = makeWorkshopOrder();
  expect((await push('repair_orders', [order], 'advisor1')).rejected).toEqual([]);
  const dispatched = makeDispatchedJob(order, { technician });
  expect((await push('jobs', [dispatched], 'foreman1')).rejected).toEqual([]);
  const job = workedJob(order, dispatched);
  const worked = [
    {
      newDocumentState: { ...job, _deleted: false },
      assumedMasterState: { ...dispatched, _deleted: false },
    },
  ];
  expect(await pushRows('jobs', worked, technician)).toEqual({ conflicts: [], rejected: [] });
  return { order, job };
}

async function selfCheck(technician: string): Promise<SignOff> {
  const { order, job } = await jobFor(technician);
  const record = await makeSignOff({ order, job, level: 'self', by: technician });
  // The factory signed it with the key last registered for the technician: start unsigned here.
  const unsigned = { ...record };
  delete unsigned.signerKeyId;
  delete unsigned.signerSignature;
  return unsigned;
}

describe('a sign-off without its signer’s valid signature is refused, nothing changes', () => {
  it('with no signature at all', async () => {
    await expectRefused('SIGNER_SIGNATURE_MISSING', 'sign_offs', await selfCheck('tech1'), 'tech1');
  });

  it('signed with another person’s key', async () => {
    const forged = await signRecord('sign_offs', await selfCheck('tech1'), key('tech2'));
    await expectRefused('SIGNER_KEY_OTHER_USER', 'sign_offs', forged, 'tech1');
  });

  it('signed with the signer’s own key from another tablet', async () => {
    const elsewhere = await signRecord(
      'sign_offs',
      await selfCheck('tech1'),
      key('tech1 elsewhere'),
    );
    await expectRefused('SIGNER_KEY_OTHER_DEVICE', 'sign_offs', elsewhere, 'tech1');
  });

  it('with a key the server never registered', async () => {
    const stranger = await newSignerKeyPair(false);
    const record = await signRecord('sign_offs', await selfCheck('tech1'), stranger);
    await expectRefused('SIGNER_KEY_UNKNOWN', 'sign_offs', record, 'tech1');
  });

  it('whose content changed after it was signed', async () => {
    const signed = await signRecord('sign_offs', await selfCheck('tech1'), key('tech1'));
    const changed = { ...signed, signedAt: signed.signedAt + 60_000 };
    await expectRefused('SIGNER_SIGNATURE_INVALID', 'sign_offs', changed, 'tech1');
  });

  it('naming a registered key but signed with a different private key', async () => {
    const other = await newSignerKeyPair(false);
    const record = await signRecord('sign_offs', await selfCheck('tech1'), {
      ...other,
      keyId: key('tech1').keyId,
    });
    await expectRefused('SIGNER_SIGNATURE_INVALID', 'sign_offs', record, 'tech1');
  });

  it('with a key of a tablet the admin revoked since', async () => {
    await signInWithKey('tech1 on lost tablet', 'tech1', 'lost-tablet');
    const record = await signRecord(
      'sign_offs',
      await selfCheck('tech1'),
      key('tech1 on lost tablet'),
    );
    const { deviceId } = await tabletNamed(server.baseUrl, 'lost-tablet');
    const revoked = await fetch(`${server.baseUrl}${API_BASE}/admin/devices/${deviceId}/revoke`, {
      method: 'POST',
      headers: bearer(login('admin').accessToken),
    });
    expect(revoked.status).toBe(200);
    await expectRefused('SIGNER_KEY_REVOKED', 'sign_offs', record, 'tech1');
  });

  it('with a key of a person deactivated since (and reactivated: old keys stay revoked)', async () => {
    const record = await signRecord('sign_offs', await selfCheck('tech2'), key('tech2'));
    for (const active of [false, true]) {
      const changed = await fetch(`${server.baseUrl}${API_BASE}/admin/users/tech2`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', ...bearer(login('admin').accessToken) },
        body: JSON.stringify({ active }),
      });
      expect(changed.status).toBe(200);
    }
    logins.set('tech2', await loginAs(server.baseUrl, 'tech2', 'tech2-tablet'));
    await expectRefused('SIGNER_KEY_REVOKED', 'sign_offs', record, 'tech2');
  });
});

describe('a properly signed record is accepted', () => {
  it('a self-check signed by the technician on their tablet, kept with its signature', async () => {
    const record = await signRecord('sign_offs', await selfCheck('tech1'), key('tech1'));
    expect(await push('sign_offs', [record], 'tech1')).toEqual({ conflicts: [], rejected: [] });
    const stored = (await signedRecordsOnServer()).sign_offs as SignOff[];
    expect(stored.find((entry) => entry.id === record.id)).toMatchObject(record);
  });

  it('the advisor’s countersignature of a customer signature; unsigned it is refused', async () => {
    const { order } = await jobFor('tech1');
    const signature = makeSignature(order, { contentHash: 'b'.repeat(64) });
    await expectRefused('SIGNER_SIGNATURE_MISSING', 'signatures', signature, 'advisor1');
    const countersigned = await signRecord('signatures', signature, key('advisor1'));
    expect(await push('signatures', [countersigned], 'advisor1')).toEqual({
      conflicts: [],
      rejected: [],
    });
  });
});

describe('registering a signing key', () => {
  async function register(by: string, body: unknown) {
    const response = await registerKeyRequest(server.baseUrl, login(by).accessToken, body);
    return { status: response.status, body: (await response.json()) as { code?: string } };
  }

  async function requestFor() {
    const pair = await newSignerKeyPair(false);
    return {
      pair,
      body: { keyId: pair.keyId, publicKey: pair.publicKey, algorithm: SIGNER_ALGORITHM },
    };
  }

  it('names no person: a field claiming someone else is refused and registers nothing', async () => {
    const { pair, body } = await requestFor();
    const answer = await register('tech1', { ...body, username: 'foreman1' });
    expect(answer).toEqual({
      status: 422,
      body: expect.objectContaining({ code: 'SCHEMA_INVALID', field: '/username' }),
    });
    const record = await signRecord('sign_offs', await selfCheck('tech1'), pair);
    await expectRefused('SIGNER_KEY_UNKNOWN', 'sign_offs', record, 'tech1');
  });

  it('refuses someone else’s key, keeps it theirs; a resend by its owner is answered 200', async () => {
    const taken = key('tech1');
    const body = { keyId: taken.keyId, publicKey: taken.publicKey, algorithm: SIGNER_ALGORITHM };
    expect(await register('tech2', body)).toEqual({
      status: 409,
      body: expect.objectContaining({ code: 'SIGNER_KEY_DUPLICATE' }),
    });
    expect((await register('tech1', body)).status).toBe(200);
    const record = await signRecord('sign_offs', await selfCheck('tech1'), taken);
    expect(await push('sign_offs', [record], 'tech1')).toEqual({ conflicts: [], rejected: [] });
  });

  it('refuses a key id that is not the key’s SHA-256, and no sign-in at all', async () => {
    const { body } = await requestFor();
    expect(await register('tech1', { ...body, keyId: 'c'.repeat(64) })).toEqual({
      status: 422,
      body: expect.objectContaining({ code: 'SIGNER_KEY_INVALID' }),
    });
    const anonymous = await fetch(`${server.baseUrl}${API_BASE}/auth/signer-keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(anonymous.status).toBe(401);
  });
});
