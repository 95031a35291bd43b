/**
 * What the sync indicator tells, beside the engine's own state. Nobody signed
 * in (a new tablet, the lock screen): the screen already asks for a sign-in,
 * so a pull refused for want of one is no sync problem, and a tablet that has
 * never synced has nothing to report yet.
 */
import type { CodedError } from '../../schema/index.js';

export function shownProblem(error: CodedError | null, signedIn: boolean): CodedError | null {
  if (!error || (!signedIn && error.code === 'AUTH_REQUIRED')) return null;
  return error;
}

/** Whether "last sync" (or "not synced yet") is worth a line in the header. */
export function showsLastSync(lastSyncedAt: number | null, signedIn: boolean): boolean {
  return lastSyncedAt !== null || signedIn;
}
