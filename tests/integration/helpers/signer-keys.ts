import {
  API_BASE,
  SIGNER_ALGORITHM,
  SIGNER_KEYS_PATH,
  newSignerKeyPair,
  signRecordWithKey,
  type LoginResponse,
  type SignedRecordCollection,
  type SignerKeyPair,
} from '../../../src/schema/index.js';

/**
 * Signing keys as a tablet makes them, for tests: a key pair per signed-in
 * test user, registered with `POST /auth/signer-keys` on that sign-in's
 * tablet, and records signed with it. The factories (tests/factories/workshop.ts)
 * sign with the key last registered for a record's createdBy.
 */
export interface TestSigner extends SignerKeyPair {
  username: string;
}

const signers = new Map<string, TestSigner>();

export function registerKeyRequest(
  baseUrl: string,
  accessToken: string,
  body: unknown,
): Promise<Response> {
  return fetch(`${baseUrl}${API_BASE}${SIGNER_KEYS_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify(body),
  });
}

/**
 * Makes and registers a key for the person of `login` on its tablet; from
 * then on the factories sign that person's records with it.
 */
export async function registerSignerKey(
  baseUrl: string,
  login: LoginResponse,
  pair?: SignerKeyPair,
): Promise<TestSigner> {
  const key = pair ?? (await newSignerKeyPair(false));
  const { keyId, publicKey } = key;
  const response = await registerKeyRequest(baseUrl, login.accessToken, {
    keyId,
    publicKey,
    algorithm: SIGNER_ALGORITHM,
  });
  if (response.status !== 201 && response.status !== 200) {
    throw new Error(
      `register key of ${login.user.username}: ${response.status} ${await response.text()}`,
    );
  }
  const signer = { ...key, username: login.user.username };
  signers.set(signer.username, signer);
  return signer;
}

/** The record signed by `signer` (or the registered signer of its createdBy). */
export async function signRecord<T extends { createdBy: string }>(
  collection: SignedRecordCollection,
  record: T,
  signer: SignerKeyPair | undefined = signers.get(record.createdBy),
): Promise<T & { signerKeyId: string; signerSignature: string }> {
  if (!signer) throw new Error(`no signing key registered for ${record.createdBy}`);
  return signRecordWithKey(collection, { ...record, signerKeyId: signer.keyId }, signer.privateKey);
}

/** For the factories: signed when a key is registered for its createdBy, else as it is. */
export function signedIfKeyKnown<T extends { createdBy: string }>(
  collection: SignedRecordCollection,
  record: T,
): Promise<T> {
  return signers.has(record.createdBy) ? signRecord(collection, record) : Promise.resolve(record);
}

export function forgetSignerKeys(): void {
  signers.clear();
}
