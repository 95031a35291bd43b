import { createHmac, timingSafeEqual } from 'node:crypto';
import { ROLES, type Role } from '../../src/schema/index.js';

/**
 * Short-lived access tokens: `base64url(JSON claims).base64url(HMAC-SHA256)`.
 * Stateless, so a sync request costs one HMAC; the user's active flag is
 * still looked up per request, so deactivation bites at once.
 */
export interface AccessClaims {
  /** User id. */
  sub: string;
  site: string;
  /** Username. */
  usr: string;
  role: Role;
  /** Device id the sign-in is bound to. */
  dev: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

export type AccessTokenCheck =
  { ok: true; claims: AccessClaims } | { ok: false; code: 'TOKEN_INVALID' | 'TOKEN_EXPIRED' };

function signatureOf(payload: string, key: Buffer): Buffer {
  return createHmac('sha256', key).update(payload).digest();
}

export function signAccessToken(claims: AccessClaims, key: Buffer): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${signatureOf(payload, key).toString('base64url')}`;
}

function isClaims(value: unknown): value is AccessClaims {
  if (typeof value !== 'object' || value === null) return false;
  const claims = value as Record<string, unknown>;
  return (
    ['sub', 'site', 'usr', 'dev'].every((name) => typeof claims[name] === 'string') &&
    (ROLES as readonly unknown[]).includes(claims.role) &&
    typeof claims.exp === 'number'
  );
}

function parseClaims(payload: string): AccessClaims | null {
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return isClaims(claims) ? claims : null;
  } catch {
    return null;
  }
}

export function verifyAccessToken(token: string, key: Buffer, nowMs: number): AccessTokenCheck {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return { ok: false, code: 'TOKEN_INVALID' };
  const given = Buffer.from(signature, 'base64url');
  const expected = signatureOf(payload, key);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, code: 'TOKEN_INVALID' };
  }
  const claims = parseClaims(payload);
  if (!claims) return { ok: false, code: 'TOKEN_INVALID' };
  if (claims.exp * 1000 <= nowMs) return { ok: false, code: 'TOKEN_EXPIRED' };
  return { ok: true, claims };
}
