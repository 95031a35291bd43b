import { describe, expect, it } from 'vitest';
import { API_BASE, ERROR_MESSAGES, STREAM_TICKET_PATH } from '../../src/schema/index.js';
import type { AuditEntry } from '../../sync-server/audit/audit-entry.js';
import { makeRepairOrder } from '../factories/repair-order.js';
import {
  enrolTablet,
  loginOnTablet,
  tabletNamed,
  type EnrollingAdmin,
} from '../support/enrolled-tablet.js';
import { bearer, loginAs } from './helpers/auth.js';
import { ADVISOR, dealerWithOfficeAdmin, expectRefused } from './helpers/dealer-office.js';
import { requestJson } from './helpers/json-request.js';
import { NORTH, NORTH_PASSWORD, NORTH_PIN, addSiteWithUsers } from './helpers/second-site.js';
import { openEventStream } from './helpers/sse-client.js';
import { SYNC_HEADERS, pullAll, pushRows, streamUrl, toWire } from './helpers/sync-http.js';

/**
 * A site admin revokes a lost or stolen tablet: it is stopped at its next
 * request, sign-in or refresh and its live stream ends, while the site's other
 * tablets go on; what it had not synced reaches the server once it is
 * enrolled again. Another site's tablets are out of reach.
 */
const NORTH_ADMIN: EnrollingAdmin = { username: 'north-admin', password: NORTH_PASSWORD };

const isResync = (event: unknown): event is 'RESYNC' => event === 'RESYNC';
const isChangeEvent = (event: unknown): event is { documents: unknown[] } =>
  typeof event === 'object' && event !== null && 'documents' in event;

