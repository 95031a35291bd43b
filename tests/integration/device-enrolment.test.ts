import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  AUTH_LIMITS,
  API_BASE,
  DEMO_PASSWORD,
  DEMO_SITE,
  DEVICE_NAME_MAX_LENGTH,
  ERROR_MESSAGES,
} from '../../src/schema/index.js';
import { DATABASE_FILE_NAME } from '../../sync-server/database/sqlite-database.js';
import { DEMO_ADMIN, enrolTablet, type EnrolledTablet } from '../support/enrolled-tablet.js';
import { ADVISOR, dealerWithOfficeAdmin, expectRefused } from './helpers/dealer-office.js';
import { requestJson } from './helpers/json-request.js';

/**
 * Tablets are enrolled by a site admin, on the tablet, before anyone signs in
 * on them: the admin's password gets the tablet an id and a token, and every
 * sign-in names both. Revoking a tablet is in device-revocation.test.ts.
 */
describe('enrolling tablets', () => {
  const dealer = dealerWithOfficeAdmin();
  const { listDevices, deviceNamed, signIn } = dealer;

  it('a site admin enrols a tablet, which is then listed for the site, and only its token’s hash is kept', async () => {
    dealer.clock.advance(1_000);
    const enrolled = await dealer.api.enrol({
      ...DEMO_ADMIN,
      deviceName: '  Lane tablet 2 接车  ',
    });

    expect(enrolled.status).toBe(201);
    const { device, deviceToken } = enrolled.body;
    expect(device).toEqual({
      id: expect.stringMatching(/^tablet-/),
      siteId: DEMO_SITE.id,
      name: 'Lane tablet 2 接车',
      enrolledBy: 'admin',
      enrolledAt: dealer.clock.now(),
      lastSeenAt: null,
      revokedAt: null,
      revokedBy: null,
    });
    // Newest first: the office PC the admin signed in on was enrolled before it.
    const listed = await listDevices();
    expect(listed.map((each) => each.name)).toEqual(['Lane tablet 2 接车', 'Office PC']);
    expect(listed[0]).toEqual(device);
    expect(JSON.stringify(listed)).not.toContain(deviceToken);

    dealer.clock.advance(60_000);
    expect((await signIn({ deviceId: device.id, deviceToken })).status).toBe(200);
    expect((await deviceNamed('Lane tablet 2 接车'))?.lastSeenAt).toBe(dealer.clock.now());

    const file = new BetterSqlite3(path.join(dealer.server.dataDir, DATABASE_FILE_NAME), {
      readonly: true,
    });
    try {
      const stored = JSON.stringify(file.prepare('SELECT * FROM devices').all());
      expect(stored).toContain(device.id);
      expect(stored).not.toContain(deviceToken);
    } finally {
      file.close();
    }
  });

  it('only a site admin can enrol a tablet, with a name; a refused enrolment lists nothing', async () => {
    const before = await listDevices();
    const tooLong = '车'.repeat(DEVICE_NAME_MAX_LENGTH + 1);
    const cases: [Record<string, string>, number, string][] = [
      [{ ...ADVISOR, deviceName: 'Lane tablet 2' }, 403, 'ENROL_ADMIN_ONLY'],
      [
        { username: 'manager1', password: DEMO_PASSWORD, deviceName: 'Lane tablet 2' },
        403,
        'ENROL_ADMIN_ONLY',
      ],
      [
        { ...DEMO_ADMIN, password: 'not-the-password', deviceName: 'Lane tablet 2' },
        401,
        'LOGIN_FAILED',
      ],
      [{ ...DEMO_ADMIN, deviceName: '   ' }, 422, 'DEVICE_NAME_FORMAT'],
      [{ ...DEMO_ADMIN, deviceName: tooLong }, 422, 'DEVICE_NAME_FORMAT'],
      [{ ...DEMO_ADMIN }, 422, 'SCHEMA_INVALID'],
    ];
    for (const [body, status, code] of cases)
      expectRefused(await dealer.api.enrol(body), status, code);
    const advisorTries = await dealer.api.enrol({ ...ADVISOR, deviceName: 'Lane tablet 2' });
    expect(advisorTries.body).toEqual({
      code: 'ENROL_ADMIN_ONLY',
      message: ERROR_MESSAGES.ENROL_ADMIN_ONLY,
    });

    expect(await listDevices()).toEqual(before);
    // A name of exactly the longest length is fine.
    expect((await dealer.api.enrol({ ...DEMO_ADMIN, deviceName: tooLong.slice(1) })).status).toBe(
      201,
    );
  });

  it('a tablet not enrolled, or with a wrong device token, cannot sign in', async () => {
    const lane = await enrolTablet(dealer.server.baseUrl, 'Lane tablet 1');
    const workshop = await enrolTablet(dealer.server.baseUrl, 'Workshop tablet');
    const impostors: EnrolledTablet[] = [
      { deviceId: 'tablet-made-up-by-itself', deviceToken: lane.deviceToken },
      { deviceId: lane.deviceId, deviceToken: 'a-guessed-token' },
      // A token is good for its own tablet only.
      { deviceId: lane.deviceId, deviceToken: workshop.deviceToken },
    ];
    for (const impostor of impostors) {
      const refused = await signIn(impostor);
      expect(refused.status).toBe(401);
      expect(refused.body).toEqual({
        code: 'DEVICE_NOT_ENROLLED',
        message: ERROR_MESSAGES.DEVICE_NOT_ENROLLED,
      });
    }
    // A tablet of before enrolment, with only the id it made for itself.
    const unenrolled = await requestJson(`${dealer.server.baseUrl}${API_BASE}/auth/login`, {
      method: 'POST',
      body: { ...ADVISOR, deviceId: 'tablet-made-up-by-itself' },
    });
    expectRefused(unenrolled, 422, 'SCHEMA_INVALID');

    // No one was signed in on the lane tablet meanwhile; with its own token someone is.
    expect((await deviceNamed('Lane tablet 1'))?.lastSeenAt).toBeNull();
    expect((await signIn(lane)).status).toBe(200);
  });

  it('wrong device tokens count against the sign-in limit of their address', async () => {
    const lane = await enrolTablet(dealer.server.baseUrl, 'Lane tablet 1');
    for (let attempt = 0; attempt < AUTH_LIMITS.loginAttemptsPerWindow; attempt += 1) {
      const guess = await signIn({ ...lane, deviceToken: `guess-${attempt}` }, '127.0.0.5');
      expectRefused(guess, 401, 'DEVICE_NOT_ENROLLED');
    }

    // Now even the right token waits there; the same tablet elsewhere does not.
    const paused = await signIn(lane, '127.0.0.5');
    expectRefused(paused, 429, 'LOGIN_RATE_LIMITED');
    expect(Number(paused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await deviceNamed('Lane tablet 1'))?.lastSeenAt).toBeNull();
    expect((await signIn(lane, '127.0.0.6')).status).toBe(200);

    dealer.clock.advance(AUTH_LIMITS.loginWindowSeconds * 1000);
    expect((await signIn(lane, '127.0.0.5')).status).toBe(200);
  });
});
