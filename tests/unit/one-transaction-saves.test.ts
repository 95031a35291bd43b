import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDatabase, type LaneDatabase } from '../../src/db/create-database.js';
import {
  LANE_STORE_VERSION,
  laneCollectionSchemas,
  laneStoreName,
  laneStoreTables,
} from '../../src/db/lane-store.js';
import { mutationsOf, parseWire } from '../../src/db/outbox.js';
import { insertRecords, modifyRecord } from '../../src/db/record-writes.js';
import { LocalSaveError } from '../../src/db/save-locally.js';
import { makeRepairOrder } from '../factories/repair-order.js';

/**
 * A save is one IndexedDB transaction holding the record and its outbox
 * mutation (lane-storage.ts), on the IndexedDB the tests run on
 * (fake-indexeddb): counted at IndexedDB itself, and shown to be atomic by
 * an outbox write that fails.
 */
let database: LaneDatabase;
let counter = 0;
const advisor = { username: 'advisor1', siteId: 'site-a' };

/**
 * IndexedDB transactions opened on the lane store while `recording` is set.
 * Dexie binds IDBDatabase.transaction when a database opens, so it is
 * watched from before the first open.
 */
const opened: { mode: string; stores: string[] }[] = [];
let recording = false;
const original = IDBDatabase.prototype.transaction;

beforeAll(() => {
  IDBDatabase.prototype.transaction = function (this: IDBDatabase, stores, mode, ...rest) {
    if (recording && this.name === laneStoreName(database.name))
      opened.push({
        mode: mode ?? 'readonly',
        stores: [...(typeof stores === 'string' ? [stores] : stores)],
      });
    return original.call(this, stores as string[], mode, ...rest);
  } as typeof original;
});
afterAll(() => {
  IDBDatabase.prototype.transaction = original;
});

beforeEach(async () => {
  counter += 1;
  database = await createDatabase({ name: `one-transaction-${process.pid}-${counter}` });
});
afterEach(() => database.close());

/** Every IndexedDB transaction `work` opens on the lane store, with its mode and object stores. */
async function transactionsOf(work: () => Promise<unknown>) {
  opened.length = 0;
  recording = true;
  try {
    await work();
  } finally {
    recording = false;
  }
  return [...opened];
}

describe('a save', () => {
  it('writes the new record and its mutation in one IndexedDB transaction, and reads nothing before', async () => {
    const order = makeRepairOrder();
    const opened = await transactionsOf(() => insertRecords(database, 'repair_orders', [order]));
    expect(opened).toHaveLength(1);
    expect(opened[0]?.mode).toBe('readwrite');
    expect(opened[0]?.stores).toEqual(expect.arrayContaining(['repair_orders', 'mutations']));
    expect(await mutationsOf(database, 'repair_orders', order.id)).toHaveLength(1);
  });

  it('reads the stored state, writes the edit and folds its mutation in one transaction', async () => {
    const order = makeRepairOrder();
    await insertRecords(database, 'repair_orders', [order]);
    const opened = await transactionsOf(() =>
      modifyRecord(database, 'repair_orders', advisor, order.id, (current) => ({
        ...current,
        concern: '刹车异响',
      })),
    );
    expect(opened.map((transaction) => transaction.mode)).toEqual(['readwrite']);
    const stored = await database.repair_orders.findOne(order.id).exec();
    expect(stored?.concern).toBe('刹车异响');
    const [only, ...none] = await mutationsOf(database, 'repair_orders', order.id);
    expect(none).toEqual([]);
    expect(parseWire(only?.state ?? '')).toMatchObject({ concern: '刹车异响' });
  });

  it('keeps neither the record nor its mutation when the outbox write fails', async () => {
    const order = makeRepairOrder();
    await insertRecords(database, 'repair_orders', [order]);
    const failing = () => {
      throw new Error('disk full while writing the outbox');
    };
    database.laneStore.mutations.hook('updating', failing);
    database.laneStore.mutations.hook('creating', failing);
    const fresh = makeRepairOrder();
    await expect(insertRecords(database, 'repair_orders', [fresh])).rejects.toBeInstanceOf(
      LocalSaveError,
    );
    await expect(
      modifyRecord(database, 'repair_orders', advisor, order.id, (current) => ({
        ...current,
        concern: 'never stored',
      })),
    ).rejects.toBeInstanceOf(LocalSaveError);
    database.laneStore.mutations.hook('updating').unsubscribe(failing);
    database.laneStore.mutations.hook('creating').unsubscribe(failing);

    expect(await database.repair_orders.findOne(fresh.id).exec()).toBeNull();
    expect(await mutationsOf(database, 'repair_orders', fresh.id)).toEqual([]);
    expect((await database.repair_orders.findOne(order.id).exec())?.concern).toBe(order.concern);
    const [creation] = await mutationsOf(database, 'repair_orders', order.id);
    expect(parseWire(creation?.state ?? '')).toMatchObject({ concern: order.concern });
  });

  it('of a record someone removed meanwhile is refused by name and changes nothing', async () => {
    await expect(
      modifyRecord(database, 'repair_orders', advisor, 'ro_missing01', (current) => current),
    ).rejects.toBeInstanceOf(LocalSaveError);
    expect(await database.laneStore.mutations.count()).toBe(0);
  });
});

describe('the lane store', () => {
  it('has the layout its version number stands for (raise LANE_STORE_VERSION with a change)', () => {
    // A changed index without a new version would leave every tablet on the old indexes.
    expect({
      version: LANE_STORE_VERSION,
      tables: laneStoreTables(laneCollectionSchemas()),
    }).toEqual({
      version: 3,
      tables: {
        mutations: 'id, updatedAt, [collectionName+documentId], refusedCode',
        sent: 'id',
        meta: 'key',
        repair_orders:
          'id, [_deleted+id], [_deleted+createdAt+id], [_deleted+orderNumber+id], [_deleted+vehicle.plate+id], [_deleted+vehicle.vin+id], [_deleted+customer.phone+id]',
        repair_orders__attachments: 'id',
        order_records:
          'recordKey, [_deleted+recordKey], [_deleted+recordType+orderId+recordKey], [_deleted+recordType+updatedAt+recordKey]',
        order_records__attachments: 'id',
        signed_records:
          'recordKey, [_deleted+recordKey], [_deleted+recordType+orderId+recordKey], [_deleted+recordType+updatedAt+recordKey]',
        signed_records__attachments: 'id',
      },
    });
  });
});
