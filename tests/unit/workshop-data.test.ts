import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { giveFreshRecordSigner } from '../../src/features/session/index.js';
import { createDatabase, type LaneDatabase } from '../../src/db/create-database.js';
import { mutationsOf } from '../../src/db/outbox.js';
import {
  jobContent,
  jobContentHash,
  jobIdFor,
  SIGN_OFF_CHECKLISTS,
  type AddedWork,
  type Job,
  type RepairOrder,
  type ReworkRecord,
  type SignOff,
  type SignOffLevel,
} from '../../src/schema/index.js';
import {
  addFinding,
  dispatch,
  signOff,
  tickOperation,
  type WorkshopUser,
} from '../../src/features/workshop/data.js';
import { workshopCards } from '../../src/features/workshop/board.js';
import { makeRepairOrder } from '../factories/repair-order.js';

const site = 'demo-site';
const foreman: WorkshopUser = { username: 'foreman1', siteId: site, role: 'foreman' };
const tech1: WorkshopUser = { username: 'tech1', siteId: site, role: 'technician' };
const tech2: WorkshopUser = { username: 'tech2', siteId: site, role: 'technician' };
const leader: WorkshopUser = { username: 'leader1', siteId: site, role: 'team-leader' };
const advisor: WorkshopUser = { username: 'advisor1', siteId: site, role: 'advisor' };

const operations = [
  {
    id: 'op-brakes',
    description: '更换前刹车片',
    labourFen: 20_000,
    partsFen: 45_000,
    warranty: false,
  },
  {
    id: 'op-oil',
    description: '更换机油机滤',
    labourFen: 8_000,
    partsFen: 32_000,
    warranty: false,
  },
];

let database: LaneDatabase;
let order: RepairOrder;

beforeEach(async () => {
  // Sign-offs and rework carry the signer's own signature: each person has an unlocked key here.
  for (const person of [foreman, tech1, tech2, leader, advisor])
    await giveFreshRecordSigner(person);
  database = await createDatabase({
    name: `workshop-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`,
  });
  order = makeRepairOrder({ status: 'checked-in', operations });
  await database.repair_orders.insert(order);
});
afterEach(async () => {
  await database.close();
});

async function storedOrder(): Promise<RepairOrder> {
  return (await database.repair_orders.findOne(order.id).exec(true)).toJSON() as RepairOrder;
}

async function storedJob(): Promise<Job | null> {
  const document = await database.records.jobs.findOne(jobIdFor(order.id)).exec();
  return document ? database.records.jobs.plain<Job>(document) : null;
}

async function all<T>(name: 'sign_offs' | 'rework_records' | 'added_work'): Promise<T[]> {
  const records = database.records[name];
  const documents = await records.find({ selector: { orderId: order.id } }).exec();
  return documents.map((document) => records.plain<T>(document));
}

async function stage() {
  const job = await storedJob();
  const [card] = workshopCards(
    {
      orders: [await storedOrder()],
      jobs: job ? [job] : [],
      signOffs: await all<SignOff>('sign_offs'),
      reworks: await all<ReworkRecord>('rework_records'),
      addedWork: await all<AddedWork>('added_work'),
    },
    Date.now(),
  );
  return card?.stage;
}

const allYes = (level: SignOffLevel) =>
  SIGN_OFF_CHECKLISTS[level].map((item) => ({ item, answer: 'yes' as const }));

function pass(level: SignOffLevel) {
  return { level, result: 'pass' as const, checklist: allYes(level), reasons: '' };
}

async function dispatchAndFinish(technician = tech1): Promise<void> {
  await dispatch(database, foreman, order.id, { technician: technician.username, bay: 'Bay 3' });
  for (const operation of operations)
    await tickOperation(database, technician, order.id, operation.id, true);
}

describe('the foreman dispatches a car (派工)', () => {
  it('creates the job with technician and bay and moves the order into the workshop', async () => {
    const job = await dispatch(
      database,
      foreman,
      order.id,
      { technician: 'tech1', bay: ' Bay 3 ' },
      1_700_000_000_000,
    );
    expect(job).toMatchObject({
      id: jobIdFor(order.id),
      orderId: order.id,
      technician: 'tech1',
      bay: 'Bay 3',
      dispatchedBy: 'foreman1',
      dispatchedAt: 1_700_000_000_000,
      operations: [],
      findings: [],
    });
    expect(await storedJob()).toMatchObject({ technician: 'tech1', bay: 'Bay 3' });
    expect((await storedOrder()).status).toBe('in-workshop');
    expect(await mutationsOf(database, 'jobs', job.id)).not.toEqual([]);
  });

  it('reassigns the same job record, keeping the work already ticked', async () => {
    await dispatchAndFinish();
    const job = await dispatch(database, foreman, order.id, { technician: 'tech2', bay: 'Bay 5' });
    expect(job).toMatchObject({ technician: 'tech2', bay: 'Bay 5' });
    expect(job.operations.map((entry) => entry.operationId).sort()).toEqual([
      'op-brakes',
      'op-oil',
    ]);
    expect(await database.records.jobs.count().exec()).toBe(1);
  });

  it('refuses a technician who tries to dispatch, and writes nothing', async () => {
    await expect(
      dispatch(database, tech1, order.id, { technician: 'tech1', bay: 'Bay 1' }),
    ).rejects.toMatchObject({ code: 'DISPATCH_ROLE_FORBIDDEN' });
    expect(await storedJob()).toBeNull();
    expect((await storedOrder()).status).toBe('checked-in');
    expect(await database.laneStore.mutations.count()).toBe(0);
  });
});

