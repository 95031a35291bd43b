import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYNC_LIMITS } from '../../src/schema/index.js';
import { createRepairOrders } from '../../src/features/orders/data.js';
import { useSyncStatus, type SyncProgress } from '../../src/sync/sync-store.js';
import { makeRepairOrder } from '../factories/repair-order.js';
import { AppTablet } from './helpers/app-tablet.js';
import { pullAll, pushRows, toWire } from './helpers/sync-http.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

/**
 * A long sync shows how far it is: the engine counts what was answered and
 * stored, against what the outbox holds and what the server says still
 * waits, and clears the progress when done. Real server, the app's engine.
 */
describe('the progress of a long sync', () => {
  let server: TestServer;
  let tablet: AppTablet | undefined;
  let seen: SyncProgress[];
  let unsubscribe: () => void;

  beforeEach(async () => {
    server = await startTestServer({ demo: false });
    seen = [];
    unsubscribe = useSyncStatus.subscribe((state) => {
      if (state.progress) seen.push(state.progress);
    });
  });
  afterEach(async () => {
    unsubscribe();
    await tablet?.powerOff();
    tablet = undefined;
    await server.stop();
  });

  it("counts a new tablet's first pull against what the server says waits", async () => {
    const orders = Array.from({ length: 1_500 }, () => toWire(makeRepairOrder()));
    for (let first = 0; first < orders.length; first += SYNC_LIMITS.maxPushRows) {
      const rows = orders.slice(first, first + SYNC_LIMITS.maxPushRows);
      await pushRows(
        server.baseUrl,
        rows.map((order) => ({ newDocumentState: order })),
      );
    }

    tablet = await AppTablet.start(server.baseUrl);
    await tablet.settle();

    expect(await tablet.database.repair_orders.count().exec()).toBe(1_500);
    const receiving = seen.filter((progress) => progress.direction === 'receiving');
    expect(receiving.map(({ done, total }) => [done, total])).toEqual([[1_000, 1_500]]);
    expect(useSyncStatus.getState().progress).toBeNull();
  });

  it('counts an offline backlog as its batches are answered', async () => {
    tablet = await AppTablet.start(server.baseUrl, { online: false });
    const backlog = Array.from({ length: 1_200 }, () => makeRepairOrder());
    await createRepairOrders(tablet.database, backlog);

    tablet.goOnline();
    await tablet.settle();

    const sending = seen.filter((progress) => progress.direction === 'sending');
    expect(sending.map(({ done, total }) => [done, total])).toEqual([[1_000, 1_200]]);
    expect(useSyncStatus.getState().progress).toBeNull();
    expect((await pullAll(server.baseUrl)).documents).toHaveLength(1_200);
    expect(await tablet.pendingCount()).toBe(0);
  });

  it('shows nothing for a small sync', async () => {
    tablet = await AppTablet.start(server.baseUrl, { online: false });
    await createRepairOrders(
      tablet.database,
      Array.from({ length: 20 }, () => makeRepairOrder()),
    );

    tablet.goOnline();
    await tablet.settle();

    expect(seen).toEqual([]);
  });
});
