import { describe, expect, it } from 'vitest';
import { signatureValidity } from '../../src/schema/index.js';
import {
  checkInSignatureBlocker,
  latestSignature,
  shortHash,
} from '../../src/features/signatures/signature-rules.js';
import { makeRepairOrder } from '../factories/repair-order.js';
import { makeSignature, photoHash } from './signature-fixtures.js';

const signedHash = photoHash('1');
const changedHash = photoHash('2');

describe('whether the customer signature still holds', () => {
  it('is missing when the customer has not signed', () => {
    expect(signatureValidity(null, signedHash)).toBe('missing');
    expect(signatureValidity(undefined, signedHash)).toBe('missing');
    expect(checkInSignatureBlocker('missing')).toBe('SIGNATURE_REQUIRED');
  });

  it('is valid while the order is exactly what the customer signed', () => {
    expect(signatureValidity({ contentHash: signedHash }, signedHash)).toBe('valid');
    expect(checkInSignatureBlocker('valid')).toBeNull();
  });

  it('is void once the signed content changed', () => {
    expect(signatureValidity({ contentHash: signedHash }, changedHash)).toBe('void');
    expect(checkInSignatureBlocker('void')).toBe('SIGNATURE_VOID');
  });

  it('counts the newest signature that nothing supersedes; the old one is kept', () => {
    const order = makeRepairOrder();
    const first = makeSignature(order, { contentHash: signedHash, signedAt: 1_000 });
    const second = makeSignature(order, {
      contentHash: changedHash,
      signedAt: 2_000,
      supersedes: first.id,
    });
    expect(latestSignature([])).toBeNull();
    expect(latestSignature([first])).toBe(first);
    expect(latestSignature([second, first])).toBe(second);
    // A tablet clock that ran behind must not resurrect the superseded one.
    expect(latestSignature([{ ...first, signedAt: 9_000 }, second])).toBe(second);
  });

  it('shows a short form of the hash for the record', () => {
    expect(shortHash(signedHash)).toBe(signedHash.slice(0, 12));
  });
});
