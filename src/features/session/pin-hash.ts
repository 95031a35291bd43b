/**
 * Checks a PIN on the tablet, offline, against the salted slow hash the
 * server handed out at sign-in (`scrypt$N$r$p$saltB64$hashB64`, made by
 * sync-server/auth/secret-hash.ts). The PIN itself is never stored.
 */
import { scryptAsync } from '@noble/hashes/scrypt.js';

interface ScryptHash {
  N: number;
  r: number;
  p: number;
  salt: Uint8Array;
  hash: Uint8Array;
}

// The server's own limit: a hash asking for more memory is not one it made.
const MAX_MEMORY_BYTES = 256 * 1024 * 1024;

function fromBase64(text: string): Uint8Array | null {
  try {
    return Uint8Array.from(atob(text), (character) => character.charCodeAt(0));
  } catch {
    return null;
  }
}

export function parsePinHash(stored: string): ScryptHash | null {
  const [scheme, n, r, p, saltB64, hashB64, ...rest] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !saltB64 || !hashB64 || rest.length) return null;
  const salt = fromBase64(saltB64);
  const hash = fromBase64(hashB64);
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  if (!salt || !hash || hash.length === 0) return null;
  if (!Object.values(cost).every((value) => Number.isSafeInteger(value) && value > 0)) return null;
  return { ...cost, salt, hash };
}

/** Compares every byte whatever the first difference, so timing does not tell how close a guess was. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index++) difference |= (a[index] ?? 0) ^ (b[index] ?? 0);
  return difference === 0;
}

export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const parsed = parsePinHash(stored);
  if (!parsed) return false;
  const { N, r, p, salt, hash } = parsed;
  try {
    const key = await scryptAsync(pin.normalize('NFKC'), salt, {
      N,
      r,
      p,
      dkLen: hash.length,
      maxmem: MAX_MEMORY_BYTES,
    });
    return constantTimeEqual(key, hash);
  } catch {
    // Impossible parameters (N not a power of two, too much memory): no PIN matches.
    return false;
  }
}
