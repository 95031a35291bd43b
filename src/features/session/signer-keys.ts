/**
 * Each person's signing key on this tablet: made at their password sign-in
 * and registered with the server, stored encrypted under their PIN at their
 * next PIN entry, opened by each PIN switch (offline too). A key the PIN
 * cannot open (the PIN was reset) or one the server revoked is replaced by a
 * new one, so nobody is left unable to sign; a registration that failed is
 * sent again before the next push (`registerPendingSignerKeys`).
 */
import {
  API_BASE,
  SIGNER_ALGORITHM,
  SIGNER_KEYS_PATH,
  newSignerKeyPair,
  type SignerKeyPair,
  type SignerKeyRequest,
  type SiteUser,
} from '../../schema/index.js';
import { tabletAccessTokens } from './access-tokens.js';
import { readCodedError } from './auth-client.js';
import { nonExtractableCopy, unwrapSignerKey, wrapSignerKey } from './key-vault.js';
import { keepOpenSigner } from './open-signer.js';
import { forgetRecordSigner } from './record-signers.js';
import {
  dropSignerKey,
  knownUser,
  markSignerKeyRegistered,
  saveSignerKey,
  storedSignerKey,
  unregisteredSignerKeys,
} from './session-database.js';

/**
 * Keys made at a password sign-in, waiting for the person's first PIN entry
 * to be stored encrypted (the PIN is not asked at sign-in). In memory only:
 * a reload loses it, and that PIN entry makes a new key instead.
 */
const awaitingPin = new Map<string, { pair: SignerKeyPair; registered: boolean }>();

type Registration = 'registered' | 'refused' | 'not-sent';

/** Sends the public key with this person's own session; refused means the key is dead. */
async function registerKey(
  user: SiteUser,
  pair: Pick<SignerKeyPair, 'keyId' | 'publicKey'>,
): Promise<Registration> {
  const tokens = tabletAccessTokens.forPerson(user.username);
  // Exactly the public part: never the private key nor the PIN-wrapped copy beside it.
  const body: SignerKeyRequest = {
    keyId: pair.keyId,
    publicKey: pair.publicKey,
    algorithm: SIGNER_ALGORITHM,
  };
  const send = async (token: string | null): Promise<Response | null> => {
    if (!token) return null;
    return fetch(`${API_BASE}${SIGNER_KEYS_PATH}`, {
      method: 'POST',
      cache: 'no-store',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    }).catch(() => null);
  };
  let response = await send(await tokens.accessToken());
  if (response?.status === 401) response = await send(await tokens.refreshAfterUnauthorized());
  if (!response) return 'not-sent';
  if (response.ok) return 'registered';
  const { code } = await readCodedError(response);
  return code === 'SIGNER_KEY_REVOKED' || code === 'SIGNER_KEY_DUPLICATE' ? 'refused' : 'not-sent';
}

/**
 * At a password sign-in (online): a new key the person signs with at once,
 * registered now; stored under their PIN when they next enter it.
 */
export async function prepareSignerKey(user: SiteUser): Promise<void> {
  const pair = await newSignerKeyPair(true);
  await keepOpenSigner(user, {
    keyId: pair.keyId,
    privateKey: await nonExtractableCopy(pair.privateKey),
  });
  const entry = { pair, registered: false };
  awaitingPin.set(user.id, entry);
  entry.registered = (await registerKey(user, pair)) === 'registered';
}

/** After a PIN that matched the server's PIN hash: the person's key, opened or made. */
export async function openSignerKey(user: SiteUser, pin: string): Promise<void> {
  const waiting = awaitingPin.get(user.id);
  if (waiting) {
    const { wrapped, privateKey } = await wrapSignerKey(
      user.id,
      waiting.pair,
      pin,
      waiting.registered,
    );
    await saveSignerKey(wrapped);
    awaitingPin.delete(user.id);
    return keepOpenSigner(user, { keyId: wrapped.keyId, privateKey });
  }
  const stored = await storedSignerKey(user.id);
  const opened = stored ? await unwrapSignerKey(stored, pin) : null;
  if (stored && opened) return keepOpenSigner(user, { keyId: stored.keyId, privateKey: opened });
  // No key (a reload lost the new one) or the PIN was reset since it was stored: a new key.
  const { wrapped, privateKey } = await wrapSignerKey(
    user.id,
    await newSignerKeyPair(true),
    pin,
    false,
  );
  await saveSignerKey(wrapped);
  await keepOpenSigner(user, { keyId: wrapped.keyId, privateKey });
  void registerPendingSignerKeys();
}

/**
 * Registers every key the server has not confirmed yet, each with its
 * person's session. Call before pushing signed records: a record signed
 * with an unregistered key is refused (SIGNER_KEY_UNKNOWN).
 */
export async function registerPendingSignerKeys(): Promise<void> {
  for (const stored of await unregisteredSignerKeys()) {
    const user = (await knownUser(stored.userId))?.user;
    if (!user) continue;
    const outcome = await registerKey(user, stored);
    if (outcome === 'registered') await markSignerKeyRegistered(user.id, stored.keyId);
    // A dead key is dropped: the person's next PIN entry makes a new one.
    if (outcome === 'refused') {
      await dropSignerKey(user.id, stored.keyId);
      forgetRecordSigner(user);
    }
  }
  for (const [userId, entry] of awaitingPin) {
    if (entry.registered) continue;
    const user = (await knownUser(userId))?.user;
    if (user) entry.registered = (await registerKey(user, entry.pair)) === 'registered';
  }
}

/** Removed from this tablet (or the tablet unenrolled): nothing of their key stays in memory. */
export function forgetSignerKeyInMemory(user: Pick<SiteUser, 'id' | 'siteId' | 'username'>): void {
  awaitingPin.delete(user.id);
  forgetRecordSigner(user);
}
