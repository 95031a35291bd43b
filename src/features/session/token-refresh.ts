/**
 * Renews a person's tokens with their refresh token (which the server
 * rotates: the old one dies). One refresh per person at a time, across tabs
 * too, since two refreshes with the same token would make the second look
 * stolen. A server that no longer accepts the person removes their PIN
 * access on this tablet; one that no longer accepts the tablet unenrols it.
 */
import { codedError, type CodedError, type ErrorCode } from '../../schema/index.js';
import { CodedRequestError, refresh } from './auth-client.js';
import { dropEnrolment, UNENROLLING } from './enrolment.js';
import {
  forgetKnownUser,
  forgetStoredSignerKey,
  knownUser,
  tabletEnrolment,
  updateKnownUserTokens,
  type KnownUser,
} from './session-database.js';
import { lockTablet, toSessionUser, useSession } from './session-state.js';
import { forgetRecordSigner } from './record-signers.js';

export type RefreshOutcome =
  | { kind: 'refreshed'; known: KnownUser }
  | { kind: 'revoked'; coded: CodedError }
  | { kind: 'failed'; coded: CodedError };

/** Answers meaning this person may no longer use the tablet until they sign in with a password. */
const REVOKING: ReadonlySet<ErrorCode> = new Set([
  'USER_INACTIVE',
  'TOKEN_INVALID',
  'TOKEN_EXPIRED',
]);

const inFlight = new Map<string, Promise<RefreshOutcome>>();

export function refreshUserTokens(userId: string): Promise<RefreshOutcome> {
  const running = inFlight.get(userId);
  if (running) return running;
  const started = knownUser(userId).then((before) =>
    withRefreshLock(userId, () => refreshOnce(userId, before?.refreshToken)),
  );
  const outcome = started.finally(() => inFlight.delete(userId));
  inFlight.set(userId, outcome);
  return outcome;
}

async function withRefreshLock<T>(userId: string, work: () => Promise<T>): Promise<T> {
  const locks = globalThis.navigator?.locks;
  return locks ? await locks.request(`service-lane-refresh-${userId}`, work) : await work();
}

async function refreshOnce(userId: string, seenToken: string | undefined): Promise<RefreshOutcome> {
  const known = await knownUser(userId);
  if (!known) return { kind: 'revoked', coded: codedError('TOKEN_INVALID') };
  // Another tab refreshed while this one waited for the lock: use its result.
  if (seenToken !== undefined && known.refreshToken !== seenToken) {
    return { kind: 'refreshed', known };
  }
  // Unenrolled meanwhile (another person's refresh was told the tablet is revoked): keep that reason.
  const enrolment = await tabletEnrolment();
  if (!enrolment) return { kind: 'revoked', coded: codedError('DEVICE_NOT_ENROLLED') };
  try {
    const { deviceId, deviceToken } = enrolment;
    const response = await refresh({ refreshToken: known.refreshToken, deviceId, deviceToken });
    const { user, accessToken, accessExpiresAt, refreshToken, pinHash } = response;
    // A PIN reset: the key stored under the old PIN goes now; the next PIN entry makes a new one.
    if (pinHash !== known.pinHash) await forgetStoredSignerKey(userId);
    const updated = await updateKnownUserTokens(userId, {
      user,
      accessToken,
      accessExpiresAt,
      refreshToken,
      pinHash,
    });
    if (useSession.getState().user?.id === userId)
      useSession.setState({ user: toSessionUser(user) });
    return updated
      ? { kind: 'refreshed', known: updated }
      : { kind: 'failed', coded: codedError('TOKEN_INVALID') };
  } catch (error) {
    const coded = error instanceof CodedRequestError ? error.coded : codedError('SERVER_ERROR');
    if (UNENROLLING.has(coded.code)) {
      await dropEnrolment(coded);
      return { kind: 'revoked', coded };
    }
    if (!REVOKING.has(coded.code)) return { kind: 'failed', coded };
    await removeFromTablet(userId, coded);
    return { kind: 'revoked', coded };
  }
}

/** Takes away PIN access on this tablet; if they are at the tablet, it locks and says why. */
export async function removeFromTablet(userId: string, reason: CodedError | null): Promise<void> {
  const known = await knownUser(userId);
  await forgetKnownUser(userId);
  if (known) forgetRecordSigner(known.user);
  const { user } = useSession.getState();
  if (user?.id === userId) lockTablet(reason);
  else if (reason) useSession.setState({ notice: reason });
}
