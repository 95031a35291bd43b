import {
  API_BASE,
  DEMO_PASSWORD,
  DEMO_PIN,
  type LoginResponse,
  type Role,
  type SiteUser,
} from '../../../src/schema/index.js';
import type { AccessTokenSource } from '../../../src/sync/sync-http.js';
import {
  DEMO_ADMIN,
  forgetTablets,
  loginOnTablet,
  tabletNamed,
  type EnrollingAdmin,
} from '../../support/enrolled-tablet.js';

/**
 * Signing in from a test the way a tablet does: the tablet called `tablet` is
 * enrolled by the site's admin on first use, then `POST /api/v1/auth/login`
 * with a demo user (password demo1234), then the token on every request.
 * `enrolBy` names the admin for a site other than the demo site.
 */
export async function loginAs(
  baseUrl: string,
  username = 'advisor1',
  tablet = `test-tablet-${username}`,
  {
    password = DEMO_PASSWORD,
    siteId,
    enrolBy,
  }: { password?: string; siteId?: string; enrolBy?: EnrollingAdmin } = {},
): Promise<LoginResponse> {
  const device = await tabletNamed(baseUrl, tablet, enrolBy ?? DEMO_ADMIN);
  return loginOnTablet(baseUrl, device, { username, password, ...(siteId ? { siteId } : {}) });
}

export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}

/** One sign-in's token, never refreshed: for the app's sync running in Node. */
export function staticTokens(login: LoginResponse): AccessTokenSource {
  return {
    accessToken: async () => login.accessToken,
    refreshAfterUnauthorized: async () => null,
  };
}

/** A new user of the demo site (password demo1234, PIN 1234), added by its admin through the admin API. */
export async function addDemoSiteUser(
  baseUrl: string,
  user: { username: string; displayName: string; role: Role },
): Promise<SiteUser> {
  const admin = await loginAs(baseUrl, 'admin');
  const response = await fetch(`${baseUrl}${API_BASE}/admin/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...bearer(admin.accessToken) },
    body: JSON.stringify({ ...user, password: DEMO_PASSWORD, pin: DEMO_PIN }),
  });
  if (response.status !== 201) {
    throw new Error(`add ${user.username}: ${response.status} ${await response.text()}`);
  }
  return (await response.json()) as SiteUser;
}

const advisorLogins = new Map<string, Promise<LoginResponse>>();

/**
 * The demo advisor's sign-in at this server, made once and shared by the
 * helpers that sync without naming a user. Forgotten when the server stops,
 * since the next server on the same port has another signing key.
 */
export function advisorLogin(baseUrl: string): Promise<LoginResponse> {
  let login = advisorLogins.get(baseUrl);
  if (!login) {
    login = loginAs(baseUrl, 'advisor1');
    advisorLogins.set(baseUrl, login);
    login.catch(() => advisorLogins.delete(baseUrl));
  }
  return login;
}

export async function advisorToken(baseUrl: string): Promise<string> {
  return (await advisorLogin(baseUrl)).accessToken;
}

export function forgetSignIns(baseUrl: string): void {
  advisorLogins.delete(baseUrl);
  forgetTablets(baseUrl);
}
