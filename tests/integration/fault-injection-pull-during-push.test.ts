import type { AddressInfo } from 'node:net';
import { EventSource } from 'eventsource';
import { afterEach, describe, expect, it } from 'vitest';
import { createDatabase, type LaneDatabase } from '../../src/db/create-database.js';
import { createRepairOrder, editRepairOrder } from '../../src/features/orders/data.js';
import { startSync, type SyncController } from '../../src/sync/replication.js';
import { API_BASE, type RepairOrder } from '../../src/schema/index.js';
import { advisorLogin, staticTokens } from './helpers/auth.js';
import { FaultProxy } from './helpers/faults/fault-proxy.js';
import { pullAll, pushRows } from './helpers/sync-http.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

/**
 * Found by the fault-injection suite (seed 1119): a pull that was on its way
 * while the tablet pushed an edit came back with another tablet's later
 * change to the same order. RxDB set that pulled state aside, since the
 * tablet's own edit was not yet recorded as pushed, and moved its pull
 * checkpoint past it anyway; the push had been accepted without a conflict,
 * so nothing ever brought the other tablet's change back: the tablet showed
 * its own state for good, believing itself in sync. Our own engine never
 * stores a pull while a push is in flight; this keeps the case covered.
 */
// Node 20 has no EventSource; the app's sync code uses the browser's.
globalThis.EventSource ??= EventSource as unknown as typeof globalThis.EventSource;

const advisor = { username: 'advisor1', siteId: 'demo-site' };
const pushPath = `${API_BASE}/sync/repair_orders/push`;

function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe("another tablet's change while this tablet's push waits for its answer", () => {
  let server: TestServer;
  let proxy: FaultProxy;
  let database: LaneDatabase;
  let sync: SyncController;

  afterEach(async () => {
    await sync?.stop();
    await database?.close();
    await proxy?.close();
    await server?.stop();
  });

  it("the other tablet's later change to the order still reaches this tablet", async () => {
    server = await startTestServer();
    const port = (server.app.server.address() as AddressInfo).port;
    proxy = await FaultProxy.start(() => port);
    // No live stream: what this tablet learns of others' changes, it learns by pulling.
    proxy.streamsDown = true;
    database = await createDatabase({
      name: `pull-during-push-${process.pid}-${Date.now()}`,
    });
    const tokens = staticTokens(await advisorLogin(server.baseUrl));
    sync = startSync(database, proxy.baseUrl, { tokens, blobs: null });
    const order = await createRepairOrder(database, advisor, { concern: '刹车异响' });
    await sync.awaitInSync();

    // The advisor edits the order: the server takes the push, its answer is held.
    const pushTaken = gate();
    const answerReleased = gate();
    proxy.beforeAnswer = async ({ method, path }) => {
      if (method !== 'POST' || !path.startsWith(pushPath)) return;
      pushTaken.open();
      await answerReleased.opened;
    };
    await editRepairOrder(database, advisor, order.id, { concern: '刹车异响,左前轮' });
    await pushTaken.opened;

    // Another tablet changes the order on top of the advisor's edit.
    const stored = (await pullAll(server.baseUrl)).documents.find(({ id }) => id === order.id);
    if (!stored) throw new Error('the edit is not on the server');
    const changed = {
      ...stored,
      vehicle: { ...stored.vehicle, colour: '银色' },
      updatedAt: stored.updatedAt + 1,
      updatedBy: 'advisor1',
    };
    expect(
      (await pushRows(server.baseUrl, [{ newDocumentState: changed, assumedMasterState: stored }]))
        .conflicts,
    ).toEqual([]);

    // The push's answer comes late; the pull that follows it must still bring that change.
    answerReleased.open();
    await sync.awaitInSync();

    // Asked again, as a tablet coming back online does, the tablet must hold the server's state.
    sync.syncNow();
    await sync.awaitInSync();
    const local = (await database.repair_orders.findOne(order.id).exec())?.toJSON() as RepairOrder;
    expect(local.vehicle.colour).toBe('银色');
    const final = (await pullAll(server.baseUrl)).documents.find(({ id }) => id === order.id);
    expect({ ...local, _deleted: false }).toEqual(final);
  });
});
