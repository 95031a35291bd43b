import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_CONFLICT_ENTRIES, SYNC_LIMITS, type RepairOrder } from '../../src/schema/index.js';
import { createRepairOrders, draftRepairOrder } from '../../src/features/orders/data.js';
import { useSyncStatus } from '../../src/sync/sync-store.js';
import { freePort } from '../e2e/support/product-server.js';
import { createRepairOrder, editRepairOrder } from '../../src/features/orders/data.js';
import { AppTablet } from './helpers/app-tablet.js';
import { addDemoSiteUser, loginAs, staticTokens } from './helpers/auth.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';
import { pullPage } from './helpers/sync-http.js';

const advisor = { username: 'advisor1', siteId: 'demo-site' };
const otherAdvisor = { username: 'advisor2', siteId: 'demo-site' };

async function serverOrder(server: TestServer, id: string): Promise<RepairOrder | undefined> {
  const page = await pullPage(server.baseUrl, undefined, 500);
  return page.documents.find((document) => document.id === id) as RepairOrder | undefined;
}

async function localOrder(tablet: AppTablet, id: string): Promise<RepairOrder | undefined> {
  return (await tablet.database.repair_orders.findOne(id).exec())?.toJSON() as
    RepairOrder | undefined;
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

describe("the app's sync against a real server", () => {
  let server: TestServer;
  const tablets: AppTablet[] = [];

  beforeEach(async () => {
    server = await startTestServer();
  });

  afterEach(async () => {
    await Promise.all(tablets.splice(0).map((tablet) => tablet.close()));
    await server.stop();
  });

  async function tablet(options?: Parameters<typeof AppTablet.start>[1]): Promise<AppTablet> {
    const started = await AppTablet.start(server.baseUrl, options);
    tablets.push(started);
    return started;
  }

  it('counts edits as not yet on server until the server confirms them', async () => {
    const offline = await tablet({ online: false });
    const order = await createRepairOrder(offline.database, advisor, { concern: '异响' });
    await editRepairOrder(offline.database, advisor, order.id, { customer: { name: '周敏' } });
    expect(await offline.pendingCount()).toBe(1);
    expect(await serverOrder(server, order.id)).toBeUndefined();

    offline.goOnline();
    await offline.settle();
    await eventually(
      () => offline.pendingCount(),
      (count) => count === 0,
    );
    expect(await serverOrder(server, order.id)).toMatchObject({
      customer: { name: '周敏' },
      concern: '异响',
    });
  });

  it('two advisors edit the same order offline: both edits survive and the overwritten value is kept', async () => {
    await addDemoSiteUser(server.baseUrl, {
      username: otherAdvisor.username,
      displayName: 'Ma Li 马丽',
      role: 'advisor',
    });
    // One app open at a time (see AppTablet): each tablet is put away after its turn.
    const first = await tablet();
    const order = await createRepairOrder(first.database, advisor, { concern: '刹车异响' });
    await first.settle();
    await first.goOffline();
    await editRepairOrder(first.database, advisor, order.id, {
      customer: { phone: '139 0000 1111' },
      concern: '刹车时前轮异响',
    });
    await first.powerOff();

    const second = await tablet({
      tokens: staticTokens(await loginAs(server.baseUrl, otherAdvisor.username)),
    });
    await eventually(
      () => localOrder(second, order.id),
      (found) => found !== undefined,
    );
    await second.goOffline();
    await editRepairOrder(second.database, otherAdvisor, order.id, {
      vehicle: { colour: '银色' },
      concern: '刹车异响,方向盘抖动',
    });
    await second.powerOff();

    await first.powerOn();
    first.goOnline();
    await first.settle();
    await first.powerOff();
    await second.powerOn();
    second.goOnline(); // arrives later: its concern wins, the first one's is kept as a conflict
    await second.settle();

    const merged = await eventually(
      () => serverOrder(server, order.id),
      (found) => found?.vehicle.colour === '银色' && found.customer.phone === '139 0000 1111',
    );
    expect(merged?.concern).toBe('刹车异响,方向盘抖动');
    expect(merged?.conflicts).toEqual([
      expect.objectContaining({
        path: 'concern',
        lostValue: JSON.stringify('刹车时前轮异响'),
        keptValue: JSON.stringify('刹车异响,方向盘抖动'),
        lostBy: 'advisor1',
      }),
    ]);

    // Both tablets converge on the server's state: the second now, the first once back on.
    for (const each of [second, first]) {
      await each.powerOn();
      each.goOnline();
      const local = await eventually(
        () => localOrder(each, order.id),
        (found) => found?.conflicts.length === 1,
      );
      expect({ ...local, _deleted: false }).toEqual(merged);
      expect(await each.pendingCount()).toBe(0);
      await each.powerOff();
    }
  });

  it('the largest orders the schema allows still sync, in batches the server accepts', async () => {
    const offline = await tablet({ online: false });
    const longText = (length: number) => '左前轮异响\n'.repeat(length / 6).slice(0, length);
    const orders = Array.from({ length: 10 }, () => ({
      ...draftRepairOrder(advisor),
      concern: longText(4_000),
      conflicts: Array.from({ length: MAX_CONFLICT_ENTRIES }, (_, index) => ({
        path: 'concern',
        keptValue: JSON.stringify(longText(4_000)),
        lostValue: JSON.stringify(longText(4_000)),
        lostBy: 'advisor2',
        lostAt: index,
        resolvedAt: index + 1,
      })),
    }));
    await createRepairOrders(offline.database, orders);
    const batchBytes = Buffer.byteLength(
      JSON.stringify(orders.map((order) => ({ newDocumentState: order }))),
    );
    expect(batchBytes).toBeGreaterThan(SYNC_LIMITS.maxBodyBytes); // one batch is too big: it must be split

    offline.goOnline();
    await offline.settle();
    await eventually(
      () => offline.pendingCount(),
      (count) => count === 0,
    );
    for (const order of orders)
      expect((await serverOrder(server, order.id))?.concern).toBe(order.concern);
  });

  it('a tablet that cannot reach the server says why, and keeps its edits pending', async () => {
    const unused = {
      accessToken: async () => 'never-checked',
      refreshAfterUnauthorized: async () => null,
    };
    const nowhere = await AppTablet.start(`http://127.0.0.1:${await freePort()}`, {
      tokens: unused,
    });
    tablets.push(nowhere);
    await createRepairOrder(nowhere.database, advisor, { concern: '空调不制冷' });
    const status = await eventually(
      async () => useSyncStatus.getState().error,
      (error) => error?.code === 'SERVER_UNREACHABLE',
    );
    expect(status?.message['zh-CN']).toContain('无法连接服务器');
    expect(await nowhere.pendingCount()).toBe(1);
  });
});
