/**
 * Who is using this shared tablet right now. Other features import only
 * this file.
 */
import { useMemo } from 'react';
import type { Author } from '../../db/record-writes.js';
import { useSession, type SessionUser } from './session-state.js';

export {
  useSession,
  loadSession,
  lockTablet,
  whenTabletKnowsSomeone,
  type SessionUser,
} from './session-state.js';
export { useSiteUsers } from './use-site-users.js';
export { LockScreen } from './lock-screen.js';
export { useIdleLock } from './use-idle-lock.js';
export { IdleLockInput } from './idle-lock-input.js';
export { keepSiteDetails, refreshSiteDetails, useSiteDetails } from './site-details.js';
export { SessionHeader } from './session-header.js';
export { tabletAccessTokens, fetchAsCurrentUser } from './access-tokens.js';
export { refreshSiteDirectory, signInWithPassword } from './session-actions.js';
export { dropEnrolment, enrolThisTablet } from './enrolment.js';
export { CodedRequestError, readCodedError } from './auth-client.js';
export { useCodedText } from './use-coded-text.js';
export { useOnline } from './use-online.js';
export { sessionTexts } from './texts.js';
export {
  forgetRecordSigners,
  giveFreshRecordSigner,
  setRecordSigner,
  signAs,
  signerFor,
  signWith,
  type RecordSigner,
} from './record-signers.js';
export { registerPendingSignerKeys } from './signer-keys.js';

/** The signed-in user. Screens render only behind the session gate, so there always is one. */
export function useCurrentUser(): SessionUser {
  const user = useSession((state) => state.user);
  if (!user) throw new Error('No one is signed in on this tablet');
  return user;
}

/** The author stamped on every record the current user makes (stable while they stay signed in). */
export function useAuthor(): Author {
  const { username, siteId } = useCurrentUser();
  return useMemo(() => ({ username, siteId }), [username, siteId]);
}
