import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { AUTH_LIMITS } from '../../src/schema/index.js';
import { hashToken, isCanonicalRandomToken, newRandomToken } from './token-encoding.js';

/**
 * Refresh tokens: random, bound to one tablet, used once (each refresh revokes
 * the old token and hands out a new one). Only their SHA-256 is stored. The
 * tokens of one password sign-in form a chain (token_chains); presenting a
 * token that was already used means two parties hold the chain, so the whole
 * chain is revoked, and the access tokens issued from it (claim `chn`) with it.
 */
const DAY_MS = 24 * 60 * 60 * 1000;

export interface StoredRefreshToken {
  id: string;
  userId: string;
  deviceId: string;
  /** The sign-in it belongs to: a refresh continues it. */
  chain: TokenChain;
  expiresAt: number;
  revokedAt: number | null;
}

interface RefreshTokenRow {
  id: string;
  user_id: string;
  device_id: string;
  chain_id: string;
  expires_at: number;
  revoked_at: number | null;
}

export interface TokenChain {
  id: string;
  userId: string;
  deviceId: string;
}

/** A new chain, for a password sign-in. */
export function startTokenChain(
  database: Database,
  owner: { userId: string; deviceId: string },
  nowMs: number,
): TokenChain {
  const id = randomUUID();
  database
    .prepare('INSERT INTO token_chains (id, user_id, device_id, created_at) VALUES (?, ?, ?, ?)')
    .run(id, owner.userId, owner.deviceId, nowMs);
  return { id, ...owner };
}

export function issueRefreshToken(database: Database, chain: TokenChain, nowMs: number): string {
  const token = newRandomToken();
  database
    .prepare(
      `INSERT INTO refresh_tokens
         (id, user_id, device_id, chain_id, token_hash, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      randomUUID(),
      chain.userId,
      chain.deviceId,
      chain.id,
      hashToken(token),
      nowMs,
      nowMs + AUTH_LIMITS.refreshTokenDays * DAY_MS,
    );
  return token;
}

/**
 * Looked up by its SHA-256: the lookup's timing tells only about hashes, not
 * the token. Anything but the exact 43-character form is no token.
 */
export function findRefreshToken(
  database: Database,
  token: string,
): StoredRefreshToken | undefined {
  if (!isCanonicalRandomToken(token)) return undefined;
  const row = database
    .prepare<[string], RefreshTokenRow>(
      `SELECT id, user_id, device_id, chain_id, expires_at, revoked_at FROM refresh_tokens
       WHERE token_hash = ?`,
    )
    .get(hashToken(token));
  if (!row) return undefined;
  return {
    id: row.id,
    userId: row.user_id,
    deviceId: row.device_id,
    chain: { id: row.chain_id, userId: row.user_id, deviceId: row.device_id },
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}

/** False when it was revoked already: two refreshes raced and only one may win. */
export function revokeRefreshToken(database: Database, id: string, nowMs: number): boolean {
  const result = database
    .prepare('UPDATE refresh_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
    .run(nowMs, id);
  return result.changes === 1;
}

/** Ends a chain: its refresh tokens, and (through isChainLive) its access tokens and tickets. */
export function revokeTokenChain(database: Database, chainId: string, nowMs: number): void {
  database
    .transaction(() => {
      database
        .prepare('UPDATE token_chains SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
        .run(nowMs, chainId);
      database
        .prepare(
          'UPDATE refresh_tokens SET revoked_at = ? WHERE chain_id = ? AND revoked_at IS NULL',
        )
        .run(nowMs, chainId);
    })
    .immediate();
}

/**
 * The check every authenticated request makes: one primary-key read through a
 * statement prepared once. A chain the database does not know is not live.
 */
export function chainLiveness(database: Database): (chainId: string) => boolean {
  const revokedAt = database.prepare<[string], { revoked_at: number | null }>(
    'SELECT revoked_at FROM token_chains WHERE id = ?',
  );
  return (chainId) => {
    const row = revokedAt.get(chainId);
    return row !== undefined && row.revoked_at === null;
  };
}

export function revokeUserRefreshTokens(database: Database, userId: string, nowMs: number): void {
  database
    .prepare('UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL')
    .run(nowMs, userId);
}
