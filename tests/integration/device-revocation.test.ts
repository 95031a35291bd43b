import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  API_BASE,
  DEMO_PASSWORD,
  ERROR_MESSAGES,
  type LoginResponse,
} from '../../src/schema/index.js';
import type { AuditEntry } from '../../sync-server/audit/audit-entry.js';
import { addSiteUser } from '../../sync-server/auth/user-admin.js';
import {
  closeSqliteDatabase,
  openSqliteDatabase,
} from '../../sync-server/database/sqlite-database.js';
import { insertSite } from '../../sync-server/database/sqlite-directory.js';
import { makeRepairOrder } from '../factories/repair-order.js';
import {
  enrolTablet,
  loginOnTablet,
  tabletNamed,
  type EnrolledTablet,
  type EnrollingAdmin,
} from '../support/enrolled-tablet.js';
import { bearer, loginAs } from './helpers/auth.js';
import { codeOf, movableClock, requestJson, type JsonAnswer } from './helpers/json-request.js';
import { openEventStream } from './helpers/sse-client.js';
import { pullAll, pushRows, streamUrl, toWire } from './helpers/sync-http.js';
import { tabletRequests } from './helpers/tablet-requests.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

/**
 * A site admin revokes a lost or stolen tablet: it is stopped at its next
 * request, sign-in or refresh and its live stream ends, while the site's other
 * tablets go on; what it had not synced reaches the server once it is
 * enrolled again. Another site's tablets are out of reach.
 */
const ADVISOR = { username: 'advisor1', password: DEMO_PASSWORD };
const NORTH = { id: 'north', name: 'North Motors 北方汽车' };
const NORTH_ADMIN: EnrollingAdmin = { username: 'north-admin', password: 'north-secret-1' };

const isResync = (event: unknown): event is 'RESYNC' => event === 'RESYNC';
const isChangeEvent = (event: unknown): event is { documents: unknown[] } =>
  typeof event === 'object' && event !== null && 'documents' in event;
const expectRefused = (answer: JsonAnswer, status: number, code: string) => {
  expect({ status: answer.status, code: codeOf(answer) }).toEqual({ status, code });
};

