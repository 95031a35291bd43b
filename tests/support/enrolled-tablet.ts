import {
  API_BASE,
  DEMO_PASSWORD,
  type EnrolResponse,
  type LoginResponse,
} from '../../src/schema/index.js';

/**
 * Tablets as tests need them: enrolled once per server by a site admin
 * (`POST /api/v1/auth/enroll`, the demo site's `admin` unless told otherwise),
 * then signed in with the device's id and token like the app does.
 */
export interface EnrolledTablet {
  deviceId: string;
  deviceToken: string;
}

export interface EnrollingAdmin {
  username: string;
  password: string;
  siteId?: string;
}

export const DEMO_ADMIN: EnrollingAdmin = { username: 'admin', password: DEMO_PASSWORD };

export async function enrolTablet(
  baseUrl: string,
  name: string,
  admin: EnrollingAdmin = DEMO_ADMIN,
): Promise<EnrolledTablet> {
  const response = await fetch(`${baseUrl}${API_BASE}/auth/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...admin, deviceName: name }),
  });
  if (response.status !== 201) {
    throw new Error(`enrol ${name}: ${response.status} ${await response.text()}`);
  }
  const { device, deviceToken } = (await response.json()) as EnrolResponse;
  return { deviceId: device.id, deviceToken };
}

const enrolled = new Map<string, Promise<EnrolledTablet>>();

/** The tablet called `name` at this server, enrolled on first use. */
export function tabletNamed(
  baseUrl: string,
  name: string,
  admin: EnrollingAdmin = DEMO_ADMIN,
): Promise<EnrolledTablet> {
  const key = `${baseUrl} ${admin.siteId ?? ''} ${admin.username} ${name}`;
  let tablet = enrolled.get(key);
  if (!tablet) {
    tablet = enrolTablet(baseUrl, name, admin);
    enrolled.set(key, tablet);
    tablet.catch(() => enrolled.delete(key));
  }
  return tablet;
}

/** Forgets this server's tablets: the next server on the same port has another database. */
export function forgetTablets(baseUrl: string): void {
  for (const key of enrolled.keys()) if (key.startsWith(`${baseUrl} `)) enrolled.delete(key);
}

/** `POST /api/v1/auth/login` from an enrolled tablet; throws with the server's answer when refused. */
export async function loginOnTablet(
  baseUrl: string,
  tablet: EnrolledTablet,
  credentials: { username: string; password: string; siteId?: string },
): Promise<LoginResponse> {
  const response = await fetch(`${baseUrl}${API_BASE}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...credentials, ...tablet }),
  });
  if (response.status !== 200) {
    throw new Error(
      `login as ${credentials.username}: ${response.status} ${await response.text()}`,
    );
  }
  return (await response.json()) as LoginResponse;
}
