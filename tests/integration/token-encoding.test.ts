import { describe, expect, it } from 'vitest';
import { enrolTablet, loginOnTablet } from '../support/enrolled-tablet.js';
import { ADVISOR, dealerWithOfficeAdmin, expectRefused } from './helpers/dealer-office.js';
import { requestJson } from './helpers/json-request.js';
import { SYNC_HEADERS, syncUrl } from './helpers/sync-http.js';
import { sitesState } from './helpers/tablet-requests.js';
import {
  sameBytesOtherSpelling,
  signInState,
  tamperedBodyForms,
  tamperedForms,
} from './helpers/tampered-secrets.js';

/**
 * Every token is read in one canonical encoding: a hostile client that pads,
 * re-cases, spaces out or extends a real access, refresh or device token gets
 * the same refusal as for a made-up one, and the real token, the server's
 * records and its sign-ins are as they were.
 */
describe('tokens in one canonical encoding', () => {
  const dealer = dealerWithOfficeAdmin();
  const state = async (token: string) => ({
    signIns: signInState(dealer.server.dataDir),
    records: await sitesState(dealer.server.baseUrl, [token]),
  });

  it('an access token with padding, another spelling, case, whitespace or trailing bytes is refused', async () => {
    const lane = await enrolTablet(dealer.server.baseUrl, 'Lane');
    const { accessToken } = await loginOnTablet(dealer.server.baseUrl, lane, ADVISOR);
    const [payload, signature] = accessToken.split('.') as [string, string];
    // What a lenient decoder reads as the very same signature: the attack is real.
    const respelled = sameBytesOtherSpelling(signature);
    expect(Buffer.from(respelled, 'base64url')).toEqual(Buffer.from(signature, 'base64url'));
    expect(Buffer.from(`${signature}=`, 'base64url')).toEqual(Buffer.from(signature, 'base64url'));

    const before = await state(accessToken);
    const forms = [
      ...tamperedForms(accessToken),
      { how: 'padding in the payload', token: `${payload}=.${signature}` },
      { how: 'standard base64 signature', token: `${payload}.${signature}`.replace(/_/g, '/') },
    ].filter(({ token }) => token !== accessToken);
    for (const { how, token } of forms) {
      const answer = await requestJson(syncUrl(dealer.server.baseUrl, 'pull'), {
        headers: { ...SYNC_HEADERS, authorization: `Bearer ${token}` },
      });
      expect({ how, status: answer.status, body: answer.body }).toMatchObject({
        how,
        status: 401,
        body: { code: 'TOKEN_INVALID' },
      });
    }
    expect(await state(accessToken)).toEqual(before);
    expect((await dealer.api.pull(accessToken)).status).toBe(200);
  });

  it('an altered refresh token is no token: refused without spending or revoking the real one', async () => {
    const lane = await enrolTablet(dealer.server.baseUrl, 'Lane');
    const signedIn = await loginOnTablet(dealer.server.baseUrl, lane, ADVISOR);
    const before = await state(signedIn.accessToken);
    for (const { how, token } of tamperedBodyForms(signedIn.refreshToken)) {
      const answer = await dealer.api.refresh(lane, token);
      expect({ how, status: answer.status, body: answer.body }).toMatchObject({
        how,
        status: 401,
        body: { code: 'TOKEN_INVALID' },
      });
    }
    // Not taken for a reuse of the real one: its chain and its access token live on.
    expect(await state(signedIn.accessToken)).toEqual(before);
    const refreshed = await dealer.api.refresh(lane, signedIn.refreshToken);
    expect(refreshed.status).toBe(200);
    expect((await dealer.api.pull(refreshed.body.accessToken)).status).toBe(200);
  });

  it('an altered device token signs no one in and refreshes nothing; the real one still does', async () => {
    const lane = await enrolTablet(dealer.server.baseUrl, 'Lane');
    const signedIn = await loginOnTablet(dealer.server.baseUrl, lane, ADVISOR);
    const before = await state(signedIn.accessToken);
    for (const [index, { how, token }] of tamperedBodyForms(lane.deviceToken).entries()) {
      const altered = { deviceId: lane.deviceId, deviceToken: token };
      // Each from its own address: sign-in limits count failures per address.
      const login = await dealer.api.signIn(altered, ADVISOR, `127.0.0.${10 + index}`);
      expect({ how, status: login.status, body: login.body }).toMatchObject({
        how,
        status: 401,
        body: { code: 'DEVICE_NOT_ENROLLED' },
      });
      expectRefused(
        await dealer.api.refresh(altered, signedIn.refreshToken),
        401,
        'DEVICE_NOT_ENROLLED',
      );
    }
    expect(await state(signedIn.accessToken)).toEqual(before);
    expect((await dealer.api.signIn(lane, ADVISOR)).status).toBe(200);
    expect((await dealer.api.refresh(lane, signedIn.refreshToken)).status).toBe(200);
  });
});
