import { describe, expect, it } from 'vitest';
import {
  COLLECTION_NAMES,
  ROLES,
  SYNCED_COLLECTIONS,
  authorBlocker,
  deletionBlocker,
  identityFieldBlocker,
  jobEditBlocker,
  orderCancelAllowed,
  orderEditBlocker,
  recordActionAllowed,
  recordActionBlocker,
  recordActionOf,
  type Role,
} from '../../src/schema/index.js';
import { makeRepairOrder } from '../factories/repair-order.js';
import {
  makeDispatchedJob,
  makeRequestedWork,
  makeSignOff,
  makeWorkshopOrder,
  pricedWork,
  workedJob,
} from '../factories/workshop.js';

/**
 * The lifecycle and identity rules both the tablet and the server apply:
 * who may create, edit and delete each record type, and that every name in a
 * change is the signed-in person's.
 */
const tech1 = { username: 'tech1', role: 'technician' as Role };
const foreman1 = { username: 'foreman1', role: 'foreman' as Role };
const advisor1 = { username: 'advisor1', role: 'advisor' as Role };

describe('who may create, edit and delete each record type', () => {
  it('a stored record pushed as a tombstone is a delete; an unknown one is a create', () => {
    expect(recordActionOf(false, false)).toBe('create');
    expect(recordActionOf(false, true)).toBe('create');
    expect(recordActionOf(true, false)).toBe('edit');
    expect(recordActionOf(true, true)).toBe('delete');
  });

  it('append-only records are never deleted, nor born deleted, by anyone', () => {
    const appendOnly = COLLECTION_NAMES.filter(
      (name) => SYNCED_COLLECTIONS[name].conflictPolicy === 'append-only',
    );
    expect(appendOnly).toEqual([
      'photos',
      'signatures',
      'approvals',
      'sign_offs',
      'rework_records',
    ]);
    for (const collection of appendOnly)
      for (const role of ROLES) {
        expect(recordActionBlocker(collection, 'delete', role)).toBe('RECORD_NOT_DELETABLE');
        expect(recordActionBlocker(collection, 'create', role, true)).toBe('RECORD_NOT_DELETABLE');
        expect(recordActionAllowed(collection, 'edit', role)).toBe(false);
      }
  });

  it('repair orders are the advisor side’s; the foreman only edits them (the workflow status)', () => {
    expect(recordActionBlocker('repair_orders', 'create', 'advisor')).toBeNull();
    expect(recordActionBlocker('repair_orders', 'create', 'manager')).toBeNull();
    expect(recordActionBlocker('repair_orders', 'edit', 'foreman')).toBeNull();
    for (const role of ['technician', 'team-leader', 'clerk', 'admin'] as const)
      expect(recordActionBlocker('repair_orders', 'edit', role)).toBe('ROLE_FORBIDDEN');
    expect(recordActionBlocker('repair_orders', 'delete', 'technician')).toBe('ROLE_FORBIDDEN');
    expect(recordActionBlocker('repair_orders', 'delete', 'advisor')).toBeNull();
  });

  it('a job is born at dispatch, by the foreman only', () => {
    expect(recordActionBlocker('jobs', 'create', 'foreman')).toBeNull();
    expect(recordActionBlocker('jobs', 'create', 'advisor')).toBe('ROLE_FORBIDDEN');
    expect(recordActionBlocker('jobs', 'edit', 'technician')).toBeNull();
    expect(recordActionBlocker('jobs', 'delete', 'technician')).toBe('ROLE_FORBIDDEN');
  });

  it('each level’s signers may create sign-offs; a fail’s rework is its checker’s', () => {
    for (const role of ['technician', 'team-leader', 'foreman'] as const)
      expect(recordActionBlocker('sign_offs', 'create', role)).toBeNull();
    expect(recordActionBlocker('sign_offs', 'create', 'advisor')).toBe('ROLE_FORBIDDEN');
    expect(recordActionBlocker('rework_records', 'create', 'technician')).toBe('ROLE_FORBIDDEN');
    expect(recordActionBlocker('rework_records', 'create', 'foreman')).toBeNull();
    expect(recordActionBlocker('approvals', 'create', 'technician')).toBe('ROLE_FORBIDDEN');
  });
});

