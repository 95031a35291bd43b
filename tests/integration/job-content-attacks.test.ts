import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withoutServerStamps, type ErrorCode, type SignOff } from '../../src/schema/index.js';
import {
  makeDispatchedJob,
  makeSignOff,
  makeWorkshopOrder,
  workedJob,
} from '../factories/workshop.js';
import { openEventStream } from './helpers/sse-client.js';
import { streamUrl } from './helpers/sync-http.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';
import {
  LEAK,
  allDoneClaim,
  edited,
  workedOperations,
  workshopScenes,
} from './helpers/workshop-scenes.js';
import { row, signInWorkshop, type WorkshopSync } from './helpers/workshop-sync.js';

/**
 * Attacks on the content a sign-off covers, as a hostile tablet would make
 * them: hand-built JSON over real HTTP, each person with their own token and
 * key. The server judges a sign-off by the job revisions it stored itself,
 * never by a value the tablet chooses; a refused push changes nothing. The
 * job closed by its final pass: job-closed-attacks.test.ts.
 */
let server: TestServer;
let sync: WorkshopSync;
let scenes: ReturnType<typeof workshopScenes>;

beforeAll(async () => {
  server = await startTestServer();
  sync = await signInWorkshop(server.baseUrl, ['advisor1', 'tech1', 'leader1', 'foreman1']);
  scenes = workshopScenes(sync);
});

afterAll(() => server.stop());

describe('a sign-off is judged by the job revisions the server stored', () => {
  it('a sign-off naming a job revision the server never had is refused', async () => {
    const { order, job } = await scenes.workedOrder();
    const madeUp = await makeSignOff({
      order,
      job,
      level: 'self',
      by: 'tech1',
      overrides: { jobRevision: job.updatedAt - 500 },
    });
    await scenes.expectRefused('SIGNOFF_REVISION_UNKNOWN', {
      collection: 'sign_offs',
      row: row(madeUp),
      by: 'tech1',
    });
  });

  it('"all done, no findings" for a job that says otherwise is refused whatever revision it names', async () => {
    const { order, dispatched } = await scenes.dispatchedOrder();
    const [brakes] = workedOperations(order, dispatched);
    const honest = edited(dispatched, { operations: brakes ? [brakes] : [], findings: [LEAK] });
    await sync.store('jobs', [row(honest, dispatched)], 'tech1');
    const revisions: [number, ErrorCode][] = [
      [dispatched.updatedAt, 'SIGNOFF_CONTENT_MISMATCH'],
      [honest.updatedAt, 'SIGNOFF_CONTENT_MISMATCH'],
      [dispatched.updatedAt - 1, 'SIGNOFF_REVISION_UNKNOWN'],
      [0, 'SIGNOFF_REVISION_UNKNOWN'],
      [9_999_999_999_999, 'SIGNOFF_REVISION_UNKNOWN'],
    ];
    for (const [jobRevision, code] of revisions) {
      const claim = await allDoneClaim(order, dispatched, jobRevision);
      await scenes.expectRefused(code, { collection: 'sign_offs', row: row(claim), by: 'tech1' });
    }
  });

  it('one naming a revision yet to come is held pending, then refused when the job moves past it', async () => {
    const { order, dispatched } = await scenes.dispatchedOrder();
    const soon = Date.now() + 60_000;
    const claim = await allDoneClaim(order, dispatched, soon);
    await sync.store('sign_offs', [row(claim)], 'tech1');
    expect(await scenes.storedSignOff(claim.id)).toMatchObject({ serverCheck: 'pending' });

    const later = edited(
      dispatched,
      { findings: [LEAK] },
      'tech1',
      soon + 1 - dispatched.updatedAt,
    );
    await sync.store('jobs', [row(later, dispatched)], 'tech1');
    expect(await scenes.storedSignOff(claim.id)).toMatchObject({
      serverCheck: 'refused',
      serverCheckCode: 'SIGNOFF_REVISION_UNKNOWN',
    });
  });

  it('a final pass on an older revision than the job now has is refused', async () => {
    const { order, job } = await scenes.workedOrder();
    const sign = (level: SignOff['level'], by: string) => makeSignOff({ order, job, level, by });
    await sync.store('sign_offs', [row(await sign('self', 'tech1'))], 'tech1');
    await sync.store('sign_offs', [row(await sign('peer', 'leader1'))], 'leader1');
    await sync.store('jobs', [row(edited(job, { findings: [LEAK] }), job)], 'tech1');
    await scenes.expectRefused('SIGNOFF_JOB_CHANGED', {
      collection: 'sign_offs',
      row: row(await sign('final', 'foreman1')),
      by: 'foreman1',
    });
  });

  it("a sign-off whose operations are not the order's is refused", async () => {
    const { order, dispatched } = await scenes.dispatchedOrder();
    const [brakes] = workedOperations(order, dispatched);
    const job = edited(dispatched, { operations: brakes ? [brakes] : [] });
    await sync.store('jobs', [row(job, dispatched)], 'tech1');
    // The oil change left out of the content: every operation it lists is done.
    const shortOrder = { ...order, operations: (order.operations ?? []).slice(0, 1) };
    const claim = await makeSignOff({ order: shortOrder, job, level: 'self', by: 'tech1' });
    await scenes.expectRefused('SIGNOFF_CONTENT_MISMATCH', {
      collection: 'sign_offs',
      row: row(claim),
      by: 'tech1',
    });
  });
});

