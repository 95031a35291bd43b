import {
  API_BASE,
  COLLECTION_NAMES,
  type CollectionName,
  type EnrolResponse,
  type EnrolledDevice,
  type LoginResponse,
  type PushResponse,
  type PullResponse,
  type PushRow,
  type RepairOrder,
} from '../../../src/schema/index.js';
import type { EnrolledTablet } from '../../support/enrolled-tablet.js';
import { bearer } from './auth.js';
import { requestJson } from './json-request.js';
import { SYNC_HEADERS, syncUrl } from './sync-http.js';

/**
 * A tablet's requests as raw answers (status, headers, coded body), for tests
 * that check refusals: enrolment, sign-in and refresh on a tablet, the
 * admin's list and revocation of tablets, a pull and a push. The happy path
 * that throws on a refusal is in tests/support/enrolled-tablet.ts.
 */
export function tabletRequests(baseUrl: string) {
  const devicesUrl = `${baseUrl}${API_BASE}/admin/devices`;
  return {
    enrol: (body: Record<string, string>) =>
      requestJson<EnrolResponse>(`${baseUrl}${API_BASE}/auth/enroll`, { method: 'POST', body }),

    /** Sign-in on the tablet, from another loopback address when given. */
    signIn: (
      tablet: EnrolledTablet,
      credentials: { username: string; password: string },
      from?: string,
    ) =>
      requestJson<LoginResponse>(`${baseUrl}${API_BASE}/auth/login`, {
        method: 'POST',
        body: { ...credentials, ...tablet },
        from,
      }),

    refresh: (tablet: EnrolledTablet, refreshToken: string) =>
      requestJson<LoginResponse>(`${baseUrl}${API_BASE}/auth/refresh`, {
        method: 'POST',
        body: { refreshToken, ...tablet },
      }),

    listDevices: (token?: string) =>
      requestJson<EnrolledDevice[]>(devicesUrl, { headers: token ? bearer(token) : {} }),

    revoke: (deviceId: string, token: string) =>
      requestJson<EnrolledDevice>(`${devicesUrl}/${encodeURIComponent(deviceId)}/revoke`, {
        method: 'POST',
        headers: bearer(token),
      }),

    pull: (token: string) =>
      requestJson(syncUrl(baseUrl, 'pull'), { headers: { ...SYNC_HEADERS, ...bearer(token) } }),

    push: (token: string, rows: PushRow<RepairOrder>[]) =>
      requestJson<PushResponse<RepairOrder>>(syncUrl(baseUrl, 'push'), {
        method: 'POST',
        body: rows,
        headers: { ...SYNC_HEADERS, ...bearer(token) },
      }),
  };
}

/** A hand-made push row of any collection, as a hostile client writes it. */
export interface RawRow {
  newDocumentState: object;
  assumedMasterState?: object;
}

/** `POST /sync/{collection}/push` with the rows as given, answered as it comes. */
export function pushRecords(
  baseUrl: string,
  collection: CollectionName,
  token: string,
  rows: readonly RawRow[],
) {
  return requestJson<PushResponse<{ id: string }>>(syncUrl(baseUrl, 'push', collection), {
    method: 'POST',
    body: rows,
    headers: { ...SYNC_HEADERS, ...bearer(token) },
  });
}

/** Every record of the token's site in one collection, paging to the end. */
export async function pullRecords(baseUrl: string, collection: CollectionName, token: string) {
  const documents: { id: string }[] = [];
  let last = 0;
  for (;;) {
    const query = new URLSearchParams({ limit: '500', checkpoint: String(last) });
    const answer = await requestJson<PullResponse<{ id: string }>>(
      `${syncUrl(baseUrl, 'pull', collection)}?${query}`,
      { headers: { ...SYNC_HEADERS, ...bearer(token) } },
    );
    if (answer.status !== 200) throw new Error(`pull ${collection}: ${answer.status}`);
    documents.push(...answer.body.documents);
    last = answer.body.checkpoint?.sequence ?? last;
    if (answer.body.documents.length < 500) return { documents, last };
  }
}

/**
 * What the sites of these tokens hold, every collection, keyed `collection/id`,
 * and the highest sequence seen: a refused push must leave both as they were.
 */
export async function sitesState(baseUrl: string, tokens: readonly string[]) {
  const documents = new Map<string, object>();
  let last = 0;
  for (const [site, token] of tokens.entries())
    for (const collection of COLLECTION_NAMES) {
      const pulled = await pullRecords(baseUrl, collection, token);
      for (const document of pulled.documents)
        documents.set(`${site}:${collection}/${document.id}`, document);
      last = Math.max(last, pulled.last);
    }
  return { documents, last };
}
