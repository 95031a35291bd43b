/**
 * Who is using this shared tablet right now. Other features import only
 * this file.
 *
 * SKELETON (to be replaced by the session feature): for now the demo
 * advisor is always signed in and the site's people are the demo users.
 */
import { create } from 'zustand';
import { DEMO_SITE, DEMO_USER, DEMO_USERS, type Role, type SiteUser } from '../../schema/index.js';
import type { Author } from '../../db/record-writes.js';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  siteId: string;
}

interface SessionState {
  /** The person at the tablet; null while the tablet is locked. */
  user: SessionUser | null;
}

export const useSession = create<SessionState>(() => ({
  user: { id: DEMO_USER.username, siteId: DEMO_SITE.id, ...DEMO_USER },
}));

/** The signed-in user. Screens render only behind the session gate, so there always is one. */
export function useCurrentUser(): SessionUser {
  const user = useSession((state) => state.user);
  if (!user) throw new Error('No one is signed in on this tablet');
  return user;
}

/** The author stamped on every record the current user makes. */
export function useAuthor(): Author {
  const user = useCurrentUser();
  return { username: user.username, siteId: user.siteId };
}

/** The people of this site (for dispatch and names), as last fetched from the server. */
export function useSiteUsers(): SiteUser[] {
  return DEMO_USERS.map((user) => ({
    id: user.username,
    siteId: DEMO_SITE.id,
    active: true,
    ...user,
  }));
}
