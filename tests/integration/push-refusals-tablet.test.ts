import { firstValueFrom } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outboxSize$, refusedEntries$ } from '../../src/db/outbox.js';
import { insertRecords, modifyRecord } from '../../src/db/record-writes.js';
import { API_BASE, type Job, type PushRow } from '../../src/schema/index.js';
import { makeJob, makeWorkshopOrder } from '../factories/workshop.js';
import { AppTablet } from './helpers/app-tablet.js';
import { loginAs } from './helpers/auth.js';
import { peopleTokens } from './helpers/people-tokens.js';
import { SYNC_HEADERS, syncUrl } from './helpers/sync-http.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

/**
 * The app's own sync code (replication, outbox) against a real server: what
 * the tablet does with a record the server refuses by a rule.
 */
const foreman = { username: 'foreman1', siteId: 'demo-site' };

describe('a record the server refuses, on the tablet', () => {
  let server: TestServer;
  let tablet: AppTablet;
  /** Ids of the jobs each push from the tablet carried, in order. */
  let pushedJobs: string[][];
  const realFetch = globalThis.fetch;

  beforeEach(async () => {
    server = await startTestServer();
    pushedJobs = [];
    // Watch what the app's sync sends, without changing it.
    globalThis.fetch = async (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url.endsWith(`${API_BASE}/sync/jobs/push`) && typeof init?.body === 'string') {
        const rows = JSON.parse(init.body) as PushRow<Job>[];
        pushedJobs.push(rows.map((row) => row.newDocumentState.id));
      }
      return realFetch(input, init);
    };
    // One shared tablet: each person's changes go with their own session.
    const tokens = await peopleTokens(server.baseUrl, ['advisor1', 'foreman1']);
    tablet = await AppTablet.start(server.baseUrl, { tokens });
  });

  afterEach(async () => {
    await tablet.close();
    globalThis.fetch = realFetch;
    await server.stop();
  });

  async function serverJobs(): Promise<Job[]> {
    const { accessToken } = await loginAs(server.baseUrl, 'foreman1');
    const response = await realFetch(`${syncUrl(server.baseUrl, 'pull', 'jobs')}?limit=500`, {
      headers: { ...SYNC_HEADERS, authorization: `Bearer ${accessToken}` },
    });
    return ((await response.json()) as { documents: Job[] }).documents;
  }

  it('stays on the tablet marked with its reason, the rest syncs, and an edit clears it', async () => {
    const order = makeWorkshopOrder();
    const other = makeWorkshopOrder();
    await insertRecords(tablet.database, 'repair_orders', [order, other]);
    // The advisor makes a job and dispatches it, which is the foreman's to do; the foreman's job is fine.
    const dispatched = makeJob(order, {
      operations: [],
      createdBy: 'advisor1',
      updatedBy: 'advisor1',
    });
    const waiting = makeJob(other, {
      technician: '',
      bay: '',
      dispatchedBy: '',
      operations: [],
      createdBy: 'foreman1',
      updatedBy: 'foreman1',
    });
    await insertRecords(tablet.database, 'jobs', [dispatched, waiting]);
    await tablet.settle();

    expect((await serverJobs()).map((job) => job.id)).toEqual([waiting.id]);
    expect(await tablet.database.records.jobs.findOne(dispatched.id).exec()).not.toBeNull();
    const refused = await firstValueFrom(refusedEntries$(tablet.database));
    expect(refused.map(({ documentId, refusedCode }) => [documentId, refusedCode])).toEqual([
      [dispatched.id, 'ROLE_FORBIDDEN'],
    ]);
    expect(await firstValueFrom(outboxSize$(tablet.database))).toBe(1);

    // Another edit syncs; the refused record is not sent again while unchanged.
    const pushesBefore = pushedJobs.length;
    await modifyRecord<Job>(tablet.database, 'jobs', foreman, waiting.id, (job) => ({
      ...job,
      findings: [{ id: 'f1', text: '机油渗漏', photoIds: [], foundBy: 'foreman1', foundAt: 1 }],
    }));
    await tablet.settle();
    const later = pushedJobs.slice(pushesBefore).flat();
    expect(later).toContain(waiting.id);
    expect(later).not.toContain(dispatched.id);
    expect(await firstValueFrom(refusedEntries$(tablet.database))).toHaveLength(1);

    // The foreman takes it over on the same tablet: the refusal clears and the job goes through,
    // in the foreman's name only: the server never had the advisor's.
    await modifyRecord<Job>(tablet.database, 'jobs', foreman, dispatched.id, (job) => ({
      ...job,
      bay: 'B5',
      dispatchedBy: 'foreman1',
    }));
    expect(await firstValueFrom(refusedEntries$(tablet.database))).toEqual([]);
    await tablet.settle();
    const stored = (await serverJobs()).find((job) => job.id === dispatched.id);
    expect(stored).toMatchObject({
      technician: 'tech1',
      bay: 'B5',
      createdBy: 'foreman1',
      updatedBy: 'foreman1',
    });
    expect(await tablet.pendingCount()).toBe(0);
  });
});
