import type { AddressInfo } from 'node:net';
import { EventSource } from 'eventsource';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { createDatabase, type LaneDatabase } from '../../src/db/create-database.js';
import { createRepairOrder, editRepairOrder } from '../../src/features/orders/data.js';
import { startSync, type SyncController } from '../../src/features/sync/replication.js';
import { API_BASE, COLLECTION_NAMES, type RepairOrder } from '../../src/schema/index.js';
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
 * its own state for good, believing itself in sync.
 */
// Node 20 has no EventSource; the app's sync code uses the browser's.
globalThis.EventSource ??= EventSource as unknown as typeof globalThis.EventSource;

const advisor = { username: 'advisor1', siteId: 'demo-site' };
const pullPath = `${API_BASE}/sync/repair_orders/pull`;
const pushPath = `${API_BASE}/sync/repair_orders/push`;

function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

/** Polls `check` every 20 ms; false once timeoutMs has passed without it holding. */
async function holdsWithin(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

describe('a pull on its way while the tablet pushes an edit', () => {
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
      storage: getRxStorageMemory() as never,
    });
    const tokens = staticTokens(await advisorLogin(server.baseUrl));
    sync = startSync(database, proxy.baseUrl, { tokens, blobs: null });
    const orders = sync.states[COLLECTION_NAMES.indexOf('repair_orders')];
    if (!orders) throw new Error('no replication of repair orders');
    const order = await createRepairOrder(database, advisor, { concern: '刹车异响' });
    await sync.awaitInSync();

    // A pull sets out, and is held on its way to the server.
    const pullSent = gate();
    const pullReleased = gate();
    proxy.beforeForward = async ({ path }) => {
      if (!path.startsWith(pullPath)) return;
      pullSent.open();
      await pullReleased.opened;
    };
    orders.reSync();
    await pullSent.opened;

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
      updatedBy: 'manager1',
    };
    expect(
      (await pushRows(server.baseUrl, [{ newDocumentState: changed, assumedMasterState: stored }]))
        .conflicts,
    ).toEqual([]);

    // Now the held pull is served: it carries that change.
    pullReleased.open();
    // The push's answer goes once the tablet has taken the pull in, or after a second at most
    // (a tablet that waits for its push to be answered first never takes it in before).
    const downstream = orders.internalReplicationState?.events.active.down;
    await holdsWithin(() => downstream?.getValue() === false, 1_000);
    answerReleased.open();
    await sync.awaitInSync();

    // Asked again, as a tablet coming back online does, the tablet must hold the server's state.
    orders.reSync();
    await sync.awaitInSync();
    const local = (await database.repair_orders.findOne(order.id).exec())?.toJSON() as RepairOrder;
    expect(local.vehicle.colour).toBe('银色');
    const final = (await pullAll(server.baseUrl)).documents.find(({ id }) => id === order.id);
    expect({ ...local, _deleted: false }).toEqual(final);
  });
});
