import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  API_BASE,
  DEMO_PASSWORD,
  DEMO_SITE,
  DEMO_USERS,
  type LoginResponse,
  type PullResponse,
  type RepairOrder,
  type SiteUser,
} from '../../src/schema/index.js';
import { makeRepairOrder } from '../factories/repair-order.js';
import { DEMO_ADMIN, tabletNamed, type EnrollingAdmin } from '../support/enrolled-tablet.js';
import { bearer, loginAs } from './helpers/auth.js';
import { codeOf, requestJson } from './helpers/json-request.js';
import { NORTH, NORTH_PASSWORD, addNorthSite } from './helpers/second-site.js';
import { openEventStream } from './helpers/sse-client.js';
import { pullAll, pushRows, streamUrl, toWire } from './helpers/sync-http.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

/**
 * Two dealer sites on one server: each sees only its own records and people.
 * The second site has its own `advisor1` and `admin`, so those usernames live
 * at both: a tablet's site decides who signs in on it, and enrolling names the site.
 */
const NORTH_ADMIN: EnrollingAdmin = {
  username: 'admin',
  password: NORTH_PASSWORD,
  siteId: NORTH.id,
};
const DEMO_SITE_ADMIN: EnrollingAdmin = { ...DEMO_ADMIN, siteId: DEMO_SITE.id };

type ChangeEvent = PullResponse<RepairOrder>;
const isChangeEvent = (event: unknown): event is ChangeEvent =>
  typeof event === 'object' && event !== null && 'documents' in event;

