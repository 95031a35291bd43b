/**
 * The signing keys unlocked in this page, in memory only: the person at the
 * tablet's (filled at password sign-in and PIN switch, emptied on lock and
 * switch). Feature data functions sign their records through `signAs`; Node
 * tests and tablets without the session screens fill it with `setRecordSigner`.
 */
import {
  codedError,
  newSignerKeyPair,
  signRecordWithKey,
  type SignedRecordCollection,
} from '../../schema/index.js';
import { LocalSaveError } from '../../db/save-locally.js';

export interface RecordSigner {
  keyId: string;
  /** ECDSA P-256, usage 'sign'; non-extractable once opened with the PIN. */
  privateKey: CryptoKey;
}

/** Who a record names as its author: the registry's key. */
export interface SignerOwner {
  siteId: string;
  username: string;
}

const signers = new Map<string, RecordSigner>();
const ownerKey = ({ siteId, username }: SignerOwner) => `${siteId}\n${username}`;

/** From now on this person's records are signed with `signer` (until forgotten). */
export function setRecordSigner(owner: SignerOwner, signer: RecordSigner): void {
  signers.set(ownerKey(owner), signer);
}

export function forgetRecordSigner(owner: SignerOwner): void {
  signers.delete(ownerKey(owner));
}

/** Locking, or someone else switching in: only `keep` (if given) may still sign. */
export function forgetRecordSigners(keep?: SignerOwner): void {
  const kept = keep ? signers.get(ownerKey(keep)) : undefined;
  signers.clear();
  if (keep && kept) signers.set(ownerKey(keep), kept);
}

/** The unlocked signer of this person; refused (nothing is written) while their key is locked. */
export function signerFor(owner: SignerOwner): RecordSigner {
  const signer = signers.get(ownerKey(owner));
  if (!signer) throw new LocalSaveError(codedError('SIGNER_KEY_LOCKED'));
  return signer;
}

export function signWith<T extends object>(
  signer: RecordSigner,
  collection: SignedRecordCollection,
  record: T,
): Promise<T & { signerKeyId: string; signerSignature: string }> {
  return signRecordWithKey(collection, { ...record, signerKeyId: signer.keyId }, signer.privateKey);
}

/** The record with its author's signature (signer-signature.ts), made with their unlocked key. */
export function signAs<T extends object>(
  owner: SignerOwner,
  collection: SignedRecordCollection,
  record: T,
): Promise<T & { signerKeyId: string; signerSignature: string }> {
  return signWith(signerFor(owner), collection, record);
}

/**
 * For Node tests with no server: a fresh in-memory key for this person.
 * Against a server, register the public key first (POST /auth/signer-keys).
 */
export async function giveFreshRecordSigner(owner: SignerOwner): Promise<RecordSigner> {
  const { keyId, privateKey } = await newSignerKeyPair(false);
  const signer = { keyId, privateKey };
  setRecordSigner(owner, signer);
  return signer;
}
