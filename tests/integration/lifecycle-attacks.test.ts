import { describe, expect, it } from 'vitest';
import type { RepairOrder } from '../../src/schema/index.js';
import {
  makeDispatchedJob,
  makeSignOff,
  makeWorkshopOrder,
  workedJob,
} from '../factories/workshop.js';
import { NORTH, NORTH_ADVISOR, edited, row, attackScene } from './helpers/attack-scene.js';
import { pullRecords } from './helpers/tablet-requests.js';

/**
 * Lifecycle and role rules on every record type, and record ids unique per
 * site, as a hostile client with a signed-in tablet tries them: hand-made
 * JSON over real HTTP against a real SQLite file. A tombstone is judged like
 * an edit; a refusal leaves both sites exactly as they were.
 */
const { baseUrl, tokenOf, push, store, expectRefused, workedOrder } = attackScene();

describe('every record type has its lifecycle; a tombstone is judged like an edit', () => {
  /** An order whose job carries tech1's signed self-check. */
  async function orderWithSignedQc() {
    const { order, job } = await workedOrder();
    const self = await makeSignOff({ order, job, level: 'self', by: 'tech1' });
    await store('sign_offs', [row(self)], 'tech1');
    return { order, job, self };
  }

  it.each(['tech1', 'advisor1'])('an order that carries signed QC, deleted by %s', async (by) => {
    const { order } = await orderWithSignedQc();
    await expectRefused('RECORD_SIGNED_NOT_DELETABLE', {
      collection: 'repair_orders',
      rows: [row(edited(order, by), order, true)],
      by,
    });
  });

  it('a job with sign-offs, deleted by the foreman', async () => {
    const { job } = await orderWithSignedQc();
    await expectRefused('RECORD_SIGNED_NOT_DELETABLE', {
      collection: 'jobs',
      rows: [row(edited(job, 'foreman1'), job, true)],
      by: 'foreman1',
    });
  });

  it('an order with nothing signed may be deleted by its advisor, not by a technician', async () => {
    const order = makeWorkshopOrder();
    await store('repair_orders', [row(order)], 'advisor1');
    await expectRefused('ROLE_FORBIDDEN', {
      collection: 'repair_orders',
      rows: [row(edited(order, 'tech1'), order, true)],
      by: 'tech1',
    });
    await store('repair_orders', [row(edited(order, 'advisor1'), order, true)], 'advisor1');
  });

  it('a sign-off born deleted', async () => {
    const { order, job } = await workedOrder();
    const self = await makeSignOff({ order, job, level: 'self', by: 'tech1' });
    await expectRefused('RECORD_NOT_DELETABLE', {
      collection: 'sign_offs',
      rows: [row(self, undefined, true)],
      by: 'tech1',
    });
  });

  it('an append-only record deleted after it was written', async () => {
    const { self } = await orderWithSignedQc();
    await expectRefused('RECORD_APPEND_ONLY', {
      collection: 'sign_offs',
      rows: [row(self, self, true)],
      by: 'tech1',
    });
  });

  it('a cancelled order needs its reason', async () => {
    const order = makeWorkshopOrder();
    await store('repair_orders', [row(order)], 'advisor1');
    const cancelled = edited(order, 'advisor1', { status: 'cancelled' as const });
    await expectRefused('ORDER_CANCEL_REASON_REQUIRED', {
      collection: 'repair_orders',
      rows: [row(cancelled, order)],
      by: 'advisor1',
    });
    const withReason: RepairOrder = { ...cancelled, cancelReason: '客户改约下周' };
    await store('repair_orders', [row(withReason, order)], 'advisor1');
  });

  it('a technician ticking operations of a colleague’s job', async () => {
    const order = makeWorkshopOrder();
    await store('repair_orders', [row(order)], 'advisor1');
    const dispatched = makeDispatchedJob(order, { technician: 'tech2' });
    await store('jobs', [row(dispatched)], 'foreman1');
    await expectRefused('JOB_NOT_ASSIGNED', {
      collection: 'jobs',
      rows: [row(workedJob(order, dispatched, 'tech1'), dispatched)],
      by: 'tech1',
    });
  });

  it('the foreman editing an order’s customer, beyond the workflow status', async () => {
    const order = makeWorkshopOrder();
    await store('repair_orders', [row(order)], 'advisor1');
    const customer = { name: '李四', phone: order.customer.phone };
    await expectRefused('ROLE_FORBIDDEN', {
      collection: 'repair_orders',
      rows: [row(edited(order, 'foreman1', { customer }), order)],
      by: 'foreman1',
    });
  });
});

describe('record ids are unique per site', () => {
  it('the same id in two sites is two records, and neither sees the other', async () => {
    const north = makeWorkshopOrder({
      siteId: NORTH.id,
      createdBy: NORTH_ADVISOR,
      updatedBy: NORTH_ADVISOR,
    });
    await store('repair_orders', [row(north)], NORTH_ADVISOR);
    const demo = makeWorkshopOrder({ id: north.id });
    await store('repair_orders', [row(demo)], 'advisor1');

    const pulled = async (by: string) =>
      (await pullRecords(baseUrl(), 'repair_orders', tokenOf(by))).documents.filter(
        (document) => document.id === north.id,
      );
    expect(await pulled(NORTH_ADVISOR)).toEqual([{ ...north, _deleted: false }]);
    expect(await pulled('advisor1')).toEqual([{ ...demo, _deleted: false }]);
  });

  it('site B probing an id of site A gets the answer an id that exists nowhere gets', async () => {
    const north = makeWorkshopOrder({
      siteId: NORTH.id,
      createdBy: NORTH_ADVISOR,
      updatedBy: NORTH_ADVISOR,
    });
    await store('repair_orders', [row(north)], NORTH_ADVISOR);
    const northBefore = await pullRecords(baseUrl(), 'repair_orders', tokenOf(NORTH_ADVISOR));
    // A stale edit of each, as if the prober had seen a state: a known id would answer a conflict.
    const probe = (id: string) => {
      const guess = makeWorkshopOrder({ id });
      return row(edited(guess, 'advisor1'), guess);
    };
    const taken = await push('repair_orders', [probe(north.id)], 'advisor1');
    const free = await push('repair_orders', [probe('never-used-id-0001')], 'advisor1');

    expect(taken).toEqual(free);
    expect(taken).toEqual({ conflicts: [], rejected: [] });
    expect(await pullRecords(baseUrl(), 'repair_orders', tokenOf(NORTH_ADVISOR))).toEqual(
      northBefore,
    );
  });
});
