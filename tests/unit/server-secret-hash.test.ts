import { describe, expect, it } from 'vitest';
import { hashSecret, verifySecret } from '../../sync-server/auth/secret-hash.js';

describe('password and PIN hashes', () => {
  it('verifies the right secret and refuses a wrong one', async () => {
    const stored = await hashSecret('demo1234');
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifySecret('demo1234', stored)).toBe(true);
    expect(await verifySecret('demo1235', stored)).toBe(false);
  });

  it('salts each hash, so the same PIN never hashes the same twice', async () => {
    expect(await hashSecret('1234')).not.toBe(await hashSecret('1234'));
  });

  it('refuses a stored value in an unknown format instead of throwing', async () => {
    expect(await verifySecret('1234', 'plain$1234')).toBe(false);
  });
});
