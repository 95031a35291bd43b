import type { AccessTokenSource } from '../../../src/sync/sync-http.js';
import type { LoginResponse } from '../../../src/schema/index.js';
import { loginAs } from './auth.js';

/**
 * A shared tablet's sessions for the app's sync in Node: each person signed
 * in once on the same tablet, and each person's changes go with their own
 * token. `signOut` ends one person's session on the tablet (their token is
 * gone, as when a refresh is refused), `signInAgain` brings it back.
 */
export interface PeopleTokens extends AccessTokenSource {
  signOut(username: string): void;
  signInAgain(username: string): Promise<void>;
}

export async function peopleTokens(
  baseUrl: string,
  usernames: readonly string[],
  tablet = `shared-tablet-${usernames.join('-')}`,
): Promise<PeopleTokens> {
  const sessions = new Map<string, LoginResponse | null>();
  for (const username of usernames)
    sessions.set(username, await loginAs(baseUrl, username, tablet));
  const first = usernames[0] ?? '';
  const tokenOf = async (username: string) => sessions.get(username)?.accessToken ?? null;
  const source = (username: string): AccessTokenSource => ({
    accessToken: () => tokenOf(username),
    refreshAfterUnauthorized: async () => null,
  });
  return {
    ...source(first),
    forPerson: source,
    signOut: (username) => void sessions.set(username, null),
    signInAgain: async (username) =>
      void sessions.set(username, await loginAs(baseUrl, username, tablet)),
  };
}
