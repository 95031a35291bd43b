import { expect } from 'vitest';
import {
  ERROR_MESSAGES,
  type ErrorCode,
  type Job,
  type RepairOrder,
  type SignOff,
} from '../../../src/schema/index.js';
import {
  makeDispatchedJob,
  makeRework,
  makeSignOff,
  makeWorkshopOrder,
  workedJob,
} from '../../factories/workshop.js';
import { row, type Doc, type Row, type WorkshopSync } from './workshop-sync.js';

/**
 * The scenes the job-content attack suites start from, each step pushed by
 * its own author through `sync`: an order with its job dispatched, worked and
 * passed through the three checks; and the check that a refused push left the
 * server's state exactly as it was.
 */
export const LEAK = {
  id: 'f-leak',
  text: '刹车油管渗漏,未修复',
  photoIds: [],
  foundBy: 'tech1',
  foundAt: 1,
};

/** The job after `by` changed it: `step` ms later (one revision on), in their name. */
export function edited(job: Job, changes: Partial<Job>, by = job.technician, step = 1): Job {
  return { ...job, ...changes, updatedAt: job.updatedAt + step, updatedBy: by };
}

/** The job's operations as its technician ticks them all. */
export function workedOperations(order: RepairOrder, dispatched: Job) {
  return workedJob(order, dispatched).operations;
}

/** A self-check claiming every operation done and no findings, naming `jobRevision`. */
export function allDoneClaim(order: RepairOrder, dispatched: Job, jobRevision: number) {
  const claimed = workedJob(order, dispatched);
  return makeSignOff({
    order,
    job: claimed,
    level: 'self',
    by: 'tech1',
    overrides: { jobRevision },
  });
}

/** The foreman's (or `by`'s) "Reopen job": a rework record naming the final pass it voids. */
export function reopening(finalPass: SignOff, by: string) {
  return makeRework(finalPass, {
    createdBy: by,
    updatedBy: by,
    failedBy: by,
    reason: 'reopened',
    whatFailed: '客户反映刹车异响,重新开工',
  });
}

export function workshopScenes(sync: WorkshopSync) {
  /** An order on the server with its job dispatched by the foreman (revision R0). */
  async function dispatchedOrder() {
    const order = makeWorkshopOrder();
    await sync.store('repair_orders', [row(order)], 'advisor1');
    const dispatched = makeDispatchedJob(order);
    await sync.store('jobs', [row(dispatched)], 'foreman1');
    return { order, dispatched };
  }

  /** …and every operation ticked by its technician (revision R1). */
  async function workedOrder() {
    const { order, dispatched } = await dispatchedOrder();
    const job = workedJob(order, dispatched);
    await sync.store('jobs', [row(job, dispatched)], 'tech1');
    return { order, dispatched, job };
  }

  /** …and its three checks passed, each in its signer's name. */
  async function passedOrder() {
    const { order, job } = await workedOrder();
    const sign = (level: SignOff['level'], by: string) => makeSignOff({ order, job, level, by });
    await sync.store('sign_offs', [row(await sign('self', 'tech1'))], 'tech1');
    await sync.store('sign_offs', [row(await sign('peer', 'leader1'))], 'leader1');
    const finalPass = await sign('final', 'foreman1');
    await sync.store('sign_offs', [row(finalPass)], 'foreman1');
    return { order, job, finalPass };
  }

  /** The row is refused with `code`, and the site's records and sequence are as before. */
  async function expectRefused(
    code: ErrorCode,
    refused: { collection: 'jobs' | 'sign_offs' | 'rework_records'; row: Row; by: string },
  ) {
    const before = await sync.serverState();
    const answer = await sync.push(refused.collection, [refused.row], refused.by);
    const id = (refused.row.newDocumentState as Doc).id;
    expect(answer).toEqual({
      conflicts: [],
      rejected: [{ id, code, message: ERROR_MESSAGES[code] }],
    });
    expect(await sync.serverState()).toEqual(before);
  }

  async function storedSignOff(id: string): Promise<SignOff | undefined> {
    const { documents } = await sync.pullAll('sign_offs', 'foreman1');
    return documents.find((document) => document.id === id) as SignOff | undefined;
  }

  return { dispatchedOrder, workedOrder, passedOrder, expectRefused, storedSignOff };
}
