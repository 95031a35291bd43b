/**
 * Sync timings in the page, through the app's own replication against the
 * server that served this page: a tablet pushing what it stored offline, and
 * a fresh tablet pulling everything the server holds.
 */
import { filter, firstValueFrom, type Subscription } from 'rxjs';
import {
  createDatabase,
  removeDatabase,
  type LaneDatabase,
} from '../../../src/db/create-database.js';
import { createRepairOrders } from '../../../src/features/orders/data.js';
import { startSync, type SyncController } from '../../../src/sync/replication.js';
import type { AccessTokenSource } from '../../../src/sync/sync-http.js';
import type { OrderSizes, PullOutcome, PushOutcome } from '../bench-api.js';
import { makeBenchOrders, measureSizes } from './bench-orders.js';
import { tallySyncRequests } from './request-tally.js';

/** Same origin as the page: the server serves both the bench page and /api/v1. */
const SAME_ORIGIN = '';

let database: LaneDatabase | null = null;
let sync: SyncController | null = null;

export async function createOfflineOrders(
  databaseName: string,
  n: number,
  chunkSize: number,
): Promise<OrderSizes> {
  const opened = await openDatabase(databaseName);
  const orders = makeBenchOrders(n);
  for (let first = 0; first < orders.length; first += chunkSize) {
    await createRepairOrders(opened, orders.slice(first, first + chunkSize));
  }
  return measureSizes(orders);
}

export async function pushUntilInSync(accessToken: string): Promise<PushOutcome> {
  if (!database) throw new Error('createOfflineOrders() first');
  const requests = tallySyncRequests();
  try {
    const start = performance.now();
    await inSyncOrFailed(startDatabaseSync(database, accessToken));
    const inSyncMs = performance.now() - start;
    return {
      inSyncMs,
      outboxLeft: await database.laneStore.mutations.count(),
      requests: requests.tally,
    };
  } finally {
    requests.stop();
  }
}

export async function pullUntilComplete(
  databaseName: string,
  expected: number,
  accessToken: string,
): Promise<PullOutcome> {
  const opened = await openDatabase(databaseName);
  const requests = tallySyncRequests();
  try {
    const start = performance.now();
    await inSyncOrFailed(startDatabaseSync(opened, accessToken));
    // In sync: the last pull brought nothing new. The count confirms every order is stored.
    const count$ = opened.repair_orders.count().$;
    const localCount = await firstValueFrom(count$.pipe(filter((count) => count >= expected)));
    return { ms: performance.now() - start, localCount, requests: requests.tally };
  } finally {
    requests.stop();
  }
}

export async function cleanUpSync(): Promise<void> {
  await sync?.stop();
  sync = null;
  if (database) await removeDatabase(database);
  database = null;
}

async function openDatabase(name: string): Promise<LaneDatabase> {
  await cleanUpSync();
  database = await createDatabase({ name });
  return database;
}

/** The runner's sign-in, valid longer than any stage: never refreshed. */
function fixedToken(accessToken: string): AccessTokenSource {
  return {
    accessToken: async () => accessToken,
    refreshAfterUnauthorized: async () => null,
  };
}

function startDatabaseSync(opened: LaneDatabase, accessToken: string): SyncController {
  sync = startSync(opened, SAME_ORIGIN, { tokens: fixedToken(accessToken) });
  return sync;
}

/** A bench run on loopback expects no sync error at all: the first one fails the run. */
async function inSyncOrFailed(controller: SyncController): Promise<void> {
  let subscription: Subscription | undefined;
  const failed = new Promise<never>((_, reject) => {
    subscription = controller.journal.subscribe(({ kind, error }) => {
      if (kind === 'error')
        reject(new Error(`sync failed during the bench: ${String(error)}`, { cause: error }));
    });
  });
  try {
    await Promise.race([controller.awaitInSync(), failed]);
  } finally {
    subscription?.unsubscribe();
  }
}
