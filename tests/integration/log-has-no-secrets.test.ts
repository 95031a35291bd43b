import fs from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  API_BASE,
  DEMO_PASSWORD,
  PROTOCOL_HEADER,
  STREAM_TICKET_PATH,
  SYNC_PROTOCOL_VERSION,
} from '../../src/schema/index.js';
import { makeRepairOrder } from '../factories/repair-order.js';
import { enrolTablet, loginOnTablet } from '../support/enrolled-tablet.js';
import { bearer } from './helpers/auth.js';
import { requestJson } from './helpers/json-request.js';
import { startServerProcess, type ServerProcess } from './helpers/server-process.js';
import { openEventStream } from './helpers/sse-client.js';
import { pushRows, streamTicket, syncUrl, ticketStreamUrl, toWire } from './helpers/sync-http.js';
import { tabletRequests } from './helpers/tablet-requests.js';
import { makeTempDir, seedDemoUsers } from './helpers/test-server.js';

/**
 * The server's log, as `npm start` writes it (every level), holds no secret:
 * a tablet enrols, people sign in, refresh, open streams with tickets, push,
 * reuse a ticket and a refresh token, put a token in an address, fail
 * sign-ins and send broken bodies with a password in them — and not one
 * token, ticket, device token or password appears in what the process wrote.
 */
const NEW_PASSWORD = 'log-test-password-7731';
const WRONG_PASSWORDS = ['wrong-password-5521', 'malformed-secret-9941', 'plain-secret-4410'];
const isResync = (event: unknown): event is 'RESYNC' => event === 'RESYNC';
const isChange = (event: unknown): event is { documents: unknown[] } =>
  typeof event === 'object' && event !== null && 'documents' in event;

/** A POST with the body exactly as given, however broken. */
function rawPost(url: string, body: string) {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
}

describe('the server log', () => {
  let dataDir: string;
  let server: ServerProcess;
  beforeEach(async () => {
    dataDir = await makeTempDir();
    await seedDemoUsers(dataDir);
    server = startServerProcess({
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      NODE_ENV: 'production',
      LOG_LEVEL: 'trace',
    });
  });
  afterEach(async () => {
    server.child.kill('SIGKILL');
    await server.exited;
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('holds no access token, refresh token, ticket, device token or password', async () => {
    const { url } = await server.waitForLog((record) => record.msg === 'listening', 60_000);
    const base = String(url);
    const api = tabletRequests(base);
    const secrets: string[] = [DEMO_PASSWORD, NEW_PASSWORD, ...WRONG_PASSWORDS];

    const tablet = await enrolTablet(base, 'Log tablet');
    const admin = await loginOnTablet(base, tablet, { username: 'admin', password: DEMO_PASSWORD });
    const added = await requestJson(`${base}${API_BASE}/admin/users`, {
      method: 'POST',
      headers: bearer(admin.accessToken),
      body: {
        username: 'logtest',
        displayName: 'Log Test',
        role: 'advisor',
        password: NEW_PASSWORD,
        pin: '482913',
      },
    });
    expect(added.status).toBe(201);
    const person = await loginOnTablet(base, tablet, {
      username: 'logtest',
      password: NEW_PASSWORD,
    });
    const refreshed = (await api.refresh(tablet, person.refreshToken)).body;
    secrets.push(tablet.deviceToken, admin.accessToken, admin.refreshToken);
    secrets.push(
      person.accessToken,
      person.refreshToken,
      refreshed.accessToken,
      refreshed.refreshToken,
    );

    // A stream opened with a ticket hears a push; a second use of the ticket is refused.
    const { ticket } = await streamTicket(base, refreshed.accessToken);
    secrets.push(ticket);
    const stream = await openEventStream(ticketStreamUrl(base, ticket, 'all'));
    await stream.waitFor(isResync);
    await pushRows(
      base,
      [
        {
          newDocumentState: toWire(makeRepairOrder({ createdBy: 'logtest', updatedBy: 'logtest' })),
        },
      ],
      refreshed.accessToken,
    );
    await stream.waitFor(isChange);
    stream.close();
    expect((await requestJson(ticketStreamUrl(base, ticket))).status).toBe(401);

    // Tokens where they do not belong: in addresses, padded, in a header of the wrong kind.
    const protocol = `protocol=${SYNC_PROTOCOL_VERSION}`;
    expect(
      (
        await requestJson(
          `${base}${API_BASE}/sync/stream?${protocol}&access_token=${refreshed.accessToken}`,
        )
      ).status,
    ).toBe(400);
    expect(
      (await requestJson(`${syncUrl(base, 'pull')}?access_token=${admin.accessToken}`)).status,
    ).toBe(426);
    expect(
      (
        await requestJson(`${base}${STREAM_TICKET_PATH}?token=${admin.refreshToken}`, {
          method: 'POST',
          headers: { [PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION) },
        })
      ).status,
    ).toBe(401);
    expect((await api.pull(`${refreshed.accessToken}=`)).status).toBe(401);

    // Failed sign-ins and refreshes, and broken bodies carrying a password.
    const [wrongPassword, cutOff, plainText] = WRONG_PASSWORDS as [string, string, string];
    expect(
      (await api.signIn(tablet, { username: 'logtest', password: wrongPassword })).status,
    ).toBe(401);
    expect(
      (
        await api.signIn(
          { ...tablet, deviceToken: `${tablet.deviceToken}=` },
          { username: 'logtest', password: NEW_PASSWORD },
        )
      ).status,
    ).toBe(401);
    expect(
      (
        await rawPost(
          `${base}${API_BASE}/auth/login`,
          `{"username":"logtest","password":"${cutOff}"`,
        )
      ).status,
    ).toBe(400);
    expect((await rawPost(`${base}${API_BASE}/auth/login`, plainText)).status).toBe(400);
    expect((await api.refresh(tablet, person.refreshToken)).status).toBe(401);

    server.child.kill('SIGTERM');
    await server.exited;
    const written = `${JSON.stringify(server.logs)}\n${server.stderr()}`;
    // The log does show these requests, with the secrets cut out of their addresses.
    expect(written).toContain('ticket=[redacted]');
    expect(written).toContain('access_token=[redacted]');
    const leaked = secrets.flatMap((secret) =>
      // An access token's signature alone is a leak too.
      [secret, secret.slice(-43)].filter((part) => written.includes(part)),
    );
    expect(leaked).toEqual([]);
  });
});
