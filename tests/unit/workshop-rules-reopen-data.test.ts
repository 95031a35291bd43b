import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { giveFreshRecordSigner } from '../../src/features/session/index.js';
import { createDatabase, type LaneDatabase } from '../../src/db/create-database.js';
import {
  SIGN_OFF_CHECKLISTS,
  jobIdFor,
  type Job,
  type RepairOrder,
  type ReworkRecord,
  type SignOff,
  type SignOffLevel,
} from '../../src/schema/index.js';
import { workshopCards } from '../../src/features/workshop/board.js';
import {
  dispatch,
  reopenJob,
  signOff,
  tickOperation,
  WorkshopRuleError,
  type WorkshopUser,
} from '../../src/features/workshop/data.js';
import { OPERATIONS } from '../factories/workshop.js';
import { makeRepairOrder } from '../factories/repair-order.js';

/**
 * The foreman's "Reopen job" on the tablet: the shared rule decides before
 * anything is written, the final pass shows void, the job goes back to rework
 * with the order back in the workshop, and the next round starts at the self-check.
 */
const site = 'demo-site';
const foreman: WorkshopUser = { username: 'foreman1', siteId: site, role: 'foreman' };
const tech1: WorkshopUser = { username: 'tech1', siteId: site, role: 'technician' };
const leader: WorkshopUser = { username: 'leader1', siteId: site, role: 'team-leader' };

let database: LaneDatabase;
let order: RepairOrder;

beforeEach(async () => {
  for (const person of [foreman, tech1, leader]) await giveFreshRecordSigner(person);
  database = await createDatabase({
    name: `reopen-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`,
  });
  order = makeRepairOrder({ status: 'checked-in', operations: OPERATIONS });
  await database.repair_orders.insert(order);
});
afterEach(async () => {
  await database.close();
});

function pass(level: SignOffLevel) {
  const checklist = SIGN_OFF_CHECKLISTS[level].map((item) => ({ item, answer: 'yes' as const }));
  return { level, result: 'pass' as const, checklist, reasons: '' };
}

async function all<T>(name: 'sign_offs' | 'rework_records' | 'jobs' | 'repair_orders') {
  const records = database.records[name];
  const documents = await records.find().exec();
  return documents.map((document) => records.plain<T>(document));
}

async function card() {
  const records = {
    orders: await all<RepairOrder>('repair_orders'),
    jobs: await all<Job>('jobs'),
    signOffs: await all<SignOff>('sign_offs'),
    reworks: await all<ReworkRecord>('rework_records'),
    addedWork: [],
  };
  return workshopCards(records, Date.now())[0];
}

async function passedJob() {
  await dispatch(database, foreman, order.id, { technician: 'tech1', bay: 'Bay 3' });
  for (const operation of OPERATIONS)
    await tickOperation(database, tech1, order.id, operation.id, true);
  await signOff(database, tech1, order.id, pass('self'));
  await signOff(database, leader, order.id, pass('peer'));
  return signOff(database, foreman, order.id, pass('final'));
}

describe('the foreman reopens a job after its final check', () => {
  it('voids the final pass, sends the job back to rework and the order back to the workshop', async () => {
    const finalPass = await passedJob();
    expect((await card())?.stage).toBe('ready');

    const reopening = await reopenJob(database, foreman, order.id, '客户反映刹车异响');
    expect(reopening).toMatchObject({
      reason: 'reopened',
      signOffId: finalPass.id,
      level: 'final',
      round: 0,
      failedBy: 'foreman1',
      technician: 'tech1',
      jobId: jobIdFor(order.id),
    });
    expect(await card()).toMatchObject({ stage: 'rework', nextLevel: 'self', reworkCount: 1 });
    const [stored] = await all<RepairOrder>('repair_orders');
    expect(stored?.status).toBe('in-workshop');

    // The next round starts again at the self-check.
    const self = await signOff(database, tech1, order.id, pass('self'));
    expect(self.round).toBe(1);
  });

  it('is refused without a reason, by another role, or before the final pass', async () => {
    const refusal = (user: WorkshopUser, reason: string) =>
      reopenJob(database, user, order.id, reason).catch((error: WorkshopRuleError) => error.code);
    await dispatch(database, foreman, order.id, { technician: 'tech1', bay: 'Bay 3' });
    expect(await refusal(foreman, '重新开工')).toBe('REOPEN_WITHOUT_FINAL_PASS');
    await passedJob();
    expect(await refusal(foreman, '  ')).toBe('REOPEN_REASON_REQUIRED');
    expect(await refusal(leader, '重新开工')).toBe('ROLE_FORBIDDEN');
    expect(await all('rework_records')).toEqual([]);
  });
});
