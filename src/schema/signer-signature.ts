import { canonicalJson } from './canonical-json.js';
import { sha256Hex } from './hash.js';
import { sha256Field } from './record-fields.js';
import { SERVER_STAMPED_FIELDS } from './server-stamps.js';

/**
 * The signer's own digital signature on each signing record (sign-off,
 * approval, rework, the advisor's countersignature of a customer signature):
 * ECDSA P-256 with SHA-256, IEEE P1363 r||s, base64url, made with a key per
 * person and tablet. This file is the one definition of the bytes signed, so
 * tablet and server agree on them.
 */
export const SIGNER_ALGORITHM = 'ES256';
export type SignerAlgorithm = typeof SIGNER_ALGORITHM;

export const SIGNED_RECORD_COLLECTIONS = [
  'sign_offs',
  'approvals',
  'rework_records',
  'signatures',
] as const;
export type SignedRecordCollection = (typeof SIGNED_RECORD_COLLECTIONS)[number];

export function isSignedRecordCollection(name: string): name is SignedRecordCollection {
  return (SIGNED_RECORD_COLLECTIONS as readonly string[]).includes(name);
}

export const ECDSA_P256: EcKeyImportParams = { name: 'ECDSA', namedCurve: 'P-256' };
export const ECDSA_SHA256: EcdsaParams = { name: 'ECDSA', hash: 'SHA-256' };

/** 64 bytes of r||s in base64url without padding. */
const SIGNATURE_BASE64URL_LENGTH = 86;

/**
 * Spread into the four schemas. Not required there: records made before
 * signing existed stay valid on tablets; the server requires both on every
 * new push of these collections.
 */
export const signerFields = {
  /** SHA-256 (hex) of the signer's public key (SPKI DER), as registered with the server. */
  signerKeyId: sha256Field,
  signerSignature: {
    type: 'string',
    minLength: SIGNATURE_BASE64URL_LENGTH,
    maxLength: SIGNATURE_BASE64URL_LENGTH,
    pattern: '^[A-Za-z0-9_-]+$',
  },
} as const;

/** Public keys travel as SPKI DER in base64url; a P-256 one is 91 bytes (122 characters). */
export const SIGNER_PUBLIC_KEY_MAX_LENGTH = 200;

/**
 * Not signed: the signature itself, the server's stamps (added after
 * signing, server-stamps.ts) and RxDB's and the wire's bookkeeping. Deletion
 * is judged by the lifecycle rules, not by the signature.
 */
const UNSIGNED_FIELDS = new Set<string>([
  'signerSignature',
  ...SERVER_STAMPED_FIELDS,
  '_meta',
  '_rev',
  '_attachments',
  '_deleted',
]);

const SIGNED_RECORD_PREFIX = 'service-lane/signed-record/v1';

function signedFields(record: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !UNSIGNED_FIELDS.has(key)));
}

/** SHA-256 (hex) of the record's canonical JSON, without the unsigned fields. */
export function signedRecordHash(collection: SignedRecordCollection, record: object) {
  return sha256Hex(canonicalJson({ collection, record: signedFields(record) }));
}

/**
 * The exact bytes given to ECDSA (which hashes them again with SHA-256): a
 * fixed prefix, the collection (a sign-off's signature is never an
 * approval's) and the record's canonical content hash.
 */
export async function signedRecordBytes(
  collection: SignedRecordCollection,
  record: object,
): Promise<Uint8Array> {
  const hash = await signedRecordHash(collection, record);
  return new TextEncoder().encode(`${SIGNED_RECORD_PREFIX}\n${collection}\n${hash}`);
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Null for text that is not canonical base64url (no padding, no other characters). */
export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const bytes = Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (character) =>
    character.charCodeAt(0),
  );
  // One encoding only: trailing bits that do not round-trip are refused.
  return toBase64Url(bytes) === text ? bytes : null;
}

/** The key id: SHA-256 (hex) of the public key's SPKI DER bytes. */
export function signerKeyIdOf(spki: Uint8Array): Promise<string> {
  return sha256Hex(spki);
}

/** A P-256 verification key from SPKI base64url, or null when it is not one. */
export async function importSignerPublicKey(spkiBase64Url: string): Promise<CryptoKey | null> {
  const spki = fromBase64Url(spkiBase64Url);
  if (!spki) return null;
  try {
    return await globalThis.crypto.subtle.importKey(
      'spki',
      spki as BufferSource,
      ECDSA_P256,
      true,
      ['verify'],
    );
  } catch {
    return null;
  }
}

/** Signs a record with the signer's private key: the record with its signerSignature added. */
export async function signRecordWithKey<T extends { signerKeyId?: string }>(
  collection: SignedRecordCollection,
  record: T,
  privateKey: CryptoKey,
): Promise<T & { signerKeyId: string; signerSignature: string }> {
  if (!record.signerKeyId) throw new Error('A record is signed with its signerKeyId set');
  const bytes = await signedRecordBytes(collection, record);
  const signature = await globalThis.crypto.subtle.sign(
    ECDSA_SHA256,
    privateKey,
    bytes as BufferSource,
  );
  return {
    ...record,
    signerKeyId: record.signerKeyId,
    signerSignature: toBase64Url(new Uint8Array(signature)),
  };
}

/** Whether the record's signerSignature is the holder of `publicKey` signing exactly this content. */
export async function verifyRecordSignature(
  collection: SignedRecordCollection,
  record: object,
  publicKey: CryptoKey,
): Promise<boolean> {
  const { signerSignature } = record as { signerSignature?: unknown };
  if (typeof signerSignature !== 'string') return false;
  const signature = fromBase64Url(signerSignature);
  if (!signature || signature.length !== 64) return false;
  const bytes = await signedRecordBytes(collection, record);
  return globalThis.crypto.subtle.verify(
    ECDSA_SHA256,
    publicKey,
    signature as BufferSource,
    bytes as BufferSource,
  );
}

/** `POST {API_BASE}/auth/signer-keys`: the person and tablet come from the access token. */
export const SIGNER_KEYS_PATH = '/auth/signer-keys';

export interface SignerKeyRequest {
  keyId: string;
  /** SPKI DER, base64url. */
  publicKey: string;
  algorithm: SignerAlgorithm;
}

export interface SignerKeyResponse {
  keyId: string;
  createdAt: number;
}

export interface SignerKeyPair {
  keyId: string;
  /** SPKI DER, base64url: what the server registers. */
  publicKey: string;
  privateKey: CryptoKey;
}

/**
 * A new P-256 key pair. The tablet asks for an extractable private key once,
 * to store it encrypted under the PIN; tests keep theirs in memory.
 */
export async function newSignerKeyPair(extractable: boolean): Promise<SignerKeyPair> {
  const pair = await globalThis.crypto.subtle.generateKey(ECDSA_P256, extractable, [
    'sign',
    'verify',
  ]);
  const spki = new Uint8Array(await globalThis.crypto.subtle.exportKey('spki', pair.publicKey));
  return {
    keyId: await signerKeyIdOf(spki),
    publicKey: toBase64Url(spki),
    privateKey: pair.privateKey,
  };
}
