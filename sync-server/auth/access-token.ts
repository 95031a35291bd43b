import { createHmac } from 'node:crypto';
import { ROLES, type Role } from '../../src/schema/index.js';
import { decodeBase64UrlStrictly, sameSecret } from './token-encoding.js';

/**
 * Short-lived access tokens: `base64url(JSON claims).base64url(HMAC-SHA256)`.
 * Stateless, so a sync request costs one HMAC; the user's active flag, the
 * tablet's enrolment and the sign-in chain are still looked up per request,
 * so deactivation, revocation and a stolen refresh token bite at once.
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
  /** The sign-in chain (refresh-tokens.ts): revoking it ends this token too. */
  chn: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

export type AccessTokenCheck =
  { ok: true; claims: AccessClaims } | { ok: false; code: 'TOKEN_INVALID' | 'TOKEN_EXPIRED' };

const SIGNATURE_BYTES = 32;
const INVALID: AccessTokenCheck = { ok: false, code: 'TOKEN_INVALID' };

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
    ['sub', 'site', 'usr', 'dev', 'chn'].every((name) => typeof claims[name] === 'string') &&
    (ROLES as readonly unknown[]).includes(claims.role) &&
    typeof claims.exp === 'number'
  );
}

function parseClaims(payload: Buffer): AccessClaims | null {
  try {
    const claims: unknown = JSON.parse(payload.toString('utf8'));
    return isClaims(claims) ? claims : null;
  } catch {
    return null;
  }
}

/**
 * Both parts are decoded strictly: `sig=`, `sig ` or a changed last character
 * that Node would decode to the same bytes is another token, and refused.
 */
export function verifyAccessToken(token: string, key: Buffer, nowMs: number): AccessTokenCheck {
  const [payload, signature, extra] = token.split('.');
  if (payload === undefined || signature === undefined || extra !== undefined) return INVALID;
  const payloadBytes = decodeBase64UrlStrictly(payload);
  const given = decodeBase64UrlStrictly(signature);
  if (!payloadBytes || given?.length !== SIGNATURE_BYTES) return INVALID;
  if (!sameSecret(given, signatureOf(payload, key))) return INVALID;
  const claims = parseClaims(payloadBytes);
  if (!claims) return INVALID;
  if (claims.exp * 1000 <= nowMs) return { ok: false, code: 'TOKEN_EXPIRED' };
  return { ok: true, claims };
}