describe('revoking tablets', () => {
  const dealer = dealerWithOfficeAdmin();
  const { listDevices, deviceNamed, signIn } = dealer;
  const revoke = (deviceId: string, token = dealer.admin.accessToken) =>
    dealer.api.revoke(deviceId, token);

  /** A second dealer on the server, with its own admin. */
  const addNorthSite = () =>
    addSiteWithUsers(
      dealer.server.dataDir,
      NORTH,
      [{ username: NORTH_ADMIN.username, displayName: 'Qian Bo 钱波', role: 'admin' }],
      { password: NORTH_ADMIN.password, pin: NORTH_PIN },
    );

  it('revoking a tablet stops its next pull, push, refresh and sign-in and ends its live stream; the advisor’s other tablet goes on', async () => {
    const lane = await enrolTablet(dealer.server.baseUrl, 'Lane tablet 1');
    const spare = await enrolTablet(dealer.server.baseUrl, 'Lane tablet 2');
    const onLane = await loginOnTablet(dealer.server.baseUrl, lane, ADVISOR);
    const onSpare = await loginOnTablet(dealer.server.baseUrl, spare, ADVISOR);
    const laneStream = await openEventStream(
      await streamUrl(dealer.server.baseUrl, onLane.accessToken),
    );
    const spareStream = await openEventStream(
      await streamUrl(dealer.server.baseUrl, onSpare.accessToken),
    );
    // Fetched before the revocation, used after it.
    const laneStreamLater = await streamUrl(dealer.server.baseUrl, onLane.accessToken);
    await laneStream.waitFor(isResync);
    await spareStream.waitFor(isResync);

    dealer.clock.advance(1_000);
    const revoked = await revoke(lane.deviceId);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({
      id: lane.deviceId,
      revokedAt: dealer.clock.now(),
      revokedBy: 'admin',
    });
    await laneStream.ended;

    const notWritten = toWire(makeRepairOrder({ concern: '被停用的平板' }));
    expectRefused(await dealer.api.pull(onLane.accessToken), 401, 'DEVICE_REVOKED');
    expectRefused(
      await dealer.api.push(onLane.accessToken, [{ newDocumentState: notWritten }]),
      401,
      'DEVICE_REVOKED',
    );
    expectRefused(await requestJson(laneStreamLater), 401, 'DEVICE_REVOKED');
    expectRefused(
      await requestJson(`${dealer.server.baseUrl}${STREAM_TICKET_PATH}`, {
        method: 'POST',
        headers: { ...SYNC_HEADERS, ...bearer(onLane.accessToken) },
      }),
      401,
      'DEVICE_REVOKED',
    );
    expectRefused(await dealer.api.refresh(lane, onLane.refreshToken), 403, 'DEVICE_REVOKED');
    expectRefused(await signIn(lane), 403, 'DEVICE_REVOKED');

    // The same advisor on the other tablet: pushes, hears it live, pulls it back.
    const written = toWire(makeRepairOrder({ concern: '另一台平板照常同步' }));
    const accepted = await pushRows(
      dealer.server.baseUrl,
      [{ newDocumentState: written }],
      onSpare.accessToken,
    );
    expect(accepted).toEqual({ conflicts: [], rejected: [] });
    await spareStream.waitFor(isChangeEvent);
    expect((await pullAll(dealer.server.baseUrl, onSpare.accessToken)).documents).toEqual([
      written,
    ]);
    expect((await dealer.api.refresh(spare, onSpare.refreshToken)).status).toBe(200);
    spareStream.close();

    // Revoking again keeps the first time; the list shows both tablets, one revoked.
    dealer.clock.advance(1_000);
    expect((await revoke(lane.deviceId)).body.revokedAt).toBe(revoked.body.revokedAt);
    expect((await deviceNamed('Lane tablet 1'))?.revokedAt).toBe(revoked.body.revokedAt);
    expect((await deviceNamed('Lane tablet 2'))?.revokedAt).toBeNull();
  });

  it('a revoked tablet’s unsynced record is not lost: enrolled again and signed in, its push is accepted', async () => {
    const lane = await enrolTablet(dealer.server.baseUrl, 'Lane tablet 1');
    const onLane = await loginOnTablet(dealer.server.baseUrl, lane, ADVISOR);
    // Checked in while the lane's Wi-Fi was down: still only on the tablet.
    const unsynced = toWire(makeRepairOrder({ concern: '断网时登记的车' }));
    expect((await revoke(lane.deviceId)).status).toBe(200);
    expectRefused(
      await dealer.api.push(onLane.accessToken, [{ newDocumentState: unsynced }]),
      401,
      'DEVICE_REVOKED',
    );

    const again = await enrolTablet(dealer.server.baseUrl, 'Lane tablet 1');
    expect(again.deviceId).not.toBe(lane.deviceId);
    const signedInAgain = await loginOnTablet(dealer.server.baseUrl, again, ADVISOR);
    expect(
      await pushRows(
        dealer.server.baseUrl,
        [{ newDocumentState: unsynced }],
        signedInAgain.accessToken,
      ),
    ).toEqual({ conflicts: [], rejected: [] });

    const office = await pullAll(dealer.server.baseUrl, dealer.admin.accessToken);
    expect(office.documents).toEqual([unsynced]);
    const audit = await requestJson<{ entries: AuditEntry[] }>(
      `${dealer.server.baseUrl}${API_BASE}/admin/audit`,
      { headers: bearer(dealer.admin.accessToken) },
    );
    // Record writes only: the enrolments, sign-ins and the revocation are entries too.
    const writes = audit.body.entries.filter((entry) => entry.collection === 'repair_orders');
    expect(writes.map((entry) => [entry.recordId, entry.deviceId])).toEqual([
      [unsynced.id, again.deviceId],
    ]);
  });

  it('an admin can neither see nor revoke another site’s tablet, and other roles neither', async () => {
    await addNorthSite();
    const northTablet = await enrolTablet(dealer.server.baseUrl, 'North lane', NORTH_ADMIN);
    const northAdmin = await loginOnTablet(dealer.server.baseUrl, northTablet, NORTH_ADMIN);
    const office = await tabletNamed(dealer.server.baseUrl, 'Office PC');

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

    const advisor = await loginAs(dealer.server.baseUrl, 'advisor1', 'Lane tablet 1');
    expectRefused(await dealer.api.listDevices(advisor.accessToken), 403, 'ROLE_FORBIDDEN');
    expectRefused(await revoke(office.deviceId, advisor.accessToken), 403, 'ROLE_FORBIDDEN');
    expectRefused(await dealer.api.listDevices(), 401, 'AUTH_REQUIRED');

    // Nothing was revoked at either site.
    expect((await listDevices(northAdmin.accessToken)).map((device) => device.revokedAt)).toEqual([
      null,
    ]);
    expect((await listDevices()).every((device) => device.revokedAt === null)).toBe(true);
    expect((await dealer.api.pull(northAdmin.accessToken)).status).toBe(200);
  });
});