describe('an order or job with signed records is never deleted', () => {
  it.each([
    [{ signatures: 1, signOffs: 0 }, 'RECORD_SIGNED_NOT_DELETABLE'],
    [{ signatures: 0, signOffs: 2 }, 'RECORD_SIGNED_NOT_DELETABLE'],
    [{ signatures: 0, signOffs: 0 }, null],
  ] as const)('an order carrying %o', (signed, code) => {
    expect(deletionBlocker('repair_orders', signed)).toBe(code);
    expect(deletionBlocker('jobs', signed)).toBe(code);
  });

  it('a cancelled order keeps its reason; the advisor side cancels', () => {
    const order = makeRepairOrder();
    const cancelled = { ...order, status: 'cancelled' as const };
    expect(orderEditBlocker(order, cancelled, 'advisor')).toBe('ORDER_CANCEL_REASON_REQUIRED');
    expect(orderEditBlocker(order, { ...cancelled, cancelReason: '  ' }, 'advisor')).toBe(
      'ORDER_CANCEL_REASON_REQUIRED',
    );
    expect(
      orderEditBlocker(order, { ...cancelled, cancelReason: '客户取消' }, 'advisor'),
    ).toBeNull();
    expect(orderCancelAllowed('advisor')).toBe(true);
    expect(orderCancelAllowed('foreman')).toBe(false);
  });

  it('the foreman moves only the workflow status of an order, and nothing else', () => {
    const order = makeWorkshopOrder({ status: 'checked-in' });
    const moved = { ...order, status: 'in-workshop' as const, updatedBy: 'foreman1' };
    expect(orderEditBlocker(order, moved, 'foreman')).toBeNull();
    expect(orderEditBlocker(order, { ...moved, status: 'delivered' }, 'foreman')).toBe(
      'ROLE_FORBIDDEN',
    );
    expect(orderEditBlocker(order, { ...moved, concern: '没有问题' }, 'foreman')).toBe(
      'ROLE_FORBIDDEN',
    );
  });
});

describe('identity comes from the session, never from the record', () => {
  const order = makeWorkshopOrder();

  it('a new record is created and updated by the pusher; createdBy never changes', () => {
    expect(authorBlocker(undefined, order, advisor1)).toBeNull();
    expect(authorBlocker(undefined, order, tech1)).toBe('AUTHOR_NOT_SIGNED_IN');
    const edit = { ...order, updatedBy: 'tech1' };
    expect(authorBlocker(order, edit, tech1)).toBeNull();
    expect(authorBlocker(order, edit, foreman1)).toBe('AUTHOR_NOT_SIGNED_IN');
    expect(authorBlocker(order, { ...edit, createdBy: 'tech1' }, tech1)).toBe('CREATED_BY_CHANGED');
  });

  it('a dispatch names its dispatcher; a tick or a finding names who did it', () => {
    const dispatched = makeDispatchedJob(order);
    expect(identityFieldBlocker('jobs', undefined, dispatched, foreman1)).toBeNull();
    const forged = { ...dispatched, dispatchedBy: 'leader1' };
    expect(identityFieldBlocker('jobs', undefined, forged, foreman1)).toBe('AUTHOR_NOT_SIGNED_IN');
    const worked = workedJob(order, dispatched);
    expect(identityFieldBlocker('jobs', dispatched, worked, tech1)).toBeNull();
    expect(identityFieldBlocker('jobs', dispatched, worked, foreman1)).toBe('AUTHOR_NOT_SIGNED_IN');
    const finding = { id: 'f1', text: '刹车油管渗漏', photoIds: [], foundBy: 'tech2', foundAt: 1 };
    expect(identityFieldBlocker('jobs', worked, { ...worked, findings: [finding] }, tech1)).toBe(
      'AUTHOR_NOT_SIGNED_IN',
    );
    // Earlier entries by others stay as they are: only what this push changes must be the pusher's.
    const withFinding = { ...worked, findings: [finding] };
    expect(identityFieldBlocker('jobs', withFinding, { ...withFinding, bay: 'B3' }, tech1)).toBe(
      null,
    );
  });

  it('added work names who priced, started and finished it', () => {
    const requested = makeRequestedWork(makeDispatchedJob(order));
    expect(identityFieldBlocker('added_work', undefined, requested, tech1)).toBeNull();
    const priced = pricedWork(requested);
    expect(identityFieldBlocker('added_work', requested, priced, advisor1)).toBeNull();
    expect(identityFieldBlocker('added_work', requested, priced, tech1)).toBe(
      'AUTHOR_NOT_SIGNED_IN',
    );
  });

  it('a sign-off’s role is the pusher’s role', async () => {
    const job = workedJob(order, makeDispatchedJob(order));
    const self = await makeSignOff({ order, job, level: 'self', by: 'tech1' });
    expect(identityFieldBlocker('sign_offs', undefined, self, tech1)).toBeNull();
    const posing = { username: 'tech1', role: 'team-leader' as Role };
    expect(identityFieldBlocker('sign_offs', undefined, self, posing)).toBe(
      'SIGNOFF_ROLE_FORBIDDEN',
    );
  });

  it('only the job’s own technician edits it from the bay; the foreman edits any', () => {
    const job = makeDispatchedJob(order, { technician: 'tech2' });
    expect(jobEditBlocker(job, tech1)).toBe('JOB_NOT_ASSIGNED');
    expect(jobEditBlocker(job, { username: 'tech2', role: 'technician' })).toBeNull();
    expect(jobEditBlocker(job, foreman1)).toBeNull();
  });
});
