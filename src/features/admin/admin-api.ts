/**
 * The site admin's calls to the server (GET/POST/PATCH /api/v1/admin/users),
 * made as the admin at the tablet. Refusals are CodedRequestErrors
 * (USERNAME_TAKEN, LAST_ADMIN …), with the offending field where there is one.
 */
import { API_BASE, type Role, type SiteDetails, type SiteUser } from '../../schema/index.js';
import { CodedRequestError, fetchAsCurrentUser, readCodedError } from '../session/index.js';

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  password: string;
  pin: string;
}

export interface UserChanges {
  displayName?: string;
  role?: Role;
  active?: boolean;
  password?: string;
  pin?: string;
}

const USERS = `${API_BASE}/admin/users`;

/** A JSON request as the admin at the tablet; a refusal is a CodedRequestError. */
export async function adminJson<T>(url: string, init: RequestInit = {}): Promise<T> {
  const response = await fetchAsCurrentUser(url, init);
  if (!response.ok) throw new CodedRequestError(response.status, await readCodedError(response));
  return (await response.json()) as T;
}

function jsonBody(method: string, body: unknown): RequestInit {
  return { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

export function listUsers(): Promise<SiteUser[]> {
  return adminJson(USERS);
}

export function addUser(user: NewUser): Promise<SiteUser> {
  return adminJson(USERS, jsonBody('POST', user));
}

export function changeUser(username: string, changes: UserChanges): Promise<SiteUser> {
  return adminJson(`${USERS}/${encodeURIComponent(username)}`, jsonBody('PATCH', changes));
}

/** The site's dealer details, as printed on the customer copies (PUT /api/v1/admin/site). */
export function changeSiteDetails(details: Omit<SiteDetails, 'id'>): Promise<SiteDetails> {
  return adminJson(`${API_BASE}/admin/site`, jsonBody('PUT', details));
}
