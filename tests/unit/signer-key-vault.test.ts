import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  DEMO_SITE,
  importSignerPublicKey,
  verifyRecordSignature,
  type SiteUser,
} from '../../src/schema/index.js';

// The session feature runs in a browser; here it gets a tablet's storage (fake
// IndexedDB) and no network: the key's registration is simply left pending.
vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => undefined });
vi.stubGlobal('window', { location: { hash: '#/orders' } });

const keys = await import('../../src/features/session/signer-keys.js');
const vault = await import('../../src/features/session/key-vault.js');
const signers = await import('../../src/features/session/record-signers.js');
const storage = await import('../../src/features/session/session-database.js');
const open = await import('../../src/features/session/open-signer.js');

const technician: SiteUser = {
  id: 'user-tech1',
  siteId: DEMO_SITE.id,
  username: 'tech1',
  displayName: 'Wang Qiang 王强',
  role: 'technician',
  active: true,
};

const record = { id: 'signoff-0001', createdBy: 'tech1', level: 'self', result: 'pass' };

/** Signs with the signer the tablet holds for the technician and checks it with the stored public key. */
async function signsWithStoredKey(): Promise<boolean> {
  const stored = await storage.storedSignerKey(technician.id);
  const publicKey = stored && (await importSignerPublicKey(stored.publicKey));
  if (!stored || !publicKey) return false;
  const signed = await signers.signAs(technician, 'sign_offs', record);
  return (
    signed.signerKeyId === stored.keyId && verifyRecordSignature('sign_offs', signed, publicKey)
  );
}

afterAll(() => vi.unstubAllGlobals());

describe('a signing key kept under the PIN', () => {
  it('is made at password sign-in, stored encrypted at the first PIN and opened only by that PIN', async () => {
    await keys.prepareSignerKey(technician);
    // Usable at once, but nothing is stored until the PIN is known.
    expect(await storage.storedSignerKey(technician.id)).toBeUndefined();
    await keys.openSignerKey(technician, '4711');
    const stored = await storage.storedSignerKey(technician.id);
    expect(stored).toMatchObject({ iterations: vault.PIN_KEY_ITERATIONS, registered: false });
    expect(JSON.stringify(stored)).not.toMatch(/PRIVATE|"d":/);
    expect(await signsWithStoredKey()).toBe(true);

    if (!stored) throw new Error('no stored key');
    expect(await vault.unwrapSignerKey(stored, '4712')).toBeNull();
    const opened = await vault.unwrapSignerKey(stored, '4711');
    expect(opened?.extractable).toBe(false);
    expect(opened?.usages).toEqual(['sign']);
  });

  it('is forgotten on lock and opened again, offline, by the PIN', async () => {
    const before = await storage.storedSignerKey(technician.id);
    signers.forgetRecordSigners();
    expect(() => signers.signerFor(technician)).toThrow(/locked/);
    await keys.openSignerKey(technician, '4711');
    expect((await storage.storedSignerKey(technician.id))?.keyId).toBe(before?.keyId);
    expect(await signsWithStoredKey()).toBe(true);
  });

  it('is replaced by a new key after a PIN reset, so the person can still sign', async () => {
    const before = await storage.storedSignerKey(technician.id);
    signers.forgetRecordSigners();
    await keys.openSignerKey(technician, '2468');
    const after = await storage.storedSignerKey(technician.id);
    expect(after?.keyId).not.toBe(before?.keyId);
    expect(await signsWithStoredKey()).toBe(true);
    if (!after) throw new Error('no stored key');
    expect(await vault.unwrapSignerKey(after, '4711')).toBeNull();
  });

  it('stays open across a reload that resumes the person, and is shut by locking', async () => {
    await keys.openSignerKey(technician, '2468');
    const stored = await storage.storedSignerKey(technician.id);
    // A reload empties the page's memory; the resumed session brings the opened key back.
    signers.forgetRecordSigner(technician);
    await open.restoreOpenSigner(technician);
    expect(signers.signerFor(technician).keyId).toBe(stored?.keyId);
    expect(signers.signerFor(technician).privateKey.extractable).toBe(false);
    await open.forgetOpenSigners();
    await open.restoreOpenSigner(technician);
    expect(() => signers.signerFor(technician)).toThrow(/locked/);
  });
});
