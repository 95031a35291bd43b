import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  API_BASE,
  DEMO_PASSWORD,
  DEMO_PIN,
  DEMO_SITE,
  DEMO_USERS,
  type LoginResponse,
  type SiteUser,
} from '../../src/schema/index.js';
import { verifySecret } from '../../sync-server/auth/secret-hash.js';
import { tabletNamed } from '../support/enrolled-tablet.js';
import { bearer, loginAs } from './helpers/auth.js';
import { codeOf, requestJson, type JsonAnswer } from './helpers/json-request.js';
import { openEventStream } from './helpers/sse-client.js';
import { SYNC_HEADERS, streamUrl, syncUrl } from './helpers/sync-http.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

/** The site admin's screen, through its API: adding people, deactivating them, new secrets. */
const newTechnician = {
  username: 'tech3',
  displayName: 'Hu Jun 胡军',
  role: 'technician',
  password: 'spanner-and-socket',
  pin: '2468',
};

describe('the admin manages the site’s users', () => {
  let server: TestServer;
  let admin: LoginResponse;
  beforeEach(async () => {
    server = await startTestServer();
    admin = await loginAs(server.baseUrl, 'admin');
  });
  afterEach(() => server.stop());

  const users = () => `${server.baseUrl}${API_BASE}/admin/users`;
  const addUser = (body: unknown, token = admin.accessToken) =>
    requestJson<SiteUser>(users(), { method: 'POST', body, headers: bearer(token) });
  const changeUser = (username: string, body: unknown, token = admin.accessToken) =>
    requestJson<SiteUser>(`${users()}/${username}`, {
      method: 'PATCH',
      body,
      headers: bearer(token),
    });
  const listUsers = async () =>
    (await requestJson<SiteUser[]>(users(), { headers: bearer(admin.accessToken) })).body;
  const login = async (username: string, password: string) =>
    requestJson<LoginResponse>(`${server.baseUrl}${API_BASE}/auth/login`, {
      method: 'POST',
      body: { username, password, ...(await tabletNamed(server.baseUrl, 'admin-test-tablet')) },
    });
  /** A refresh from the tablet the sign-in was made on. */
  const refreshOn = async (tablet: string, refreshToken: string) =>
    requestJson(`${server.baseUrl}${API_BASE}/auth/refresh`, {
      method: 'POST',
      body: { refreshToken, ...(await tabletNamed(server.baseUrl, tablet)) },
    });
  const expectRefused = (answer: JsonAnswer, status: number, code: string) => {
    expect({ status: answer.status, code: codeOf(answer) }).toEqual({ status, code });
  };

  it('only an admin of the site may manage users', async () => {
    const advisor = await loginAs(server.baseUrl, 'advisor1');
    const forbidden = await requestJson(users(), { headers: bearer(advisor.accessToken) });
    expectRefused(forbidden, 403, 'ROLE_FORBIDDEN');
    expectRefused(await addUser(newTechnician, advisor.accessToken), 403, 'ROLE_FORBIDDEN');
    expectRefused(
      await changeUser('admin', { active: false }, advisor.accessToken),
      403,
      'ROLE_FORBIDDEN',
    );
    expectRefused(await requestJson(users()), 401, 'AUTH_REQUIRED');
    expect((await listUsers()).map((user) => user.username).sort()).toEqual(
      DEMO_USERS.map((user) => user.username).sort(),
    );
  });

  it('a user the admin adds can sign in at once', async () => {
    const added = await addUser(newTechnician);
    expect(added.status).toBe(201);
    expect(added.body).toEqual({
      id: expect.any(String),
      siteId: DEMO_SITE.id,
      username: 'tech3',
      displayName: 'Hu Jun 胡军',
      role: 'technician',
      active: true,
    });

    const signedIn = await login('tech3', 'spanner-and-socket');
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user).toEqual(added.body);
    expect(await verifySecret('2468', signedIn.body.pinHash)).toBe(true);
  });

  it('a bad new user is refused with a code naming the problem, and nothing is added', async () => {
    const cases: [unknown, number, string][] = [
      [{ ...newTechnician, username: 'Tech 3' }, 422, 'USERNAME_FORMAT'],
      [{ ...newTechnician, password: 'short' }, 422, 'PASSWORD_TOO_SHORT'],
      [{ ...newTechnician, pin: '12' }, 422, 'PIN_FORMAT'],
      [{ ...newTechnician, pin: '12ab' }, 422, 'PIN_FORMAT'],
      [{ ...newTechnician, role: 'wizard' }, 422, 'SCHEMA_INVALID'],
      [{ ...newTechnician, isAdmin: true }, 422, 'SCHEMA_INVALID'],
      [{ ...newTechnician, displayName: '   ' }, 422, 'SCHEMA_INVALID'],
      [{ ...newTechnician, username: 'tech1' }, 409, 'USERNAME_TAKEN'],
    ];
    for (const [body, status, code] of cases) expectRefused(await addUser(body), status, code);
    const malformed = await fetch(users(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(admin.accessToken) },
      body: '{"username": ',
    });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { code: string }).code).toBe('BODY_MALFORMED');

    expect(await listUsers()).toHaveLength(DEMO_USERS.length);
    expectRefused(await login('tech3', newTechnician.password), 401, 'LOGIN_FAILED');
  });

  it('a deactivated user is refused at the next sync request, at sign-in and at refresh', async () => {
    const tech = await loginAs(server.baseUrl, 'tech1', 'workshop-tablet');
    const stream = await openEventStream(await streamUrl(server.baseUrl, tech.accessToken));
    await stream.waitFor((event): event is 'RESYNC' => event === 'RESYNC');

    const changed = await changeUser('tech1', { active: false });
    expect(changed.status).toBe(200);
    expect(changed.body.active).toBe(false);

    const pull = await requestJson(syncUrl(server.baseUrl, 'pull'), {
      headers: { ...SYNC_HEADERS, ...bearer(tech.accessToken) },
    });
    expectRefused(pull, 401, 'USER_INACTIVE');
    await stream.ended; // the open live stream is ended too
    expectRefused(await login('tech1', DEMO_PASSWORD), 403, 'USER_INACTIVE');
    expectRefused(await refreshOn('workshop-tablet', tech.refreshToken), 403, 'USER_INACTIVE');

    expect((await changeUser('tech1', { active: true })).body.active).toBe(true);
    expect((await login('tech1', DEMO_PASSWORD)).status).toBe(200);
  });

  it('a new PIN reaches the tablet with the next sign-in', async () => {
    expect((await changeUser('advisor1', { pin: '864209' })).status).toBe(200);
    const { pinHash } = (await login('advisor1', DEMO_PASSWORD)).body;
    expect(await verifySecret('864209', pinHash)).toBe(true);
    expect(await verifySecret(DEMO_PIN, pinHash)).toBe(false);
  });

  it('a new password replaces the old one and ends the sign-ins made with it', async () => {
    const before = await loginAs(server.baseUrl, 'clerk1', 'front-desk-tablet');
    expect((await changeUser('clerk1', { password: 'a-fresh-password' })).status).toBe(200);

    expectRefused(await login('clerk1', DEMO_PASSWORD), 401, 'LOGIN_FAILED');
    expect((await login('clerk1', 'a-fresh-password')).status).toBe(200);
    expectRefused(await refreshOn('front-desk-tablet', before.refreshToken), 401, 'TOKEN_INVALID');
  });

  it('the last active admin can be neither deactivated nor demoted', async () => {
    expectRefused(await changeUser('admin', { active: false }), 409, 'LAST_ADMIN');
    expectRefused(await changeUser('admin', { role: 'manager' }), 409, 'LAST_ADMIN');

    expect((await changeUser('manager1', { role: 'admin' })).status).toBe(200);
    const demoted = await changeUser('admin', { role: 'manager' });
    expect(demoted.body.role).toBe('manager');
    // The role is read per request: the old admin token no longer manages users.
    expectRefused(await addUser(newTechnician), 403, 'ROLE_FORBIDDEN');
  });

  it('changes to someone not at the site, or with bad values, are refused', async () => {
    expectRefused(await changeUser('ghost', { active: false }), 404, 'USER_NOT_FOUND');
    expectRefused(await changeUser('tech1', {}), 422, 'SCHEMA_INVALID');
    expectRefused(await changeUser('tech1', { pin: '1' }), 422, 'PIN_FORMAT');
    expectRefused(await changeUser('tech1', { password: '1234567' }), 422, 'PASSWORD_TOO_SHORT');
    expectRefused(await changeUser('tech1', { username: 'tech9' }), 422, 'SCHEMA_INVALID');
    expect((await login('tech1', DEMO_PASSWORD)).status).toBe(200);
  });
});
