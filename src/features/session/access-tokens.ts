/**
 * Access tokens for talking to the server. Sync uses whoever can vouch for
 * the tablet: the person at it, else the one who signed in here most
 * recently (the tablet syncs everyone's records, also while locked). Admin
 * requests use only the person at the tablet.
 */
import { codedError } from '../../schema/index.js';
import { CodedRequestError } from './auth-client.js';
import { knownUser, knownUsers, type KnownUser } from './session-database.js';
import { useSession } from './session-state.js';
import { refreshUserTokens } from './token-refresh.js';

// Server and tablet clocks differ a little: renew a bit before the server's expiry.
const EXPIRY_MARGIN_MS = 30_000;
// Eleven collections hit by the same 401 ask at once: one refresh serves them all.
const RECENT_REFRESH_MS = 5_000;
const refreshedAt = new Map<string, number>();

function isUsable(known: KnownUser): boolean {
  return known.accessExpiresAt - EXPIRY_MARGIN_MS > Date.now();
}

async function candidates(): Promise<KnownUser[]> {
  const all = await knownUsers();
  const currentId = useSession.getState().user?.id;
  const current = all.filter((known) => known.user.id === currentId);
  return [...current, ...all.filter((known) => known.user.id !== currentId)];
}

/** A fresh token for this person, or null if they can no longer get one. */
async function tokenFor(known: KnownUser, forceRefresh: boolean): Promise<string | null> {
  const userId = known.user.id;
  if (!forceRefresh && isUsable(known)) return known.accessToken;
  if (forceRefresh && Date.now() - (refreshedAt.get(userId) ?? 0) < RECENT_REFRESH_MS) {
    return (await knownUser(userId))?.accessToken ?? null;
  }
  const outcome = await refreshUserTokens(userId);
  if (outcome.kind === 'refreshed') {
    refreshedAt.set(userId, Date.now());
    return outcome.known.accessToken;
  }
  // Unreachable or a server error: the old token lets the request fail with the real cause.
  return outcome.kind === 'failed' ? known.accessToken : null;
}

async function firstToken(forceRefresh: boolean): Promise<string | null> {
  for (const known of await candidates()) {
    const token = await tokenFor(known, forceRefresh);
    if (token) return token;
  }
  return null;
}

/** This person's token; null when they have no session on this tablet any more. */
async function personToken(username: string, forceRefresh: boolean): Promise<string | null> {
  const siteId = useSession.getState().enrolment?.siteId;
  const known = (await knownUsers()).find(
    (entry) => entry.user.username === username && (!siteId || entry.user.siteId === siteId),
  );
  return known ? tokenFor(known, forceRefresh) : null;
}

/**
 * For sync and blob upload (src/features/sync, AccessTokenSource): reads with
 * whoever can vouch for the tablet, each person's changes with their own session.
 */
export const tabletAccessTokens = {
  accessToken: (): Promise<string | null> => firstToken(false),
  refreshAfterUnauthorized: (): Promise<string | null> => firstToken(true),
  forPerson: (username: string) => ({
    accessToken: () => personToken(username, false),
    refreshAfterUnauthorized: () => personToken(username, true),
  }),
};

/** A request as the person at the tablet, renewing their token once if the server refuses it. */
export async function fetchAsCurrentUser(url: string, init: RequestInit = {}): Promise<Response> {
  const userId = useSession.getState().user?.id;
  const known = userId ? await knownUser(userId) : undefined;
  if (!known) throw new CodedRequestError(401, codedError('AUTH_REQUIRED'));
  const send = async (token: string | null) => {
    if (!token) throw new CodedRequestError(401, codedError('TOKEN_INVALID'));
    try {
      return await fetch(url, {
        ...init,
        cache: 'no-store',
        headers: { ...init.headers, authorization: `Bearer ${token}` },
      });
    } catch {
      throw new CodedRequestError(0, codedError('SERVER_UNREACHABLE'));
    }
  };
  const response = await send(await tokenFor(known, false));
  if (response.status !== 401) return response;
  return send(await tokenFor(known, true));
}