describe('the technician works the job', () => {
  it('ticks and unticks operations, recording who and when', async () => {
    await dispatch(database, foreman, order.id, { technician: 'tech1', bay: 'Bay 3' });
    await tickOperation(database, tech1, order.id, 'op-brakes', true, 1_700_000_100_000);
    let job = await tickOperation(database, tech1, order.id, 'op-oil', true, 1_700_000_200_000);
    expect(job.operations).toEqual([
      { operationId: 'op-brakes', done: true, doneBy: 'tech1', doneAt: 1_700_000_100_000 },
      { operationId: 'op-oil', done: true, doneBy: 'tech1', doneAt: 1_700_000_200_000 },
    ]);
    job = await tickOperation(database, tech1, order.id, 'op-brakes', false, 1_700_000_300_000);
    expect(job.operations.find((entry) => entry.operationId === 'op-brakes')).toEqual({
      operationId: 'op-brakes',
      done: false,
      doneBy: 'tech1',
      doneAt: 1_700_000_300_000,
    });
    expect(job.operations).toHaveLength(2);
  });

  it('records a finding with its photos, once each', async () => {
    await dispatch(database, foreman, order.id, { technician: 'tech1', bay: 'Bay 3' });
    const photo = 'a'.repeat(64);
    const job = await addFinding(database, tech1, order.id, {
      text: '  后刹车片也已磨损到极限 ',
      photoIds: [photo, photo],
    });
    expect(job.findings).toHaveLength(1);
    expect(job.findings[0]).toMatchObject({
      text: '后刹车片也已磨损到极限',
      photoIds: [photo],
      foundBy: 'tech1',
    });
  });
});

