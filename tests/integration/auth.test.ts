import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  API_BASE,
  AUTH_LIMITS,
  DEMO_PASSWORD,
  DEMO_PIN,
  DEMO_SITE,
  ERROR_MESSAGES,
  type LoginResponse,
} from '../../src/schema/index.js';
import { verifySecret } from '../../sync-server/auth/secret-hash.js';
import { tabletNamed, type EnrolledTablet } from '../support/enrolled-tablet.js';
import { bearer, loginAs } from './helpers/auth.js';
import { codeOf, movableClock, requestJson } from './helpers/json-request.js';
import { SYNC_HEADERS, syncUrl } from './helpers/sync-http.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const LANE_TABLET = 'lane-tablet-1';

describe('signing in and the tokens', () => {
  let server: TestServer;
  let clock: ReturnType<typeof movableClock>;
  beforeEach(async () => {
    clock = movableClock();
    server = await startTestServer({ auth: { now: clock.now } });
  });
  afterEach(() => server.stop());

  /** Sign-in on the enrolled lane tablet, from another address when given. */
  const login = async (body: Record<string, string>, from?: string) =>
    requestJson<LoginResponse>(`${server.baseUrl}${API_BASE}/auth/login`, {
      method: 'POST',
      body: { ...(await tabletNamed(server.baseUrl, LANE_TABLET)), ...body },
      from,
    });
  const refresh = async (refreshToken: string, tablet?: EnrolledTablet) =>
    requestJson<LoginResponse>(`${server.baseUrl}${API_BASE}/auth/refresh`, {
      method: 'POST',
      body: { refreshToken, ...(tablet ?? (await tabletNamed(server.baseUrl, LANE_TABLET))) },
    });
  const pull = (token: string) =>
    requestJson(syncUrl(server.baseUrl, 'pull'), {
      headers: { ...SYNC_HEADERS, ...bearer(token) },
    });

  it('an advisor signs in with username and password: profile, tokens and the PIN hash', async () => {
    const { status, body } = await login({ username: 'advisor1', password: DEMO_PASSWORD });

    expect(status).toBe(200);
    expect(body.user).toEqual({
      id: expect.any(String),
      siteId: DEMO_SITE.id,
      username: 'advisor1',
      displayName: 'Li Na 李娜',
      role: 'advisor',
      active: true,
    });
    const expiresAt = (Math.floor(clock.now() / 1000) + AUTH_LIMITS.accessTokenSeconds) * 1000;
    expect(body.accessExpiresAt).toBe(expiresAt);
    expect(body.pinHash).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[^$]+\$[^$]+$/);
    expect(await verifySecret(DEMO_PIN, body.pinHash)).toBe(true);
    expect(await verifySecret('9999', body.pinHash)).toBe(false);
    expect((await pull(body.accessToken)).status).toBe(200);
  });

  it('the username is found whatever its case, as a tablet keyboard may capitalise it', async () => {
    const { status, body } = await login({ username: ' Advisor1', password: DEMO_PASSWORD });
    expect(status).toBe(200);
    expect(body.user.username).toBe('advisor1');
  });

  it('a wrong password and an unknown user get the same answer', async () => {
    const wrongPassword = await login({ username: 'advisor1', password: 'not-the-password' });
    const unknownUser = await login({ username: 'nobody', password: DEMO_PASSWORD });

    for (const answer of [wrongPassword, unknownUser]) {
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({ code: 'LOGIN_FAILED', message: ERROR_MESSAGES.LOGIN_FAILED });
    }
  });

  it('a deactivated user cannot sign in, and only the right password learns why', async () => {
    const admin = await loginAs(server.baseUrl, 'admin');
    const deactivated = await requestJson(`${server.baseUrl}${API_BASE}/admin/users/tech2`, {
      method: 'PATCH',
      body: { active: false },
      headers: bearer(admin.accessToken),
    });
    expect(deactivated.status).toBe(200);

    const refused = await login({ username: 'tech2', password: DEMO_PASSWORD });
    expect(refused.status).toBe(403);
    expect(codeOf(refused)).toBe('USER_INACTIVE');
    expect(codeOf(await login({ username: 'tech2', password: 'a-wrong-one' }))).toBe(
      'LOGIN_FAILED',
    );
  });

  it('after too many failures for one username it pauses, even with the right password', async () => {
    // Each guess from its own address, so only the username's count can trip.
    for (let attempt = 0; attempt < AUTH_LIMITS.loginAttemptsPerWindow; attempt += 1) {
      const guess = await login(
        { username: 'advisor1', password: `guess-${attempt}` },
        `127.0.0.${10 + attempt}`,
      );
      expect(guess.status).toBe(401);
    }

    const paused = await login({ username: 'advisor1', password: DEMO_PASSWORD }, '127.0.0.2');
    expect(paused.status).toBe(429);
    expect(codeOf(paused)).toBe('LOGIN_RATE_LIMITED');
    const retryAfter = Number(paused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(AUTH_LIMITS.loginWindowSeconds);
    // Someone else at the same tablet is not held up.
    expect((await login({ username: 'tech1', password: DEMO_PASSWORD }, '127.0.0.2')).status).toBe(
      200,
    );

    clock.advance(AUTH_LIMITS.loginWindowSeconds * 1000);
    expect(
      (await login({ username: 'advisor1', password: DEMO_PASSWORD }, '127.0.0.2')).status,
    ).toBe(200);
  });

  it('after too many failures from one address, sign-in from there pauses; other addresses go on', async () => {
    for (let attempt = 0; attempt < AUTH_LIMITS.loginAttemptsPerWindow; attempt += 1) {
      const guess = await login(
        { username: `guess${attempt}`, password: 'whatever1' },
        '127.0.0.3',
      );
      expect(guess.status).toBe(401);
    }

    const paused = await login({ username: 'tech1', password: DEMO_PASSWORD }, '127.0.0.3');
    expect(paused.status).toBe(429);
    expect(codeOf(paused)).toBe('LOGIN_RATE_LIMITED');
    expect((await login({ username: 'tech1', password: DEMO_PASSWORD }, '127.0.0.4')).status).toBe(
      200,
    );
  });

  it('a refresh hands out new tokens and uses the old refresh token up', async () => {
    const first = await loginAs(server.baseUrl, 'advisor1', LANE_TABLET);

    const renewed = await refresh(first.refreshToken);
    expect(renewed.status).toBe(200);
    expect(renewed.body.user.username).toBe('advisor1');
    expect(renewed.body.refreshToken).not.toBe(first.refreshToken);
    expect(await verifySecret(DEMO_PIN, renewed.body.pinHash)).toBe(true);
    expect((await pull(renewed.body.accessToken)).status).toBe(200);

    const reused = await refresh(first.refreshToken);
    expect(reused.status).toBe(401);
    expect(codeOf(reused)).toBe('TOKEN_INVALID');
    // The reuse revoked the whole chain, the renewed tokens too (refresh-token-reuse.test.ts).
    expect((await refresh(renewed.body.refreshToken)).status).toBe(401);
  });

  it('a refresh token works only on the tablet it was issued to', async () => {
    const { refreshToken } = await loginAs(server.baseUrl, 'advisor1', LANE_TABLET);

    const anotherTablet = await tabletNamed(server.baseUrl, 'another-tablet');
    const elsewhere = await refresh(refreshToken, anotherTablet);
    expect(elsewhere.status).toBe(401);
    expect(codeOf(elsewhere)).toBe('TOKEN_INVALID');
    // The copy's attempt did not use it up for its own tablet.
    expect((await refresh(refreshToken)).status).toBe(200);
  });

  it('an access token expires; the refresh token brings a new one', async () => {
    const { accessToken, refreshToken } = await loginAs(server.baseUrl, 'advisor1', LANE_TABLET);
    clock.advance(AUTH_LIMITS.accessTokenSeconds * 1000);

    const expired = await pull(accessToken);
    expect(expired.status).toBe(401);
    expect(codeOf(expired)).toBe('TOKEN_EXPIRED');
    expect(expired.headers['www-authenticate']).toBe('Bearer');

    const renewed = await refresh(refreshToken);
    expect(renewed.status).toBe(200);
    expect((await pull(renewed.body.accessToken)).status).toBe(200);
  });

  it('a refresh token expires after its lifetime', async () => {
    const { refreshToken } = await loginAs(server.baseUrl, 'advisor1', LANE_TABLET);
    clock.advance(AUTH_LIMITS.refreshTokenDays * DAY_MS);
    const expired = await refresh(refreshToken);
    expect(expired.status).toBe(401);
    expect(codeOf(expired)).toBe('TOKEN_EXPIRED');
  });

  it('a forged, foreign or misplaced token is refused', async () => {
    const { accessToken } = await loginAs(server.baseUrl, 'advisor1', LANE_TABLET);
    const [payload, signature] = accessToken.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    const promoted = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString(
      'base64url',
    );
    const other = await startTestServer();
    const foreign = (await loginAs(other.baseUrl, 'advisor1', LANE_TABLET)).accessToken;
    await other.stop();

    for (const token of [`${promoted}.${signature}`, 'not-a-token', `${payload}.`, foreign]) {
      const refused = await pull(token);
      expect(refused.status, token).toBe(401);
      expect(codeOf(refused)).toBe('TOKEN_INVALID');
    }
    // No route reads a token from the address (the live stream takes a single-use ticket).
    const inQuery = await requestJson(
      `${syncUrl(server.baseUrl, 'pull')}?access_token=${accessToken}`,
      {
        headers: SYNC_HEADERS,
      },
    );
    expect(codeOf(inQuery)).toBe('AUTH_REQUIRED');
    const basic = await requestJson(syncUrl(server.baseUrl, 'pull'), {
      headers: { ...SYNC_HEADERS, authorization: `Basic ${accessToken}` },
    });
    expect(codeOf(basic)).toBe('AUTH_REQUIRED');
  });
});
