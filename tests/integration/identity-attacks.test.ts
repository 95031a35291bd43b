import fs from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DEMO_SITE, ERROR_MESSAGES, type Job } from '../../src/schema/index.js';
import {
  closeSqliteDatabase,
  openSqliteDatabase,
} from '../../sync-server/database/sqlite-database.js';
import { createSqliteDocumentStore } from '../../sync-server/database/sqlite-document-store.js';
import {
  makeApproval,
  makeDispatchedJob,
  makeRequestedWork,
  makeRework,
  makeSignOff,
  makeWorkshopOrder,
  pricedWork,
  workedJob,
} from '../factories/workshop.js';
import { GONE, edited, row, attackScene } from './helpers/attack-scene.js';
import { pushRecords } from './helpers/tablet-requests.js';
import { makeTempDir, seedDemoUsers } from './helpers/test-server.js';

/**
 * Identity comes from the session, never from the record — the attack round
 * of issue 9 as a hostile client with a signed-in tablet writes it: hand-made
 * JSON over real HTTP against a real SQLite file. Every name a change gives
 * for who did it must be the person whose session pushed it, and every role
 * rule reads that person's role; a refusal leaves both sites as they were.
 */
const { baseUrl, tokenOf, push, store, bothSites, expectRefused, workedOrder } = attackScene();

