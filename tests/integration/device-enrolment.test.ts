import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AUTH_LIMITS,
  API_BASE,
  DEMO_PASSWORD,
  DEMO_SITE,
  DEVICE_NAME_MAX_LENGTH,
  ERROR_MESSAGES,
  type LoginResponse,
} from '../../src/schema/index.js';
import { DATABASE_FILE_NAME } from '../../sync-server/database/sqlite-database.js';
import { DEMO_ADMIN, enrolTablet, type EnrolledTablet } from '../support/enrolled-tablet.js';
import { loginAs } from './helpers/auth.js';
import { codeOf, movableClock, requestJson, type JsonAnswer } from './helpers/json-request.js';
import { tabletRequests } from './helpers/tablet-requests.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

/**
 * Tablets are enrolled by a site admin, on the tablet, before anyone signs in
 * on them: the admin's password gets the tablet an id and a token, and every
 * sign-in names both. Revoking a tablet is in device-revocation.test.ts.
 */
const ADVISOR = { username: 'advisor1', password: DEMO_PASSWORD };

const expectRefused = (answer: JsonAnswer, status: number, code: string) => {
  expect({ status: answer.status, code: codeOf(answer) }).toEqual({ status, code });
};

describe('enrolling tablets', () => {
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
  const signIn = (tablet: EnrolledTablet, from?: string) => api.signIn(tablet, ADVISOR, from);

  it('a site admin enrols a tablet, which is then listed for the site, and only its token’s hash is kept', async () => {
    clock.advance(1_000);
    const enrolled = await api.enrol({ ...DEMO_ADMIN, deviceName: '  Lane tablet 2 接车  ' });

    expect(enrolled.status).toBe(201);
    const { device, deviceToken } = enrolled.body;
    expect(device).toEqual({
      id: expect.stringMatching(/^tablet-/),
      siteId: DEMO_SITE.id,
      name: 'Lane tablet 2 接车',
      enrolledBy: 'admin',
      enrolledAt: clock.now(),
      lastSeenAt: null,
      revokedAt: null,
      revokedBy: null,
    });
    // Newest first: the office PC the admin signed in on was enrolled before it.
    const listed = await listDevices();
    expect(listed.map((each) => each.name)).toEqual(['Lane tablet 2 接车', 'Office PC']);
    expect(listed[0]).toEqual(device);
    expect(JSON.stringify(listed)).not.toContain(deviceToken);

    clock.advance(60_000);
    expect((await signIn({ deviceId: device.id, deviceToken })).status).toBe(200);
    expect((await deviceNamed('Lane tablet 2 接车'))?.lastSeenAt).toBe(clock.now());

    const file = new BetterSqlite3(path.join(server.dataDir, DATABASE_FILE_NAME), {
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
    for (const [body, status, code] of cases) expectRefused(await api.enrol(body), status, code);
    const advisorTries = await api.enrol({ ...ADVISOR, deviceName: 'Lane tablet 2' });
    expect(advisorTries.body).toEqual({
      code: 'ENROL_ADMIN_ONLY',
      message: ERROR_MESSAGES.ENROL_ADMIN_ONLY,
    });

    expect(await listDevices()).toEqual(before);
    // A name of exactly the longest length is fine.
    expect((await api.enrol({ ...DEMO_ADMIN, deviceName: tooLong.slice(1) })).status).toBe(201);
  });

  it('a tablet not enrolled, or with a wrong device token, cannot sign in', async () => {
    const lane = await enrolTablet(server.baseUrl, 'Lane tablet 1');
    const workshop = await enrolTablet(server.baseUrl, 'Workshop tablet');
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
    const unenrolled = await requestJson(`${server.baseUrl}${API_BASE}/auth/login`, {
      method: 'POST',
      body: { ...ADVISOR, deviceId: 'tablet-made-up-by-itself' },
    });
    expectRefused(unenrolled, 422, 'SCHEMA_INVALID');

    // No one was signed in on the lane tablet meanwhile; with its own token someone is.
    expect((await deviceNamed('Lane tablet 1'))?.lastSeenAt).toBeNull();
    expect((await signIn(lane)).status).toBe(200);
  });

  it('wrong device tokens count against the sign-in limit of their address', async () => {
    const lane = await enrolTablet(server.baseUrl, 'Lane tablet 1');
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

    clock.advance(AUTH_LIMITS.loginWindowSeconds * 1000);
    expect((await signIn(lane, '127.0.0.5')).status).toBe(200);
  });
});
