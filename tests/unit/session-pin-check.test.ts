import { beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../sync-server/auth/secret-hash.js';
import { constantTimeEqual, parsePinHash, verifyPin } from '../../src/features/session/pin-hash.js';

// The tablet checks PINs against hashes the server made with node:crypto; these are real ones.
describe('a PIN checked on the tablet against the server-made hash', () => {
  let stored: string;
  beforeAll(async () => {
    stored = await hashSecret('1234');
  });

  it('lets the right PIN in', async () => {
    expect(await verifyPin('1234', stored)).toBe(true);
  });

  it('refuses a wrong PIN, one digit off, a longer PIN and an empty one', async () => {
    for (const wrong of ['1235', '4321', '12345', '123', '']) {
      expect(await verifyPin(wrong, stored), wrong).toBe(false);
    }
  });

  it('takes full-width digits from a Chinese keyboard as the same PIN (NFKC on both sides)', async () => {
    expect(await verifyPin('１２３４', stored)).toBe(true);
  });

  it('checks an 8-digit PIN with another salt', async () => {
    const long = await hashSecret('20240917');
    expect(await verifyPin('20240917', long)).toBe(true);
    expect(await verifyPin('20240917', stored)).toBe(false);
  });

  it('refuses, without throwing, hashes it cannot read', async () => {
    const [, n, r, p, salt, hash] = stored.split('$');
    const broken = [
      'plain$1234',
      `bcrypt$${n}$${r}$${p}$${salt}$${hash}`,
      `scrypt$${n}$${r}$${p}$${salt}`,
      `scrypt$1000$${r}$${p}$${salt}$${hash}`, // N not a power of two
      `scrypt$${n}$${r}$${p}$${salt}$***`,
      `scrypt$${n}$${r}$${p}$${salt}$${hash}$extra`,
    ];
    for (const value of broken) expect(await verifyPin('1234', value), value).toBe(false);
  });

  it('reads the cost and the 32-byte key from the stored form', () => {
    expect(parsePinHash(stored)).toMatchObject({ N: 16_384, r: 8, p: 1 });
    expect(parsePinHash(stored)?.hash).toHaveLength(32);
  });

  it('compares keys byte by byte, length included', () => {
    expect(constantTimeEqual(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2, 3))).toBe(true);
    expect(constantTimeEqual(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2, 4))).toBe(false);
    expect(constantTimeEqual(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2))).toBe(false);
  });
});
