/**
 * Local write timings in the page: the IndexedDB limit through plain Dexie,
 * then the app's own write path (RxDB with validation, plus the outbox).
 * Each call uses a new database and removes it afterwards.
 */
import Dexie from 'dexie';
import {
  createDatabase,
  removeDatabase,
  type LaneDatabase,
} from '../../../src/db/create-database.js';
import { createRepairOrders } from '../../../src/features/orders/data.js';
import { SYNCED_COLLECTIONS } from '../../../src/schema/index.js';
import type { PageTiming } from '../bench-api.js';
import { makeBenchOrders, measureSizes } from './bench-orders.js';

let databasesOpened = 0;

export function uniqueDatabaseName(purpose: string): string {
  databasesOpened += 1;
  return `bench-${purpose}-${Date.now()}-${databasesOpened}`;
}

export async function rawDexieBulkPut(n: number): Promise<PageTiming> {
  const orders = makeBenchOrders(n);
  const dexie = new Dexie(uniqueDatabaseName('raw-dexie'));
  // The same secondary indexes as the app's repair order schema (its search fields).
  const indexes = SYNCED_COLLECTIONS.repair_orders.schema.indexes.flat();
  dexie.version(1).stores({ orders: ['id', ...indexes].join(', ') });
  await dexie.open();
  try {
    const start = performance.now();
    await dexie.table('orders').bulkPut(orders);
    const ms = performance.now() - start;
    expectCount(await dexie.table('orders').count(), n);
    return { n, ms, sizes: measureSizes(orders) };
  } finally {
    dexie.close();
    await dexie.delete();
  }
}

export async function appWriteOneByOne(n: number): Promise<PageTiming> {
  const orders = makeBenchOrders(n);
  return withAppDatabase('one-by-one', n, async (database) => {
    const start = performance.now();
    for (const order of orders) await createRepairOrders(database, [order]);
    return { n, ms: performance.now() - start, sizes: measureSizes(orders) };
  });
}

export async function appWriteBulk(n: number, chunkSize: number): Promise<PageTiming> {
  const orders = makeBenchOrders(n);
  return withAppDatabase('bulk', n, async (database) => {
    const start = performance.now();
    for (let first = 0; first < orders.length; first += chunkSize) {
      await createRepairOrders(database, orders.slice(first, first + chunkSize));
    }
    return { n, ms: performance.now() - start, sizes: measureSizes(orders) };
  });
}

async function withAppDatabase(
  purpose: string,
  n: number,
  write: (database: LaneDatabase) => Promise<PageTiming>,
): Promise<PageTiming> {
  const database = await createDatabase({ name: uniqueDatabaseName(purpose) });
  try {
    const timing = await write(database);
    expectCount(await database.repair_orders.count().exec(), n);
    expectCount(await database.laneStore.mutations.count(), n);
    return timing;
  } finally {
    await removeDatabase(database);
  }
}

function expectCount(actual: number, expected: number): void {
  if (actual !== expected) throw new Error(`expected ${expected} stored records, found ${actual}`);
}
