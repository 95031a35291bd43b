import {
  importSignerPublicKey,
  isSignedRecordCollection,
  verifyRecordSignature,
  type CollectionName,
  type ErrorCode,
} from '../../src/schema/index.js';
import type { PushContext, StoredDocument } from '../database/document-store.js';
import type { SignerKeyReads } from '../auth/signer-keys.js';

/**
 * The server's check of the signer's own digital signature on every write of
 * a signing record (sign-offs, approvals, rework, signatures): made with a
 * key registered by THE PUSHING USER on THE PUSHING TABLET, not revoked, and
 * over exactly the content pushed. Records stored before signing existed are
 * never re-judged; every new write needs the signature.
 */
export interface SignerSignatureInput {
  collection: CollectionName;
  next: StoredDocument;
  context: PushContext;
  keys: SignerKeyReads;
}

// Public keys never change: each is imported once per server.
const importedKeys = new Map<string, Promise<CryptoKey | null>>();

function verificationKey(keyId: string, publicKey: string): Promise<CryptoKey | null> {
  let imported = importedKeys.get(keyId);
  if (!imported) {
    imported = importSignerPublicKey(publicKey);
    importedKeys.set(keyId, imported);
  }
  return imported;
}

export async function signerSignatureRefusal({
  collection,
  next,
  context,
  keys,
}: SignerSignatureInput): Promise<ErrorCode | null> {
  if (!isSignedRecordCollection(collection)) return null;
  const { signerKeyId, signerSignature } = next;
  if (typeof signerKeyId !== 'string' || typeof signerSignature !== 'string')
    return 'SIGNER_SIGNATURE_MISSING';
  const key = keys.key(signerKeyId);
  // Another site's key is as unknown here as one never registered.
  if (!key || key.siteId !== context.siteId) return 'SIGNER_KEY_UNKNOWN';
  if (key.revokedAt !== null) return 'SIGNER_KEY_REVOKED';
  if (key.username !== context.username || next.createdBy !== context.username)
    return 'SIGNER_KEY_OTHER_USER';
  if (key.deviceId !== context.deviceId) return 'SIGNER_KEY_OTHER_DEVICE';
  const publicKey = await verificationKey(key.keyId, key.publicKey);
  if (!publicKey || !(await verifyRecordSignature(collection, next, publicKey)))
    return 'SIGNER_SIGNATURE_INVALID';
  return null;
}
