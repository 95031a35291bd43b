/**
 * A person's private signing key as this tablet stores it: PKCS#8 encrypted
 * with AES-256-GCM under a key derived from their PIN (PBKDF2-SHA-256, a
 * random salt per key). Opened offline with the PIN; the opened key is
 * re-imported non-extractable, so no script can read it out again.
 */
import { ECDSA_P256, fromBase64Url, toBase64Url, type SignerKeyPair } from '../../schema/index.js';

/** OWASP's floor for PBKDF2-SHA-256 (2023); about 0.3–0.9 s per PIN entry on a tablet. */
export const PIN_KEY_ITERATIONS = 600_000;
const SALT_BYTES = 16;
const IV_BYTES = 12;

export interface WrappedSignerKey {
  userId: string;
  keyId: string;
  /** SPKI DER, base64url: registered with the server. */
  publicKey: string;
  /** PBKDF2 parameters, kept with the key so a later version can raise them. */
  iterations: number;
  salt: string;
  iv: string;
  /** AES-GCM of the PKCS#8 private key; the key id is bound in as additional data. */
  ciphertext: string;
  /** Whether the server confirmed the registration (else it is sent before the next push). */
  registered: boolean;
  createdAt: number;
}

const subtle = () => globalThis.crypto.subtle;

async function pinKey(pin: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const material = await subtle().importKey(
    'raw',
    new TextEncoder().encode(pin.normalize('NFKC')),
    'PBKDF2',
    false,
    ['deriveKey'],
  );
  return subtle().deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

function importPrivateKey(pkcs8: ArrayBuffer | Uint8Array): Promise<CryptoKey> {
  // Non-extractable: once opened, the key signs but never leaves the page again.
  return subtle().importKey('pkcs8', pkcs8 as BufferSource, ECDSA_P256, false, ['sign']);
}

/** The same private key, non-extractable: what is kept open while its person is at the tablet. */
export async function nonExtractableCopy(privateKey: CryptoKey): Promise<CryptoKey> {
  return importPrivateKey(await subtle().exportKey('pkcs8', privateKey));
}

/** Encrypts an extractable private key under the PIN; returns the stored form and the opened key. */
export async function wrapSignerKey(
  userId: string,
  pair: SignerKeyPair,
  pin: string,
  registered: boolean,
): Promise<{ wrapped: WrappedSignerKey; privateKey: CryptoKey }> {
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const pkcs8 = await subtle().exportKey('pkcs8', pair.privateKey);
  const key = await pinKey(pin, salt, PIN_KEY_ITERATIONS);
  const additionalData = new TextEncoder().encode(`${userId}\n${pair.keyId}`);
  const ciphertext = await subtle().encrypt({ name: 'AES-GCM', iv, additionalData }, key, pkcs8);
  const wrapped: WrappedSignerKey = {
    userId,
    keyId: pair.keyId,
    publicKey: pair.publicKey,
    iterations: PIN_KEY_ITERATIONS,
    salt: toBase64Url(salt),
    iv: toBase64Url(iv),
    ciphertext: toBase64Url(new Uint8Array(ciphertext)),
    registered,
    createdAt: Date.now(),
  };
  return { wrapped, privateKey: await importPrivateKey(pkcs8) };
}

/** The opened (non-extractable) private key, or null when the PIN is not the one it was wrapped with. */
export async function unwrapSignerKey(
  wrapped: WrappedSignerKey,
  pin: string,
): Promise<CryptoKey | null> {
  const salt = fromBase64Url(wrapped.salt);
  const iv = fromBase64Url(wrapped.iv);
  const ciphertext = fromBase64Url(wrapped.ciphertext);
  if (!salt || !iv || !ciphertext) return null;
  const key = await pinKey(pin, salt, wrapped.iterations);
  const additionalData = new TextEncoder().encode(`${wrapped.userId}\n${wrapped.keyId}`);
  try {
    const pkcs8 = await subtle().decrypt(
      { name: 'AES-GCM', iv: iv as BufferSource, additionalData },
      key,
      ciphertext as BufferSource,
    );
    return await importPrivateKey(pkcs8);
  } catch {
    // AES-GCM's tag fails for any other PIN (or a changed ciphertext): nothing is learned.
    return null;
  }
}