describe('the three-level check (三检)', () => {
  it('self-check, peer check and final check pass: the order is ready for delivery', async () => {
    expect(await stage()).toBe('waiting-dispatch');
    await dispatchAndFinish();
    expect(await stage()).toBe('in-bay');

    const self = await signOff(database, tech1, order.id, pass('self'), 1_700_000_500_000);
    const job = (await storedJob()) as Job;
    const content = jobContent({ order: await storedOrder(), job, addedWork: [] });
    expect(self).toMatchObject({
      level: 'self',
      result: 'pass',
      round: 0,
      signerRole: 'technician',
      createdBy: 'tech1',
      signedAt: 1_700_000_500_000,
      jobId: job.id,
      jobRevision: job.updatedAt,
      content,
      contentHash: await jobContentHash(content),
      reasons: '',
    });
    expect(self).not.toHaveProperty('receivedAt');
    expect(await mutationsOf(database, 'sign_offs', self.id)).not.toEqual([]);
    expect(await stage()).toBe('waiting-checks');

    await signOff(database, leader, order.id, pass('peer'));
    expect(await stage()).toBe('waiting-checks');
    expect((await storedOrder()).status).toBe('in-workshop');

    const final = await signOff(database, foreman, order.id, pass('final'));
    expect(final).toMatchObject({ level: 'final', signerRole: 'foreman', round: 0 });
    expect((await storedOrder()).status).toBe('ready');
    expect(await stage()).toBe('ready');
    expect(await all<SignOff>('sign_offs')).toHaveLength(3);
  });

  it.each([
    ['a technician the job is not dispatched to self-checks', 'SIGNOFF_NOT_ASSIGNED'],
    ['an advisor signs the peer check', 'SIGNOFF_ROLE_FORBIDDEN'],
    ['the foreman signs the final check before the peer check', 'SIGNOFF_OUT_OF_ORDER'],
    ['the self-checker also signs the peer check', 'SIGNOFF_SAME_PERSON'],
  ] as const)('refuses when %s (%s) and writes nothing', async (_case, code) => {
    const technician = code === 'SIGNOFF_SAME_PERSON' ? leader : tech1;
    await dispatchAndFinish(technician);
    if (code !== 'SIGNOFF_NOT_ASSIGNED')
      await signOff(database, technician, order.id, pass('self'));
    const before = {
      signOffs: await database.records.sign_offs.count().exec(),
      outbox: await database.laneStore.mutations.count(),
    };
    const attempt = {
      SIGNOFF_NOT_ASSIGNED: () => signOff(database, tech2, order.id, pass('self')),
      SIGNOFF_ROLE_FORBIDDEN: () => signOff(database, advisor, order.id, pass('peer')),
      SIGNOFF_OUT_OF_ORDER: () => signOff(database, foreman, order.id, pass('final')),
      SIGNOFF_SAME_PERSON: () => signOff(database, leader, order.id, pass('peer')),
    }[code];
    await expect(attempt()).rejects.toMatchObject({ code });
    expect(await database.records.sign_offs.count().exec()).toBe(before.signOffs);
    expect(await database.records.rework_records.count().exec()).toBe(0);
    expect(await database.laneStore.mutations.count()).toBe(before.outbox);
  });

  it('refuses a self-check while an operation or a pending added work is not done', async () => {
    await dispatch(database, foreman, order.id, { technician: 'tech1', bay: 'Bay 3' });
    await tickOperation(database, tech1, order.id, 'op-brakes', true);
    await expect(signOff(database, tech1, order.id, pass('self'))).rejects.toMatchObject({
      code: 'SIGNOFF_INCOMPLETE',
    });
    await tickOperation(database, tech1, order.id, 'op-oil', true);
    const { added_work } = database.records;
    await added_work.collection.insert(added_work.stored(requestedAddedWork()));
    await expect(signOff(database, tech1, order.id, pass('self'))).rejects.toMatchObject({
      code: 'SIGNOFF_INCOMPLETE',
    });
    expect(await database.records.sign_offs.count().exec()).toBe(0);
  });

  it('a failed peer check opens rework for the original technician; round 1 restarts from the self-check', async () => {
    await dispatchAndFinish();
    await signOff(database, tech1, order.id, pass('self'));
    const failed = await signOff(database, leader, order.id, {
      level: 'peer',
      result: 'fail',
      checklist: [{ item: 'torque', answer: 'no' }],
      reasons: ' 轮毂螺栓扭矩不足 ',
      cause: '扭力扳手未校准',
    });
    expect(failed).toMatchObject({ result: 'fail', round: 0, reasons: '轮毂螺栓扭矩不足' });

    const [rework] = await all<ReworkRecord>('rework_records');
    expect(rework).toMatchObject({
      signOffId: failed.id,
      level: 'peer',
      round: 0,
      whatFailed: '轮毂螺栓扭矩不足',
      failedBy: 'leader1',
      cause: '扭力扳手未校准',
      technician: 'tech1',
    });
    expect(await stage()).toBe('rework');
    expect((await storedJob())?.technician).toBe('tech1');

    // The checks start again from the self-check, and the same people may sign the new round.
    await expect(signOff(database, leader, order.id, pass('peer'))).rejects.toMatchObject({
      code: 'SIGNOFF_OUT_OF_ORDER',
    });
    const again = await signOff(database, tech1, order.id, pass('self'));
    expect(again.round).toBe(1);
    expect(await stage()).toBe('waiting-checks');
    const peer = await signOff(database, leader, order.id, pass('peer'));
    expect(peer.round).toBe(1);
    await signOff(database, foreman, order.id, pass('final'));
    expect(await stage()).toBe('ready');
    expect((await storedOrder()).status).toBe('ready');
  });

  it('a fail needs a reason, and a self-check cannot fail', async () => {
    await dispatchAndFinish();
    await expect(
      signOff(database, tech1, order.id, { ...pass('self'), result: 'fail', reasons: 'x' }),
    ).rejects.toMatchObject({ code: 'SIGNOFF_SELF_CHECK_FAIL' });
    await signOff(database, tech1, order.id, pass('self'));
    await expect(
      signOff(database, leader, order.id, { ...pass('peer'), result: 'fail', reasons: '  ' }),
    ).rejects.toMatchObject({ code: 'SIGNOFF_REASON_REQUIRED' });
    expect(await database.records.rework_records.count().exec()).toBe(0);
  });
});

function requestedAddedWork(): AddedWork {
  const now = Date.now();
  return {
    id: 'added-work-0001',
    siteId: site,
    createdAt: now,
    createdBy: 'tech1',
    updatedAt: now,
    updatedBy: 'tech1',
    orderId: order.id,
    jobId: jobIdFor(order.id),
    finding: '后刹车片磨损',
    operation: '更换后刹车片',
    partsFen: 0,
    labourFen: 0,
    minutes: 30,
    evidencePhotoIds: [],
    status: 'requested',
    pricedBy: '',
    pricedAt: 0,
    promisedDeliveryAt: 0,
    approvalId: '',
    startedBy: '',
    doneBy: '',
    conflicts: [],
  };
}
