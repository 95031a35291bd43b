import {
  API_BASE,
  type EnrolResponse,
  type EnrolledDevice,
  type LoginResponse,
  type PushResponse,
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
