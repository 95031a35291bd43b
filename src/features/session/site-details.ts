/**
 * The dealer's name, address and phone for the customer copies: read from
 * the server whenever the site's people are (at sign-in and on a switch
 * online), kept in localStorage per site, so a copy made offline carries the
 * details the tablet last heard.
 */
import { create } from 'zustand';
import { API_BASE, type SiteDetails } from '../../schema/index.js';
import { fetchAsCurrentUser } from './access-tokens.js';
import { CodedRequestError, readCodedError } from './auth-client.js';
import { useSession } from './session-state.js';

const STORAGE_KEY = 'service-lane.site-details';

function stored(): Record<string, SiteDetails> {
  try {
    return JSON.parse(globalThis.localStorage?.getItem(STORAGE_KEY) ?? '{}') as Record<
      string,
      SiteDetails
    >;
  } catch {
    return {};
  }
}

export const useSiteDetailsStore = create<{ bySite: Record<string, SiteDetails> }>(() => ({
  bySite: stored(),
}));

export function keepSiteDetails(site: SiteDetails): void {
  const bySite = { ...useSiteDetailsStore.getState().bySite, [site.id]: site };
  localStorage.setItem(STORAGE_KEY, JSON.stringify(bySite));
  useSiteDetailsStore.setState({ bySite });
}

/** Fetches the current person's site details and keeps them. */
export async function refreshSiteDetails(): Promise<SiteDetails> {
  const response = await fetchAsCurrentUser(`${API_BASE}/site`);
  if (!response.ok) throw new CodedRequestError(response.status, await readCodedError(response));
  const site = (await response.json()) as SiteDetails;
  keepSiteDetails(site);
  return site;
}

/**
 * The signed-in person's site as last read; before the first read (a sign-in
 * is online, so only for a moment) the site's id stands for its name.
 */
export function useSiteDetails(): SiteDetails {
  const siteId = useSession((state) => state.user?.siteId) ?? '';
  const known = useSiteDetailsStore((state) => state.bySite[siteId]);
  return known ?? { id: siteId, name: siteId, address: '', phone: '' };
}
