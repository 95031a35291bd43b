import type { Signature, SignatureValidity } from '../../schema/index.js';

/**
 * The signature that counts: the newest one no other signature supersedes.
 * Superseded signatures are kept (append-only) but no longer decide anything.
 */
export function latestSignature(signatures: readonly Signature[]): Signature | null {
  const superseded = new Set(signatures.map((signature) => signature.supersedes).filter(Boolean));
  const current = signatures.filter((signature) => !superseded.has(signature.id));
  const candidates = current.length > 0 ? current : signatures;
  return candidates.reduce<Signature | null>(
    (newest, signature) =>
      !newest ||
      signature.signedAt > newest.signedAt ||
      (signature.signedAt === newest.signedAt && signature.id > newest.id)
        ? signature
        : newest,
    null,
  );
}

/** The first 12 hex digits of a hash: enough to compare by eye on paper. */
export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}

/** Why an order may not go to the workshop yet, as the error code the screen shows; null when it may. */
export function checkInSignatureBlocker(
  validity: SignatureValidity,
): 'SIGNATURE_REQUIRED' | 'SIGNATURE_VOID' | null {
  if (validity === 'missing') return 'SIGNATURE_REQUIRED';
  return validity === 'void' ? 'SIGNATURE_VOID' : null;
}
