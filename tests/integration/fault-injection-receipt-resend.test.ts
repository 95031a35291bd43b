import { afterEach, describe, expect, it } from 'vitest';
import type { SignOff } from '../../src/schema/index.js';
import { insertRecords } from '../../src/db/record-writes.js';
import { makeJob, makeSignOff, makeWorkshopOrder } from '../factories/workshop.js';
import { AppTablet } from './helpers/app-tablet.js';
import { loginAs, staticTokens } from './helpers/auth.js';
import { registerSignerKey } from './helpers/signer-keys.js';
import { signedHeaders, syncUrl } from './helpers/sync-http.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

/**
 * Found by the fault-injection suite (seed 1010): a sign-off whose push the
 * server stored but whose answer never came back (the tablet restarted) was
 * sent again, and the server took the resend as "unchanged" without saying
 * that its copy carries the receipt time. The tablet, which had set the
 * stamped copy aside in a pull while its own write was pending, kept a copy
 * without receivedAt for good (that pull is now also held back while pushes
 * run: fault-injection-pull-during-push.test.ts). The server's answer to a
 * resend now carries its stamped copy, and the tablet counts it as accepted.
 */
async function pushSignOff(baseUrl: string, token: string, signOff: SignOff) {
  const response = await fetch(syncUrl(baseUrl, 'push', 'sign_offs'), {
    method: 'POST',
    headers: await signedHeaders(baseUrl, token),
    body: JSON.stringify([{ newDocumentState: { ...signOff, _deleted: false } }]),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { conflicts: SignOff[]; rejected: unknown[] };
}

async function storedSignOff(baseUrl: string, token: string, id: string) {
  const response = await fetch(`${syncUrl(baseUrl, 'pull', 'sign_offs')}?limit=500`, {
    headers: await signedHeaders(baseUrl, token),
  });
  const { documents } = (await response.json()) as { documents: SignOff[] };
  return documents.find((document) => document.id === id);
}

describe('a receipt-stamped record sent again after its answer was lost', () => {
  let server: TestServer;
  let tablet: AppTablet | undefined;

  afterEach(async () => {
    await tablet?.close();
    await server.stop();
  });

  async function selfCheck(): Promise<SignOff> {
    const order = makeWorkshopOrder();
    return makeSignOff({ order, job: makeJob(order), level: 'self', by: 'tech1' });
  }

  it('the resend is answered with the stored copy, receipt time included', async () => {
    server = await startTestServer();
    const login = await loginAs(server.baseUrl, 'tech1');
    const { accessToken } = login;
    await registerSignerKey(server.baseUrl, login);
    const signOff = await selfCheck();
    expect(await pushSignOff(server.baseUrl, accessToken, signOff)).toEqual({
      conflicts: [],
      rejected: [],
    });
    const stored = await storedSignOff(server.baseUrl, accessToken, signOff.id);
    expect(stored?.receivedAt).toEqual(expect.any(Number));

    const resend = await pushSignOff(server.baseUrl, accessToken, signOff);
    expect(resend).toEqual({ conflicts: [stored], rejected: [] });
    // Still one write: the resend changed nothing on the server.
    expect(await storedSignOff(server.baseUrl, accessToken, signOff.id)).toEqual(stored);
  });

  it("the technician's tablet ends with the server's stamped copy and nothing pending", async () => {
    server = await startTestServer();
    const login = await loginAs(server.baseUrl, 'tech1');
    await registerSignerKey(server.baseUrl, login);
    tablet = await AppTablet.start(server.baseUrl, { online: false, tokens: staticTokens(login) });
    const signOff = await selfCheck();
    await insertRecords(tablet.database, 'sign_offs', [signOff]);
    // The push that reached the server before the tablet went down, its answer lost.
    await pushSignOff(server.baseUrl, login.accessToken, signOff);

    // Back up, the tablet sends it again: the stamped copy comes back as the server's.
    tablet.goOnline();
    await tablet.settle();

    const stored = await storedSignOff(server.baseUrl, login.accessToken, signOff.id);
    const { sign_offs } = tablet.database.records;
    const document = await sign_offs.findOne(signOff.id).exec();
    const local = document ? sign_offs.plain(document) : undefined;
    expect({ ...local, _deleted: false }).toEqual(stored);
    expect(await tablet.pendingCount()).toBe(0);
  });
});
