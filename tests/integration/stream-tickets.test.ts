import { describe, expect, it } from 'vitest';
import {
  API_BASE,
  PROTOCOL_HEADER,
  STREAM_TICKET_PATH,
  SYNC_PROTOCOL_VERSION,
  type LoginResponse,
} from '../../src/schema/index.js';
import { STREAM_TICKET_SECONDS } from '../../sync-server/auth/stream-tickets.js';
import { enrolTablet, loginOnTablet } from '../support/enrolled-tablet.js';
import { bearer } from './helpers/auth.js';
import { ADVISOR, dealerWithOfficeAdmin, expectRefused } from './helpers/dealer-office.js';
import { requestJson } from './helpers/json-request.js';
import { openEventStream } from './helpers/sse-client.js';
import { streamTicket, syncUrl, ticketStreamUrl } from './helpers/sync-http.js';
import { sitesState } from './helpers/tablet-requests.js';
import { signInState, tamperedBodyForms } from './helpers/tampered-secrets.js';

/**
 * The live stream's address carries a single-use ticket, never a token: a
 * hostile client that puts a token there, reuses, races, keeps, alters or
 * transfers a ticket is refused, and each refusal leaves the server as it was.
 */
const isResync = (event: unknown): event is 'RESYNC' => event === 'RESYNC';
const PROTOCOL = String(SYNC_PROTOCOL_VERSION);

/** The status of a GET of the stream, hanging up at once whether it opened or not. */
async function streamStatus(url: string): Promise<number> {
  const abort = new AbortController();
  const response = await fetch(url, { signal: abort.signal });
  abort.abort();
  return response.status;
}

