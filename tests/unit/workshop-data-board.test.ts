import { describe, expect, it } from 'vitest';
import {
  jobIdFor,
  type AddedWork,
  type Job,
  type RepairOrder,
  type ReworkRecord,
  type SignOff,
  type SignOffLevel,
} from '../../src/schema/index.js';
import {
  boardColumns,
  lateness,
  myJobs,
  promisedTime,
  workshopCards,
  type WorkshopRecords,
} from '../../src/features/workshop/board.js';
import { makeRepairOrder } from '../factories/repair-order.js';
import { daySerialOf } from '../../src/features/workshop/job-card.js';

const NOW = 1_750_000_000_000;
const MINUTE = 60_000;

function job(order: RepairOrder, technician: string): Job {
  return {
    id: jobIdFor(order.id),
    siteId: 'demo-site',
    createdAt: NOW,
    createdBy: 'foreman1',
    updatedAt: NOW,
    updatedBy: 'foreman1',
    orderId: order.id,
    technician,
    bay: '1',
    dispatchedBy: 'foreman1',
    dispatchedAt: NOW,
    operations: [],
    findings: [],
    conflicts: [],
  };
}

function signed(
  order: RepairOrder,
  level: SignOffLevel,
  by: string,
  result: 'pass' | 'fail' = 'pass',
  round = 0,
): SignOff {
  return {
    orderId: order.id,
    level,
    round,
    result,
    createdBy: by,
    contentHash: 'f'.repeat(64),
  } as SignOff;
}

function rework(order: RepairOrder): ReworkRecord {
  return { orderId: order.id, technician: 'tech1' } as ReworkRecord;
}

function addedWork(order: RepairOrder, status: AddedWork['status'], promisedAt = 0): AddedWork {
  return { orderId: order.id, status, promisedDeliveryAt: promisedAt } as AddedWork;
}

function records(partial: Partial<WorkshopRecords>): WorkshopRecords {
  return { orders: [], jobs: [], signOffs: [], reworks: [], addedWork: [], ...partial };
}

describe('promised time and the late warning', () => {
  it('warns 10 minutes before the promise (work done 10 minutes early) and after it', () => {
    const promise = NOW + 30 * MINUTE;
    expect(lateness(promise, 'in-bay', NOW)).toBe('on-time');
    expect(lateness(promise, 'in-bay', promise - 11 * MINUTE)).toBe('on-time');
    expect(lateness(promise, 'in-bay', promise - 10 * MINUTE)).toBe('due-soon');
    expect(lateness(promise, 'waiting-checks', promise - MINUTE)).toBe('due-soon');
    expect(lateness(promise, 'rework', promise)).toBe('late');
    expect(lateness(promise, 'ready', promise + 60 * MINUTE)).toBe('on-time');
    expect(lateness(undefined, 'in-bay', NOW)).toBe('on-time');
  });

  it('takes the new time the customer agreed to with added work', () => {
    const order = { promisedDeliveryAt: NOW + 60 * MINUTE };
    const later = NOW + 120 * MINUTE;
    expect(promisedTime(order, [])).toBe(NOW + 60 * MINUTE);
    expect(promisedTime(order, [{ status: 'requested', promisedDeliveryAt: later }])).toBe(
      NOW + 60 * MINUTE,
    );
    expect(promisedTime(order, [{ status: 'approved', promisedDeliveryAt: later }])).toBe(later);
    expect(promisedTime({}, [{ status: 'declined', promisedDeliveryAt: later }])).toBeUndefined();
  });
});