describe('a sign-off for a job not yet on the server is pending until the job arrives', () => {
  it('is stamped pending, then valid in a new server write when its job revision arrives', async () => {
    const order = makeWorkshopOrder();
    await sync.store('repair_orders', [row(order)], 'advisor1');
    const dispatched = makeDispatchedJob(order);
    const job = workedJob(order, dispatched);
    // A tablet-made stamp is not the server's: it is replaced.
    const self = await makeSignOff({
      order,
      job,
      level: 'self',
      by: 'tech1',
      overrides: { serverCheck: 'valid' },
    });
    await sync.store('sign_offs', [row(self)], 'tech1');
    expect(await scenes.storedSignOff(self.id)).toMatchObject({ serverCheck: 'pending' });

    await sync.store('jobs', [row(dispatched)], 'foreman1');
    // R0 is not the revision it signed: still waiting for R1.
    expect(await scenes.storedSignOff(self.id)).toMatchObject({ serverCheck: 'pending' });
    const { last } = await sync.pullAll('sign_offs', 'foreman1');
    const stream = await openEventStream(
      await streamUrl(server.baseUrl, sync.tokenOf('foreman1'), 'sign_offs'),
    );
    await stream.waitFor((event): event is 'RESYNC' => event === 'RESYNC');
    await sync.store('jobs', [row(job, dispatched)], 'tech1');
    // Tablets hear of the stamp live, as of any other write to the collection.
    const announced = await stream.waitFor((event): event is { documents: SignOff[] } =>
      JSON.stringify(event).includes(`"serverCheck":"valid"`),
    );
    stream.close();
    expect(announced.documents).toEqual([
      expect.objectContaining({ id: self.id, serverCheck: 'valid' }),
    ]);

    const stamped = await scenes.storedSignOff(self.id);
    expect(stamped).toMatchObject({ serverCheck: 'valid' });
    expect(stamped).not.toHaveProperty('serverCheckCode');
    // The stamped copy is a new write: a tablet pulling from where it was gets it.
    const newer = await sync.pullAll('sign_offs', 'foreman1');
    expect(newer.last).toBeGreaterThan(last);

    // The tablet resending its own copy (without the stamp) changes nothing.
    const before = await sync.serverState();
    const resend = await sync.push('sign_offs', [row(withoutServerStamps(self))], 'tech1');
    expect(resend.rejected).toEqual([]);
    expect(await sync.serverState()).toEqual(before);
  });

  it('is stamped refused when the job arrives saying otherwise, and then counts as not given', async () => {
    const order = makeWorkshopOrder();
    await sync.store('repair_orders', [row(order)], 'advisor1');
    const dispatched = makeDispatchedJob(order);
    const [brakes] = workedOperations(order, dispatched);
    const half = edited(dispatched, { operations: brakes ? [brakes] : [] });
    const claim = await allDoneClaim(order, dispatched, half.updatedAt);
    await sync.store('sign_offs', [row(claim)], 'tech1');
    await sync.store('jobs', [row(dispatched)], 'foreman1');
    await sync.store('jobs', [row(half, dispatched)], 'tech1');
    expect(await scenes.storedSignOff(claim.id)).toMatchObject({
      serverCheck: 'refused',
      serverCheckCode: 'SIGNOFF_CONTENT_MISMATCH',
    });

    // Not given: the honest self-check of the finished job is the round's first, then the peer's.
    const done = edited(half, { operations: workedJob(order, dispatched).operations });
    await sync.store('jobs', [row(done, half)], 'tech1');
    const self = await makeSignOff({ order, job: done, level: 'self', by: 'tech1' });
    await sync.store('sign_offs', [row(self)], 'tech1');
    const peer = await makeSignOff({ order, job: done, level: 'peer', by: 'leader1' });
    await sync.store('sign_offs', [row(peer)], 'leader1');
    expect(await scenes.storedSignOff(peer.id)).toMatchObject({ serverCheck: 'valid' });
  });
});

describe('deleting the job first does not skip the checks', () => {
  it('a sign-off for a deleted job is refused', async () => {
    const { order, dispatched } = await scenes.dispatchedOrder();
    const deleted = edited(dispatched, {}, 'foreman1');
    await sync.store('jobs', [row(deleted, dispatched, true)], 'foreman1');
    const claim = await allDoneClaim(order, dispatched, deleted.updatedAt);
    await scenes.expectRefused('SIGNOFF_JOB_DELETED', {
      collection: 'sign_offs',
      row: row(claim),
      by: 'tech1',
    });
  });
});
