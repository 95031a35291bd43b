import { API_BASE, DEMO_PASSWORD, type LoginResponse } from '../../../src/schema/index.js';

/**
 * Signs in to the server as a test reading it directly (not as a tablet):
 * the `authorization` header the sync and blob endpoints ask for.
 */
export async function apiSignIn(
  baseUrl: string,
  username = 'advisor1',
  password = DEMO_PASSWORD,
): Promise<{ authorization: string }> {
  const response = await fetch(`${baseUrl}${API_BASE}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password, deviceId: 'e2e-test-reader' }),
  });
  if (!response.ok) throw new Error(`sign-in as ${username} refused: ${response.status}`);
  const { accessToken } = (await response.json()) as LoginResponse;
  return { authorization: `Bearer ${accessToken}` };
}
