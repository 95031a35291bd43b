import { describe, expect, it } from 'vitest';
import {
  importSignerPublicKey,
  newSignerKeyPair,
  signRecordWithKey,
  signedRecordBytes,
  verifyRecordSignature,
} from '../../src/schema/index.js';

/**
 * The bytes a signer signs are one definition shared by tablet and server:
 * canonical (key order never matters), without the server's stamps and the
 * databases' bookkeeping, and bound to the kind of record.
 */
const signOff = {
  id: 'signoff-0001',
  siteId: 'demo-site',
  createdBy: 'tech1',
  level: 'self',
  result: 'pass',
  checklist: [{ item: 'fluids', answer: 'yes' }],
  content: { orderId: 'order-0001', jobId: 'job-0001', odometerKm: 42_000 },
  signerKeyId: 'a'.repeat(64),
};

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** The same fields, every object's keys in reverse order. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).reverse();
  return Object.fromEntries(entries.map(([key, child]) => [key, reversed(child)]));
}

describe('the signed bytes of a record', () => {
  it('do not depend on the order of fields, at any depth', async () => {
    const shuffled = reversed(signOff) as object;
    expect(Object.keys(shuffled)[0]).toBe('signerKeyId');
    expect(text(await signedRecordBytes('sign_offs', shuffled))).toBe(
      text(await signedRecordBytes('sign_offs', signOff)),
    );
  });

  it('leave out the server’s stamps, the signature itself and database bookkeeping', async () => {
    const stamped = {
      ...signOff,
      receivedAt: 1_767_000_000_000,
      serverCheck: 'valid',
      signerSignature: 'x'.repeat(86),
      _deleted: false,
      _rev: '1-abc',
      _meta: { lwt: 1 },
      _attachments: {},
    };
    expect(text(await signedRecordBytes('sign_offs', stamped))).toBe(
      text(await signedRecordBytes('sign_offs', signOff)),
    );
  });

  it('change with any signed field, the key id and the kind of record', async () => {
    const original = text(await signedRecordBytes('sign_offs', signOff));
    const variants = [
      { ...signOff, result: 'fail' },
      { ...signOff, content: { ...signOff.content, odometerKm: 42_001 } },
      { ...signOff, signerKeyId: 'b'.repeat(64) },
    ];
    for (const variant of variants)
      expect(text(await signedRecordBytes('sign_offs', variant))).not.toBe(original);
    expect(text(await signedRecordBytes('approvals', signOff))).not.toBe(original);
  });

  it('verify with the signer’s public key, and not once the content changed', async () => {
    const pair = await newSignerKeyPair(false);
    const publicKey = await importSignerPublicKey(pair.publicKey);
    if (!publicKey) throw new Error('the new public key does not import');
    const signed = await signRecordWithKey(
      'sign_offs',
      { ...signOff, signerKeyId: pair.keyId },
      pair.privateKey,
    );
    expect(signed.signerSignature).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(await verifyRecordSignature('sign_offs', { ...signed, receivedAt: 1 }, publicKey)).toBe(
      true,
    );
    expect(await verifyRecordSignature('sign_offs', { ...signed, result: 'fail' }, publicKey)).toBe(
      false,
    );
    expect(await verifyRecordSignature('rework_records', signed, publicKey)).toBe(false);
  });
});
