import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hashSecret } from '../../sync-server/auth/secret-hash.js';
import { DEMO_SITE, PIN_LOCKOUT, type SiteUser } from '../../src/schema/index.js';

// The session feature runs in a browser; here it gets a tablet's storage
// (fake IndexedDB), an address bar and no network, so nothing leaves the test.
const memory = new Map<string, string>();
vi.stubGlobal('localStorage', {
  getItem: (key: string) => memory.get(key) ?? null,
  setItem: (key: string, value: string) => void memory.set(key, value),
  removeItem: (key: string) => void memory.delete(key),
});
vi.stubGlobal('window', { location: { hash: '#/orders' } });
vi.stubGlobal('navigator', { onLine: false });

const session = await import('../../src/features/session/session-state.js');
const actions = await import('../../src/features/session/session-actions.js');
const storage = await import('../../src/features/session/session-database.js');

const advisor: SiteUser = {
  id: 'user-advisor1',
  siteId: DEMO_SITE.id,
  username: 'advisor1',
  displayName: 'Li Na 李娜',
  role: 'advisor',
  active: true,
};

const START = Date.UTC(2026, 10, 22, 8, 0, 0);

describe('switching in by PIN on the tablet', () => {
  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(START);
    await storage.saveKnownUser({
      user: advisor,
      pinHash: await hashSecret('1234'),
      refreshToken: 'refresh',
      accessToken: 'access',
      accessExpiresAt: START + 60_000,
      lastSignedInAt: START,
    });
    await session.loadSession();
  });

  afterAll(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('never lets a wrong PIN in, and pauses after five in a row', async () => {
    for (let attempt = 1; attempt <= PIN_LOCKOUT.freeAttempts; attempt++) {
      const outcome = await actions.switchWithPin(advisor.id, '4321');
      expect(outcome).toMatchObject({ kind: 'wrong', failures: { count: attempt } });
      expect(session.useSession.getState().user).toBeNull();
    }
    // During the pause even the right PIN is not checked, and the try does not count.
    expect(await actions.switchWithPin(advisor.id, '1234')).toMatchObject({
      kind: 'paused',
      failures: { count: PIN_LOCKOUT.freeAttempts },
    });
    expect(session.useSession.getState().user).toBeNull();
    expect(await storage.pinFailures(advisor.id)).toEqual({
      count: PIN_LOCKOUT.freeAttempts,
      pausedUntil: START + PIN_LOCKOUT.firstPauseSeconds * 1000,
    });
  });

  it('doubles the pause for a wrong PIN after it', async () => {
    vi.setSystemTime(START + PIN_LOCKOUT.firstPauseSeconds * 1000);
    const outcome = await actions.switchWithPin(advisor.id, '0000');
    expect(outcome).toMatchObject({ kind: 'wrong', failures: { count: 6 } });
    expect(session.useSession.getState().user).toBeNull();
  });

  it('lets the right PIN in after the pause and forgets the wrong ones', async () => {
    vi.setSystemTime(START + (PIN_LOCKOUT.firstPauseSeconds * 3 + 1) * 1000);
    expect(await actions.switchWithPin(advisor.id, '1234')).toEqual({ kind: 'signed-in' });
    expect(session.useSession.getState().user).toMatchObject({
      username: 'advisor1',
      siteId: DEMO_SITE.id,
    });
    expect(await storage.pinFailures(advisor.id)).toEqual({ count: 0, pausedUntil: 0 });
  });

  it('leaves a locked tablet locked, with nobody in, after a wrong PIN', async () => {
    session.lockTablet();
    expect((await actions.switchWithPin(advisor.id, '9999')).kind).toBe('wrong');
    expect(session.useSession.getState().user).toBeNull();
    expect(session.useSession.getState().lockedFrom).toBe(advisor.id);
  });
});
