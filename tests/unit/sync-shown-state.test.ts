import { describe, expect, it } from 'vitest';
import { codedError } from '../../src/schema/index.js';
import { shownProblem, showsLastSync } from '../../src/features/sync/shown-state.js';

/**
 * A brand-new tablet, or one at its lock screen, asks for a sign-in on the
 * screen itself: the header does not add a red "sync problem" for it, nor a
 * "not synced yet" before anything could have synced.
 */
describe('what the sync indicator shows', () => {
  it('keeps quiet about a missing sign-in while nobody is signed in, and only then', () => {
    const signIn = codedError('AUTH_REQUIRED');
    expect(shownProblem(signIn, false)).toBeNull();
    expect(shownProblem(signIn, true)).toEqual(signIn);
  });

  it('still shows every other problem at the lock screen', () => {
    for (const code of ['DEVICE_REVOKED', 'SERVER_UNREACHABLE', 'SERVER_ERROR'] as const)
      expect(shownProblem(codedError(code), false)?.code).toBe(code);
    expect(shownProblem(null, true)).toBeNull();
  });

  it('tells the last sync once there was one, and "not synced yet" only to someone signed in', () => {
    expect(showsLastSync(null, false)).toBe(false);
    expect(showsLastSync(null, true)).toBe(true);
    expect(showsLastSync(Date.now(), false)).toBe(true);
  });
});
