import fs from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import {
  API_BASE,
  DEMO_PASSWORD,
  DEMO_SITE,
  canonicalJson,
  type AuditChainVerdict,
  type AuditEntry,
  type LoginResponse,
} from '../../src/schema/index.js';
import { sha256Hex } from '../../sync-server/audit/audit-entry.js';
import {
  enrolTablet,
  loginOnTablet,
  tabletNamed,
  type EnrollingAdmin,
} from '../support/enrolled-tablet.js';
import { runAdminCli } from './helpers/admin-cli-process.js';
import { bearer, loginAs } from './helpers/auth.js';
import { codeOf, requestJson } from './helpers/json-request.js';
import { makeTempDir, startTestServer, type TestServer } from './helpers/test-server.js';

/**
 * The audit log holds who manages the people and tablets and who signs in,
 * besides record writes: from the admin's screen (the API) and from
 * `npm run admin` in another process, each entry saying what was written and
 * the SHA-256 of it, never a password or PIN.
 */
const WRONG_PASSWORD = 'not-the-password-9';

async function auditOf(server: TestServer, admin: LoginResponse): Promise<AuditEntry[]> {
  const answer = await requestJson<{ entries: AuditEntry[] }>(
    `${server.baseUrl}${API_BASE}/admin/audit?limit=500`,
    { headers: bearer(admin.accessToken) },
  );
  expect(answer.status).toBe(200);
  return answer.body.entries;
}

async function verdictOf(server: TestServer, admin: LoginResponse): Promise<AuditChainVerdict> {
  const answer = await requestJson<AuditChainVerdict>(
    `${server.baseUrl}${API_BASE}/admin/audit/verify`,
    { headers: bearer(admin.accessToken) },
  );
  return answer.body;
}

/** Every event entry's stateHash is the SHA-256 of what it says it wrote. */
function expectHashedAsWritten(entries: AuditEntry[]) {
  for (const entry of entries) {
    expect(entry.stateHash).toBe(sha256Hex(canonicalJson(entry.written)));
  }
}

describe('admin and sign-in events in the audit log', () => {
  let server: TestServer;
  afterEach(() => server.stop());

  it('records what the admin does on the admin screen and every sign-in, ok or failed', async () => {
    server = await startTestServer();
    const admin = await loginAs(server.baseUrl, 'admin', 'office-pc');
    const officePc = (await tabletNamed(server.baseUrl, 'office-pc')).deviceId;
    const users = `${server.baseUrl}${API_BASE}/admin/users`;
    const asAdmin = (method: string, url: string, body?: unknown) =>
      requestJson(url, { method, body, headers: bearer(admin.accessToken) });
    const seen = (await auditOf(server, admin)).length;

    const added = await asAdmin('POST', users, {
      username: 'tech9',
      displayName: 'Wu Gang 吴刚',
      role: 'technician',
      password: DEMO_PASSWORD,
      pin: '8642',
    });
    expect(added.status).toBe(201);
    for (const change of [
      { role: 'team-leader' },
      { pin: '97531' },
      { password: 'a-new-password-1' },
      { active: false },
      { active: true },
    ]) {
      expect((await asAdmin('PATCH', `${users}/tech9`, change)).status).toBe(200);
    }
    const lane = await enrolTablet(server.baseUrl, 'Lane 接车 1');
    await loginOnTablet(server.baseUrl, lane, { username: 'tech9', password: 'a-new-password-1' });
    const refused = await requestJson(`${server.baseUrl}${API_BASE}/auth/login`, {
      method: 'POST',
      body: { username: 'Advisor1', password: WRONG_PASSWORD, ...lane },
    });
    expect(codeOf(refused)).toBe('LOGIN_FAILED');
    const revoked = await asAdmin(
      'POST',
      `${server.baseUrl}${API_BASE}/admin/devices/${lane.deviceId}/revoke`,
    );
    expect(revoked.status).toBe(200);

    const entries = (await auditOf(server, admin)).slice(seen);
    const byAdmin = { username: 'admin', deviceId: officePc, siteId: DEMO_SITE.id };
    expect(entries).toMatchObject([
      {
        ...byAdmin,
        collection: 'users',
        recordId: 'tech9',
        action: 'user-added',
        written: {
          username: 'tech9',
          displayName: 'Wu Gang 吴刚',
          role: 'technician',
          active: true,
        },
      },
      {
        ...byAdmin,
        action: 'role-changed',
        written: { role: 'team-leader', previousRole: 'technician' },
      },
      { ...byAdmin, action: 'pin-reset', changedFields: ['pin'], written: { username: 'tech9' } },
      { ...byAdmin, action: 'password-reset', changedFields: ['password'] },
      { ...byAdmin, action: 'user-deactivated', written: { username: 'tech9', active: false } },
      { ...byAdmin, action: 'user-reactivated', written: { username: 'tech9', active: true } },
      {
        username: 'admin',
        deviceId: lane.deviceId,
        collection: 'devices',
        recordId: lane.deviceId,
        action: 'device-enrolled',
        written: { name: 'Lane 接车 1', enrolledBy: 'admin' },
      },
      {
        username: 'tech9',
        deviceId: lane.deviceId,
        collection: 'sign-ins',
        action: 'signed-in',
        written: { username: 'tech9', role: 'team-leader', deviceId: lane.deviceId },
      },
      {
        username: 'advisor1',
        deviceId: lane.deviceId,
        collection: 'sign-ins',
        recordId: 'advisor1',
        action: 'sign-in-failed',
        written: { usernameTried: 'advisor1', reason: 'LOGIN_FAILED', via: 'login' },
      },
      { ...byAdmin, collection: 'devices', recordId: lane.deviceId, action: 'device-revoked' },
    ]);
    expect(entries).toHaveLength(10);
    expectHashedAsWritten(entries);
    // What the admin typed as secrets is nowhere in the log, nor what the guesser tried.
    const text = JSON.stringify(await auditOf(server, admin));
    for (const secret of [DEMO_PASSWORD, 'a-new-password-1', '8642', '97531', WRONG_PASSWORD]) {
      expect(text).not.toContain(secret);
    }
    expect(await verdictOf(server, admin)).toMatchObject({ ok: true });
  });

  it('records a refused sign-in on a revoked tablet, and a refused enrolment, in the site aimed at', async () => {
    server = await startTestServer();
    const admin = await loginAs(server.baseUrl, 'admin', 'office-pc');
    const lane = await enrolTablet(server.baseUrl, 'Lane 2');
    await requestJson(`${server.baseUrl}${API_BASE}/admin/devices/${lane.deviceId}/revoke`, {
      method: 'POST',
      headers: bearer(admin.accessToken),
    });
    const onRevoked = await requestJson(`${server.baseUrl}${API_BASE}/auth/login`, {
      method: 'POST',
      body: { username: 'advisor1', password: DEMO_PASSWORD, ...lane },
    });
    expect(codeOf(onRevoked)).toBe('DEVICE_REVOKED');
    const byAdvisor = await requestJson(`${server.baseUrl}${API_BASE}/auth/enroll`, {
      method: 'POST',
      body: { username: 'advisor1', password: DEMO_PASSWORD, deviceName: 'My own tablet' },
    });
    expect(codeOf(byAdvisor)).toBe('ENROL_ADMIN_ONLY');

    const failures = (await auditOf(server, admin)).filter(
      (entry) => entry.action === 'sign-in-failed',
    );
    expect(failures).toMatchObject([
      {
        deviceId: lane.deviceId,
        written: { usernameTried: 'advisor1', reason: 'DEVICE_REVOKED', via: 'login' },
      },
      {
        deviceId: '',
        written: { usernameTried: 'advisor1', reason: 'ENROL_ADMIN_ONLY', via: 'enrol' },
      },
    ]);
  });
});