describe('identity comes from the session, never from the record', () => {
  it('a technician’s batch of a self-check as himself, a peer check as leader1 and a final check as foreman1: only his own row passes', async () => {
    const { order, job } = await workedOrder();
    const sign = (level: 'self' | 'peer' | 'final', by: string) =>
      makeSignOff({ order, job, level, by });
    const [self, peer, final] = [
      await sign('self', 'tech1'),
      await sign('peer', 'leader1'),
      await sign('final', 'foreman1'),
    ];
    const before = await bothSites();

    const answer = await push('sign_offs', [row(self), row(peer), row(final)], 'tech1');

    const refusal = { code: 'AUTHOR_NOT_SIGNED_IN', message: ERROR_MESSAGES.AUTHOR_NOT_SIGNED_IN };
    expect(answer.rejected).toEqual([
      { id: peer.id, ...refusal },
      { id: final.id, ...refusal },
    ]);
    const after = await bothSites();
    expect(after.last).toBe(before.last + 1);
    expect(after.documents.get(`0:sign_offs/${self.id}`)).toMatchObject(self);
    after.documents.delete(`0:sign_offs/${self.id}`);
    expect(after.documents).toEqual(before.documents);
  });

  it.each([
    ['a self-check naming another technician', 'tech2'],
    ['a self-check naming a deactivated user', GONE],
  ])('%s, pushed by tech1', async (_, author) => {
    const { order, job } = await workedOrder();
    const forged = await makeSignOff({ order, job, level: 'self', by: 'tech1' });
    await expectRefused('AUTHOR_NOT_SIGNED_IN', {
      collection: 'sign_offs',
      rows: [row({ ...forged, createdBy: author, updatedBy: author })],
      by: 'tech1',
    });
  });

  it.each([
    ['tech1', 'advisor1'],
    ['advisor1', 'manager1'],
    ['advisor1', GONE],
  ])('an approval pushed by %s in the name of %s', async (by, author) => {
    const { job } = await workedOrder();
    const requested = makeRequestedWork(job);
    await store('added_work', [row(requested)], 'tech1');
    const priced = pricedWork(requested);
    await store('added_work', [row(priced, requested)], 'advisor1');
    const approval = await makeApproval(priced, { createdBy: author, updatedBy: author });
    await expectRefused('AUTHOR_NOT_SIGNED_IN', {
      collection: 'approvals',
      rows: [row(approval)],
      by,
    });
  });

  it.each([
    ['by a technician as the foreman', 'tech1', {}],
    ['by the foreman naming a team leader as dispatcher', 'foreman1', { dispatchedBy: 'leader1' }],
    ['by the foreman as a deactivated user', 'foreman1', { createdBy: GONE, updatedBy: GONE }],
  ] as const)('a dispatch %s', async (_, by, forged) => {
    const order = makeWorkshopOrder();
    await store('repair_orders', [row(order)], 'advisor1');
    await expectRefused('AUTHOR_NOT_SIGNED_IN', {
      collection: 'jobs',
      rows: [row(makeDispatchedJob(order, forged))],
      by,
    });
  });

  it.each([
    ['an operation ticked in a colleague’s name', { doneBy: 'tech2' }],
    ['a finding recorded in the team leader’s name', { foundBy: 'leader1' }],
  ])('%s', async (_, name) => {
    const order = makeWorkshopOrder();
    await store('repair_orders', [row(order)], 'advisor1');
    const dispatched = makeDispatchedJob(order);
    await store('jobs', [row(dispatched)], 'foreman1');
    const worked = workedJob(order, dispatched);
    const finding = { id: 'f1', text: '刹车油管渗漏', photoIds: [], foundBy: 'tech1', foundAt: 1 };
    const job: Job =
      'doneBy' in name
        ? { ...worked, operations: worked.operations.map((entry) => ({ ...entry, ...name })) }
        : { ...worked, findings: [{ ...finding, ...name }] };
    await expectRefused('AUTHOR_NOT_SIGNED_IN', {
      collection: 'jobs',
      rows: [row(job, dispatched)],
      by: 'tech1',
    });
  });

  it.each([
    ['a new order created as the manager', 'manager1', true],
    ['an order edit as the manager', 'manager1', false],
    ['a new order created as a deactivated advisor', GONE, true],
    ['an order edit as a deactivated advisor', GONE, false],
  ] as const)('%s, pushed by advisor1', async (_, author, isNew) => {
    const order = makeWorkshopOrder();
    if (isNew) {
      await expectRefused('AUTHOR_NOT_SIGNED_IN', {
        collection: 'repair_orders',
        rows: [row({ ...order, createdBy: author, updatedBy: author })],
        by: 'advisor1',
      });
      return;
    }
    await store('repair_orders', [row(order)], 'advisor1');
    await expectRefused('AUTHOR_NOT_SIGNED_IN', {
      collection: 'repair_orders',
      rows: [row(edited(order, author, { concern: '客户说没问题' }), order)],
      by: 'advisor1',
    });
  });

  it('createdBy rewritten on an existing order', async () => {
    const order = makeWorkshopOrder();
    await store('repair_orders', [row(order)], 'advisor1');
    await expectRefused('CREATED_BY_CHANGED', {
      collection: 'repair_orders',
      rows: [row({ ...edited(order, 'manager1'), createdBy: 'manager1' }, order)],
      by: 'manager1',
    });
  });

  it('a rework record failed in the name of someone else than its writer', async () => {
    const { order, job } = await workedOrder();
    const self = await makeSignOff({ order, job, level: 'self', by: 'tech1' });
    await store('sign_offs', [row(self)], 'tech1');
    const failed = await makeSignOff({ order, job, level: 'peer', by: 'leader1', result: 'fail' });
    await store('sign_offs', [row(failed)], 'leader1');
    await expectRefused('REWORK_SIGNER_MISMATCH', {
      collection: 'rework_records',
      rows: [row(await makeRework(failed, { failedBy: 'foreman1' }))],
      by: 'leader1',
    });
  });

  it('a deactivated user’s own session writes nothing', async () => {
    const order = makeWorkshopOrder({ createdBy: GONE, updatedBy: GONE });
    const before = await bothSites();
    const answer = await pushRecords(baseUrl(), 'repair_orders', tokenOf(GONE), [row(order)]);
    expect(answer.status).toBe(401);
    expect((answer.body as unknown as { code: string }).code).toBe('USER_INACTIVE');
    expect(await bothSites()).toEqual(before);
  });
});

describe('a user deactivated between sign-in and push', () => {
  it('writes nothing: the store reads the pusher’s standing when it judges the push', async () => {
    const dataDir = await makeTempDir();
    await seedDemoUsers(dataDir);
    const database = openSqliteDatabase(dataDir);
    const documents = createSqliteDocumentStore(database);
    try {
      // The request passed the token check; the admin deactivates advisor1 before it is judged.
      database.prepare("UPDATE users SET active = 0 WHERE username = 'advisor1'").run();
      const order = makeWorkshopOrder();
      const context = { siteId: DEMO_SITE.id, username: 'advisor1', deviceId: 'tablet-1' };
      const result = await documents.push('repair_orders', [row(order) as never], context);
      expect(result.rejected).toEqual([
        { id: order.id, code: 'USER_INACTIVE', message: ERROR_MESSAGES.USER_INACTIVE },
      ]);
      expect(result.written).toEqual([]);
      expect(documents.pull('repair_orders', DEMO_SITE.id, 0, 10).documents).toEqual([]);
      expect(documents.lastSequence()).toBe(0);
    } finally {
      closeSqliteDatabase(database);
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });
});