describe('dealer sites on one server', () => {
  let server: TestServer;
  let demo: LoginResponse;
  let north: LoginResponse;

  beforeEach(async () => {
    server = await startTestServer();
    await addNorthSite(server.dataDir);
    demo = await loginAs(server.baseUrl, 'advisor1', 'demo-tablet', { enrolBy: DEMO_SITE_ADMIN });
    north = await loginAs(server.baseUrl, 'advisor1', 'north-tablet', {
      password: NORTH_PASSWORD,
      enrolBy: NORTH_ADMIN,
    });
  });
  afterEach(() => server.stop());

  const loginOn = async (tablet: string, admin: EnrollingAdmin, body: Record<string, string>) =>
    requestJson<LoginResponse>(`${server.baseUrl}${API_BASE}/auth/login`, {
      method: 'POST',
      body: { ...(await tabletNamed(server.baseUrl, tablet, admin)), ...body },
    });
  const enrol = (body: Record<string, string>) =>
    requestJson(`${server.baseUrl}${API_BASE}/auth/enroll`, {
      method: 'POST',
      body: { deviceName: 'Lane tablet 3', ...body },
    });

  it('a username at two sites: the tablet’s site decides who it is, and enrolling asks for the site', async () => {
    expect(demo.user).toMatchObject({ siteId: DEMO_SITE.id, displayName: 'Li Na 李娜' });
    expect(north.user).toMatchObject({ siteId: NORTH.id, displayName: 'Gao Yan 高燕' });
    // The demo advisor's password means nothing on a north tablet, whatever site is named.
    const demoPasswordUpNorth = await loginOn('north-tablet', NORTH_ADMIN, {
      username: 'advisor1',
      password: DEMO_PASSWORD,
    });
    expect(codeOf(demoPasswordUpNorth)).toBe('LOGIN_FAILED');
    const wrongSite = await loginOn('demo-tablet', DEMO_SITE_ADMIN, {
      username: 'advisor1',
      password: DEMO_PASSWORD,
      siteId: NORTH.id,
    });
    expect(codeOf(wrongSite)).toBe('LOGIN_FAILED');

    const ambiguous = await enrol({ username: 'admin', password: DEMO_PASSWORD });
    expect(ambiguous.status).toBe(400);
    expect(codeOf(ambiguous)).toBe('LOGIN_SITE_REQUIRED');
    // Who works where is told only to someone who knows a password.
    expect(codeOf(await enrol({ username: 'admin', password: 'guessing-1' }))).toBe('LOGIN_FAILED');
    expect(
      codeOf(await enrol({ username: 'admin', password: DEMO_PASSWORD, siteId: NORTH.id })),
    ).toBe('LOGIN_FAILED');
  });

  it('a pull returns only the own site’s records', async () => {
    const demoOrder = toWire(makeRepairOrder());
    const northOrder = toWire(makeRepairOrder({ siteId: NORTH.id }));
    expect(
      await pushRows(server.baseUrl, [{ newDocumentState: demoOrder }], demo.accessToken),
    ).toMatchObject({ conflicts: [], rejected: [] });
    expect(
      await pushRows(server.baseUrl, [{ newDocumentState: northOrder }], north.accessToken),
    ).toMatchObject({ conflicts: [], rejected: [] });

    expect((await pullAll(server.baseUrl, demo.accessToken)).documents).toEqual([demoOrder]);
    expect((await pullAll(server.baseUrl, north.accessToken)).documents).toEqual([northOrder]);
  });

  it('the live stream sends each site only its own records', async () => {
    const demoStream = await openEventStream(await streamUrl(server.baseUrl, demo.accessToken));
    const northStream = await openEventStream(await streamUrl(server.baseUrl, north.accessToken));
    await demoStream.waitFor((event): event is 'RESYNC' => event === 'RESYNC');
    await northStream.waitFor((event): event is 'RESYNC' => event === 'RESYNC');

    const firstDemo = toWire(makeRepairOrder());
    const northOrder = toWire(makeRepairOrder({ siteId: NORTH.id }));
    const secondDemo = toWire(makeRepairOrder());
    await pushRows(server.baseUrl, [{ newDocumentState: firstDemo }], demo.accessToken);
    await pushRows(server.baseUrl, [{ newDocumentState: northOrder }], north.accessToken);
    await pushRows(server.baseUrl, [{ newDocumentState: secondDemo }], demo.accessToken);

    // Events arrive in commit order, so a leaked record would be seen before these. Each
    // site numbers its own changes: the other site's write takes none of its numbers.
    await northStream.waitFor(isChangeEvent);
    expect(northStream.events).toEqual([
      'RESYNC',
      { documents: [northOrder], checkpoint: { sequence: 1 } },
    ]);
    await demoStream.waitFor(
      (event): event is ChangeEvent => isChangeEvent(event) && event.checkpoint?.sequence === 2,
    );
    expect(demoStream.events).toEqual([
      'RESYNC',
      { documents: [firstDemo], checkpoint: { sequence: 1 } },
      { documents: [secondDemo], checkpoint: { sequence: 2 } },
    ]);
    demoStream.close();
    northStream.close();
  });

  it('the people list shows the own site only, and never a hash', async () => {
    const list = (token: string) =>
      requestJson<SiteUser[]>(`${server.baseUrl}${API_BASE}/site/users`, {
        headers: bearer(token),
      });
    const demoPeople = await list(demo.accessToken);
    const northPeople = await list(north.accessToken);

    expect(demoPeople.status).toBe(200);
    expect(demoPeople.body.map((user) => user.username).sort()).toEqual(
      DEMO_USERS.map((user) => user.username).sort(),
    );
    expect(northPeople.body).toContainEqual(north.user);
    expect(northPeople.body.map((user) => `${user.siteId}/${user.username}`).sort()).toEqual([
      'north/admin',
      'north/advisor1',
    ]);
    for (const user of [...demoPeople.body, ...northPeople.body]) {
      expect(Object.keys(user).sort()).toEqual(
        ['active', 'displayName', 'id', 'role', 'siteId', 'username'].sort(),
      );
    }
    expect(JSON.stringify(demoPeople.body)).not.toContain('scrypt');
    const anonymous = await requestJson(`${server.baseUrl}${API_BASE}/site/users`);
    expect(anonymous.status).toBe(401);
    expect(codeOf(anonymous)).toBe('AUTH_REQUIRED');
  });
});
