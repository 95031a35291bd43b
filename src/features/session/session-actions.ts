/**
 * What people do at the tablet's door: sign in with a password (online),
 * switch in with a PIN (online or offline), lock. A wrong PIN never changes
 * who is signed in; it only counts towards a pause.
 */
import { API_BASE, type SiteUser } from '../../schema/index.js';
import { fetchAsCurrentUser } from './access-tokens.js';
import { CodedRequestError, login, readCodedError } from './auth-client.js';
import { verifyPin } from './pin-hash.js';
import {
  NO_PIN_FAILURES,
  recordWrongPin,
  remainingPauseSeconds,
  type PinFailures,
} from './pin-lockout.js';
import { dropEnrolment, requireEnrolment, UNENROLLING } from './enrolment.js';
import {
  knownUser,
  pinFailures,
  saveDirectory,
  saveKnownUser,
  savePinFailures,
  sessionDatabase,
  touchKnownUser,
} from './session-database.js';
import { enterAs, useSession } from './session-state.js';
import { refreshUserTokens } from './token-refresh.js';
import { openSignerKey, prepareSignerKey, registerPendingSignerKeys } from './signer-keys.js';
import { refreshSiteDetails } from './site-details.js';

/** On an enrolled tablet, whose site decides which user the username means. */
export async function signInWithPassword(username: string, password: string): Promise<void> {
  const { deviceId, deviceToken } = await requireEnrolment();
  const response = await login({
    username: username.trim().toLowerCase(),
    password,
    deviceId,
    deviceToken,
  }).catch(async (error: unknown) => {
    if (error instanceof CodedRequestError && UNENROLLING.has(error.coded.code)) {
      await dropEnrolment(error.coded);
    }
    throw error;
  });
  const { user, pinHash, refreshToken, accessToken, accessExpiresAt } = response;
  await saveKnownUser({
    user,
    pinHash,
    refreshToken,
    accessToken,
    accessExpiresAt,
    lastSignedInAt: Date.now(),
  });
  // The password proves who they are: earlier wrong PINs no longer count.
  await savePinFailures(user.id, NO_PIN_FAILURES);
  // Without WebCrypto (an insecure origin) they sign in all the same; signing then says why not.
  await prepareSignerKey(user).catch(() => undefined);
  enterAs(user);
  void refreshSiteDirectory().catch(() => undefined);
}

export type PinOutcome =
  | { kind: 'signed-in' }
  | { kind: 'wrong'; failures: PinFailures }
  | { kind: 'paused'; failures: PinFailures }
  | { kind: 'unknown-user' };

export async function switchWithPin(userId: string, pin: string): Promise<PinOutcome> {
  const before = await pinFailures(userId);
  if (remainingPauseSeconds(before, Date.now()) > 0) return { kind: 'paused', failures: before };
  const known = await knownUser(userId);
  if (!known) return { kind: 'unknown-user' };
  if (!(await verifyPin(pin, known.pinHash))) {
    return { kind: 'wrong', failures: await countWrongPin(userId) };
  }
  await savePinFailures(userId, NO_PIN_FAILURES);
  await touchKnownUser(userId, Date.now());
  await openSignerKey(known.user, pin).catch(() => undefined);
  enterAs(known.user);
  void checkWithServer(userId);
  return { kind: 'signed-in' };
}

/** Read and written in one transaction, so two quick tries cannot both count as the same one. */
function countWrongPin(userId: string): Promise<PinFailures> {
  return sessionDatabase.transaction('rw', sessionDatabase.pinFailures, async () => {
    const next = recordWrongPin(await pinFailures(userId), Date.now());
    await savePinFailures(userId, next);
    return next;
  });
}

/** After a PIN switch while online: fresh tokens and directory, or the news that they were removed. */
async function checkWithServer(userId: string): Promise<void> {
  if (globalThis.navigator?.onLine === false) return;
  const outcome = await refreshUserTokens(userId);
  if (outcome.kind !== 'refreshed') return;
  await refreshSiteDirectory().catch(() => undefined);
  await registerPendingSignerKeys().catch(() => undefined);
}

/**
 * Fetches the site's people with the current person's token and keeps them
 * for offline use; the site's details (for the customer copies) come along.
 */
export async function refreshSiteDirectory(): Promise<SiteUser[]> {
  const siteId = useSession.getState().user?.siteId;
  void refreshSiteDetails().catch(() => undefined);
  const response = await fetchAsCurrentUser(`${API_BASE}/site/users`);
  if (!response.ok) throw new CodedRequestError(response.status, await readCodedError(response));
  const users = (await response.json()) as SiteUser[];
  if (siteId) await saveDirectory(siteId, users);
  return users;
}
