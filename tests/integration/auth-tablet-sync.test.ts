import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  API_BASE,
  AUTH_LIMITS,
  type LoginResponse,
  type RepairOrder,
} from '../../src/schema/index.js';
import { createRepairOrder } from '../../src/features/orders/data.js';
import { SyncClient, SyncHttpError, type AccessTokenSource } from '../../src/sync/sync-http.js';
import { useSyncStatus } from '../../src/sync/sync-store.js';
import { makeRepairOrder } from '../factories/repair-order.js';
import { tabletNamed, type EnrolledTablet } from '../support/enrolled-tablet.js';
import { AppTablet } from './helpers/app-tablet.js';
import { loginAs } from './helpers/auth.js';
import { movableClock } from './helpers/json-request.js';
import { pullAll, pushRows, toWire } from './helpers/sync-http.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

/**
 * The app's sync code with its access tokens: it signs every request, gets a
 * fresh token after a 401, reopens a live stream the server refused, and
 * sends nothing while no one is signed in.
 */
const advisor = { username: 'advisor1', siteId: 'demo-site' };

/** Tokens as the session feature keeps them: refreshed one at a time, the latest kept. */
function refreshingTokens(baseUrl: string, login: LoginResponse, tablet: EnrolledTablet) {
  let current = login;
  let inFlight: Promise<string | null> | null = null;
  const calls = { refresh: 0 };
  const renew = async (): Promise<string | null> => {
    calls.refresh += 1;
    const response = await fetch(`${baseUrl}${API_BASE}/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: current.refreshToken, ...tablet }),
    });
    if (response.status !== 200) return null;
    current = (await response.json()) as LoginResponse;
    return current.accessToken;
  };
  const tokens: AccessTokenSource = {
    accessToken: async () => current.accessToken,
    refreshAfterUnauthorized: () => {
      inFlight ??= renew().finally(() => (inFlight = null));
      return inFlight;
    },
  };
  return { tokens, calls };
}

async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`not reached in time: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the tablet’s sync signs in', () => {
  let server: TestServer;
  let clock: ReturnType<typeof movableClock>;
  const tablets: AppTablet[] = [];
  beforeEach(async () => {
    clock = movableClock();
    server = await startTestServer({ auth: { now: clock.now } });
    useSyncStatus.getState().markSynced();
  });
  afterEach(async () => {
    await Promise.all(tablets.splice(0).map((tablet) => tablet.close()));
    await server.stop();
  });

  it('a refused token is renewed once and the request sent again; without a new one the refusal shows', async () => {
    const login = await loginAs(server.baseUrl, 'advisor1', 'client-tablet');
    const enrolled = await tabletNamed(server.baseUrl, 'client-tablet');
    const { tokens, calls } = refreshingTokens(server.baseUrl, login, enrolled);
    clock.advance(AUTH_LIMITS.accessTokenSeconds * 1000);

    const page = await new SyncClient(server.baseUrl, '', tokens).pullChanges(undefined, 10);
    expect(page).toEqual({ changes: [], checkpoint: null, more: false, remaining: 0 });
    expect(calls.refresh).toBe(1);

    const hopeless: AccessTokenSource = {
      accessToken: async () => 'not-a-token',
      refreshAfterUnauthorized: async () => null,
    };
    const refused = await new SyncClient(server.baseUrl, '', hopeless)
      .pullChanges(undefined, 10)
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SyncHttpError);
    expect((refused as SyncHttpError).status).toBe(401);
    expect((refused as SyncHttpError).coded.code).toBe('TOKEN_INVALID');
  });

  it('a tablet whose token expired while it was away renews it, syncs, and hears live changes again', async () => {
    const login = await loginAs(server.baseUrl, 'advisor1', 'lane-tablet');
    const enrolled = await tabletNamed(server.baseUrl, 'lane-tablet');
    const { tokens, calls } = refreshingTokens(server.baseUrl, login, enrolled);
    clock.advance(AUTH_LIMITS.accessTokenSeconds * 1000);

    const tablet = await AppTablet.start(server.baseUrl, { tokens });
    tablets.push(tablet);
    const mine = await createRepairOrder(tablet.database, advisor, { concern: '仪表灯亮' });
    const fresh = (await loginAs(server.baseUrl, 'advisor1', 'office-pc')).accessToken;
    await eventually(
      async () => (await pullAll(server.baseUrl, fresh)).documents.map((order) => order.id),
      (ids) => ids.includes(mine.id),
    );
    expect(calls.refresh).toBeGreaterThan(0);

    // Only a live stream tells a tablet in sync about this: its first one was refused.
    const theirs = toWire(makeRepairOrder({ concern: '另一台平板录入' }));
    await pushRows(server.baseUrl, [{ newDocumentState: theirs }], fresh);
    const arrived = await eventually(
      async () => (await tablet.database.repair_orders.findOne(theirs.id).exec())?.toJSON(),
      (found) => found !== undefined,
    );
    expect((arrived as RepairOrder).concern).toBe('另一台平板录入');
  });

  it('with no one signed in nothing is sent, and the tablet says a sign-in is needed', async () => {
    const nobody: AccessTokenSource = {
      accessToken: async () => null,
      refreshAfterUnauthorized: async () => null,
    };
    const tablet = await AppTablet.start(server.baseUrl, { tokens: nobody });
    tablets.push(tablet);
    await createRepairOrder(tablet.database, advisor, { concern: '空调异味' });

    const error = await eventually(
      async () => useSyncStatus.getState().error,
      (shown) => shown?.code === 'AUTH_REQUIRED',
    );
    expect(error?.message['zh-CN']).toContain('请登录');
    expect(await tablet.pendingCount()).toBe(1);
    const fresh = (await loginAs(server.baseUrl)).accessToken;
    expect((await pullAll(server.baseUrl, fresh)).documents).toEqual([]);
  });
});
