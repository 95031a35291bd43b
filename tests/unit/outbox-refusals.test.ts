import { firstValueFrom } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDatabase, type LaneDatabase } from '../../src/db/create-database.js';
import {
  markRefused,
  mutationsOf,
  outboxSize$,
  parseWire,
  replaceMutations,
  takeForPush,
  recordLocalChanges,
  recordNewRecords,
  refusedEntries$,
} from '../../src/db/outbox.js';
import { pushableHeads } from '../../src/sync/push-mutations.js';
import { insertRecords } from '../../src/db/record-writes.js';
import { makeRepairOrder } from '../factories/repair-order.js';

/** The outbox of mutations: who changed what, based on which state, and what the server refused. */
let database: LaneDatabase;
let counter = 0;

beforeEach(async () => {
  counter += 1;
  database = await createDatabase({
    name: `outbox-mutations-${process.pid}-${counter}`,
  });
});

afterEach(() => database.close());

function state(id: string, updatedAt: number, updatedBy: string, extra: object = {}) {
  return { id, updatedAt, updatedBy, ...extra };
}

async function edit(id: string, before: object, after: ReturnType<typeof state>) {
  await recordLocalChanges(database, 'jobs', [{ before, after }]);
}

async function refusedIds(filter?: { collection?: string; documentIds?: string[] }) {
  const entries = await firstValueFrom(refusedEntries$(database, filter));
  return entries.map((entry) => `${entry.collectionName}:${entry.documentId}:${entry.refusedCode}`);
}

describe('the outbox of mutations', () => {
  it("keeps one person's unsent edits of a record as one mutation on the first base", async () => {
    const base = state('job_one0001', 1, 'foreman1', { bay: '' });
    await edit('job_one0001', base, state('job_one0001', 2, 'tech1', { bay: 'A1' }));
    await edit('job_one0001', base, state('job_one0001', 3, 'tech1', { bay: 'A2' }));

    const [only, ...rest] = await mutationsOf(database, 'jobs', 'job_one0001');
    expect(rest).toEqual([]);
    expect(only?.author).toBe('tech1');
    expect(parseWire(only?.base ?? '')).toMatchObject({ bay: '', _deleted: false });
    expect(parseWire(only?.state ?? '')).toMatchObject({ bay: 'A2', updatedAt: 3 });
  });

  it('starts a new mutation, based on the last one, when another person edits', async () => {
    await recordNewRecords(database, 'jobs', [state('job_two0001', 1, 'foreman1')]);
    await edit('job_two0001', {}, state('job_two0001', 2, 'tech1', { bay: 'B1' }));

    const [created, edited] = await mutationsOf(database, 'jobs', 'job_two0001');
    expect(created).toMatchObject({ author: 'foreman1', base: '' });
    expect(edited?.author).toBe('tech1');
    expect(edited?.base).toBe(created?.state);
    // Only the first of a record can go: the second is based on it.
    const heads = pushableHeads(await mutationsOf(database, 'jobs', 'job_two0001'));
    expect(heads.map((head) => head.author)).toEqual(['foreman1']);
  });

  it('never folds an edit into a mutation already sent: its answer may have been lost', async () => {
    await recordNewRecords(database, 'jobs', [state('job_sent001', 1, 'tech1')]);
    const [sent] = await mutationsOf(database, 'jobs', 'job_sent001');
    const { chosen } = await takeForPush(database, pushableHeads);
    expect(chosen.map((entry) => entry.id)).toEqual([sent?.id]);
    await edit('job_sent001', {}, state('job_sent001', 2, 'tech1', { bay: 'C1' }));

    const chain = await mutationsOf(database, 'jobs', 'job_sent001');
    expect(chain).toHaveLength(2);
    expect(chain[1]?.base).toBe(sent?.state);
  });

  it('folds edits again into a mutation rebased after a conflict (a new change, not sent yet)', async () => {
    await recordNewRecords(database, 'jobs', [state('job_rebase01', 1, 'tech1')]);
    const [sent] = await mutationsOf(database, 'jobs', 'job_rebase01');
    if (!sent) throw new Error('no mutation');
    await takeForPush(database, pushableHeads);
    const rebasedState = state('job_rebase01', 5, 'tech1', { bay: 'B2' });
    await replaceMutations(database, {
      dropped: [],
      rebased: [{ ...sent, state: JSON.stringify(rebasedState), updatedAt: 5, sent: false }],
    });
    await edit('job_rebase01', {}, state('job_rebase01', 6, 'tech1', { bay: 'B3' }));

    const chain = await mutationsOf(database, 'jobs', 'job_rebase01');
    expect(chain).toHaveLength(1);
    expect(parseWire(chain[0]?.state ?? '')).toMatchObject({ bay: 'B3' });
  });

  it('counts records, not mutations, and an edit after a refusal takes the change over', async () => {
    await recordNewRecords(database, 'jobs', [state('job_refused1', 1, 'foreman1')]);
    await edit('job_refused1', {}, state('job_refused1', 2, 'tech1'));
    const [first] = await mutationsOf(database, 'jobs', 'job_refused1');
    await markRefused(database, first?.id ?? '', 'SIGNOFF_OUT_OF_ORDER');

    expect(await refusedIds({ documentIds: ['job_refused1'] })).toEqual([
      'jobs:job_refused1:SIGNOFF_OUT_OF_ORDER',
    ]);
    expect(await refusedIds({ collection: 'sign_offs' })).toEqual([]);
    expect(pushableHeads(await mutationsOf(database, 'jobs', 'job_refused1'))).toEqual([]);
    expect(await firstValueFrom(outboxSize$(database))).toBe(1);

    // The technician edits again: the waiting change becomes one, theirs, and never the foreman's name.
    await edit('job_refused1', {}, state('job_refused1', 3, 'tech1', { createdBy: 'foreman1' }));
    expect(await refusedIds()).toEqual([]);
    const [taken, ...none] = await mutationsOf(database, 'jobs', 'job_refused1');
    expect(none).toEqual([]);
    expect(taken).toMatchObject({ author: 'tech1', base: '' });
    expect(parseWire(taken?.state ?? '')).toMatchObject({ createdBy: 'tech1', updatedBy: 'tech1' });
  });

  it('brings a record forward on open when the tab closed between its mutation and its write', async () => {
    const name = database.name;
    const order = makeRepairOrder();
    await insertRecords(database, 'repair_orders', [order]);
    const edited = { ...order, concern: '刹车异响', updatedAt: order.updatedAt + 5 };
    // The save's first write happened, its second never did.
    await recordLocalChanges(database, 'repair_orders', [{ before: order, after: edited }]);
    const gone = makeRepairOrder();
    await insertRecords(database, 'repair_orders', [gone]);
    const removal = { ...gone, updatedAt: gone.updatedAt + 5, _deleted: true };
    await recordLocalChanges(database, 'repair_orders', [{ before: gone, after: removal }]);
    await database.close();

    database = await createDatabase({ name });

    const stored = await database.repair_orders.findOne(order.id).exec();
    expect(stored?.toJSON()).toEqual(edited);
    expect(await database.repair_orders.findOne(gone.id).exec()).toBeNull();
    // Nothing else moved: each record's one mutation (the edit folded into its creation) waits.
    expect(await database.laneStore.mutations.count()).toBe(2);
  });
});
