import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { AUTH_LIMITS } from '../../src/schema/index.js';

/**
 * Refresh tokens: random, bound to one tablet, used once (each refresh revokes
 * the old token and hands out a new one). Only their SHA-256 is stored.
 */
const TOKEN_BYTES = 32;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface StoredRefreshToken {
  id: string;
  userId: string;
  deviceId: string;
  expiresAt: number;
  revokedAt: number | null;
}

interface RefreshTokenRow {
  id: string;
  user_id: string;
  device_id: string;
  expires_at: number;
  revoked_at: number | null;
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function issueRefreshToken(
  database: Database,
  userId: string,
  deviceId: string,
  nowMs: number,
): string {
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  database
    .prepare(
      `INSERT INTO refresh_tokens (id, user_id, device_id, token_hash, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    )
    .run(
      randomUUID(),
      userId,
      deviceId,
      hashRefreshToken(token),
      nowMs,
      nowMs + AUTH_LIMITS.refreshTokenDays * DAY_MS,
    );
  return token;
}

export function findRefreshToken(
  database: Database,
  token: string,
): StoredRefreshToken | undefined {
  const row = database
    .prepare<[string], RefreshTokenRow>(
      `SELECT id, user_id, device_id, expires_at, revoked_at FROM refresh_tokens
       WHERE token_hash = ?`,
    )
    .get(hashRefreshToken(token));
  if (!row) return undefined;
  return {
    id: row.id,
    userId: row.user_id,
    deviceId: row.device_id,
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

export function revokeUserRefreshTokens(database: Database, userId: string, nowMs: number): void {
  database
    .prepare('UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL')
    .run(nowMs, userId);
}