describe('revoking tablets', () => {
  let server: TestServer;
  let clock: ReturnType<typeof movableClock>;
  /** The demo site's admin, signed in on the office PC. */
  let admin: LoginResponse;
  let api: ReturnType<typeof tabletRequests>;

  beforeEach(async () => {
    clock = movableClock();
    server = await startTestServer({ auth: { now: clock.now } });
    api = tabletRequests(server.baseUrl);
    admin = await loginAs(server.baseUrl, 'admin', 'Office PC');
  });
  afterEach(() => server.stop());

  /** The admin's list of the site's tablets. */
  const listDevices = async (token = admin.accessToken) => {
    const answer = await api.listDevices(token);
    expect(answer.status).toBe(200);
    return answer.body;
  };
  const deviceNamed = async (name: string) =>
    (await listDevices()).find((device) => device.name === name);
  const revoke = (deviceId: string, token = admin.accessToken) => api.revoke(deviceId, token);
  const signIn = (tablet: EnrolledTablet) => api.signIn(tablet, ADVISOR);

  /** A second dealer on the server, with its own admin. */
  async function addNorthSite() {
    const database = openSqliteDatabase(server.dataDir);
    try {
      insertSite(database, NORTH);
      const added = await addSiteUser(database, NORTH.id, {
        username: NORTH_ADMIN.username,
        displayName: 'Qian Bo 钱波',
        role: 'admin',
        password: NORTH_ADMIN.password,
        pin: '5678',
      });
      expect(added.ok).toBe(true);
    } finally {
      closeSqliteDatabase(database);
    }
  }

  it('revoking a tablet stops its next pull, push, refresh and sign-in and ends its live stream; the advisor’s other tablet goes on', async () => {
    const lane = await enrolTablet(server.baseUrl, 'Lane tablet 1');
    const spare = await enrolTablet(server.baseUrl, 'Lane tablet 2');
    const onLane = await loginOnTablet(server.baseUrl, lane, ADVISOR);
    const onSpare = await loginOnTablet(server.baseUrl, spare, ADVISOR);
    const laneStream = await openEventStream(streamUrl(server.baseUrl, onLane.accessToken));
    const spareStream = await openEventStream(streamUrl(server.baseUrl, onSpare.accessToken));
    await laneStream.waitFor(isResync);
    await spareStream.waitFor(isResync);

    clock.advance(1_000);
    const revoked = await revoke(lane.deviceId);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({
      id: lane.deviceId,
      revokedAt: clock.now(),
      revokedBy: 'admin',
    });
    await laneStream.ended;

    const notWritten = toWire(makeRepairOrder({ concern: '被停用的平板' }));
    expectRefused(await api.pull(onLane.accessToken), 401, 'DEVICE_REVOKED');
    expectRefused(
      await api.push(onLane.accessToken, [{ newDocumentState: notWritten }]),
      401,
      'DEVICE_REVOKED',
    );
    expectRefused(
      await requestJson(streamUrl(server.baseUrl, onLane.accessToken)),
      401,
      'DEVICE_REVOKED',
    );
    expectRefused(await api.refresh(lane, onLane.refreshToken), 403, 'DEVICE_REVOKED');
    expectRefused(await signIn(lane), 403, 'DEVICE_REVOKED');

    // The same advisor on the other tablet: pushes, hears it live, pulls it back.
    const written = toWire(makeRepairOrder({ concern: '另一台平板照常同步' }));
    const accepted = await pushRows(
      server.baseUrl,
      [{ newDocumentState: written }],
      onSpare.accessToken,
    );
    expect(accepted).toEqual({ conflicts: [], rejected: [] });
    await spareStream.waitFor(isChangeEvent);
    expect((await pullAll(server.baseUrl, onSpare.accessToken)).documents).toEqual([written]);
    expect((await api.refresh(spare, onSpare.refreshToken)).status).toBe(200);
    spareStream.close();

    // Revoking again keeps the first time; the list shows both tablets, one revoked.
    clock.advance(1_000);
    expect((await revoke(lane.deviceId)).body.revokedAt).toBe(revoked.body.revokedAt);
    expect((await deviceNamed('Lane tablet 1'))?.revokedAt).toBe(revoked.body.revokedAt);
    expect((await deviceNamed('Lane tablet 2'))?.revokedAt).toBeNull();
  });

  it('a revoked tablet’s unsynced record is not lost: enrolled again and signed in, its push is accepted', async () => {
    const lane = await enrolTablet(server.baseUrl, 'Lane tablet 1');
    const onLane = await loginOnTablet(server.baseUrl, lane, ADVISOR);
    // Checked in while the lane's Wi-Fi was down: still only on the tablet.
    const unsynced = toWire(makeRepairOrder({ concern: '断网时登记的车' }));
    expect((await revoke(lane.deviceId)).status).toBe(200);
    expectRefused(
      await api.push(onLane.accessToken, [{ newDocumentState: unsynced }]),
      401,
      'DEVICE_REVOKED',
    );

    const again = await enrolTablet(server.baseUrl, 'Lane tablet 1');
    expect(again.deviceId).not.toBe(lane.deviceId);
    const signedInAgain = await loginOnTablet(server.baseUrl, again, ADVISOR);
    expect(
      await pushRows(server.baseUrl, [{ newDocumentState: unsynced }], signedInAgain.accessToken),
    ).toEqual({ conflicts: [], rejected: [] });

    const office = await pullAll(server.baseUrl, admin.accessToken);
    expect(office.documents).toEqual([unsynced]);
    const audit = await requestJson<{ entries: AuditEntry[] }>(
      `${server.baseUrl}${API_BASE}/admin/audit`,
      { headers: bearer(admin.accessToken) },
    );
    expect(audit.body.entries.map((entry) => [entry.recordId, entry.deviceId])).toEqual([
      [unsynced.id, again.deviceId],
    ]);
  });

  it('an admin can neither see nor revoke another site’s tablet, and other roles neither', async () => {
    await addNorthSite();
    const northTablet = await enrolTablet(server.baseUrl, 'North lane', NORTH_ADMIN);
    const northAdmin = await loginOnTablet(server.baseUrl, northTablet, NORTH_ADMIN);
    const office = await tabletNamed(server.baseUrl, 'Office PC');

    expect((await listDevices()).map((device) => device.id)).not.toContain(northTablet.deviceId);
    const foreign = await revoke(northTablet.deviceId);
    const unknown = await revoke('tablet-nobody-has-this');
    for (const refused of [foreign, unknown]) {
      expect(refused.status).toBe(404);
      expect(refused.body).toEqual({
        code: 'DEVICE_NOT_FOUND',
        message: ERROR_MESSAGES.DEVICE_NOT_FOUND,
      });
    }
    expectRefused(await revoke(office.deviceId, northAdmin.accessToken), 404, 'DEVICE_NOT_FOUND');

    const advisor = await loginAs(server.baseUrl, 'advisor1', 'Lane tablet 1');
    expectRefused(await api.listDevices(advisor.accessToken), 403, 'ROLE_FORBIDDEN');
    expectRefused(await revoke(office.deviceId, advisor.accessToken), 403, 'ROLE_FORBIDDEN');
    expectRefused(await api.listDevices(), 401, 'AUTH_REQUIRED');

    // Nothing was revoked at either site.
    expect((await listDevices(northAdmin.accessToken)).map((device) => device.revokedAt)).toEqual([
      null,
    ]);
    expect((await listDevices()).every((device) => device.revokedAt === null)).toBe(true);
    expect((await api.pull(northAdmin.accessToken)).status).toBe(200);
  });
});
