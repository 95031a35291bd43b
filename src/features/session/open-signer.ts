/**
 * The opened signing key of the person at the tablet, held exactly as long
 * as they count as at the tablet: in memory for signing (record-signers.ts)
 * and, as a non-extractable CryptoKey, in the session database, so a reload
 * within the idle time (which resumes their session without a PIN) also
 * resumes their signing. Locking or another person switching in forgets it.
 */
import type { SiteUser } from '../../schema/index.js';
import { forgetRecordSigners, setRecordSigner, type RecordSigner } from './record-signers.js';
import { sessionDatabase } from './session-database.js';

type Person = Pick<SiteUser, 'id' | 'siteId' | 'username'>;

/** Signs for `person` from now on; `privateKey` must already be non-extractable. */
export async function keepOpenSigner(person: Person, signer: RecordSigner): Promise<void> {
  if (signer.privateKey.extractable) throw new Error('Only a non-extractable key is kept open');
  setRecordSigner(person, signer);
  const { id: userId, siteId, username } = person;
  await sessionDatabase.transaction('rw', sessionDatabase.openSigners, async () => {
    await sessionDatabase.openSigners.clear();
    await sessionDatabase.openSigners.put({ userId, siteId, username, ...signer });
  });
}

/** Only `keep` (the person switching in) may still sign; without it, nobody. */
export async function forgetOpenSigners(keep?: Person): Promise<void> {
  forgetRecordSigners(keep);
  await sessionDatabase.openSigners
    .filter((open) => open.userId !== keep?.id)
    .delete()
    .catch(() => undefined);
}

/** After a reload that resumed `person`: their opened key, if they had one. */
export async function restoreOpenSigner(person: Person): Promise<void> {
  const open = await sessionDatabase.openSigners.get(person.id).catch(() => undefined);
  if (open) setRecordSigner(person, { keyId: open.keyId, privateKey: open.privateKey });
  await forgetOpenSigners(person);
}
