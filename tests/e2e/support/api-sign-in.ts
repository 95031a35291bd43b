import { DEMO_PASSWORD } from '../../../src/schema/index.js';
import { loginOnTablet, tabletNamed } from '../../support/enrolled-tablet.js';

/**
 * Signs in to the server as a test reading it directly (not as a tablet):
 * the `authorization` header the sync and blob endpoints ask for.
 */
export async function apiSignIn(
  baseUrl: string,
  username = 'advisor1',
  password = DEMO_PASSWORD,
): Promise<{ authorization: string }> {
  const tablet = await tabletNamed(baseUrl, 'e2e-test-reader');
  const { accessToken } = await loginOnTablet(baseUrl, tablet, { username, password });
  return { authorization: `Bearer ${accessToken}` };
}
