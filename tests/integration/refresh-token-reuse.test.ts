import { describe, expect, it } from 'vitest';
import { STREAM_TICKET_PATH } from '../../src/schema/index.js';
import { makeRepairOrder } from '../factories/repair-order.js';
import { enrolTablet, loginOnTablet } from '../support/enrolled-tablet.js';
import { bearer } from './helpers/auth.js';
import { ADVISOR, dealerWithOfficeAdmin, expectRefused } from './helpers/dealer-office.js';
import { requestJson } from './helpers/json-request.js';
import { openEventStream } from './helpers/sse-client.js';
import { SYNC_HEADERS, pushRows, streamUrl, toWire } from './helpers/sync-http.js';
import { sitesState } from './helpers/tablet-requests.js';

/**
 * A refresh token works once. Presenting one that was already traded in means
 * two parties hold the sign-in (a copied tablet, a stolen token): the whole
 * chain of that sign-in is revoked — its newest refresh token, the access
 * tokens and stream tickets issued from it, its open stream — while the
 * person's other sign-ins go on and a password sign-in starts a new chain.
 */
const isResync = (event: unknown): event is 'RESYNC' => event === 'RESYNC';
const isChangeEvent = (event: unknown): event is { documents: unknown[] } =>
  typeof event === 'object' && event !== null && 'documents' in event;

describe('reusing a refresh token', () => {
  const dealer = dealerWithOfficeAdmin();

  it('revokes its whole chain: the newest refresh token, its access token, ticket and stream stop working', async () => {
    const base = dealer.server.baseUrl;
    const lane = await enrolTablet(base, 'Lane');
    const stolen = await loginOnTablet(base, lane, ADVISOR);
    // The same person's other sign-in on the same tablet: another chain.
    const other = await loginOnTablet(base, lane, ADVISOR);
    const first = (await dealer.api.refresh(lane, stolen.refreshToken)).body;
    const newest = (await dealer.api.refresh(lane, first.refreshToken)).body;
    expect(newest.refreshToken).toEqual(expect.any(String));
    const stream = await openEventStream(await streamUrl(base, newest.accessToken));
    await stream.waitFor(isResync);
    const laterStream = await streamUrl(base, newest.accessToken);
    const before = await sitesState(base, [other.accessToken]);

    // The thief replays the token it copied before the tablet refreshed.
    expectRefused(await dealer.api.refresh(lane, stolen.refreshToken), 401, 'TOKEN_INVALID');

    expectRefused(await dealer.api.refresh(lane, newest.refreshToken), 401, 'TOKEN_INVALID');
    for (const token of [newest.accessToken, first.accessToken, stolen.accessToken]) {
      expectRefused(await dealer.api.pull(token), 401, 'TOKEN_INVALID');
    }
    const notWritten = toWire(makeRepairOrder({ concern: '被盗令牌推送' }));
    expectRefused(
      await dealer.api.push(newest.accessToken, [{ newDocumentState: notWritten }]),
      401,
      'TOKEN_INVALID',
    );
    expectRefused(await requestJson(laterStream), 401, 'TOKEN_INVALID');
    expectRefused(
      await requestJson(`${base}${STREAM_TICKET_PATH}`, {
        method: 'POST',
        headers: { ...SYNC_HEADERS, ...bearer(newest.accessToken) },
      }),
      401,
      'TOKEN_INVALID',
    );
    expect(await sitesState(base, [other.accessToken])).toEqual(before);

    // The next write ends the revoked chain's stream instead of reaching it.
    const written = toWire(makeRepairOrder({ concern: '另一个登录照常同步' }));
    expect(await pushRows(base, [{ newDocumentState: written }], other.accessToken)).toEqual({
      conflicts: [],
      rejected: [],
    });
    await stream.ended;
    expect(stream.events.filter(isChangeEvent)).toEqual([]);

    // The other sign-in goes on; the person signs in again with the password.
    expect((await dealer.api.refresh(lane, other.refreshToken)).status).toBe(200);
    const again = await dealer.api.signIn(lane, ADVISOR);
    expect(again.status).toBe(200);
    expect((await dealer.api.pull(again.body.accessToken)).status).toBe(200);
  });

  it('two refreshes racing with one token: one is answered, then the chain ends for both', async () => {
    const lane = await enrolTablet(dealer.server.baseUrl, 'Lane');
    const signedIn = await loginOnTablet(dealer.server.baseUrl, lane, ADVISOR);
    const answers = await Promise.all([
      dealer.api.refresh(lane, signedIn.refreshToken),
      dealer.api.refresh(lane, signedIn.refreshToken),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 401]);
    const [winner] = answers.filter((answer) => answer.status === 200);
    if (!winner) throw new Error('no refresh was answered');
    expectRefused(await dealer.api.refresh(lane, winner.body.refreshToken), 401, 'TOKEN_INVALID');
    expectRefused(await dealer.api.pull(winner.body.accessToken), 401, 'TOKEN_INVALID');
  });
});