describe('the dispatch board', () => {
  it('puts each car in its stage column, rework first, then by the earliest promise', () => {
    const waiting = makeRepairOrder({ promisedDeliveryAt: NOW + 90 * MINUTE });
    const early = makeRepairOrder({ status: 'in-workshop', promisedDeliveryAt: NOW + 20 * MINUTE });
    const late = makeRepairOrder({ status: 'in-workshop', promisedDeliveryAt: NOW + 80 * MINUTE });
    const noPromise = makeRepairOrder({ status: 'in-workshop' });
    const reworked = makeRepairOrder({
      status: 'in-workshop',
      promisedDeliveryAt: NOW + 99 * MINUTE,
    });
    const checking = makeRepairOrder({ status: 'in-workshop' });
    const ready = makeRepairOrder({ status: 'ready', promisedDeliveryAt: NOW - MINUTE });
    const cards = workshopCards(
      records({
        orders: [waiting, noPromise, late, early, reworked, checking, ready],
        jobs: [early, late, noPromise, reworked, checking, ready].map((order) =>
          job(order, 'tech1'),
        ),
        signOffs: [
          signed(reworked, 'self', 'tech1'),
          signed(reworked, 'peer', 'leader1', 'fail'),
          signed(reworked, 'self', 'tech1', 'pass', 1),
          signed(checking, 'self', 'tech1'),
          signed(ready, 'self', 'tech1'),
          signed(ready, 'peer', 'leader1'),
          signed(ready, 'final', 'foreman1'),
        ],
        reworks: [rework(reworked)],
      }),
      NOW,
    );
    const columns = boardColumns(cards);
    const numbers = (stage: keyof typeof columns) =>
      columns[stage].map((card) => card.order.orderNumber);
    expect(numbers('waiting-dispatch')).toEqual([waiting.orderNumber]);
    expect(numbers('in-bay')).toEqual([early.orderNumber, late.orderNumber, noPromise.orderNumber]);
    expect(numbers('waiting-checks')).toEqual([reworked.orderNumber, checking.orderNumber]);
    expect(numbers('rework')).toEqual([]);
    expect(numbers('ready')).toEqual([ready.orderNumber]);
    expect(columns['waiting-checks'][0]?.reworkCount).toBe(1);
    expect(columns.ready[0]?.lateness).toBe('on-time');
  });

  it('shows a failed check as rework and counts the added work waiting for the customer', () => {
    const order = makeRepairOrder({ status: 'in-workshop', promisedDeliveryAt: NOW - MINUTE });
    const [card] = workshopCards(
      records({
        orders: [order],
        jobs: [job(order, 'tech1')],
        signOffs: [signed(order, 'self', 'tech1'), signed(order, 'final', 'foreman1', 'fail')],
        reworks: [rework(order)],
        addedWork: [
          addedWork(order, 'requested'),
          addedWork(order, 'priced'),
          addedWork(order, 'approved'),
          addedWork(order, 'declined'),
        ],
      }),
      NOW,
    );
    expect(card).toMatchObject({
      stage: 'rework',
      nextLevel: 'self',
      reworkCount: 1,
      pendingAddedWork: 2,
      lateness: 'late',
    });
  });
});

describe('my jobs', () => {
  const mine = makeRepairOrder({ status: 'in-workshop', promisedDeliveryAt: NOW + 10 * MINUTE });
  const mineReworked = makeRepairOrder({
    status: 'in-workshop',
    promisedDeliveryAt: NOW + 90 * MINUTE,
  });
  const mineReady = makeRepairOrder({ status: 'ready' });
  const others = makeRepairOrder({ status: 'in-workshop' });
  const leadersOwn = makeRepairOrder({ status: 'in-workshop' });
  const awaitingFinal = makeRepairOrder({ status: 'in-workshop' });
  const cards = workshopCards(
    records({
      orders: [mine, mineReworked, mineReady, others, leadersOwn, awaitingFinal],
      jobs: [
        job(mine, 'tech1'),
        job(mineReworked, 'tech1'),
        job(mineReady, 'tech1'),
        job(others, 'tech2'),
        job(leadersOwn, 'leader1'),
        job(awaitingFinal, 'tech2'),
      ],
      signOffs: [
        signed(mineReworked, 'self', 'tech1'),
        signed(mineReworked, 'peer', 'leader1', 'fail'),
        signed(mineReady, 'self', 'tech1'),
        signed(mineReady, 'peer', 'leader1'),
        signed(mineReady, 'final', 'foreman1'),
        signed(others, 'self', 'tech2'),
        signed(leadersOwn, 'self', 'leader1'),
        signed(awaitingFinal, 'self', 'tech2'),
        signed(awaitingFinal, 'peer', 'leader1'),
      ],
      reworks: [rework(mineReworked)],
    }),
    NOW,
  );
  const numbers = (list: { order: RepairOrder }[]) => list.map((card) => card.order.orderNumber);

  it('gives a technician their jobs that are not ready, rework first', () => {
    const jobs = myJobs(cards, 'tech1', 'technician');
    expect(numbers(jobs.mine)).toEqual([mineReworked.orderNumber, mine.orderNumber]);
    expect(jobs.peerChecks).toEqual([]);
    expect(jobs.finalChecks).toEqual([]);
  });

  it('gives a team leader the peer checks of jobs they did not self-check', () => {
    const jobs = myJobs(cards, 'leader1', 'team-leader');
    expect(numbers(jobs.peerChecks)).toEqual([others.orderNumber]);
    expect(numbers(jobs.mine)).toEqual([leadersOwn.orderNumber]);
  });

  it('gives the foreman the jobs waiting for final check', () => {
    expect(numbers(myJobs(cards, 'foreman1', 'foreman').finalChecks)).toEqual([
      awaitingFinal.orderNumber,
    ]);
  });
});

describe("a board card's number of the day", () => {
  it('is the serial of the order number, whole where it has none', () => {
    expect(daySerialOf('RO-20261204-0003')).toBe('№0003');
    expect(daySerialOf('RO-20261204-1234')).toBe('№1234');
    expect(daySerialOf('IMPORTED')).toBe('IMPORTED');
  });
});
