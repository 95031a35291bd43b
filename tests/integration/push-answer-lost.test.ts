import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_BASE, type RepairOrder } from '../../src/schema/index.js';
import { createRepairOrder, editRepairOrder } from '../../src/features/orders/data.js';
import { AppTablet } from './helpers/app-tablet.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';
import { pullPage } from './helpers/sync-http.js';

/**
 * A push the server stores but whose answer never reaches the tablet (the tab
 * closes, the connection drops): the tablet's later edits of that record must
 * not come back as conflicts with its own earlier write.
 */
const advisor = { username: 'advisor1', siteId: 'demo-site' };

/**
 * Lets the first push to `collection` reach the server, then loses its answer
 * and fails every later push, as a network that went away right after the
 * server committed. `committed` resolves once the server has answered.
 */
function loseAnswerOfFirstPush(collection: string) {
  const realFetch = globalThis.fetch;
  const pushUrl = `${API_BASE}/sync/${collection}/push`;
  let answered: () => void = () => {};
  const committed = new Promise<void>((resolve) => (answered = resolve));
  let lost = false;
  globalThis.fetch = async (input, init) => {
    if (!String(input instanceof Request ? input.url : input).endsWith(pushUrl)) {
      return realFetch(input, init);
    }
    if (lost) throw new TypeError('fetch failed: network went away');
    lost = true;
    await realFetch(input, init);
    answered();
    throw new TypeError('fetch failed: answer lost');
  };
  return { committed, restore: () => (globalThis.fetch = realFetch) };
}

async function serverOrder(server: TestServer, id: string): Promise<RepairOrder | undefined> {
  const page = await pullPage(server.baseUrl, undefined, 500);
  return page.documents.find((document) => document.id === id) as RepairOrder | undefined;
}

async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`not reached in time: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a push whose answer was lost', () => {
  let server: TestServer;
  let tablet: AppTablet | undefined;

  beforeEach(async () => {
    server = await startTestServer();
  });

  afterEach(async () => {
    await tablet?.close();
    await server.stop();
  });

  it("is the tablet's own earlier write, not a conflict: later edits reach the server with no conflict entry", async () => {
    tablet = await AppTablet.start(server.baseUrl, { online: false });
    const order = await createRepairOrder(tablet.database, advisor, { concern: '异响' });
    const network = loseAnswerOfFirstPush('repair_orders');
    try {
      tablet.goOnline();
      await network.committed;
      expect(await serverOrder(server, order.id)).toMatchObject({ concern: '异响' });
      // The advisor goes on; then the app is closed before any answer came.
      await editRepairOrder(tablet.database, advisor, order.id, { customer: { name: '周敏' } });
      await tablet.powerOff();
    } finally {
      network.restore();
    }

    await tablet.powerOn();
    tablet.goOnline();
    await eventually(
      () => tablet?.pendingCount() ?? Promise.resolve(-1),
      (count) => count === 0,
    );
    const stored = await serverOrder(server, order.id);
    expect(stored).toMatchObject({ concern: '异响', customer: { name: '周敏' }, conflicts: [] });
    const local = (await tablet.database.repair_orders.findOne(order.id).exec())?.toJSON();
    expect(local?.conflicts).toEqual([]);
  });
});
