/**
 * What this tablet keeps about its people, apart from the synced records:
 * its enrolment (device id and token from the server), the users who signed in here (profile, tokens, the
 * server's PIN hash), wrong-PIN counters and the site's directory for use
 * offline, and each person's signing key encrypted under their PIN (key-vault.ts).
 * A small Dexie database of its own: not synced, never leaves the tablet.
 */
import Dexie, { type Table } from 'dexie';
import type { SiteUser } from '../../schema/index.js';
import { NO_PIN_FAILURES, type PinFailures } from './pin-lockout.js';
import type { WrappedSignerKey } from './key-vault.js';

/** The opened signing key of the person at the tablet (non-extractable CryptoKey), see open-signer.ts. */
export interface OpenSigner {
  userId: string;
  siteId: string;
  username: string;
  keyId: string;
  privateKey: CryptoKey;
}

export interface KnownUser {
  user: SiteUser;
  pinHash: string;
  refreshToken: string;
  accessToken: string;
  /** Epoch ms, the server's clock. */
  accessExpiresAt: number;
  lastSignedInAt: number;
}

interface Setting {
  key: string;
  value: string;
}

interface StoredPinFailures extends PinFailures {
  userId: string;
}

class SessionDatabase extends Dexie {
  settings!: Table<Setting, string>;
  knownUsers!: Table<KnownUser, string>;
  pinFailures!: Table<StoredPinFailures, string>;
  directory!: Table<SiteUser, string>;
  signerKeys!: Table<WrappedSignerKey, string>;
  openSigners!: Table<OpenSigner, string>;

  constructor() {
    super('service-lane-session');
    this.version(1).stores({
      settings: 'key',
      knownUsers: 'user.id, lastSignedInAt',
      pinFailures: 'userId',
      directory: 'id, siteId',
    });
    // Version 2 adds one signing key per person; everything stored before stays.
    this.version(2).stores({ signerKeys: 'userId', openSigners: 'userId' });
  }
}

export const sessionDatabase = new SessionDatabase();

/** What a site admin's enrolment gave this tablet; every sign-in and refresh sends id and token. */
export interface TabletEnrolment {
  deviceId: string;
  deviceToken: string;
  name: string;
  siteId: string;
}

const ENROLMENT_KEY = 'enrolment';

export async function tabletEnrolment(): Promise<TabletEnrolment | null> {
  const stored = await sessionDatabase.settings.get(ENROLMENT_KEY);
  return stored ? (JSON.parse(stored.value) as TabletEnrolment) : null;
}

export async function saveEnrolment(enrolment: TabletEnrolment): Promise<void> {
  await sessionDatabase.settings.put({ key: ENROLMENT_KEY, value: JSON.stringify(enrolment) });
}

/**
 * The server no longer takes this tablet: its enrolment and everyone's tokens
 * and PINs go (a revoked tablet may be a lost one). Records not yet on the
 * server are in the app's own database and stay, for a new enrolment to send.
 */
export async function forgetEnrolment(): Promise<void> {
  await sessionDatabase.transaction(
    'rw',
    [
      sessionDatabase.settings,
      sessionDatabase.knownUsers,
      sessionDatabase.pinFailures,
      sessionDatabase.signerKeys,
      sessionDatabase.openSigners,
    ],
    async () => {
      await sessionDatabase.settings.delete(ENROLMENT_KEY);
      await sessionDatabase.knownUsers.clear();
      await sessionDatabase.pinFailures.clear();
      // The server revoked them with the tablet.
      await sessionDatabase.signerKeys.clear();
      await sessionDatabase.openSigners.clear();
    },
  );
}

export function knownUser(userId: string): Promise<KnownUser | undefined> {
  return sessionDatabase.knownUsers.get(userId);
}

/** Most recently signed-in first. */
export async function knownUsers(): Promise<KnownUser[]> {
  return (await sessionDatabase.knownUsers.orderBy('lastSignedInAt').toArray()).reverse();
}

export async function saveKnownUser(known: KnownUser): Promise<void> {
  await sessionDatabase.knownUsers.put(known);
}

/** Keeps the PIN hash and when they last signed in; replaces profile and tokens. */
export async function updateKnownUserTokens(
  userId: string,
  change: Pick<KnownUser, 'user' | 'refreshToken' | 'accessToken' | 'accessExpiresAt' | 'pinHash'>,
): Promise<KnownUser | undefined> {
  await sessionDatabase.knownUsers.update(userId, change);
  return knownUser(userId);
}

export async function touchKnownUser(userId: string, at: number): Promise<void> {
  await sessionDatabase.knownUsers.update(userId, { lastSignedInAt: at });
}

export async function forgetKnownUser(userId: string): Promise<void> {
  await sessionDatabase.transaction(
    'rw',
    [
      sessionDatabase.knownUsers,
      sessionDatabase.pinFailures,
      sessionDatabase.signerKeys,
      sessionDatabase.openSigners,
    ],
    async () => {
      await sessionDatabase.knownUsers.delete(userId);
      await sessionDatabase.pinFailures.delete(userId);
      // Signed in again with a password, they get a new key.
      await sessionDatabase.signerKeys.delete(userId);
      await sessionDatabase.openSigners.delete(userId);
    },
  );
}

export async function pinFailures(userId: string): Promise<PinFailures> {
  const stored = await sessionDatabase.pinFailures.get(userId);
  return stored ? { count: stored.count, pausedUntil: stored.pausedUntil } : NO_PIN_FAILURES;
}

export async function savePinFailures(userId: string, failures: PinFailures): Promise<void> {
  await sessionDatabase.pinFailures.put({ userId, ...failures });
}

/** The site's people as last fetched, replacing that site's earlier copy. */
export async function saveDirectory(siteId: string, users: SiteUser[]): Promise<void> {
  await sessionDatabase.transaction('rw', sessionDatabase.directory, async () => {
    await sessionDatabase.directory.where('siteId').equals(siteId).delete();
    await sessionDatabase.directory.bulkPut(users.filter((user) => user.siteId === siteId));
  });
}

export function storedSignerKey(userId: string): Promise<WrappedSignerKey | undefined> {
  return sessionDatabase.signerKeys.get(userId);
}

/** One key per person on this tablet: a new one replaces the old (which stays valid on the server). */
export async function saveSignerKey(wrapped: WrappedSignerKey): Promise<void> {
  await sessionDatabase.signerKeys.put(wrapped);
}

export async function markSignerKeyRegistered(userId: string, keyId: string): Promise<void> {
  await sessionDatabase.signerKeys
    .where('userId')
    .equals(userId)
    .filter((stored) => stored.keyId === keyId)
    .modify({ registered: true });
}

export async function unregisteredSignerKeys(): Promise<WrappedSignerKey[]> {
  return (await sessionDatabase.signerKeys.toArray()).filter((stored) => !stored.registered);
}

export async function forgetStoredSignerKey(userId: string): Promise<void> {
  await sessionDatabase.signerKeys.delete(userId);
}

export async function dropSignerKey(userId: string, keyId: string): Promise<void> {
  await sessionDatabase.signerKeys
    .where('userId')
    .equals(userId)
    .filter((stored) => stored.keyId === keyId)
    .delete();
}
