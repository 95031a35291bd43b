/**
 * Edit timings in the page: one field edit of one order through the app's
 * own path (`editRepairOrder`: read, validate, outbox, write) with many
 * orders stored; and two tablets syncing live, timing an edit on one until
 * the other's database holds it.
 */
import { filter, firstValueFrom } from 'rxjs';
import {
  createDatabase,
  removeDatabase,
  type LaneDatabase,
} from '../../../src/db/create-database.js';
import { createRepairOrders, editRepairOrder } from '../../../src/features/orders/data.js';
import { startSync, type SyncController } from '../../../src/sync/replication.js';
import { DEMO_SITE, DEMO_USER } from '../../../src/schema/index.js';
import { makeBenchOrders } from './bench-orders.js';

const AUTHOR = { username: DEMO_USER.username, siteId: DEMO_SITE.id };

let database: LaneDatabase | null = null;
let sync: SyncController | null = null;
let orderIds: string[] = [];

export async function storeOrdersForEdits(
  databaseName: string,
  n: number,
  chunkSize: number,
): Promise<void> {
  await cleanUpEdits();
  database = await createDatabase({ name: databaseName });
  const orders = makeBenchOrders(n, 7);
  orderIds = orders.map((order) => order.id);
  for (let first = 0; first < orders.length; first += chunkSize) {
    await createRepairOrders(database, orders.slice(first, first + chunkSize));
  }
}

/** `count` edits of orders spread over the store, each timed from the call until it resolved. */
export async function timeFieldEdits(count: number): Promise<number[]> {
  if (!database) throw new Error('storeOrdersForEdits() first');
  const times: number[] = [];
  const step = Math.max(1, Math.floor(orderIds.length / count));
  for (let index = 0; index < count; index += 1) {
    const id = orderIds[(index * step) % orderIds.length] as string;
    const start = performance.now();
    await editRepairOrder(database, AUTHOR, id, { odometerKm: 100_000 + index });
    times.push(performance.now() - start);
  }
  return times;
}

/** Opens a tablet that syncs live with the page's server, signed in with the token. */
export async function startLiveTablet(databaseName: string, accessToken: string): Promise<void> {
  await cleanUpEdits();
  database = await createDatabase({ name: databaseName });
  sync = startSync(database, '', {
    tokens: { accessToken: async () => accessToken, refreshAfterUnauthorized: async () => null },
    blobs: null,
  });
}

/** Stores n orders on this tablet and waits until the server has them; returns their ids. */
export async function createOrdersInSync(n: number): Promise<string[]> {
  if (!database || !sync) throw new Error('startLiveTablet() first');
  const orders = makeBenchOrders(n, 11);
  await createRepairOrders(database, orders);
  await sync.awaitInSync();
  return orders.map((order) => order.id);
}

export async function awaitOrderCount(n: number): Promise<void> {
  if (!database) throw new Error('startLiveTablet() first');
  await firstValueFrom(database.repair_orders.count().$.pipe(filter((count) => count >= n)));
}

let watched: Promise<number> | null = null;

/** Starts watching one order: `seenAt()` resolves with the wall-clock time its odometer read `km`. */
export async function watchOdometer(id: string, km: number): Promise<void> {
  if (!database) throw new Error('startLiveTablet() first');
  const order$ = database.repair_orders.findOne(id).$;
  watched = firstValueFrom(order$.pipe(filter((order) => order?.odometerKm === km))).then(() =>
    Date.now(),
  );
  // Subscribed before the edit starts: the first emission is the current state.
  await firstValueFrom(order$);
}

export function seenAt(): Promise<number> {
  if (!watched) throw new Error('watchOdometer() first');
  return watched;
}

/** Edits the order's odometer; resolves with the wall-clock time of the call. */
export async function editOdometer(id: string, km: number): Promise<number> {
  if (!database) throw new Error('startLiveTablet() first');
  const calledAt = Date.now();
  await editRepairOrder(database, AUTHOR, id, { odometerKm: km });
  return calledAt;
}

export async function cleanUpEdits(): Promise<void> {
  await sync?.stop();
  sync = null;
  if (database) await removeDatabase(database);
  database = null;
  watched = null;
}