describe('live-stream tickets', () => {
  const dealer = dealerWithOfficeAdmin();
  const advisorOnLane = async (): Promise<LoginResponse> =>
    loginOnTablet(dealer.server.baseUrl, await enrolTablet(dealer.server.baseUrl, 'Lane'), ADVISOR);
  /** Tickets, tablets, sign-ins and every record of the demo site. */
  const serverState = async (token: string) => ({
    signIns: signInState(dealer.server.dataDir),
    records: await sitesState(dealer.server.baseUrl, [token]),
  });

  it('an access token in the stream address is refused, and the ticket beside it is not spent', async () => {
    const { accessToken } = await advisorOnLane();
    const { ticket } = await streamTicket(dealer.server.baseUrl, accessToken);
    const before = await serverState(accessToken);
    const base = dealer.server.baseUrl;
    const addresses = [
      `${base}${API_BASE}/sync/stream?protocol=${PROTOCOL}&access_token=${accessToken}`,
      `${syncUrl(base, 'stream')}?protocol=${PROTOCOL}&access_token=${accessToken}`,
      `${base}${API_BASE}/sync/stream?protocol=${PROTOCOL}&ticket=${ticket}&access_token=${accessToken}`,
      `${base}${API_BASE}/sync/stream?protocol=${PROTOCOL}&access%5Ftoken=${accessToken}`,
      `${base}${API_BASE}/sync/stream?protocol=${PROTOCOL}&access_token=`,
    ];
    for (const address of addresses) {
      const answer = await requestJson(address);
      expectRefused(answer, 400, 'TOKEN_IN_URL');
      expect(answer.headers['content-type']).toMatch(/^application\/json/);
    }
    expect(await serverState(accessToken)).toEqual(before);

    const stream = await openEventStream(ticketStreamUrl(base, ticket, 'all'));
    await stream.waitFor(isResync);
    stream.close();
  });

  it('a ticket opens one stream once: used again, or raced by two, it is refused', async () => {
    const { accessToken } = await advisorOnLane();
    const once = ticketStreamUrl(
      dealer.server.baseUrl,
      (await streamTicket(dealer.server.baseUrl, accessToken)).ticket,
    );
    const stream = await openEventStream(once);
    await stream.waitFor(isResync);
    expectRefused(await requestJson(once), 401, 'STREAM_TICKET_INVALID');

    const raced = ticketStreamUrl(
      dealer.server.baseUrl,
      (await streamTicket(dealer.server.baseUrl, accessToken)).ticket,
      'all',
    );
    const statuses = await Promise.all([streamStatus(raced), streamStatus(raced)]);
    expect(statuses.sort()).toEqual([200, 401]);
    // Spent tickets are gone from the database, not kept as used.
    expect(signInState(dealer.server.dataDir).tickets).toEqual([]);
    stream.close();
  });

  it(`a ticket expires ${STREAM_TICKET_SECONDS} s after it was issued`, async () => {
    const { accessToken } = await advisorOnLane();
    const base = dealer.server.baseUrl;
    const inTime = ticketStreamUrl(base, (await streamTicket(base, accessToken)).ticket);
    const late = ticketStreamUrl(base, (await streamTicket(base, accessToken)).ticket);
    dealer.clock.advance(STREAM_TICKET_SECONDS * 1000 - 1);
    const stream = await openEventStream(inTime);
    await stream.waitFor(isResync);
    stream.close();
    dealer.clock.advance(1);
    expectRefused(await requestJson(late), 401, 'STREAM_TICKET_INVALID');
  });

  it('a ticket stands for its user and tablet: refused once the user is deactivated, and it is no access token', async () => {
    const base = dealer.server.baseUrl;
    const tech = await loginOnTablet(base, await enrolTablet(base, 'Workshop'), {
      username: 'tech1',
      password: ADVISOR.password,
    });
    const { ticket } = await streamTicket(base, tech.accessToken);
    const kept = ticketStreamUrl(base, (await streamTicket(base, tech.accessToken)).ticket);

    // A ticket is not a token, nor a token a ticket.
    expectRefused(await dealer.api.pull(ticket), 401, 'TOKEN_INVALID');
    expectRefused(
      await requestJson(ticketStreamUrl(base, tech.accessToken)),
      401,
      'STREAM_TICKET_INVALID',
    );

    const deactivated = await requestJson(`${base}${API_BASE}/admin/users/tech1`, {
      method: 'PATCH',
      body: { active: false },
      headers: bearer(dealer.admin.accessToken),
    });
    expect(deactivated.status).toBe(200);
    expectRefused(await requestJson(kept), 401, 'USER_INACTIVE');
  });

  it('altered tickets are refused, and the real one still opens the stream', async () => {
    const { accessToken } = await advisorOnLane();
    const base = dealer.server.baseUrl;
    const { ticket } = await streamTicket(base, accessToken);
    const before = await serverState(accessToken);
    for (const { how, token } of tamperedBodyForms(ticket)) {
      const answer = await requestJson(ticketStreamUrl(base, token));
      expect({ how, status: answer.status, body: answer.body }).toMatchObject({
        how,
        status: 401,
        body: { code: 'STREAM_TICKET_INVALID' },
      });
    }
    expect(await serverState(accessToken)).toEqual(before);
    const stream = await openEventStream(ticketStreamUrl(base, ticket));
    await stream.waitFor(isResync);
    stream.close();
  });

  it('a ticket is given only for a token in the header, never for one in the address', async () => {
    const { accessToken } = await advisorOnLane();
    const url = `${dealer.server.baseUrl}${STREAM_TICKET_PATH}`;
    const before = signInState(dealer.server.dataDir);
    const headers = { [PROTOCOL_HEADER]: PROTOCOL };
    expectRefused(await requestJson(url, { method: 'POST', headers }), 401, 'AUTH_REQUIRED');
    expectRefused(
      await requestJson(`${url}?access_token=${accessToken}`, { method: 'POST', headers }),
      401,
      'AUTH_REQUIRED',
    );
    expectRefused(
      await requestJson(url, {
        method: 'POST',
        headers: { ...headers, ...bearer(`${accessToken}=`) },
      }),
      401,
      'TOKEN_INVALID',
    );
    expect(signInState(dealer.server.dataDir)).toEqual(before);

    const given = await requestJson<{ ticket: string; expiresAt: number }>(url, {
      method: 'POST',
      headers: { ...headers, ...bearer(accessToken) },
    });
    expect(given.status).toBe(200);
    expect(given.headers['cache-control']).toBe('no-store');
    expect(given.body.ticket).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(given.body.expiresAt).toBe(dealer.clock.now() + STREAM_TICKET_SECONDS * 1000);
  });
});
