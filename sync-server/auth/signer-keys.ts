import type { Database } from 'better-sqlite3';
import {
  fromBase64Url,
  importSignerPublicKey,
  signerKeyIdOf,
  type ErrorCode,
  type SignerKeyRequest,
  type SignerKeyResponse,
} from '../../src/schema/index.js';
import type { RequestAuth } from './auth-service.js';

/**
 * Each person's public signing keys, one per tablet they signed in on
 * (table signer_keys, migration 10). The person and tablet of a key are the
 * access token's, never the request's. Keys are revoked with their tablet or
 * person and never deleted, so what they signed stays verifiable.
 */
export interface SignerKey {
  keyId: string;
  siteId: string;
  username: string;
  deviceId: string;
  publicKey: string;
  revokedAt: number | null;
}

interface SignerKeyRow {
  key_id: string;
  site_id: string;
  user_id: string;
  username: string;
  device_id: string;
  public_key: string;
  created_at: number;
  revoked_at: number | null;
}

export type SignerKeyOutcome =
  | { ok: true; status: 200 | 201; value: SignerKeyResponse }
  | { ok: false; status: number; code: ErrorCode };

const SELECT_KEY = `SELECT signer_keys.*, users.username FROM signer_keys
  JOIN users ON users.id = signer_keys.user_id WHERE key_id = ?`;

function refused(status: number, code: ErrorCode): SignerKeyOutcome {
  return { ok: false, status, code };
}

/** The key as the request states it, when it is a P-256 key whose SHA-256 is the key id. */
async function checkedKey(request: SignerKeyRequest): Promise<boolean> {
  const spki = fromBase64Url(request.publicKey);
  if (!spki || (await importSignerPublicKey(request.publicKey)) === null) return false;
  return (await signerKeyIdOf(spki)) === request.keyId;
}

/**
 * Registers the caller's key for the caller's tablet. Sending the same key
 * again answers 200 (a retry after a lost answer); the same key for anyone
 * else is refused, as is a key already revoked.
 */
export async function registerSignerKey(
  database: Database,
  auth: RequestAuth,
  request: SignerKeyRequest,
  nowMs: number,
): Promise<SignerKeyOutcome> {
  if (!(await checkedKey(request))) return refused(422, 'SIGNER_KEY_INVALID');
  const select = database.prepare<[string], SignerKeyRow>(SELECT_KEY);
  const insert = database.prepare(
    `INSERT INTO signer_keys (key_id, site_id, user_id, device_id, algorithm, public_key, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  return database
    .transaction((): SignerKeyOutcome => {
      const existing = select.get(request.keyId);
      if (existing) {
        const same = existing.user_id === auth.userId && existing.device_id === auth.deviceId;
        if (!same) return refused(409, 'SIGNER_KEY_DUPLICATE');
        if (existing.revoked_at !== null) return refused(403, 'SIGNER_KEY_REVOKED');
        return {
          ok: true,
          status: 200,
          value: { keyId: existing.key_id, createdAt: existing.created_at },
        };
      }
      insert.run(
        request.keyId,
        auth.siteId,
        auth.userId,
        auth.deviceId,
        request.algorithm,
        request.publicKey,
        nowMs,
      );
      return { ok: true, status: 201, value: { keyId: request.keyId, createdAt: nowMs } };
    })
    .immediate();
}

/** Called inside the tablet's revocation: its keys sign nothing more. */
export function revokeDeviceSignerKeys(database: Database, deviceId: string, nowMs: number): void {
  database
    .prepare('UPDATE signer_keys SET revoked_at = ? WHERE device_id = ? AND revoked_at IS NULL')
    .run(nowMs, deviceId);
}

/** Called inside a person's deactivation: none of their keys, on any tablet, signs again. */
export function revokeUserSignerKeys(database: Database, userId: string, nowMs: number): void {
  database
    .prepare('UPDATE signer_keys SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL')
    .run(nowMs, userId);
}

export interface SignerKeyReads {
  key(keyId: string): SignerKey | undefined;
}

/** The push rules' reader of keys: one prepared statement, prepared once. */
export function createSignerKeyReads(database: Database): SignerKeyReads {
  const select = database.prepare<[string], SignerKeyRow>(SELECT_KEY);
  return {
    key(keyId) {
      const row = select.get(keyId);
      return (
        row && {
          keyId: row.key_id,
          siteId: row.site_id,
          username: row.username,
          deviceId: row.device_id,
          publicKey: row.public_key,
          revokedAt: row.revoked_at,
        }
      );
    },
  };
}