describe('admin events from `npm run admin`', { timeout: 120_000 }, () => {
  let dataDir: string;
  afterEach(() => fs.rm(dataDir, { recursive: true, force: true }));

  it('are audited like the admin screen’s, as the command, and the chain verifies from the command too', async () => {
    dataDir = await makeTempDir();
    const admin = (...args: string[]) => runAdminCli(dataDir, args);
    const site = ['--site', 'north'];
    const boss: EnrollingAdmin = { username: 'boss', password: 'a long secret' };
    expect((await admin('create-site', '--id', 'north', '--name', 'North Motors')).code).toBe(0);
    for (const [username, role] of [
      ['boss', 'admin'],
      ['tech7', 'technician'],
    ] as const) {
      const created = await admin(
        'create-user',
        ...[...site, '--username', username, '--name', `User ${username}`, '--role', role],
        ...['--password', boss.password, '--pin', '2468'],
      );
      expect(created.code).toBe(0);
    }
    const tech = [...site, '--username', 'tech7'];
    expect((await admin('reset-pin', ...tech, '--pin', '13579')).code).toBe(0);
    expect((await admin('reset-password', ...tech, '--password', 'second secret')).code).toBe(0);
    expect((await admin('deactivate', ...tech)).code).toBe(0);

    const server = await startTestServer({ dataDir, demoUsers: false });
    try {
      const office = await enrolTablet(server.baseUrl, 'Office', boss);
      const signedIn = await loginOnTablet(server.baseUrl, office, boss);
      const spare = await enrolTablet(server.baseUrl, 'Spare', boss);
      expect((await admin('revoke-device', ...site, '--id', spare.deviceId)).code).toBe(0);

      const entries = await auditOf(server, signedIn);
      const command = { username: 'npm run admin', deviceId: expect.stringMatching(/^cli:.+@.+/) };
      expect(entries.map((entry) => [entry.action, entry.recordId])).toEqual([
        ['user-added', 'boss'],
        ['user-added', 'tech7'],
        ['pin-reset', 'tech7'],
        ['password-reset', 'tech7'],
        ['user-deactivated', 'tech7'],
        ['device-enrolled', office.deviceId],
        ['signed-in', 'boss'],
        ['device-enrolled', spare.deviceId],
        ['device-revoked', spare.deviceId],
      ]);
      for (const index of [0, 1, 2, 3, 4, 8]) expect(entries[index]).toMatchObject(command);
      expect(entries[0]?.written).toMatchObject({ username: 'boss', role: 'admin' });
      expect(entries[8]?.written).toMatchObject({ name: 'Spare', revokedBy: 'npm run admin' });
      expectHashedAsWritten(entries);
      expect(JSON.stringify(entries)).not.toContain('second secret');

      const verified = await admin('verify-audit', ...site);
      expect(verified).toMatchObject({ code: 0 });
      expect(verified.stdout).toMatch(/^Audit chain of site north holds: 9 entries, last seal /);
    } finally {
      await server.stop({ keepData: true });
    }
  });
});
