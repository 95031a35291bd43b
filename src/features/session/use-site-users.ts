import { useMemo } from 'react';
import type { SiteUser } from '../../schema/index.js';
import { useSession } from './session-state.js';

/**
 * The people of the current site (for dispatch and names), as last fetched
 * from the server; before the first fetch, those who signed in on this tablet.
 */
export function useSiteUsers(): SiteUser[] {
  const siteId = useSession((state) => state.user?.siteId ?? null);
  const directory = useSession((state) => state.directory);
  const known = useSession((state) => state.knownUsers);
  return useMemo(() => {
    const ofSite = (user: SiteUser) => siteId === null || user.siteId === siteId;
    const fetched = directory.filter(ofSite);
    return fetched.length > 0 ? fetched : known.map((profile) => profile.user).filter(ofSite);
  }, [siteId, directory, known]);
}
