import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createRepairOrder, editRepairOrder } from '../../src/features/orders/data.js';
import { API_BASE, type RepairOrder } from '../../src/schema/index.js';
import { AppTablet } from './helpers/app-tablet.js';
import { advisorLogin, staticTokens } from './helpers/auth.js';
import { FaultProxy } from './helpers/faults/fault-proxy.js';
import { pullAll, pushRows, toWire, type WireOrder } from './helpers/sync-http.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

/**
 * Found by the fault-injection suite (seed 1144): a tablet's edit reached the
 * server but its answer was lost, and other tablets built on it. When the
 * tablet sent the edit again it met a conflict whose merge was exactly the
 * server's copy, so there was nothing left to push, yet the outbox kept the
 * edit as "not yet on server" for good. Our engine drops a mutation whose
 * merge leaves nothing to send, and shows the server's copy.
 */
const advisor = { username: 'advisor1', siteId: 'demo-site' };
const pushPath = `${API_BASE}/sync/repair_orders/push`;

async function serverOrder(baseUrl: string, id: string): Promise<WireOrder> {
  const found = (await pullAll(baseUrl)).documents.find((document) => document.id === id);
  if (!found) throw new Error(`${id} is not on the server`);
  return found;
}

/** Another tablet's edit on top of what the server holds. */
async function editElsewhere(baseUrl: string, id: string, change: Partial<RepairOrder>) {
  const stored = await serverOrder(baseUrl, id);
  const next = { ...stored, ...change, updatedAt: stored.updatedAt + 1, updatedBy: 'advisor1' };
  const { conflicts } = await pushRows(baseUrl, [
    { newDocumentState: next, assumedMasterState: stored },
  ]);
  expect(conflicts).toEqual([]);
}

describe('an edit the server already holds, sent again into a conflict', () => {
  let server: TestServer;
  let proxy: FaultProxy;
  let tablet: AppTablet;

  afterEach(async () => {
    await tablet?.close();
    await proxy?.close();
    await server?.stop();
  });

  it('is counted as on the server once the merge leaves nothing to send', async () => {
    server = await startTestServer();
    const port = (server.app.server.address() as AddressInfo).port;
    proxy = await FaultProxy.start(() => port);
    const tokens = staticTokens(await advisorLogin(server.baseUrl));
    tablet = await AppTablet.start(proxy.baseUrl, { tokens });
    const order = await createRepairOrder(tablet.database, advisor, { concern: '异响' });
    await tablet.settle();
    await tablet.goOffline();

    // The advisor's edit reaches the server, but the tablet never hears back ...
    const before = await serverOrder(server.baseUrl, order.id);
    const edited = await editRepairOrder(tablet.database, advisor, order.id, {
      concern: '异响,冷车明显',
    });
    await pushRows(server.baseUrl, [
      { newDocumentState: toWire(edited), assumedMasterState: before },
    ]);
    // ... and another tablet builds on it.
    await editElsewhere(server.baseUrl, order.id, {
      vehicle: { ...edited.vehicle, colour: '银色' },
    });

    // ... and again, before the tablet is back.
    await editElsewhere(server.baseUrl, order.id, {
      vehicle: { ...edited.vehicle, colour: '银色', plate: '京A·1' },
    });

    // Back online, the tablet sends its edit again: the merge is the server's copy, nothing more goes.
    let pushes = 0;
    proxy.beforeForward = async ({ method, path }) => {
      if (method === 'POST' && path.startsWith(pushPath)) pushes += 1;
    };
    tablet.goOnline();
    await tablet.settle();
    expect(pushes).toBe(1);

    const final = await serverOrder(server.baseUrl, order.id);
    expect(final).toMatchObject({ concern: '异响,冷车明显', conflicts: [] });
    const local = (await tablet.database.repair_orders.findOne(order.id).exec())?.toJSON();
    expect({ ...local, _deleted: false }).toEqual(final);
    expect(await tablet.pendingCount()).toBe(0);
  });
});
