import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The one encoding every token is read in: unpadded base64url, strictly.
 * Node's decoder is lenient (it skips `=`, whitespace and stray characters,
 * and ignores the unused low bits of the last character), so several strings
 * would otherwise name the same token; here only the string we issued does.
 */
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** Random tokens (refresh, device, stream ticket) are this many bytes: 43 characters. */
export const RANDOM_TOKEN_BYTES = 32;

/** The bytes of `text`, or null unless `text` is exactly their base64url form. */
export function decodeBase64UrlStrictly(text: string): Buffer | null {
  if (!BASE64URL.test(text)) return null;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : null;
}

export function newRandomToken(): string {
  return randomBytes(RANDOM_TOKEN_BYTES).toString('base64url');
}

/** Whether `text` has the exact shape of a token made by newRandomToken. */
export function isCanonicalRandomToken(text: unknown): text is string {
  return typeof text === 'string' && decodeBase64UrlStrictly(text)?.length === RANDOM_TOKEN_BYTES;
}

/** What the database keeps of a random token: a copied database holds no usable token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Constant-time comparison of two secrets' bytes; different lengths are simply unequal. */
export function sameSecret(given: Buffer, expected: Buffer): boolean {
  return given.length === expected.length && timingSafeEqual(given, expected);
}
